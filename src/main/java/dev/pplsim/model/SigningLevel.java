package dev.pplsim.model;

/**
 * Code Integrity's signing levels ({@code SE_SIGNING_LEVEL_*}, spec §6.2, C; level 13's name is U: PPLcontrol's
 * Custom7, NtCoreLib's WindowsProtectedProcessLight).
 */
public enum SigningLevel {
    UNCHECKED(0), UNSIGNED(1), ENTERPRISE(2), DEVELOPER(3), AUTHENTICODE(4), CUSTOM_2(5), STORE(6), ANTIMALWARE(7),
    MICROSOFT(8), CUSTOM_4(9), CUSTOM_5(10), DYNAMIC_CODEGEN(11), WINDOWS(12), CUSTOM_7(13), WINDOWS_TCB(14), CUSTOM_6(15);

    private final int value;

    SigningLevel(int value) {
        this.value = value;
    }

    public int value() { return value; }

    /** {@code SE_SIGNING_LEVEL_WINDOWS} */
    public String sdkName() { return "SE_SIGNING_LEVEL_" + name(); }

    public static SigningLevel of(int value) {
        return value >= 0 && value < 16 ? values()[value] : null;
    }

    public static SigningLevel byName(String name) {
        SigningLevel l = Ids.byId(values(), SigningLevel::sdkName, name);
        return l != null ? l : Ids.byId(values(), SigningLevel::name, name);
    }

    /** {@code 0x0C SE_SIGNING_LEVEL_WINDOWS} for a level byte; the high nibble (flags, spec §12.4) in the hex only. */
    public static String describe(int level) {
        return String.format(java.util.Locale.ROOT, "0x%02X %s", level, of(level & 0xF).sdkName());
    }
}
