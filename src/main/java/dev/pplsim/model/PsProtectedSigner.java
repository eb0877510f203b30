package dev.pplsim.model;

/** {@code PS_PROTECTED_SIGNER}, the high nibble of {@code PS_PROTECTION} (spec §1.2). */
public enum PsProtectedSigner {
    NONE(0, "None"),
    AUTHENTICODE(1, "Authenticode"),
    CODEGEN(2, "CodeGen"),
    ANTIMALWARE(3, "Antimalware"),
    LSA(4, "Lsa"),
    WINDOWS(5, "Windows"),
    WINTCB(6, "WinTcb"),
    WINSYSTEM(7, "WinSystem"),
    APP(8, "App");

    private final int value;
    private final String shortName;

    PsProtectedSigner(int value, String shortName) {
        this.value = value;
        this.shortName = shortName;
    }

    public int value() { return value; }
    /** The name used in protection spellings, e.g. {@code WinTcb}. */
    public String shortName() { return shortName; }
    public String sdkName() { return "PsProtectedSigner" + shortName; }

    /** The named signer for a 4-bit value, or null for 9..15 (no enumerator; spec §1.2 Max = 9). */
    public static PsProtectedSigner of(int value) {
        for (PsProtectedSigner s : values()) {
            if (s.value == value) return s;
        }
        return null;
    }

    /** Case-insensitive lookup by short name ({@code wintcb}) or SDK name ({@code PsProtectedSignerWinTcb}). */
    public static PsProtectedSigner byName(String name) {
        String n = name.trim();
        if (Ascii.startsWithIgnoreCase(n, "PsProtectedSigner")) n = n.substring(17);
        for (PsProtectedSigner s : values()) {
            if (Ascii.equalsIgnoreCase(s.shortName, n)) return s;
        }
        return null;
    }
}
