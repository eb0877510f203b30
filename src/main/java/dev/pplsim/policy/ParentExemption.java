package dev.pplsim.policy;

/** How {@code PspIsParentProcess} recognises the caller as the target's creator (spec §3.2). */
public enum ParentExemption {
    /** B-old: no parent exemption. */
    NONE("none"),
    /** B-rs: the target's InheritedFromUniqueProcessId equals the caller's pid. */
    PID("pid"),
    /** B-w11 and later: the pid matches and the target's SequenceNumber is greater than the caller's. */
    PID_AND_SEQUENCE("pid-and-sequence");

    private final String id;

    ParentExemption(String id) { this.id = id; }

    public String id() { return id; }

    public static ParentExemption byId(String id) {
        return dev.pplsim.model.Ids.byId(values(), ParentExemption::id, id);
    }
}
