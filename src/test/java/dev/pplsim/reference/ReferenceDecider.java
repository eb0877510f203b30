package dev.pplsim.reference;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;

/**
 * Plain-Java reference for "which access does this open get", one static method per kernel stage, named after the
 * kernel routine it stands for. Tables are typed in from the spec (§2.1, §4.4); nothing is loaded from a file.
 *
 * <p>Order of stages (spec §3.1, §3.2): input validation, generic mapping (§3.1 3a), the SD stage stand-in
 * (§3.1 2/3b), then the open procedure: protection (§3.2), Pico (§7.2), DisallowUserTerminate (§3.2), implicit rights.
 * The first stage that refuses decides, and a refusal always carries granted 0.
 */
public final class ReferenceDecider {

    // ---- access-mask bits (spec §4.4 "Right bits") -------------------------------------------------------------

    /** PROCESS_ALL_ACCESS == THREAD_ALL_ACCESS: every specific and standard right (spec §4.4). */
    public static final int ALL_ACCESS = 0x001FFFFF;
    public static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    public static final int GENERIC_ALL = 0x10000000;
    public static final int GENERIC_EXECUTE = 0x20000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int GENERIC_READ = 0x80000000;
    public static final int GENERICS = GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL;
    /** Every bit a DesiredAccess may carry. */
    public static final int REQUESTABLE = ALL_ACCESS | ACCESS_SYSTEM_SECURITY | MAXIMUM_ALLOWED | GENERICS;
    /** Every bit the SD stage may grant: mapped rights only, no generic bit, no MAXIMUM_ALLOWED. */
    public static final int SD_GRANTABLE = ALL_ACCESS | ACCESS_SYSTEM_SECURITY;

    /** PROCESS_TERMINATE and THREAD_TERMINATE are both bit 0 (spec §4.4). */
    public static final int TERMINATE = 0x0001;

    // process rights used by the implicit additions (spec §3.2, §4.4)
    static final int PROCESS_VM_OPERATION = 0x0008;
    static final int PROCESS_VM_WRITE = 0x0020;
    static final int PROCESS_SET_INFORMATION = 0x0200;
    static final int PROCESS_QUERY_INFORMATION = 0x0400;
    static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    static final int PROCESS_SET_LIMITED_INFORMATION = 0x2000;
    // thread rights used by the implicit additions (spec §3.3, §4.4)
    static final int THREAD_SUSPEND_RESUME = 0x0002;
    static final int THREAD_SET_INFORMATION = 0x0020;
    static final int THREAD_QUERY_INFORMATION = 0x0040;
    static final int THREAD_SET_LIMITED_INFORMATION = 0x0400;
    static final int THREAD_QUERY_LIMITED_INFORMATION = 0x0800;
    static final int THREAD_RESUME = 0x1000;

    /** Every bit an implicit addition can set, per object (the union over both implied-rights styles). */
    public static final int PROCESS_IMPLIED_BITS = PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_SET_LIMITED_INFORMATION;
    public static final int THREAD_IMPLIED_BITS =
            THREAD_QUERY_LIMITED_INFORMATION | THREAD_SET_LIMITED_INFORMATION | THREAD_RESUME;

    // ---- RtlProtectedAccess[] (spec §2.1), indexed by signer -------------------------------------------------------

    private static final int DOMINATE = 0;
    private static final int DENIED_PROCESS = 1;
    private static final int DENIED_THREAD = 2;

    /** {DominateMask, DeniedProcessAccess, DeniedThreadAccess} per signer 0..8, typed from spec §2.1. */
    private static final int[][] RTL_PROTECTED_ACCESS = {
            /* 0 None         */ {0x000, 0x00000000, 0x00000000},
            /* 1 Authenticode */ {0x002, 0x000FC7FE, 0x000FE3FD},
            /* 2 CodeGen      */ {0x004, 0x000FC7FE, 0x000FE3FD},
            /* 3 Antimalware  */ {0x108, 0x000FC7FF, 0x000FE3FF},
            /* 4 Lsa          */ {0x110, 0x000FC7FF, 0x000FE3FF},
            /* 5 Windows      */ {0x13E, 0x000FC7FE, 0x000FE3FD},
            /* 6 WinTcb       */ {0x17E, 0x000FC7FF, 0x000FE3FF},
            /* 7 WinSystem    */ {0x1FE, 0x000FC7FF, 0x000FF7FF},
            /* 8 App          */ {0x000, 0x000FC6FE, 0x000FE3FD},
    };

    /** Number of rows in the table: signers 0..8 are decidable, 9..15 are not (spec §1.2 Max = 9). */
    public static final int SIGNER_ROWS = RTL_PROTECTED_ACCESS.length;

    // GENERIC_MAPPING: the "observed" rows of spec §4.4 live in ReferenceAccessCheck, with the token's

    private ReferenceDecider() {
    }

    // ================================================================================================================
    // Entry point
    // ================================================================================================================

    /**
     * Decides one open.
     *
     * @throws ReferenceInputError for input the agreed semantics cannot decide
     */
    public static ReferenceDecision decide(AccessQuery q) {
        if (ReferenceAccessCheck.appliesTo(q)) {
            // a token (or descriptor inputs), a duplicate, a debug or a token object: docs/ACCESS-CHECK.md decides
            return ReferenceAccessCheck.decide(q).decision();
        }
        ReferenceBuild build = validate(q);

        int mapped = rtlMapGenericMask(q.desired(), q.object());
        int granted = seAccessCheck(mapped, q.sdGranted());
        if (granted == 0 && q.desired() != 0) {
            // spec §3.1 3b: SeAccessCheck fails with an empty result -> STATUS_ACCESS_DENIED
            return ReferenceDecision.denied();
        }

        AccessMode mode = obpEffectiveAccessMode(q.mode(), q.forceAccessCheck());
        return q.object() == ObjectKind.PROCESS
                ? pspProcessOpen(build, q, mode, granted)
                : pspThreadOpen(build, q, mode, granted);
    }

    // ================================================================================================================
    // Input validation (agreed semantics, rule 2)
    // ================================================================================================================

    /** Rejects what cannot be decided and returns the build. */
    static ReferenceBuild validate(AccessQuery q) {
        if (q.caller() == null || q.target() == null || q.object() == null || q.mode() == null
                || q.relation() == null) {
            throw new ReferenceInputError("incomplete query");
        }
        ReferenceBuild build = ReferenceBuild.byId(q.build());
        if (!hasTableRow(q.caller().signer())) {
            throw new ReferenceInputError("caller signer " + q.caller().signer() + " has no RtlProtectedAccess row");
        }
        if (!hasTableRow(q.target().signer())) {
            throw new ReferenceInputError("target signer " + q.target().signer() + " has no RtlProtectedAccess row");
        }
        if ((q.desired() & ~REQUESTABLE) != 0) {
            throw new ReferenceInputError(String.format("desired 0x%08X has bits outside 0x%08X",
                    q.desired(), REQUESTABLE));
        }
        if (q.sdGranted() != null && (q.sdGranted() & ~SD_GRANTABLE) != 0) {
            throw new ReferenceInputError(String.format("sdGranted 0x%08X has bits outside 0x%08X",
                    q.sdGranted(), SD_GRANTABLE));
        }
        if (q.relation() == Relation.SELF && q.callerPico() != (q.targetPico() != null)) {
            // the caller is the target, so "caller is Pico" and "target is Pico" are one fact
            throw new ReferenceInputError("relation self with disagreeing caller/target Pico flags");
        }
        // spec §7.2: a Pico process is one with a provider's context, so the kind and the masks are one fact
        if (q.targetKind() == dev.pplsim.model.ProcessKind.PICO && q.targetPico() == null) {
            throw new ReferenceInputError("a pico target without the provider's masks");
        }
        if (q.targetPico() != null && q.targetKind() != dev.pplsim.model.ProcessKind.NORMAL && q.targetKind() != dev.pplsim.model.ProcessKind.PICO) {
            throw new ReferenceInputError("provider masks on a target of another kind");
        }
        if (q.callerKind() == dev.pplsim.model.ProcessKind.PICO && !q.callerPico()) {
            throw new ReferenceInputError("a pico caller without caller.pico");
        }
        if (q.callerPico() && q.callerKind() != dev.pplsim.model.ProcessKind.NORMAL && q.callerKind() != dev.pplsim.model.ProcessKind.PICO) {
            throw new ReferenceInputError("caller.pico on a caller of another kind");
        }
        if (q.relation() == Relation.SELF && q.callerKind() != q.targetKind()) {
            throw new ReferenceInputError("relation self with different caller and target kinds");   // one EPROCESS, one kind
        }
        if (q.relation() == Relation.SELF && q.caller().value() != q.target().value()) {
            // one EPROCESS has one PS_PROTECTION byte (spec §1.1), audit bit included
            throw new ReferenceInputError("relation self with different caller and target protection bytes");
        }
        return build;
    }

    /** Spec §2.1: the table has rows for signers 0..8 only. */
    public static boolean hasTableRow(int signer) {
        return signer >= 0 && signer < SIGNER_ROWS;
    }

    // ================================================================================================================
    // Table access (spec §2.1)
    // ================================================================================================================

    /** {@code RtlProtectedAccess[signer].DominateMask} (spec §2, §2.1). */
    public static int dominateMask(int signer) {
        return RTL_PROTECTED_ACCESS[signer][DOMINATE];
    }

    /** {@code RtlProtectedAccess[signer].DeniedProcessAccess} (spec §2.1). */
    public static int deniedProcessAccess(int signer) {
        return RTL_PROTECTED_ACCESS[signer][DENIED_PROCESS];
    }

    /** {@code RtlProtectedAccess[signer].DeniedThreadAccess} (spec §2.1, §3.3). */
    public static int deniedThreadAccess(int signer) {
        return RTL_PROTECTED_ACCESS[signer][DENIED_THREAD];
    }

    /** The denied mask the open procedure of {@code object} reads for a target signer (spec §3.2 / §3.3). */
    public static int deniedAccess(ObjectKind object, int signer) {
        return object == ObjectKind.PROCESS ? deniedProcessAccess(signer) : deniedThreadAccess(signer);
    }

    // ================================================================================================================
    // ObpCreateHandle stages (spec §3.1)
    // ================================================================================================================

    /**
     * {@code RtlMapGenericMask} with the type's GenericMapping (spec §3.1 step 3a; "observed" rows of §4.4): each
     * GENERIC_* bit is removed and replaced by its mapping, every other bit is kept.
     */
    public static int rtlMapGenericMask(int desired, ObjectKind object) {
        // one mapping function and one copy of the spec §4.4 rows (and the token's) for the whole reference
        return ReferenceAccessCheck.rtlMapGenericMask(desired, object);
    }

    /**
     * Stand-in for {@code SeAccessCheck} after {@code PsOpenProcess}'s SeDebugPrivilege shortcut (spec §3.1 steps 2
     * and 3b). With no SD input the caller gets what it asked for, MAXIMUM_ALLOWED resolving to 0x1FFFFF (other
     * bits, ACCESS_SYSTEM_SECURITY included, pass through). With SD input, that input is the granted mask.
     */
    public static int seAccessCheck(int mapped, Integer sdGranted) {
        if (sdGranted != null) {
            return sdGranted;
        }
        if ((mapped & MAXIMUM_ALLOWED) != 0) {
            return (mapped & ~MAXIMUM_ALLOWED) | ALL_ACCESS;
        }
        return mapped;
    }

    /**
     * {@code ObpIncrementHandleCountEx}: OBJ_FORCE_ACCESS_CHECK forces UserMode for the open procedure
     * (spec §3.1 step 4).
     */
    public static AccessMode obpEffectiveAccessMode(AccessMode previousMode, boolean forceAccessCheck) {
        return forceAccessCheck ? AccessMode.USER : previousMode;
    }

    // ================================================================================================================
    // Protection helpers (spec §3.2)
    // ================================================================================================================

    /**
     * {@code RtlTestProtectedAccess(c, t)} (spec §3.2, §2.3): an unprotected target is always reachable; otherwise
     * the caller's type must be at least the target's (types 3..7 compared as plain numbers) and the caller's
     * DominateMask must have the target signer's bit. The audit bit (0x08) is never read (spec §1.1).
     */
    public static boolean rtlTestProtectedAccess(PsProtection caller, PsProtection target) {
        int targetType = target.value() & 7;
        if (targetType == 0) {
            return true;
        }
        int callerType = caller.value() & 7;
        if (callerType < targetType) {
            return false;
        }
        int callerSigner = caller.value() >>> 4;
        int targetSigner = target.value() >>> 4;
        return (dominateMask(callerSigner) & (1 << targetSigner)) != 0;
    }

    /**
     * {@code PspCheckForInvalidAccessByProtection(mode, c, t)} (spec §3.2): only non-kernel opens are checked.
     */
    public static boolean pspCheckForInvalidAccessByProtection(AccessMode mode, PsProtection caller,
                                                               PsProtection target) {
        return mode != AccessMode.KERNEL && !rtlTestProtectedAccess(caller, target);
    }

    /**
     * {@code PsTestProtectedProcessIncompatibility(mode, caller, target)} (spec §3.2): never for the same process
     * (for a thread: the owning process, §3.3); otherwise the protection check. The optional hook is taken as NULL.
     */
    public static boolean psTestProtectedProcessIncompatibility(AccessMode mode, Relation relation,
                                                                PsProtection caller, PsProtection target) {
        if (relation == Relation.SELF) {
            return false;
        }
        return pspCheckForInvalidAccessByProtection(mode, caller, target);
    }

    /**
     * {@code PspIsParentProcess(caller, target)} (spec §3.2): B-w11 needs the recorded parent pid to be the caller's
     * and the caller to be older (sequence number), so a reused pid (STALE_PARENT) does not count; B-rs compares the
     * pid only, so STALE_PARENT counts; B-old has no parent exemption at all.
     */
    public static boolean pspIsParentProcess(ReferenceBuild build, Relation relation) {
        switch (build.parentExemption()) {
            case PID_AND_SEQUENCE:
                return relation == Relation.PARENT;
            case PID_ONLY:
                return relation == Relation.PARENT || relation == Relation.STALE_PARENT;
            case NONE:
            default:
                return false;
        }
    }

    /**
     * The denied mask the open procedure applies, after the parent exemption clears TERMINATE (spec §3.2, §3.3).
     */
    public static int effectiveDeniedMask(ReferenceBuild build, ObjectKind object, Relation relation,
                                          PsProtection target) {
        int deny = deniedAccess(object, target.value() >>> 4);
        if (pspIsParentProcess(build, relation)) {
            deny &= ~TERMINATE;
        }
        return deny;
    }

    /**
     * The Pico test of {@code PspProcessOpen} / {@code PspThreadOpen} (spec §7.2): a non-Pico user-mode caller
     * opening a Pico process (or one of its threads, which are Pico threads) may only hold rights inside the
     * provider's OpenProcess / OpenThread mask.
     */
    public static boolean pspPicoRefuses(ObjectKind object, AccessMode mode, boolean callerPico,
                                         PicoProvider targetPico, int granted) {
        if (targetPico == null || callerPico || mode != AccessMode.USER) {
            return false;
        }
        int allowed = object == ObjectKind.PROCESS ? targetPico.openProcess() : targetPico.openThread();
        return (granted & ~allowed) != 0;
    }

    /**
     * The Flags3.DisallowUserTerminate test of {@code PspProcessOpen} (spec §3.2, B-w11 and later only). It is not
     * guarded by the same-process test, so it applies to SELF as well.
     */
    public static boolean pspDisallowUserTerminateRefuses(AccessMode mode, boolean targetDisallowUserTerminate,
                                                          int granted) {
        return targetDisallowUserTerminate && mode == AccessMode.USER && (granted & TERMINATE) != 0;
    }

    // ================================================================================================================
    // Open procedures (spec §3.2, §3.3)
    // ================================================================================================================

    /**
     * Spec §7.3 (U): on a build that refuses it, a user-mode open of another process that is a trustlet fails when it
     * would hold PROCESS_VM_READ (0x10) or PROCESS_VM_WRITE (0x20). No shipped build does.
     */
    public static boolean secureVmOpenRefusedFor(ReferenceBuild build, AccessQuery q, AccessMode mode, int granted) {
        return secureVmRefuses(build, q, mode, granted);
    }

    private static boolean secureVmRefuses(ReferenceBuild build, AccessQuery q, AccessMode mode, int granted) {
        return build.secureVmOpenRefused() && q.targetKind() == dev.pplsim.model.ProcessKind.TRUSTLET
                && q.relation() != Relation.SELF && mode == AccessMode.USER && (granted & (0x10 | 0x20)) != 0;
    }

    /** {@code PspProcessOpen} (spec §3.2). */
    static ReferenceDecision pspProcessOpen(ReferenceBuild build, AccessQuery q, AccessMode mode, int granted) {
        int deny = effectiveDeniedMask(build, ObjectKind.PROCESS, q.relation(), q.target());
        if ((granted & deny) != 0
                && psTestProtectedProcessIncompatibility(mode, q.relation(), q.caller(), q.target())) {
            return ReferenceDecision.denied();   // never silently stripped
        }
        if (build.picoCheck()
                && pspPicoRefuses(ObjectKind.PROCESS, mode, q.callerPico(), q.targetPico(), granted)) {
            return ReferenceDecision.denied();
        }
        if (secureVmRefuses(build, q, mode, granted)) {
            return ReferenceDecision.denied();
        }
        if (build.disallowUserTerminateCheck()
                && pspDisallowUserTerminateRefuses(mode, q.targetDisallowUserTerminate(), granted)) {
            return ReferenceDecision.denied();
        }
        return ReferenceDecision.success(addImpliedProcessRights(build.impliedRights(), granted));
    }

    /**
     * {@code PspThreadOpen} (spec §3.3): as PspProcessOpen with the owning process's protection, the thread deny
     * column, the OpenThread Pico mask and no DisallowUserTerminate test (that flag is a process flag).
     */
    static ReferenceDecision pspThreadOpen(ReferenceBuild build, AccessQuery q, AccessMode mode, int granted) {
        int deny = effectiveDeniedMask(build, ObjectKind.THREAD, q.relation(), q.target());
        if ((granted & deny) != 0
                && psTestProtectedProcessIncompatibility(mode, q.relation(), q.caller(), q.target())) {
            return ReferenceDecision.denied();
        }
        if (build.picoCheck()
                && pspPicoRefuses(ObjectKind.THREAD, mode, q.callerPico(), q.targetPico(), granted)) {
            return ReferenceDecision.denied();
        }
        return ReferenceDecision.success(addImpliedThreadRights(build.impliedRights(), granted));
    }

    /**
     * Implicit process rights on success (spec §3.2): FULL = (VM_OPERATION|VM_WRITE) or QUERY_INFORMATION adds
     * QUERY_LIMITED, SET_INFORMATION adds SET_LIMITED; QUERY_ONLY (B-old) = QUERY_INFORMATION adds QUERY_LIMITED.
     */
    public static int addImpliedProcessRights(ReferenceBuild.ImpliedRights style, int g) {
        int out = g;
        if (style == ReferenceBuild.ImpliedRights.FULL) {
            int vmOpWrite = PROCESS_VM_OPERATION | PROCESS_VM_WRITE;
            if ((g & vmOpWrite) == vmOpWrite || (g & PROCESS_QUERY_INFORMATION) != 0) {
                out |= PROCESS_QUERY_LIMITED_INFORMATION;
            }
            if ((g & PROCESS_SET_INFORMATION) != 0) {
                out |= PROCESS_SET_LIMITED_INFORMATION;
            }
        } else {
            if ((g & PROCESS_QUERY_INFORMATION) != 0) {
                out |= PROCESS_QUERY_LIMITED_INFORMATION;
            }
        }
        return out;
    }

    /**
     * Implicit thread rights on success (spec §3.3): FULL = QUERY_INFORMATION adds QUERY_LIMITED, SET_INFORMATION
     * adds SET_LIMITED, SUSPEND_RESUME adds RESUME; QUERY_ONLY (B-old) = QUERY_INFORMATION adds QUERY_LIMITED.
     */
    public static int addImpliedThreadRights(ReferenceBuild.ImpliedRights style, int g) {
        int out = g;
        if ((g & THREAD_QUERY_INFORMATION) != 0) {
            out |= THREAD_QUERY_LIMITED_INFORMATION;
        }
        if (style == ReferenceBuild.ImpliedRights.FULL) {
            if ((g & THREAD_SET_INFORMATION) != 0) {
                out |= THREAD_SET_LIMITED_INFORMATION;
            }
            if ((g & THREAD_SUSPEND_RESUME) != 0) {
                out |= THREAD_RESUME;
            }
        }
        return out;
    }

    /** The implicit additions for an object on a build. */
    public static int addImpliedRights(ReferenceBuild build, ObjectKind object, int granted) {
        return object == ObjectKind.PROCESS
                ? addImpliedProcessRights(build.impliedRights(), granted)
                : addImpliedThreadRights(build.impliedRights(), granted);
    }

    /** What the SD stage hands the open procedure for a query (generic mapping, then the SD stand-in). */
    public static int sdStageGranted(AccessQuery q) {
        return seAccessCheck(rtlMapGenericMask(q.desired(), q.object()), q.sdGranted());
    }
}
