package dev.pplsim.engine;

import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.SdkNames;

import java.util.List;
import java.util.function.Function;

/**
 * The answer to one {@link AccessQuery}, whether the rules decided it now or a table learnt from them did: the status
 * the open returns, the granted mask (0 when refused), the ids of the rules that fired for it in firing order, and
 * the recorded trace the explanations are filtered from. A table's decision makes its trace when it is first asked
 * for, by running the rules on the query, so every decision explains itself the same way. {@code prerequisite} is
 * the open the operation needed first (the process handle NtOpenProcessToken takes), or null; when it was refused,
 * this decision is its refusal.
 */
public final class Decision {

    private final AccessQuery query;
    private final NtStatus status;
    private final int granted;
    private final List<String> rules;
    private final List<String> warnings;
    private final Decision prerequisite;
    private Function<AccessQuery, Trace> made;
    private volatile Trace trace;

    public Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Trace trace, List<String> warnings,
                    Decision prerequisite) {
        this.query = query;
        this.status = status;
        this.granted = granted;
        this.rules = rules;
        this.trace = trace;
        this.warnings = warnings;
        this.prerequisite = prerequisite;
    }

    public Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Trace trace, List<String> warnings) {
        this(query, status, granted, rules, trace, warnings, null);
    }

    /** A decision whose trace is made from its query on first use (one function per table, not one per decision). */
    public Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Function<AccessQuery, Trace> trace,
                    List<String> warnings) {
        this(query, status, granted, rules, (Trace) null, warnings, null);
        this.made = trace;
    }

    public AccessQuery query() { return query; }
    public NtStatus status() { return status; }
    public int granted() { return granted; }
    public List<String> rules() { return rules; }
    public List<String> warnings() { return warnings; }
    public Decision prerequisite() { return prerequisite; }

    public Trace trace() {
        Trace t = trace;
        if (t == null) {
            synchronized (this) {
                t = trace;
                if (t == null) trace = t = made.apply(query);
            }
        }
        return t;
    }

    /** {@code 0x001FFFFF} */
    public String grantedHex() { return SdkNames.hex(granted); }

    @Override
    public String toString() {
        return "Decision[" + query + " -> " + status + " " + grantedHex() + " " + rules + "]";
    }
}
