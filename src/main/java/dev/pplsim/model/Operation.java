package dev.pplsim.model;

/**
 * What the caller does to obtain its handle (spec §3.1, §3.4): an open (NtOpenProcess / NtOpenThread /
 * NtOpenProcessToken), a DuplicateHandle into the caller's handle table, or attaching a debugger
 * (NtDebugActiveProcess).
 */
public enum Operation {
    /** NtOpenProcess, NtOpenThread, or NtOpenProcessToken for {@link ObjectKind#TOKEN} (spec §3.1, §4.3). */
    OPEN("open", "NtOpenProcess / NtOpenThread / NtOpenProcessToken"),
    /** ObDuplicateObject: the open procedure runs with the receiving process as the caller (spec §3.4). */
    DUPLICATE("duplicate", "NtDuplicateObject / ObDuplicateObject"),
    /** NtDebugActiveProcess: the Dbgk paths call PspCheckForInvalidAccessByProtection (spec §3.4). */
    DEBUG("debug", "NtDebugActiveProcess");

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
