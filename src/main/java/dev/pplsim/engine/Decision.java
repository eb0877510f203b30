package dev.pplsim.engine;

import dev.pplsim.explain.Trace;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;

import java.util.List;

/**
 * The answer to one {@link AccessQuery}: the status the open returns, the granted mask (0 when refused), the ids
 * of the rules that fired for it in firing order, and the recorded trace the explanations are filtered from.
 */
public record Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Trace trace,
                       List<String> warnings) {

    /** {@code 0x001FFFFF} */
    public String grantedHex() { return dev.pplsim.policy.Spelling.hex(granted); }
}
