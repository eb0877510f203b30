package dev.pplsim.model;

/**
 * The ACE types this simulator reads, with their SDDL codes (winnt.h {@code *_ACE_TYPE}; spec §4.2, §4.3).
 * Audit, alarm, object and callback ACEs are out of scope.
 */
public enum AceType {
    ACCESS_ALLOWED(0x00, "ACCESS_ALLOWED_ACE_TYPE", "A"),
    ACCESS_DENIED(0x01, "ACCESS_DENIED_ACE_TYPE", "D"),
    /** SACL only: the object's integrity label and its NO_*_UP policy (spec §4.2). */
    SYSTEM_MANDATORY_LABEL(0x11, "SYSTEM_MANDATORY_LABEL_ACE_TYPE", "ML"),
    /** SACL only: the object's process trust label (spec §4.3). */
    SYSTEM_PROCESS_TRUST_LABEL(0x14, "SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE", "TL");

    private final int value;
    private final String sdkName;
    private final String sddl;

    AceType(int value, String sdkName, String sddl) {
        this.value = value;
        this.sdkName = sdkName;
        this.sddl = sddl;
    }

    public int value() { return value; }
    public String sdkName() { return sdkName; }
    /** The SDDL ace_type code: {@code A}, {@code D}, {@code ML}, {@code TL}. */
    public String sddl() { return sddl; }

    /** Label ACEs belong in the SACL, allow and deny ACEs in the DACL. */
    public boolean isSaclType() { return this == SYSTEM_MANDATORY_LABEL || this == SYSTEM_PROCESS_TRUST_LABEL; }
}
