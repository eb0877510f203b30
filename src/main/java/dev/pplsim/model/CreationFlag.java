package dev.pplsim.model;

/**
 * The Win32 creation flags that shape a protected creation (winbase.h, spec §12.1) and the native process-create flag
 * each becomes in CreateProcessInternalW (spec §12.2); 0 when it becomes something else (a thread flag, a debug
 * object) or nothing the kernel's protection checks read.
 */
public enum CreationFlag {
    DEBUG_PROCESS(0x00000001, 0),
    DEBUG_ONLY_THIS_PROCESS(0x00000002, 0),
    /** Becomes THREAD_CREATE_FLAGS_CREATE_SUSPENDED of the initial thread, not a process flag (spec §12.2). */
    CREATE_SUSPENDED(0x00000004, 0),
    CREATE_NEW_CONSOLE(0x00000010, 0),
    INHERIT_PARENT_AFFINITY(0x00010000, 0),
    CREATE_PROTECTED_PROCESS(0x00040000, NativeCreateFlag.PROTECTED_PROCESS.value()),
    /** The attribute list (and so a protection-level attribute) is read only with this flag (spec §12.1). */
    EXTENDED_STARTUPINFO_PRESENT(0x00080000, 0),
    CREATE_BREAKAWAY_FROM_JOB(0x01000000, NativeCreateFlag.BREAKAWAY.value());

    private final int value;
    private final int nativeFlag;

    CreationFlag(int value, int nativeFlag) {
        this.value = value;
        this.nativeFlag = nativeFlag;
    }

    public int value() { return value; }

    /** The PROCESS_CREATE_FLAGS_* bit it becomes, or 0. */
    public int nativeFlag() { return nativeFlag; }

    public boolean in(int flags) { return (flags & value) != 0; }

    /** The native process-create flags a Win32 dwCreationFlags becomes. */
    public static int nativeOf(int win32Flags) {
        int n = 0;
        for (CreationFlag f : values()) {
            if (f.in(win32Flags)) n |= f.nativeFlag;
        }
        return n;
    }

    public static CreationFlag byName(String name) {
        return Ids.byId(values(), CreationFlag::name, name);
    }

    /** {@code CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT}, or {@code 0}. */
    public static String names(int flags) {
        return SdkNames.flagNames(flags, values(), CreationFlag::value, CreationFlag::name);
    }
}
