package dev.pplsim.model;

/** The NTSTATUS codes a simulated open can return. */
public enum NtStatus {
    STATUS_SUCCESS(0x00000000),
    /** spec §3.1 step 3b and §3.2. */
    STATUS_ACCESS_DENIED(0xC0000022);

    private final int code;

    NtStatus(int code) { this.code = code; }

    public int code() { return code; }

    /** {@code 0xC0000022} */
    public String hex() { return String.format("0x%08X", code); }

    public boolean isSuccess() { return code >= 0; }
}
