package dev.pplsim.model;

/**
 * The Win32 {@code PROTECTION_LEVEL_*} values a creator passes in PROC_THREAD_ATTRIBUTE_PROTECTION_LEVEL, and the
 * PS_PROTECTION byte each stands for (spec §1.4: values C, the byte column I, from the names and NtCoreLib's).
 * {@link #SAME} stands for the creator's own byte; {@link #NONE} is a query result whose byte is 0.
 */
public enum ProtectionLevel {
    PROTECTION_LEVEL_WINTCB_LIGHT(0x0, 0x61),
    PROTECTION_LEVEL_WINDOWS(0x1, 0x52),
    PROTECTION_LEVEL_WINDOWS_LIGHT(0x2, 0x51),
    PROTECTION_LEVEL_ANTIMALWARE_LIGHT(0x3, 0x31),
    PROTECTION_LEVEL_LSA_LIGHT(0x4, 0x41),
    PROTECTION_LEVEL_WINTCB(0x5, 0x62),
    PROTECTION_LEVEL_CODEGEN_LIGHT(0x6, 0x21),
    PROTECTION_LEVEL_AUTHENTICODE(0x7, 0x12),
    PROTECTION_LEVEL_PPL_APP(0x8, 0x81),
    PROTECTION_LEVEL_SAME(0xFFFFFFFFL, -1),
    PROTECTION_LEVEL_NONE(0xFFFFFFFEL, 0x00);

    private final long value;
    private final int protection;

    ProtectionLevel(long value, int protection) {
        this.value = value;
        this.protection = protection;
    }

    /** The attribute's DWORD. */
    public long value() { return value; }

    /** The PS_PROTECTION byte it asks for; -1 for SAME (the creator's). */
    public int protection() { return protection; }

    /** The level whose DWORD this is, or null for a value no PROTECTION_LEVEL_* names. */
    public static ProtectionLevel of(long value) {
        for (ProtectionLevel l : values()) {
            if (l.value == value) return l;
        }
        return null;
    }

    public static ProtectionLevel byName(String name) {
        return Ids.byId(values(), ProtectionLevel::name, name);
    }

    /** {@code PROTECTION_LEVEL_WINTCB_LIGHT (0x0)}, or {@code 0x00000009} for a value no constant names. */
    public static String describe(long value) {
        ProtectionLevel l = of(value);
        return l != null ? l.name() + " (0x" + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT) + ")"
                : String.format(java.util.Locale.ROOT, "0x%08X", value);
    }
}
