package dev.pplsim.model;

/**
 * What kind of process an EPROCESS is (spec §7.1-§7.3, §12.7), with the kernel routine or create flag and the SDK
 * attribute that make each, side by side where they exist. The kind is fixed at creation: it decides what a handle
 * to the process can reach, not (but for Pico and secure processes) whether the open succeeds.
 */
public enum ProcessKind {
    /** An ordinary Win32 process: NtCreateUserProcess, a PEB, ntdll, a user address space in VTL0. */
    NORMAL("normal", "NtCreateUserProcess", "CreateProcess"),
    /**
     * No user address space, no PEB, no ntdll, no section (spec §7.1, §12.7 C): created only in kernel mode by
     * PsCreateMinimalProcess, or NtCreateProcessEx with PROCESS_CREATE_FLAGS_MINIMAL_PROCESS 0x800 (spec §12.2).
     */
    MINIMAL("minimal", "PsCreateMinimalProcess / PROCESS_CREATE_FLAGS_MINIMAL_PROCESS 0x800", null),
    /** A minimal process plus a Pico provider's context (spec §7.2, §12.7 C): PspCreatePicoProcess. */
    PICO("pico", "PspCreatePicoProcess (PsRegisterPicoProvider)", null),
    /**
     * A secure (IUM) process whose user pages live in VTL1 (spec §7.3 C/U): the PS_CP_SECURE_PROCESS create
     * attribute, the IUM EKU 1.3.6.1.4.1.311.10.3.37 and a .tpolicy section.
     */
    TRUSTLET("trustlet", "PS_CP_SECURE_PROCESS", "PROC_THREAD_ATTRIBUTE_SECURE_PROCESS (winbase.h; the spec names only the kernel's)"),
    /** A packaged (Store) process (spec §12.7 C): App-PPL 0x81 may be forced on it (spec §12.3 item 8, I). */
    PACKAGED("packaged", "NtCreateUserProcess with the package attribute", "PROC_THREAD_ATTRIBUTE_PACKAGE_FULL_NAME");

    private final String id;
    private final String kernelName;
    private final String sdkName;

    ProcessKind(String id, String kernelName, String sdkName) {
        this.id = id;
        this.kernelName = kernelName;
        this.sdkName = sdkName;
    }

    /** Lower-case name used in YAML, JSON and on the command line. */
    public String id() { return id; }
    /** The kernel routine, native flag or attribute that makes this kind. */
    public String kernelName() { return kernelName; }
    /** The Win32 SDK's name for it, or null when user mode cannot ask for it. */
    public String sdkName() { return sdkName; }

    /** Whether the process has a user address space a VM right could reach (spec §7.1: a minimal process has none). */
    public boolean hasUserAddressSpace() { return this != MINIMAL; }

    /** Whether its user memory is isolated in VTL1 (spec §7.3). */
    public boolean secure() { return this == TRUSTLET; }

    public static ProcessKind byId(String id) {
        return Ids.byId(values(), ProcessKind::id, id);
    }
}
