package dev.pplsim.model;

/** The mandatory-label RIDs of {@code S-1-16-*} (winnt.h {@code SECURITY_MANDATORY_*_RID}; spec §4.2, MS-DTYP [S17]). */
public enum IntegrityLevel {
    UNTRUSTED(0x0000, "SECURITY_MANDATORY_UNTRUSTED_RID"),
    LOW(0x1000, "SECURITY_MANDATORY_LOW_RID"),
    MEDIUM(0x2000, "SECURITY_MANDATORY_MEDIUM_RID"),
    MEDIUM_PLUS(0x2100, "SECURITY_MANDATORY_MEDIUM_PLUS_RID"),
    HIGH(0x3000, "SECURITY_MANDATORY_HIGH_RID"),
    SYSTEM(0x4000, "SECURITY_MANDATORY_SYSTEM_RID"),
    /** S-1-16-20480 (spec §4.2); which tokens carry it is not established. */
    PROTECTED_PROCESS(0x5000, "SECURITY_MANDATORY_PROTECTED_PROCESS_RID");

    private final int rid;
    private final String sdkName;

    IntegrityLevel(int rid, String sdkName) {
        this.rid = rid;
        this.sdkName = sdkName;
    }

    public int rid() { return rid; }
    public String sdkName() { return sdkName; }
    public Sid sid() { return Sid.of(Sid.MANDATORY_LABEL_AUTHORITY, rid); }
}
