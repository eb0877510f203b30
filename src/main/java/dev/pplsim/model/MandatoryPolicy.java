package dev.pplsim.model;

/**
 * The access mask of a SYSTEM_MANDATORY_LABEL ACE: which access directions a lower-integrity caller loses
 * (winnt.h {@code SYSTEM_MANDATORY_LABEL_NO_*_UP}; spec §4.2, [S17] C), with the SDDL right codes.
 */
public enum MandatoryPolicy {
    NO_WRITE_UP(0x1, "SYSTEM_MANDATORY_LABEL_NO_WRITE_UP", "NW"),
    NO_READ_UP(0x2, "SYSTEM_MANDATORY_LABEL_NO_READ_UP", "NR"),
    NO_EXECUTE_UP(0x4, "SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP", "NX");

    /** winnt.h {@code SYSTEM_MANDATORY_LABEL_VALID_MASK}. */
    public static final int VALID_MASK = 0x7;

    private final int mask;
    private final String sdkName;
    private final String sddl;

    MandatoryPolicy(int mask, String sdkName, String sddl) {
        this.mask = mask;
        this.sdkName = sdkName;
        this.sddl = sddl;
    }

    public int mask() { return mask; }
    public String sdkName() { return sdkName; }
    public String sddl() { return sddl; }
}
