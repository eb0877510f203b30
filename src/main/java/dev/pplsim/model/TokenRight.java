package dev.pplsim.model;

/**
 * Token-specific rights (winnt.h {@code TOKEN_*}). The spec names the five a protected process's token keeps for a
 * less-trusted caller (spec §4.3: the trust label mask 0x2001E = READ_CONTROL | TOKEN_QUERY_SOURCE | TOKEN_QUERY |
 * TOKEN_IMPERSONATE | TOKEN_DUPLICATE); the other bits are winnt.h's.
 */
public enum TokenRight implements AccessRight {
    ASSIGN_PRIMARY(0x0001, "TOKEN_ASSIGN_PRIMARY"),
    DUPLICATE(0x0002, "TOKEN_DUPLICATE"),
    IMPERSONATE(0x0004, "TOKEN_IMPERSONATE"),
    QUERY(0x0008, "TOKEN_QUERY"),
    QUERY_SOURCE(0x0010, "TOKEN_QUERY_SOURCE"),
    ADJUST_PRIVILEGES(0x0020, "TOKEN_ADJUST_PRIVILEGES"),
    ADJUST_GROUPS(0x0040, "TOKEN_ADJUST_GROUPS"),
    ADJUST_DEFAULT(0x0080, "TOKEN_ADJUST_DEFAULT"),
    ADJUST_SESSIONID(0x0100, "TOKEN_ADJUST_SESSIONID");

    /** winnt.h {@code TOKEN_ALL_ACCESS}: STANDARD_RIGHTS_REQUIRED (0xF0000) and every bit above. */
    public static final int ALL_ACCESS = 0x000F01FF;

    private final int mask;
    private final String sdkName;

    TokenRight(int mask, String sdkName) {
        this.mask = mask;
        this.sdkName = sdkName;
    }

    @Override public int mask() { return mask; }
    @Override public String sdkName() { return sdkName; }
}
