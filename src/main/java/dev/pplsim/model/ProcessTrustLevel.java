package dev.pplsim.model;

/**
 * Sub-authority 2 of a trust SID {@code S-1-19-<type>-<level>} (winnt.h {@code SECURITY_PROCESS_PROTECTION_LEVEL_*_RID};
 * spec §4.3). There is no RID for CodeGen, Lsa or WinSystem.
 */
public enum ProcessTrustLevel {
    NONE(0x0000, "SECURITY_PROCESS_PROTECTION_LEVEL_NONE_RID"),
    AUTHENTICODE(0x0400, "SECURITY_PROCESS_PROTECTION_LEVEL_AUTHENTICODE_RID"),
    ANTIMALWARE(0x0600, "SECURITY_PROCESS_PROTECTION_LEVEL_ANTIMALWARE_RID"),
    APP(0x0800, "SECURITY_PROCESS_PROTECTION_LEVEL_APP_RID"),
    WINDOWS(0x1000, "SECURITY_PROCESS_PROTECTION_LEVEL_WINDOWS_RID"),
    WINTCB(0x2000, "SECURITY_PROCESS_PROTECTION_LEVEL_WINTCB_RID");

    private final int rid;
    private final String sdkName;

    ProcessTrustLevel(int rid, String sdkName) {
        this.rid = rid;
        this.sdkName = sdkName;
    }

    public int rid() { return rid; }
    public String sdkName() { return sdkName; }

    public static ProcessTrustLevel ofRid(long rid) {
        for (ProcessTrustLevel l : values()) {
            if (l.rid == rid) return l;
        }
        return null;
    }

    /** {@code S-1-19-<type>-<level>}. */
    public static Sid sid(ProcessTrustType type, ProcessTrustLevel level) {
        return Sid.of(Sid.PROCESS_TRUST_AUTHORITY, type.rid(), level.rid());
    }
}
