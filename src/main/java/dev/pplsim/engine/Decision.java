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
    /** The trace given when the rules decided, else made by {@code tracer} on first use (under this object's lock). */
    private final Trace given;
    private final Function<AccessQuery, Trace> tracer;
    private Trace made;

    public Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Trace trace, List<String> warnings,
                    Decision prerequisite) {
        this(query, status, granted, rules, trace, null, warnings, prerequisite);
    }

    private Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Trace given,
                     Function<AccessQuery, Trace> tracer, List<String> warnings, Decision prerequisite) {
        this.query = query;
        this.status = status;
        this.granted = granted;
        this.rules = rules;
        this.given = given;
        this.tracer = tracer;
        this.warnings = warnings;
        this.prerequisite = prerequisite;
    }

    public Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Trace trace, List<String> warnings) {
        this(query, status, granted, rules, trace, warnings, null);
    }

    /** A decision whose trace is made from its query on first use (one function per table, not one per decision). */
    public Decision(AccessQuery query, NtStatus status, int granted, List<String> rules, Function<AccessQuery, Trace> trace,
                    List<String> warnings) {
        this(query, status, granted, rules, null, trace, warnings, null);
    }

    public AccessQuery query() { return query; }
    public NtStatus status() { return status; }
    public int granted() { return granted; }
    public List<String> rules() { return rules; }
    public List<String> warnings() { return warnings; }
    public Decision prerequisite() { return prerequisite; }

    public Trace trace() {
        if (given != null) return given;
        synchronized (this) {
            if (made == null) made = tracer.apply(query);
            return made;
        }
    }

    /** {@code 0x001FFFFF} */
    public String grantedHex() { return SdkNames.hex(granted); }

    @Override
    public String toString() {
        return "Decision[" + query + " -> " + status + " " + grantedHex() + " " + rules + "]";
    }
}
