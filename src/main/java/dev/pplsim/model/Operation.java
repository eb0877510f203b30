package dev.pplsim.model;

/**
 * What the caller does to obtain its handle (spec §3.1, §3.4): an open (NtOpenProcess / NtOpenThread /
 * NtOpenProcessToken), a DuplicateHandle into the caller's handle table, or attaching a debugger
 * (DebugActiveProcess: an open, then NtDebugActiveProcess).
 */
public enum Operation {
    /** NtOpenProcess, NtOpenThread, or NtOpenProcessToken for {@link ObjectKind#TOKEN} (spec §3.1, §4.3). */
    OPEN("open", "NtOpenProcess / NtOpenThread / NtOpenProcessToken"),
    /** ObDuplicateObject: the open procedure runs with the receiving process as the caller (spec §3.4). */
    DUPLICATE("duplicate", "NtDuplicateObject / ObDuplicateObject"),
    /**
     * DebugActiveProcess: the target is opened (with 0x00000C3A unless the request names the handle's access, spec
     * §12.6), then NtDebugActiveProcess's Dbgk paths call PspCheckForInvalidAccessByProtection (spec §3.4).
     */
    DEBUG("debug", "DebugActiveProcess / NtDebugActiveProcess");

    private final String id;
    private final String kernelFunction;

    Operation(String id, String kernelFunction) {
        this.id = id;
        this.kernelFunction = kernelFunction;
    }

    public String id() { return id; }
    public String kernelFunction() { return kernelFunction; }

    public static Operation byId(String id) {
        return Ids.byId(values(), Operation::id, id);
    }
}
