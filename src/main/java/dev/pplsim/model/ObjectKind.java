package dev.pplsim.model;

import java.util.List;

/**
 * The object types a caller opens: process and thread, whose open procedure runs the protection check (spec §3.2,
 * §3.3), and the token of a process, which has none: a protected process's token is guarded by its trust label
 * instead (spec §4.3).
 */
public enum ObjectKind {
    PROCESS("process", "PspProcessOpen", List.of(ProcessRight.values())),
    THREAD("thread", "PspThreadOpen", List.of(ThreadRight.values())),
    /** NtOpenProcessToken: no OpenProcedure; SeAccessCheck on the token's descriptor decides (spec §4.3). */
    TOKEN("token", null, List.of(TokenRight.values()));

    /** The kinds whose open procedure runs the protection check: what matrices, proofs and what-ifs range over. */
    public static final List<ObjectKind> PROTECTED = List.of(PROCESS, THREAD);

    private final String id;
    private final String openProcedure;
    private final List<AccessRight> specificRights;

    ObjectKind(String id, String openProcedure, List<? extends AccessRight> specificRights) {
        this.id = id;
        this.openProcedure = openProcedure;
        this.specificRights = List.copyOf(specificRights);
    }

    /** Lower-case name used in YAML, JSON and on the command line. */
    public String id() { return id; }
    /** The object type's OpenProcedure in the kernel, or null (token). */
    public String openProcedure() { return openProcedure; }
    /** Whether the open procedure runs the protection check (process and thread). */
    public boolean hasOpenProcedure() { return openProcedure != null; }
    public List<AccessRight> specificRights() { return specificRights; }

    /** Every right name valid for this object type: its own, then the standard and generic ones. */
    public List<AccessRight> allRights() {
        var all = new java.util.ArrayList<AccessRight>(specificRights);
        all.addAll(List.of(StandardRight.values()));
        return all;
    }

    public static ObjectKind byId(String id) {
        return Ids.byId(values(), ObjectKind::id, id);
    }
}
