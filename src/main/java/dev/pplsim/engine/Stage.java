package dev.pplsim.engine;

/**
 * The check stages in the kernel's order, one DRL file each: an open's in {@code rules/NN-*.drl}, whose rule ids
 * {@code R<NN>.<n>} name their stage, a creation's in {@code rules/create/NN-*.drl}, ids {@code C<NN>.<n>}, and an
 * image load's in {@code rules/load/NN-*.drl}, ids {@code L<NN>.<n>}.
 */
public enum Stage {
    GENERIC_MAPPING(10, "Generic mapping", "ObpCreateHandle: RtlMapGenericMask", "spec §3.1 step 3a, §4.4"),
    ACCESS_MODE(12, "Access mode", "ObOpenObjectByPointer / ObpIncrementHandleCountEx", "spec §3.1 steps 2, 4"),
    SECURE_DUPLICATION(14, "Secure-process duplication", "ObDuplicateObject: SecureState.SecureHandle", "spec §3.4, §7.3"),
    PRIVILEGES(20, "Privileges and shortcuts", "PsOpenProcess (SeDebugPrivilege) / SeAccessCheck (SeSecurityPrivilege, KernelMode)", "spec §3.1 steps 2-3, §2.2, §3.4"),
    MANDATORY_INTEGRITY(22, "Mandatory integrity", "SeAccessCheck: the mandatory-label check", "spec §4.2"),
    TRUST_LABEL(24, "Trust label", "SeAccessCheck: SepTrustLevelCheck", "spec §4.3"),
    DACL(26, "DACL", "SeAccessCheck: the DACL walk", "spec §4.1"),
    ACCESS_CHECK_RESULT(28, "Access check result", "SeAccessCheck: GrantedAccess", "spec §3.1 step 3b, §4"),
    PROTECTION(40, "Protection compatibility", "PsTestProtectedProcessIncompatibility / RtlTestProtectedAccess", "spec §3.2"),
    DENIED_ACCESS(50, "Denied access", "PspProcessOpen / PspThreadOpen: RtlProtectedAccess[]", "spec §2.1, §3.2, §3.3"),
    PICO(60, "Pico provider", "PspProcessOpen / PspThreadOpen: Pico check", "spec §7.2"),
    SECURE_OPEN(65, "Secure-process open", "PspProcessOpen: a trustlet mask (U, a build switch)", "spec §7.3"),
    DISALLOW_USER_TERMINATE(70, "DisallowUserTerminate", "PspProcessOpen: Flags3.DisallowUserTerminate", "spec §3.2"),
    IMPLIED_RIGHTS(80, "Implied rights", "PspProcessOpen / PspThreadOpen: rights added on success", "spec §3.2, §3.3"),
    DEBUG_ATTACH(85, "Debugger attach", "NtDebugActiveProcess: PspCheckForInvalidAccessByProtection", "spec §3.4"),
    DECISION(90, "Decision", "ObpCreateHandle: the open's status", "spec §3.1, §3.2"),
    MEMORY_REACH(95, "Memory reach", "the target's address space: VTL1 isolation, or none at all", "spec §7.1, §7.3"),
    CREATE_API('C', 10, "API and privileges", "CreateProcessInternalW / CreateProcessAsUser: the entry point's checks", "spec §12.1"),
    CREATE_FLAGS('C', 20, "Native flags", "NtCreateUserProcess: the process-create flags", "spec §12.2"),
    CREATE_ATTRIBUTE('C', 30, "Protection attribute", "NtCreateUserProcess: PS_ATTRIBUTE_PROTECTION_LEVEL", "spec §12.1, §12.3 items 1-4"),
    CREATE_KIND('C', 35, "Process kind", "NtCreateUserProcess: PS_CP_SECURE_PROCESS / the package attribute; the secure kernel", "spec §7.3, §12.7"),
    CREATE_IMAGE_SIGNATURE('C', 40, "Image signature", "Code Integrity: the image's signing level", "spec §6.1-§6.3, §12.3 item 6"),
    CREATE_PROTECTION('C', 50, "Protection from image", "PspGetProcessProtectionRequirementsFromImage / Code Integrity", "spec §12.3, §12.4"),
    CREATE_INHERITANCE('C', 60, "Handle inheritance and debugging", "PspValidateCreateProcessProtection / DbgkOpenProcessDebugPort", "spec §12.6, §3.4"),
    CREATE_HANDLES('C', 70, "Returned handles", "NtCreateUserProcess: RtlTestProtectedAccess for hProcess / hThread", "spec §12.5"),
    CREATE_DECISION('C', 90, "Decision", "NtCreateUserProcess: the creation's status", "spec §12"),
    LOAD_IMAGE_SIGNATURE('L', 10, "Image signing level", "Code Integrity: the image's signing level", "spec §6.1-§6.3"),
    LOAD_SECTION_LEVEL('L', 20, "Section signature level", "EPROCESS.SectionSignatureLevel", "spec §6.3, §12.4"),
    LOAD_KNOWN_DLLS('L', 30, "KnownDlls", "the loader: \\KnownDlls or the file", "spec §6.3, §8"),
    LOAD_SECTION_CHECK('L', 40, "Section signature check", "MiValidateSectionCreate", "spec §6.3, §12.8"),
    LOAD_PAGE_HASHES('L', 50, "Page hashes", "Code Integrity at page-in", "spec §12.8, §8"),
    LOAD_DECISION('L', 90, "Decision", "the image load's status", "spec §12.8");

    private final char prefix;
    private final int number;
    private final String title;
    private final String kernelFunction;
    private final String cite;

    Stage(int number, String title, String kernelFunction, String cite) {
        this('R', number, title, kernelFunction, cite);
    }

    Stage(char prefix, int number, String title, String kernelFunction, String cite) {
        this.prefix = prefix;
        this.number = number;
        this.title = title;
        this.kernelFunction = kernelFunction;
        this.cite = cite;
    }

    public int number() { return number; }
    /** How explanations name it: {@code 40} for an open's stage, {@code C40} for a creation's, {@code L40} for a load's. */
    public String label() { return prefix == 'R' ? Integer.toString(number) : prefix + Integer.toString(number); }

    /** Whether it is a stage of a creation ({@code rules/create/}) rather than of an open. */
    public boolean creation() { return prefix == 'C'; }

    /** Whether it is a stage of an image load ({@code rules/load/}). */
    public boolean load() { return prefix == 'L'; }

    /** Whether it is a stage of an open ({@code rules/NN-*.drl}). */
    public boolean open() { return prefix == 'R'; }
    public String title() { return title; }
    public String kernelFunction() { return kernelFunction; }
    public String cite() { return cite; }

    /** The stage named by a rule id ({@code R40.3}, {@code C50.2}), or null when the id does not name one. */
    public static Stage ofRuleId(String id) {
        if (id == null || !id.matches("[RCL]\\d{2}\\.\\d+")) return null;
        int number = Integer.parseInt(id.substring(1, 3));
        for (Stage s : values()) {
            if (s.prefix == id.charAt(0) && s.number == number) return s;
        }
        return null;
    }
}
