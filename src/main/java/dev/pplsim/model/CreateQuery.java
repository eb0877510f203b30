package dev.pplsim.model;

/**
 * One creation put to the simulator: may this creator start this image, with these flags and this protection
 * level, and what does it get back (spec §12)? The flat form the CLI and the batch contract take.
 *
 * @param creator         the creator's PS_PROTECTION byte
 * @param creatorToken    the creator's token preset, or null for the protection-only model (no privilege is tested)
 * @param api             the entry point
 * @param childToken      the token preset handed in for the child, or null for the creator's own
 * @param image           the image to map
 * @param flags           dwCreationFlags for a Win32 entry point; PROCESS_CREATE_FLAGS_* for RtlCreateUserProcess and
 *                        NtCreateUserProcess
 * @param protectionLevel the protection-level attribute's DWORD, or null when the attribute list holds none
 * @param inheritHandles  bInheritHandles (native INHERIT_HANDLES)
 * @param build           name of the build whose switches decide
 * @param secureProcess   whether the attribute list asks for a secure (IUM) process: PS_CP_SECURE_PROCESS, Win32's
 *                        PROC_THREAD_ATTRIBUTE_SECURE_PROCESS (spec §7.3, §12.7)
 * @param packageFullName PROC_THREAD_ATTRIBUTE_PACKAGE_FULL_NAME's value, or null (spec §12.1, §12.7)
 */
public record CreateQuery(PsProtection creator, String creatorToken, CreateApi api, String childToken, ImageSpec image,
                          int flags, Long protectionLevel, boolean inheritHandles, String build, boolean secureProcess,
                          String packageFullName) {

    public CreateQuery {
        if (creator == null || image == null) throw new IllegalArgumentException("a creation needs a creator and an image");
        if (api == null) api = CreateApi.CREATE_PROCESS;
        if (build == null) build = AccessQuery.DEFAULT_BUILD;
        if (protectionLevel != null && (protectionLevel < 0 || protectionLevel > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("a protection level is a DWORD, got " + protectionLevel);
        }
        if (packageFullName != null && packageFullName.isBlank()) throw new IllegalArgumentException("a package full name is not blank");
    }

    /** A creation whose attribute list asks for neither a secure process nor a package. */
    public CreateQuery(PsProtection creator, String creatorToken, CreateApi api, String childToken, ImageSpec image,
                       int flags, Long protectionLevel, boolean inheritHandles, String build) {
        this(creator, creatorToken, api, childToken, image, flags, protectionLevel, inheritHandles, build, false, null);
    }

    /** The common case: CreateProcess with the creator's token, on the default build. */
    public static CreateQuery of(PsProtection creator, ImageSpec image, int flags, Long protectionLevel) {
        return new CreateQuery(creator, null, CreateApi.CREATE_PROCESS, null, image, flags, protectionLevel, false, null);
    }

    public CreateQuery withBuild(String b) {
        return new CreateQuery(creator, creatorToken, api, childToken, image, flags, protectionLevel, inheritHandles, b, secureProcess, packageFullName);
    }

    public CreateQuery withTokens(String creatorPreset, String childPreset) {
        return new CreateQuery(creator, creatorPreset, api, childPreset, image, flags, protectionLevel, inheritHandles, build, secureProcess, packageFullName);
    }

    public CreateQuery withApi(CreateApi a) {
        return new CreateQuery(creator, creatorToken, a, childToken, image, flags, protectionLevel, inheritHandles, build, secureProcess, packageFullName);
    }

    public CreateQuery withInheritHandles(boolean inherit) {
        return new CreateQuery(creator, creatorToken, api, childToken, image, flags, protectionLevel, inherit, build, secureProcess, packageFullName);
    }

    /** The same creation with the secure-process attribute and package name given (or not). */
    public CreateQuery withAttributes(boolean secure, String packageName) {
        return new CreateQuery(creator, creatorToken, api, childToken, image, flags, protectionLevel, inheritHandles, build, secure, packageName);
    }

    /** The same creation by another creator, on another build. */
    public CreateQuery withCreator(PsProtection c, String b) {
        return new CreateQuery(c, creatorToken, api, childToken, image, flags, protectionLevel, inheritHandles, b, secureProcess, packageFullName);
    }

    /** The same request with another entry point, image, flags, level and bInheritHandles (the child token kept where it may be). */
    public CreateQuery with(CreateApi a, String child, ImageSpec im, int f, Long level, boolean inherit) {
        return new CreateQuery(creator, creatorToken, a, child, im, f, level, inherit, build, secureProcess, packageFullName);
    }

    /** {@code flags} spelled as the entry point takes them. */
    public String flagNames() {
        return api.win32() ? CreationFlag.names(flags) : NativeCreateFlag.names(flags);
    }
}
