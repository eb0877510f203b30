package dev.pplsim.model;

/**
 * The {@code SECURITY_DESCRIPTOR_CONTROL} bits that SDDL spells after {@code D:} and {@code S:} (winnt.h
 * {@code SE_*}). They steer inheritance only; the access check ignores them. Presence bits (SE_DACL_PRESENT, ...)
 * are not kept: {@link SecurityDescriptor} says presence with null.
 */
public enum SdControl {
    DACL_AUTO_INHERIT_REQ(0x0100, "SE_DACL_AUTO_INHERIT_REQ", "AR", false),
    SACL_AUTO_INHERIT_REQ(0x0200, "SE_SACL_AUTO_INHERIT_REQ", "AR", true),
    DACL_AUTO_INHERITED(0x0400, "SE_DACL_AUTO_INHERITED", "AI", false),
    SACL_AUTO_INHERITED(0x0800, "SE_SACL_AUTO_INHERITED", "AI", true),
    DACL_PROTECTED(0x1000, "SE_DACL_PROTECTED", "P", false),
    SACL_PROTECTED(0x2000, "SE_SACL_PROTECTED", "P", true);

    private final int mask;
    private final String sdkName;
    private final String sddl;
    private final boolean sacl;

    SdControl(int mask, String sdkName, String sddl, boolean sacl) {
        this.mask = mask;
        this.sdkName = sdkName;
        this.sddl = sddl;
        this.sacl = sacl;
    }

    public int mask() { return mask; }
    public String sdkName() { return sdkName; }
    /** The SDDL code after {@code D:} or {@code S:}: {@code P}, {@code AI}, {@code AR}. */
    public String sddl() { return sddl; }
    /** Whether this bit belongs to the SACL (else the DACL). */
    public boolean sacl() { return sacl; }

    /** Every bit above. */
    public static final int ALL = 0x3F00;
}
