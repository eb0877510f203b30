package dev.pplsim.model;

/** The NTSTATUS codes a simulated open can return. */
public enum NtStatus {
    STATUS_SUCCESS(0x00000000),
    /** spec §3.1 step 3b and §3.2. */
    STATUS_ACCESS_DENIED(0xC0000022),
    /** SeAccessCheck: ACCESS_SYSTEM_SECURITY asked without SeSecurityPrivilege (spec §2.2: it still needs it). */
    STATUS_PRIVILEGE_NOT_HELD(0xC0000061),
    /** The Dbgk paths when PspCheckForInvalidAccessByProtection fails (spec §3.4; the name is I). */
    STATUS_PROCESS_IS_PROTECTED(0xC0000712);

    private final int code;
    private final String hex;

    NtStatus(int code) {
        this.code = code;
        this.hex = String.format("0x%08X", code);
    }

    public int code() { return code; }

    /** {@code 0xC0000022} */
    public String hex() { return hex; }

    public boolean isSuccess() { return code >= 0; }
}
