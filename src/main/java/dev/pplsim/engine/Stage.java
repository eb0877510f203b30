package dev.pplsim.engine;

/**
 * The check stages in the kernel's order, one DRL file each ({@code rules/NN-*.drl}); a rule's id
 * {@code R<NN>.<n>} names its stage.
 */
public enum Stage {
    GENERIC_MAPPING(10, "Generic mapping", "ObpCreateHandle: RtlMapGenericMask", "spec §3.1 step 3a, §4.4"),
    ACCESS_MODE(12, "Access mode", "ObOpenObjectByPointer / ObpIncrementHandleCountEx", "spec §3.1 steps 2, 4"),
    PRIVILEGES(20, "Privileges and shortcuts", "PsOpenProcess (SeDebugPrivilege) / SeAccessCheck (SeSecurityPrivilege, KernelMode)", "spec §3.1 steps 2-3, §2.2, §3.4"),
    MANDATORY_INTEGRITY(22, "Mandatory integrity", "SeAccessCheck: the mandatory-label check", "spec §4.2"),
    TRUST_LABEL(24, "Trust label", "SeAccessCheck: SepTrustLevelCheck", "spec §4.3"),
    DACL(26, "DACL", "SeAccessCheck: the DACL walk", "spec §4.1"),
    ACCESS_CHECK_RESULT(28, "Access check result", "SeAccessCheck: GrantedAccess", "spec §3.1 step 3b, §4"),
    PROTECTION(40, "Protection compatibility", "PsTestProtectedProcessIncompatibility / RtlTestProtectedAccess", "spec §3.2"),
    DENIED_ACCESS(50, "Denied access", "PspProcessOpen / PspThreadOpen: RtlProtectedAccess[]", "spec §2.1, §3.2, §3.3"),
    PICO(60, "Pico provider", "PspProcessOpen / PspThreadOpen: Pico check", "spec §7.2"),
    DISALLOW_USER_TERMINATE(70, "DisallowUserTerminate", "PspProcessOpen: Flags3.DisallowUserTerminate", "spec §3.2"),
    IMPLIED_RIGHTS(80, "Implied rights", "PspProcessOpen / PspThreadOpen: rights added on success", "spec §3.2, §3.3"),
    DEBUG_ATTACH(85, "Debugger attach", "NtDebugActiveProcess: PspCheckForInvalidAccessByProtection", "spec §3.4"),
    DECISION(90, "Decision", "ObpCreateHandle: the open's status", "spec §3.1, §3.2");

    private final int number;
    private final String title;
    private final String kernelFunction;
    private final String cite;

    Stage(int number, String title, String kernelFunction, String cite) {
        this.number = number;
        this.title = title;
        this.kernelFunction = kernelFunction;
        this.cite = cite;
    }

    public int number() { return number; }
    public String title() { return title; }
    public String kernelFunction() { return kernelFunction; }
    public String cite() { return cite; }

    public static Stage of(int number) {
        for (Stage s : values()) {
            if (s.number == number) return s;
        }
        return null;
    }

    /** The stage named by a rule id {@code R40.3}, or null when the id does not name one. */
    public static Stage ofRuleId(String id) {
        if (id == null || !id.matches("R\\d{2}\\.\\d+")) return null;
        return of(Integer.parseInt(id.substring(1, 3)));
    }
}
