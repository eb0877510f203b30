package dev.pplsim.model;

/** Process-specific rights (spec §4.4, [S5][S12b]). */
public enum ProcessRight implements AccessRight {
    TERMINATE(0x0001, "PROCESS_TERMINATE"),
    CREATE_THREAD(0x0002, "PROCESS_CREATE_THREAD"),
    SET_SESSIONID(0x0004, "PROCESS_SET_SESSIONID"),
    VM_OPERATION(0x0008, "PROCESS_VM_OPERATION"),
    VM_READ(0x0010, "PROCESS_VM_READ"),
    VM_WRITE(0x0020, "PROCESS_VM_WRITE"),
    DUP_HANDLE(0x0040, "PROCESS_DUP_HANDLE"),
    CREATE_PROCESS(0x0080, "PROCESS_CREATE_PROCESS"),
    SET_QUOTA(0x0100, "PROCESS_SET_QUOTA"),
    SET_INFORMATION(0x0200, "PROCESS_SET_INFORMATION"),
    QUERY_INFORMATION(0x0400, "PROCESS_QUERY_INFORMATION"),
    SUSPEND_RESUME(0x0800, "PROCESS_SUSPEND_RESUME"),
    QUERY_LIMITED_INFORMATION(0x1000, "PROCESS_QUERY_LIMITED_INFORMATION"),
    SET_LIMITED_INFORMATION(0x2000, "PROCESS_SET_LIMITED_INFORMATION");

    /** PROCESS_ALL_ACCESS since Vista (spec §4.4). */
    public static final int ALL_ACCESS = 0x001FFFFF;

    private final int mask;
    private final String sdkName;

    ProcessRight(int mask, String sdkName) {
        this.mask = mask;
        this.sdkName = sdkName;
    }

    @Override public int mask() { return mask; }
    @Override public String sdkName() { return sdkName; }
}
