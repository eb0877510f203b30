package dev.pplsim.model;

/** {@code PS_PROTECTED_TYPE}, the low three bits of {@code PS_PROTECTION} (spec §1.2). */
public enum PsProtectedType {
    NONE(0, "PsProtectedTypeNone"),
    PROTECTED_LIGHT(1, "PsProtectedTypeProtectedLight"),
    PROTECTED(2, "PsProtectedTypeProtected");

    private final int value;
    private final String sdkName;

    PsProtectedType(int value, String sdkName) {
        this.value = value;
        this.sdkName = sdkName;
    }

    public int value() { return value; }
    public String sdkName() { return sdkName; }

    /** The named type for a 3-bit value, or null for 3..7, which no real process holds. */
    public static PsProtectedType of(int value) {
        for (PsProtectedType t : values()) {
            if (t.value == value) return t;
        }
        return null;
    }
}
