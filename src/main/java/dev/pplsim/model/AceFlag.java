package dev.pplsim.model;

/** ACE header flags with their SDDL codes (winnt.h {@code *_ACE}). The audit flags SA/FA are out of scope. */
public enum AceFlag {
    OBJECT_INHERIT(0x01, "OBJECT_INHERIT_ACE", "OI"),
    CONTAINER_INHERIT(0x02, "CONTAINER_INHERIT_ACE", "CI"),
    NO_PROPAGATE_INHERIT(0x04, "NO_PROPAGATE_INHERIT_ACE", "NP"),
    /** The ACE applies to children only: SeAccessCheck skips it (and spec §4.3 takes the first non-inherit-only TL ACE). */
    INHERIT_ONLY(0x08, "INHERIT_ONLY_ACE", "IO"),
    INHERITED(0x10, "INHERITED_ACE", "ID");

    private final int mask;
    private final String sdkName;
    private final String sddl;

    AceFlag(int mask, String sdkName, String sddl) {
        this.mask = mask;
        this.sdkName = sdkName;
        this.sddl = sddl;
    }

    public int mask() { return mask; }
    public String sdkName() { return sdkName; }
    public String sddl() { return sddl; }

    /** Every flag above. */
    public static final int ALL = 0x1F;
}
