package dev.pplsim.model;

/** Standard, special and generic rights shared by every object type (spec §4.4). */
public enum StandardRight implements AccessRight {
    DELETE(0x00010000, "DELETE"),
    READ_CONTROL(0x00020000, "READ_CONTROL"),
    WRITE_DAC(0x00040000, "WRITE_DAC"),
    WRITE_OWNER(0x00080000, "WRITE_OWNER"),
    SYNCHRONIZE(0x00100000, "SYNCHRONIZE"),
    ACCESS_SYSTEM_SECURITY(0x01000000, "ACCESS_SYSTEM_SECURITY"),
    MAXIMUM_ALLOWED(0x02000000, "MAXIMUM_ALLOWED"),
    GENERIC_ALL(0x10000000, "GENERIC_ALL"),
    GENERIC_EXECUTE(0x20000000, "GENERIC_EXECUTE"),
    GENERIC_WRITE(0x40000000, "GENERIC_WRITE"),
    GENERIC_READ(0x80000000, "GENERIC_READ");

    /** The four GENERIC_* bits. */
    public static final int GENERIC_MASK = 0xF0000000;
    /** Every bit a request may carry: specific and standard rights, ACCESS_SYSTEM_SECURITY, MAXIMUM_ALLOWED, generics. */
    public static final int REQUESTABLE = 0x001FFFFF | 0x01000000 | 0x02000000 | GENERIC_MASK;

    private final int mask;
    private final String sdkName;

    StandardRight(int mask, String sdkName) {
        this.mask = mask;
        this.sdkName = sdkName;
    }

    @Override public int mask() { return mask; }
    @Override public String sdkName() { return sdkName; }
}
