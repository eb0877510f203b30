package dev.pplsim.model;

/** Thread-specific rights (spec §4.4, [S5][S12b]). */
public enum ThreadRight implements AccessRight {
    TERMINATE(0x0001, "THREAD_TERMINATE"),
    SUSPEND_RESUME(0x0002, "THREAD_SUSPEND_RESUME"),
    ALERT(0x0004, "THREAD_ALERT"),
    GET_CONTEXT(0x0008, "THREAD_GET_CONTEXT"),
    SET_CONTEXT(0x0010, "THREAD_SET_CONTEXT"),
    SET_INFORMATION(0x0020, "THREAD_SET_INFORMATION"),
    QUERY_INFORMATION(0x0040, "THREAD_QUERY_INFORMATION"),
    SET_THREAD_TOKEN(0x0080, "THREAD_SET_THREAD_TOKEN"),
    IMPERSONATE(0x0100, "THREAD_IMPERSONATE"),
    DIRECT_IMPERSONATION(0x0200, "THREAD_DIRECT_IMPERSONATION"),
    SET_LIMITED_INFORMATION(0x0400, "THREAD_SET_LIMITED_INFORMATION"),
    QUERY_LIMITED_INFORMATION(0x0800, "THREAD_QUERY_LIMITED_INFORMATION"),
    RESUME(0x1000, "THREAD_RESUME");

    /** THREAD_ALL_ACCESS since Vista (spec §4.4). */
    public static final int ALL_ACCESS = 0x001FFFFF;

    private final int mask;
    private final String sdkName;

    ThreadRight(int mask, String sdkName) {
        this.mask = mask;
        this.sdkName = sdkName;
    }

    @Override public int mask() { return mask; }
    @Override public String sdkName() { return sdkName; }
}
