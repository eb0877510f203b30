package dev.pplsim.model;

import java.util.Locale;

/** The NTSTATUS codes a simulated open, creation or image load can return. */
public enum NtStatus {
    STATUS_SUCCESS(0x00000000),
    /** spec §3.1 step 3b and §3.2. */
    STATUS_ACCESS_DENIED(0xC0000022),
    /** SeAccessCheck: ACCESS_SYSTEM_SECURITY asked without SeSecurityPrivilege (spec §2.2: it still needs it). */
    STATUS_PRIVILEGE_NOT_HELD(0xC0000061),
    /** The Dbgk paths when PspCheckForInvalidAccessByProtection fails (spec §3.4; the name is I). */
    STATUS_PROCESS_IS_PROTECTED(0xC0000712),
    // a creation's (spec §12); after an open's, so an open's statuses keep their ordinals
    /** NtCreateUserProcess: a flag outside the build's valid set, a protection attribute without the protected flag (spec §12.2, §12.3). */
    STATUS_INVALID_PARAMETER(0xC000000D, true),
    /**
     * CreateProcessInternalW: a native-subsystem image (spec §12.1 says it is refused, not with which code; Win32's
     * message for it is ERROR_CHILD_NOT_COMPLETE, "cannot be run in Win32 mode": the NTSTATUS here is I).
     */
    STATUS_INVALID_IMAGE_FORMAT(0xC000007B, true),
    /** NtCreateUserProcess: AUXILIARY_PROCESS with FORCE_BREAKAWAY (spec §12.2). */
    STATUS_INVALID_PARAMETER_MIX(0xC0000030, true),
    /** Code Integrity: the image's signing level is below the one the requested protection needs (spec §12.3 item 6). */
    STATUS_INVALID_IMAGE_HASH(0xC0000428, true),
    // an image load's (spec §12.8); after a creation's, so the earlier statuses keep their ordinals
    /** The memory manager: a page read in fails its page hash, where page hashes are enforced (spec §12.8). */
    STATUS_IN_PAGE_ERROR(0xC0000006, true),
    // a trustlet's creation (spec §12.7); after a load's, so the earlier statuses keep their ordinals
    /**
     * NtCreateUserProcess: a secure process asked for while VBS is off (spec §12.7 says it fails, S, not with which
     * code: the default of creation.yaml's trustletWithoutVbs switch, U).
     */
    STATUS_NOT_SUPPORTED(0xC00000BB, true);

    private final int code;
    private final String hex;
    private final boolean creationOnly;

    NtStatus(int code) {
        this(code, false);
    }

    NtStatus(int code, boolean creationOnly) {
        this.code = code;
        this.hex = String.format(Locale.ROOT, "0x%08X", code);
        this.creationOnly = creationOnly;
    }

    /** Whether only a creation or an image load returns it (an open never does). */
    public boolean creationOnly() { return creationOnly; }

    public int code() { return code; }

    /** {@code 0xC0000022} */
    public String hex() { return hex; }

    public boolean isSuccess() { return code >= 0; }
}
