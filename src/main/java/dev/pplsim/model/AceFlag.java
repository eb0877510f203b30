package dev.pplsim.model;

/**
 * ACE header flags with their SDDL codes (winnt.h {@code *_ACE}, {@code *_ACE_FLAG}; sddl.h {@code SDDL_*}).
 * SUCCESSFUL_ACCESS and TRUST_PROTECTED_FILTER share bit 0x40: audit ACEs read it as SA, access filter ACEs as TP.
 */
public enum AceFlag {
    OBJECT_INHERIT(0x01, "OBJECT_INHERIT_ACE", "OI"),
    CONTAINER_INHERIT(0x02, "CONTAINER_INHERIT_ACE", "CI"),
    NO_PROPAGATE_INHERIT(0x04, "NO_PROPAGATE_INHERIT_ACE", "NP"),
    /** The ACE applies to children only: SeAccessCheck skips it (and spec §4.3 takes the first non-inherit-only TL ACE). */
    INHERIT_ONLY(0x08, "INHERIT_ONLY_ACE", "IO"),
    INHERITED(0x10, "INHERITED_ACE", "ID"),
    /** The ACE cannot be removed; no effect on an access check. */
    CRITICAL(0x20, "CRITICAL_ACE_FLAG", "CR"),
    /** Audit ACEs: audit successful accesses. */
    SUCCESSFUL_ACCESS(0x40, "SUCCESSFUL_ACCESS_ACE_FLAG", "SA"),
    /** Access filter ACEs: only a trusted process may change the ACE (the same bit as SA). */
    TRUST_PROTECTED_FILTER(0x40, "TRUST_PROTECTED_FILTER_ACE_FLAG", "TP"),
    /** Audit ACEs: audit failed accesses. */
    FAILED_ACCESS(0x80, "FAILED_ACCESS_ACE_FLAG", "FA");

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

    /** Every flag above: AceFlags is one byte. */
    public static final int ALL = 0xFF;
}
