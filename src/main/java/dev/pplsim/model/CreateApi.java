package dev.pplsim.model;

/**
 * The entry points that create a process (spec §12.1). Every Win32 one reaches {@code CreateProcessInternalW}, which
 * refuses a native-subsystem image, and then {@code NtCreateUserProcess}; {@code RtlCreateUserProcess} and
 * {@code NtCreateUserProcess} take native flags directly.
 */
public enum CreateApi {
    /** The creator's own token (spec §12.1). */
    CREATE_PROCESS("CreateProcess", true, null),
    /** A primary token passed in: SeIncreaseQuotaPrivilege, and SeAssignPrimaryTokenPrivilege for a token not assignable by the creator. */
    CREATE_PROCESS_AS_USER("CreateProcessAsUser", true, Privilege.SE_INCREASE_QUOTA),
    /** A token passed in: the caller needs SeImpersonatePrivilege. */
    CREATE_PROCESS_WITH_TOKEN_W("CreateProcessWithTokenW", true, Privilege.SE_IMPERSONATE),
    /** Credentials: the secondary-logon service creates the process for the caller. */
    CREATE_PROCESS_WITH_LOGON_W("CreateProcessWithLogonW", true, null),
    /** Looks the file's extension up, then CreateProcess. */
    SHELL_EXECUTE_EX("ShellExecuteEx", true, null),
    /** ntdll's wrapper: the one that can start a native-subsystem image. */
    RTL_CREATE_USER_PROCESS("RtlCreateUserProcess", false, null),
    NT_CREATE_USER_PROCESS("NtCreateUserProcess", false, null);

    private final String sdkName;
    private final boolean win32;
    private final Privilege needs;

    CreateApi(String sdkName, boolean win32, Privilege needs) {
        this.sdkName = sdkName;
        this.win32 = win32;
        this.needs = needs;
    }

    /** {@code CreateProcessAsUser}: the spelling requests and explanations use. */
    public String sdkName() { return sdkName; }

    /** Whether the request goes through CreateProcessInternalW (Win32 creation flags, the Win32 subsystem check). */
    public boolean win32() { return win32; }

    /** The privilege the entry point itself needs of the creator, or null. */
    public Privilege needs() { return needs; }

    /** Whether the child runs with a token handed in rather than the creator's. */
    public boolean takesToken() {
        return this == CREATE_PROCESS_AS_USER || this == CREATE_PROCESS_WITH_TOKEN_W || this == CREATE_PROCESS_WITH_LOGON_W;
    }

    public static CreateApi bySdkName(String name) {
        return Ids.byId(values(), CreateApi::sdkName, name);
    }
}
