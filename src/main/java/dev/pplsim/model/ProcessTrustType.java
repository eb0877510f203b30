package dev.pplsim.model;

/** Sub-authority 1 of a trust SID {@code S-1-19-<type>-<level>} (winnt.h {@code SECURITY_PROCESS_PROTECTION_TYPE_*_RID}; spec §4.3). */
public enum ProcessTrustType {
    NONE(0x000, "SECURITY_PROCESS_PROTECTION_TYPE_NONE_RID"),
    LITE(0x200, "SECURITY_PROCESS_PROTECTION_TYPE_LITE_RID"),
    FULL(0x400, "SECURITY_PROCESS_PROTECTION_TYPE_FULL_RID");

    private final int rid;
    private final String sdkName;

    ProcessTrustType(int rid, String sdkName) {
        this.rid = rid;
        this.sdkName = sdkName;
    }

    public int rid() { return rid; }
    public String sdkName() { return sdkName; }

    public static ProcessTrustType ofRid(long rid) {
        for (ProcessTrustType t : values()) {
            if (t.rid == rid) return t;
        }
        return null;
    }
}
