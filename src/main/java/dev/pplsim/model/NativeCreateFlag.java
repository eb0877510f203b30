package dev.pplsim.model;

/**
 * NtCreateUserProcess's process-create flags ({@code PROCESS_CREATE_FLAGS_*}; phnt's names, spec §12.2 S for the
 * names, C for the masks). Which ones a build accepts, and which need a privilege, is policy data.
 */
public enum NativeCreateFlag {
    BREAKAWAY(0x00000001),
    NO_DEBUG_INHERIT(0x00000002),
    INHERIT_HANDLES(0x00000004),
    OVERRIDE_ADDRESS_SPACE(0x00000008),
    LARGE_PAGES(0x00000010),
    LARGE_PAGE_SYSTEM_DLL(0x00000020),
    PROTECTED_PROCESS(0x00000040),
    CREATE_SESSION(0x00000080),
    INHERIT_FROM_PARENT(0x00000100),
    SUSPENDED(0x00000200),
    FORCE_BREAKAWAY(0x00000400),
    MINIMAL_PROCESS(0x00000800),
    AUXILIARY_PROCESS(0x00008000),
    CREATE_STORE(0x00020000),
    USE_PROTECTED_ENVIRONMENT(0x00040000),
    IMAGE_EXPANSION_MITIGATION_DISABLE(0x00080000),
    PARTITION_CREATE_SLAB_IDENTITY(0x00400000);

    private final int value;

    NativeCreateFlag(int value) {
        this.value = value;
    }

    public int value() { return value; }

    /** {@code PROCESS_CREATE_FLAGS_PROTECTED_PROCESS} */
    public String sdkName() { return "PROCESS_CREATE_FLAGS_" + name(); }

    public boolean in(int flags) { return (flags & value) != 0; }

    public static NativeCreateFlag bySdkName(String name) {
        return Ids.byId(values(), NativeCreateFlag::sdkName, name);
    }

    /** {@code PROCESS_CREATE_FLAGS_PROTECTED_PROCESS|...}, or {@code 0}. */
    public static String names(int flags) {
        return SdkNames.flagNames(flags, values(), NativeCreateFlag::value, NativeCreateFlag::sdkName);
    }
}
