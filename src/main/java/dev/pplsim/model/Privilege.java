package dev.pplsim.model;

/**
 * The well-known privileges: the name LookupPrivilegeValue takes and the low part of its LUID (winnt.h
 * {@code SE_*_NAME} and {@code SE_*_PRIVILEGE}, 2 = SE_MIN_WELL_KNOWN_PRIVILEGE .. 36 = SE_MAX_WELL_KNOWN_PRIVILEGE).
 * SeUnsolicitedInputPrivilege is left out: it shares LUID 6 with SeMachineAccountPrivilege and is obsolete.
 * SeDebugPrivilege is the one the open path tests (spec §3.1 step 2, §4.1).
 */
public enum Privilege {
    SE_CREATE_TOKEN(2, "SeCreateTokenPrivilege"),
    SE_ASSIGNPRIMARYTOKEN(3, "SeAssignPrimaryTokenPrivilege"),
    SE_LOCK_MEMORY(4, "SeLockMemoryPrivilege"),
    SE_INCREASE_QUOTA(5, "SeIncreaseQuotaPrivilege"),
    SE_MACHINE_ACCOUNT(6, "SeMachineAccountPrivilege"),
    SE_TCB(7, "SeTcbPrivilege"),
    SE_SECURITY(8, "SeSecurityPrivilege"),
    SE_TAKE_OWNERSHIP(9, "SeTakeOwnershipPrivilege"),
    SE_LOAD_DRIVER(10, "SeLoadDriverPrivilege"),
    SE_SYSTEM_PROFILE(11, "SeSystemProfilePrivilege"),
    SE_SYSTEMTIME(12, "SeSystemtimePrivilege"),
    SE_PROF_SINGLE_PROCESS(13, "SeProfileSingleProcessPrivilege"),
    SE_INC_BASE_PRIORITY(14, "SeIncreaseBasePriorityPrivilege"),
    SE_CREATE_PAGEFILE(15, "SeCreatePagefilePrivilege"),
    SE_CREATE_PERMANENT(16, "SeCreatePermanentPrivilege"),
    SE_BACKUP(17, "SeBackupPrivilege"),
    SE_RESTORE(18, "SeRestorePrivilege"),
    SE_SHUTDOWN(19, "SeShutdownPrivilege"),
    SE_DEBUG(20, "SeDebugPrivilege"),
    SE_AUDIT(21, "SeAuditPrivilege"),
    SE_SYSTEM_ENVIRONMENT(22, "SeSystemEnvironmentPrivilege"),
    SE_CHANGE_NOTIFY(23, "SeChangeNotifyPrivilege"),
    SE_REMOTE_SHUTDOWN(24, "SeRemoteShutdownPrivilege"),
    SE_UNDOCK(25, "SeUndockPrivilege"),
    SE_SYNC_AGENT(26, "SeSyncAgentPrivilege"),
    SE_ENABLE_DELEGATION(27, "SeEnableDelegationPrivilege"),
    SE_MANAGE_VOLUME(28, "SeManageVolumePrivilege"),
    SE_IMPERSONATE(29, "SeImpersonatePrivilege"),
    SE_CREATE_GLOBAL(30, "SeCreateGlobalPrivilege"),
    SE_TRUSTED_CREDMAN_ACCESS(31, "SeTrustedCredManAccessPrivilege"),
    SE_RELABEL(32, "SeRelabelPrivilege"),
    SE_INC_WORKING_SET(33, "SeIncreaseWorkingSetPrivilege"),
    SE_TIME_ZONE(34, "SeTimeZonePrivilege"),
    SE_CREATE_SYMBOLIC_LINK(35, "SeCreateSymbolicLinkPrivilege"),
    SE_DELEGATE_SESSION_USER_IMPERSONATE(36, "SeDelegateSessionUserImpersonatePrivilege");

    private final int luid;
    private final String sdkName;

    Privilege(int luid, String sdkName) {
        this.luid = luid;
        this.sdkName = sdkName;
    }

    /** The LUID's low part ({@code SE_DEBUG_PRIVILEGE} = 20); the high part is 0 for every well-known privilege. */
    public int luid() { return luid; }
    /** {@code SeDebugPrivilege}. */
    public String sdkName() { return sdkName; }

    /** Exact lookup by SDK name, as LookupPrivilegeValue (case-insensitive); null when there is no such privilege. */
    public static Privilege byName(String name) {
        for (Privilege p : values()) {
            if (Ascii.equalsIgnoreCase(p.sdkName, name.trim())) return p;
        }
        return null;
    }
}
