package dev.pplsim.engine;

import dev.pplsim.model.SdkNames;

import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;

import java.util.List;

/**
 * The answer to one {@link AccessQuery}: the status the open returns, the granted mask (0 when refused), the ids
 * of the rules that fired for it in firing order, and the recorded trace the explanations are filtered from.
 * {@code prerequisite} is the open the operation needed first (the process handle NtOpenProcessToken takes), or
 * null; when it was refused, this decision is its refusal.
 */
public record Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Trace trace,
                       List<String> warnings, Decision prerequisite) {

    public Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Trace trace, List<String> warnings) {
        this(query, status, granted, rules, trace, warnings, null);
    }

    /** {@code 0x001FFFFF} */
    public String grantedHex() { return SdkNames.hex(granted); }
}
