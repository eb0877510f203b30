package dev.pplsim.model;

/** {@code SID_AND_ATTRIBUTES.Attributes} bits of a token group (winnt.h {@code SE_GROUP_*}). */
public enum GroupAttribute {
    MANDATORY(0x00000001, "SE_GROUP_MANDATORY"),
    ENABLED_BY_DEFAULT(0x00000002, "SE_GROUP_ENABLED_BY_DEFAULT"),
    ENABLED(0x00000004, "SE_GROUP_ENABLED"),
    OWNER(0x00000008, "SE_GROUP_OWNER"),
    USE_FOR_DENY_ONLY(0x00000010, "SE_GROUP_USE_FOR_DENY_ONLY"),
    INTEGRITY(0x00000020, "SE_GROUP_INTEGRITY"),
    INTEGRITY_ENABLED(0x00000040, "SE_GROUP_INTEGRITY_ENABLED"),
    RESOURCE(0x20000000, "SE_GROUP_RESOURCE"),
    /** Two bits: winnt.h defines SE_GROUP_LOGON_ID as 0xC0000000. */
    LOGON_ID(0xC0000000, "SE_GROUP_LOGON_ID");

    /** MANDATORY | ENABLED_BY_DEFAULT | ENABLED: what most groups of a logon token carry. */
    public static final int DEFAULT_ENABLED = 0x7;

    private final int mask;
    private final String sdkName;

    GroupAttribute(int mask, String sdkName) {
        this.mask = mask;
        this.sdkName = sdkName;
    }

    public int mask() { return mask; }
    public String sdkName() { return sdkName; }

    /** Set when every bit of this attribute is in {@code attributes} (LOGON_ID is two bits). */
    public boolean in(int attributes) { return (attributes & mask) == mask; }
}
