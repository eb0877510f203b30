package dev.pplsim.model;

/**
 * How caller and target are related, which the simulator turns into EPROCESS fields (pid, parent pid,
 * sequence number) that the rules then compare as the kernel does (spec §3.2 PspIsParentProcess).
 */
public enum Relation {
    /** Unrelated processes. */
    NONE("none"),
    /** The caller opens itself (or, for a thread, a thread of its own process). */
    SELF("self"),
    /** The caller created the target: the target's parent pid is the caller's pid and the caller is older. */
    PARENT("parent"),
    /**
     * The target's recorded parent pid equals the caller's pid, but the caller was created after the target: the
     * pid was reused. Only the sequence-number comparison of B-w11 tells this apart from {@link #PARENT}.
     */
    STALE_PARENT("stale-parent");

    private final String id;

    Relation(String id) { this.id = id; }

    public String id() { return id; }

    public static Relation byId(String id) {
        return Ids.byId(values(), Relation::id, id);
    }
}
