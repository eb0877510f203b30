package dev.pplsim.reference;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.model.TokenPrivilege;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security-descriptor stage of the reference, in plain Java: one static method per kernel routine, written from
 * {@code docs/ACCESS-CHECK.md} (the contract) and the spec (§3.1, §3.4, §4.1-§4.4) alone. Every constant is typed in
 * here; only the model records are read. {@link ReferenceDecider#decide} hands it every query that carries a token,
 * is a duplicate or a debug, or opens a token object; the protection stages of {@link ReferenceDecider} then run on
 * the mask this stage grants.
 *
 * <p>Choices where the contract leaves room (each marked "I" below, and listed in the test report):
 * <ul>
 *   <li>a token object's valid access (and its MAXIMUM_ALLOWED in kernel mode) is TOKEN_ALL_ACCESS 0x000F01FF;</li>
 *   <li>only an OWNER RIGHTS ACE that is not inherit-only suppresses the owner's implicit rights;</li>
 *   <li>a trust-label ACE's mask is generic-mapped like allow/deny masks;</li>
 *   <li>a debug is only of a process; the open it makes is the query's own DesiredAccess, which must hold
 *       PROCESS_SUSPEND_RESUME (0 stands for Win32 DebugActiveProcess's 0x00000C3A, spec §12.6 S); the Dbgk test
 *       uses the effective mode (OBJ_FORCE_ACCESS_CHECK makes it UserMode);</li>
 *   <li>input errors: a descriptor, a target token or a token object without the caller's token, a source handle
 *       outside a duplicate, sdGranted for a duplicate;</li>
 *   <li>a duplicate's access is the mapped request, or the source handle's whole access for DesiredAccess 0 ("the
 *       duplicated access is the source handle's", as DUPLICATE_SAME_ACCESS); only process and thread handles are
 *       duplicated (a token object is opened, spec §4.3); a duplicate makes no privilege test either (step 3 puts the
 *       DuplicateHandle bullet first).</li>
 * </ul>
 */
public final class ReferenceAccessCheck {

    // ---- access-mask bits (spec §4.4; winnt.h TOKEN_* through docs/ACCESS-CHECK.md) ---------------------------------

    // the special and generic bits are the protection reference's (one copy of spec §4.4 for the whole reference)
    public static final int ACCESS_SYSTEM_SECURITY = ReferenceDecider.ACCESS_SYSTEM_SECURITY;
    public static final int MAXIMUM_ALLOWED = ReferenceDecider.MAXIMUM_ALLOWED;
    static final int GENERICS = ReferenceDecider.GENERICS;

    public static final int READ_CONTROL = 0x00020000;
    public static final int WRITE_DAC = 0x00040000;
    /** ACCESS-CHECK step 6: what the owner gets without an ACE, unless the DACL has an OWNER RIGHTS ACE. */
    public static final int OWNER_IMPLICIT_RIGHTS = READ_CONTROL | WRITE_DAC;

    public static final int PROCESS_ALL_ACCESS = 0x001FFFFF;
    public static final int THREAD_ALL_ACCESS = 0x001FFFFF;
    /** winnt.h TOKEN_ALL_ACCESS (ACCESS-CHECK step 1 "all 0x000F01FF"); taken as the token type's valid access (I). */
    public static final int TOKEN_ALL_ACCESS = 0x000F01FF;

    public static final int PROCESS_SUSPEND_RESUME = 0x0800;
    /** spec §12.6: DebugActiveProcess opens with CREATE_THREAD | VM_OPERATION | VM_READ | VM_WRITE | QUERY_INFORMATION | SUSPEND_RESUME. */
    public static final int DEBUG_ACTIVE_PROCESS_ACCESS = 0x0002 | 0x0008 | 0x0010 | 0x0020 | 0x0400 | 0x0800;
    public static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /** SepSetProcessTrustLabelAceForToken's mask (spec §4.3): READ_CONTROL, QUERY_SOURCE, QUERY, IMPERSONATE, DUPLICATE. */
    public static final int TOKEN_TRUST_LABEL_MASK = 0x0002001E;

    // ---- GENERIC_MAPPING {read, write, execute, all}: spec §4.4 "observed" rows; token from the contract (winnt.h)

    private static final int[] PROCESS_MAPPING = {0x00020410, 0x00020BEA, 0x00121001, 0x001FFFFF};
    private static final int[] THREAD_MAPPING = {0x00020048, 0x00020437, 0x00121800, 0x001FFFFF};
    private static final int[] TOKEN_MAPPING = {0x00020008, 0x000200E0, 0x00020000, 0x000F01FF};

    // ---- mandatory labels (spec §4.2, MS-DTYP [S17]) --------------------------------------------------------------

    public static final int NO_WRITE_UP = 0x1;
    public static final int NO_READ_UP = 0x2;
    public static final int NO_EXECUTE_UP = 0x4;
    public static final long MANDATORY_LABEL_AUTHORITY = 16;
    public static final long MEDIUM_RID = 0x2000;
    public static final long SYSTEM_RID = 0x4000;

    // ---- token group attributes (winnt.h SE_GROUP_*, ACCESS-CHECK "Inputs") ----------------------------------------

    public static final int SE_GROUP_ENABLED = 0x4;
    public static final int SE_GROUP_USE_FOR_DENY_ONLY = 0x10;

    // ---- well-known SIDs (sddl.h) ----------------------------------------------------------------------------------

    /** S-1-3-4 OWNER RIGHTS ({@code OW}). */
    public static final Sid OWNER_RIGHTS = Sid.of(3, 4);
    public static final Sid LOCAL_SYSTEM = Sid.of(5, 18);
    public static final Sid ADMINISTRATORS = Sid.of(5, 32, 544);

    // ---- trust SIDs: SepSidFromProcessProtection, exact byte match (spec §4.3) ------------------------------------

    public static final long PROCESS_TRUST_AUTHORITY = 19;
    public static final long TRUST_TYPE_LITE = 0x200;
    public static final long TRUST_TYPE_FULL = 0x400;
    public static final long TRUST_LEVEL_AUTHENTICODE = 0x400;
    public static final long TRUST_LEVEL_ANTIMALWARE = 0x600;
    public static final long TRUST_LEVEL_APP = 0x800;
    public static final long TRUST_LEVEL_WINDOWS = 0x1000;
    public static final long TRUST_LEVEL_WINTCB = 0x2000;

    /** {protection byte, type RID, level RID}: the spec §4.3 table; every other byte has no trust SID. */
    private static final long[][] TRUST_SID_BY_PROTECTION = {
            {0x12, TRUST_TYPE_FULL, TRUST_LEVEL_AUTHENTICODE},
            {0x31, TRUST_TYPE_LITE, TRUST_LEVEL_ANTIMALWARE},
            {0x51, TRUST_TYPE_LITE, TRUST_LEVEL_WINDOWS},
            {0x52, TRUST_TYPE_FULL, TRUST_LEVEL_WINDOWS},
            {0x61, TRUST_TYPE_LITE, TRUST_LEVEL_WINTCB},
            {0x62, TRUST_TYPE_FULL, TRUST_LEVEL_WINTCB},
            {0x72, TRUST_TYPE_FULL, TRUST_LEVEL_WINTCB},   // WinSystem has no RID: the WinTcb SID
            {0x81, TRUST_TYPE_LITE, TRUST_LEVEL_APP},
    };

    private ReferenceAccessCheck() {
    }

    // ================================================================================================================
    // Entry points
    // ================================================================================================================

    /**
     * Whether a query goes through this class: a token, a descriptor, a target token, a source handle, a duplicate or
     * a debug, or a token object.
     */
    public static boolean appliesTo(AccessQuery q) {
        return q.token() != null || q.sd() != null || q.targetToken() != null || q.sourceAccess() != null
                || q.operation() != Operation.OPEN || q.object() == ObjectKind.TOKEN;
    }

    /**
     * Decides one query end to end: the SD stage, then (process, thread) the open procedure of
     * {@link ReferenceDecider}, then for a debug the Dbgk check.
     *
     * @throws ReferenceInputError  for input the contract calls an error (or that the reference cannot decide as such)
     * @throws ReferenceUndecidable for input the reference does not model (a token object without a descriptor)
     */
    public static ReferenceVerdict decide(AccessQuery q) {
        ReferenceBuild build = ReferenceDecider.validate(q);
        validate(q);
        return switch (q.operation()) {
            case DEBUG -> ntDebugActiveProcess(build, q);
            case DUPLICATE -> obDuplicateObject(build, q);
            case OPEN -> q.object() == ObjectKind.TOKEN ? ntOpenProcessToken(build, q) : obOpenObject(build, q);
        };
    }

    /** The reference's input errors beyond {@link ReferenceDecider#validate} (contract and AccessQuery javadoc). */
    static void validate(AccessQuery q) {
        if (q.token() != null && q.sdGranted() != null) {
            // AccessQuery: with a token the SD stage decides and sdGranted must be null
            throw new ReferenceInputError("a token and sdGranted together");
        }
        if (q.token() == null && q.sd() != null) {
            // a descriptor is read only by SeAccessCheck, which needs the caller's token (I)
            throw new ReferenceInputError("a descriptor without the caller's token");
        }
        if (q.token() == null && q.targetToken() != null) {
            // the target's token only gives default descriptors, which only SeAccessCheck reads (I)
            throw new ReferenceInputError("a target token without the caller's token");
        }
        if (q.token() == null && q.object() == ObjectKind.TOKEN) {
            // a token object has no open procedure: only its descriptor decides, which needs a token (I)
            throw new ReferenceInputError("a token object without the caller's token");
        }
        if (q.sourceAccess() != null && q.operation() != Operation.DUPLICATE) {
            throw new ReferenceInputError("only a duplicate has a source handle");   // (I)
        }
        if (q.operation() == Operation.DEBUG) {
            if (q.relation() == dev.pplsim.model.Relation.SELF) {
                throw new ReferenceInputError("a process cannot debug itself");   // ACCESS-CHECK "debug"
            }
            if (q.object() != ObjectKind.PROCESS) {
                throw new ReferenceInputError("debug is of a process");          // NtDebugActiveProcess (I)
            }
            if (q.desired() != 0 && (q.desired() & PROCESS_SUSPEND_RESUME) == 0) {
                // ACCESS-CHECK "debug": the handle is opened with PROCESS_SUSPEND_RESUME (I: 0 stands for it)
                throw new ReferenceInputError("a debugger's process handle needs PROCESS_SUSPEND_RESUME");
            }
        }
        if (q.operation() == Operation.DUPLICATE) {
            if (q.object() == ObjectKind.TOKEN) {
                // ACCESS-CHECK "open": a token object is NtOpenProcessToken's; duplication is of process/thread (I)
                throw new ReferenceInputError("a token object is opened, not duplicated");
            }
            if (q.sourceAccess() == null) {
                throw new ReferenceInputError("duplicate without the source handle's access");
            }
            if (q.sdGranted() != null) {
                // spec §3.4: a duplicate has no access check, so nothing for sdGranted to stand in for (I)
                throw new ReferenceInputError("sdGranted for a duplicate");
            }
            int source = q.sourceAccess();
            if ((source & ~(validAccess(q.object()) | ACCESS_SYSTEM_SECURITY)) != 0) {
                throw new ReferenceInputError(String.format("source access 0x%08X outside the type's", source));
            }
            int mapped = rtlMapGenericMask(q.desired(), q.object());
            if ((mapped & ~source) != 0) {
                // ACCESS-CHECK step 3: duplication within the handle's rights (MAXIMUM_ALLOWED is never in it)
                throw new ReferenceInputError(String.format("duplicate asks 0x%08X beyond the source's 0x%08X",
                        mapped, source));
            }
        }
    }

    // ================================================================================================================
    // Object types (spec §4.4)
    // ================================================================================================================

    /** The type's ValidAccessMask: 0x1FFFFF for process and thread (spec §4.4), TOKEN_ALL_ACCESS for a token (I). */
    public static int validAccess(ObjectKind object) {
        return switch (object) {
            case PROCESS -> PROCESS_ALL_ACCESS;
            case THREAD -> THREAD_ALL_ACCESS;
            case TOKEN -> TOKEN_ALL_ACCESS;
        };
    }

    /** The type's GENERIC_MAPPING {read, write, execute, all}. */
    public static int[] genericMapping(ObjectKind object) {
        return (switch (object) {
            case PROCESS -> PROCESS_MAPPING;
            case THREAD -> THREAD_MAPPING;
            case TOKEN -> TOKEN_MAPPING;
        }).clone();
    }

    /**
     * {@code RtlMapGenericMask} (spec §3.1 3a, §4.4): each GENERIC_* bit is replaced by the type's mapping; every other
     * bit is kept. Also applied to ACE masks of a given descriptor (ACCESS-CHECK "Inputs", I).
     */
    public static int rtlMapGenericMask(int mask, ObjectKind object) {
        int[] m = object == ObjectKind.PROCESS ? PROCESS_MAPPING
                : object == ObjectKind.THREAD ? THREAD_MAPPING : TOKEN_MAPPING;
        int out = mask & ~GENERICS;
        if ((mask & ReferenceDecider.GENERIC_READ) != 0) out |= m[0];
        if ((mask & ReferenceDecider.GENERIC_WRITE) != 0) out |= m[1];
        if ((mask & ReferenceDecider.GENERIC_EXECUTE) != 0) out |= m[2];
        if ((mask & ReferenceDecider.GENERIC_ALL) != 0) out |= m[3];
        return out;
    }

    // ================================================================================================================
    // Token helpers (ACCESS-CHECK "Inputs")
    // ================================================================================================================

    /** Only a held and enabled privilege counts (SePrivilegeCheck; spec §3.1 step 2 for SeDebugPrivilege). */
    public static boolean privilegeEnabled(Token token, Privilege p) {
        for (TokenPrivilege tp : token.privileges()) {
            if (tp.privilege() == p && tp.enabled()) return true;
        }
        return false;
    }

    /** A deny-only group matches deny ACEs only, so it is never "enabled" for allow ACEs or ownership. */
    static boolean isDenyOnly(TokenGroup g) {
        return (g.attributes() & SE_GROUP_USE_FOR_DENY_ONLY) != 0;
    }

    static boolean isEnabled(TokenGroup g) {
        return (g.attributes() & SE_GROUP_ENABLED) != 0 && !isDenyOnly(g);
    }

    /** The token's user or one of its enabled groups: what an allow ACE and ownership match. */
    public static boolean userOrEnabledGroup(Token token, Sid sid) {
        if (token.user().equals(sid)) return true;
        for (TokenGroup g : token.groups()) {
            if (g.sid().equals(sid) && isEnabled(g)) return true;
        }
        return false;
    }

    /** As {@link #userOrEnabledGroup}, plus the deny-only groups: what a deny ACE matches. */
    public static boolean userOrEnabledOrDenyOnlyGroup(Token token, Sid sid) {
        if (userOrEnabledGroup(token, sid)) return true;
        for (TokenGroup g : token.groups()) {
            if (g.sid().equals(sid) && isDenyOnly(g)) return true;
        }
        return false;
    }

    /** ACCESS-CHECK step 6: the caller is the owner when its user or an enabled group is the descriptor's owner. */
    public static boolean sepTokenIsOwner(Token token, SecurityDescriptor sd) {
        return sd.owner() != null && userOrEnabledGroup(token, sd.owner());
    }

    // ================================================================================================================
    // Stage 20: privileges and shortcuts (ACCESS-CHECK step 3)
    // ================================================================================================================

    /**
     * {@code SePrivilegePolicyCheck} for ACCESS_SYSTEM_SECURITY (spec §2.2): asked without SeSecurityPrivilege
     * enabled, the open fails with STATUS_PRIVILEGE_NOT_HELD. Returns that status, or null when the check passes.
     */
    public static NtStatus sePrivilegePolicyCheck(Token token, int mapped) {
        if ((mapped & ACCESS_SYSTEM_SECURITY) != 0 && !privilegeEnabled(token, Privilege.SE_SECURITY)) {
            return NtStatus.STATUS_PRIVILEGE_NOT_HELD;
        }
        return null;
    }

    /**
     * {@code PsOpenProcess}'s SeDebugPrivilege shortcut (spec §3.1 step 2, §4.1; threads I): with the privilege
     * enabled, PreviouslyGrantedAccess is the mapped request, MAXIMUM_ALLOWED resolving to the type's valid access,
     * and the integrity, trust-label and DACL checks are skipped. Never for a token object. Returns the grant (with
     * ACCESS_SYSTEM_SECURITY when asked), or null when the shortcut does not apply.
     */
    public static Integer psOpenProcessDebugPrivilege(Token token, ObjectKind object, int mapped) {
        if (object == ObjectKind.TOKEN || !privilegeEnabled(token, Privilege.SE_DEBUG)) {
            return null;
        }
        if ((mapped & MAXIMUM_ALLOWED) != 0) {
            return (mapped & ~MAXIMUM_ALLOWED) | validAccess(object);
        }
        return mapped;
    }

    /** Effective KernelMode: no SeAccessCheck; the request as asked, MAXIMUM_ALLOWED as the valid access (§3.1 3b). */
    public static int kernelModeGrant(ObjectKind object, int mapped) {
        if ((mapped & MAXIMUM_ALLOWED) != 0) {
            return (mapped & ~MAXIMUM_ALLOWED) | validAccess(object);
        }
        return mapped;
    }

    // ================================================================================================================
    // Stage 22: mandatory integrity (spec §4.2, ACCESS-CHECK step 4)
    // ================================================================================================================

    /** The first SACL ACE of a type that is not inherit-only, or null. */
    public static Ace firstEffectiveSaclAce(SecurityDescriptor sd, AceType type) {
        for (Ace a : sd.sacl()) {
            if (a.type() == type && !a.inheritOnly()) return a;
        }
        return null;
    }

    /**
     * {@code SepMandatoryIntegrityCheck}: the label is the first non-inherit-only ML ACE, or Medium with NO_WRITE_UP
     * for an unlabeled object (U). A caller below the label keeps the valid access less the generic-write /
     * -read / -execute rights its policy names, each as the type's mapping gives them. Returns that limit.
     */
    public static int sepMandatoryIntegrityCheck(Token token, SecurityDescriptor sd, ObjectKind object) {
        Ace label = firstEffectiveSaclAce(sd, AceType.SYSTEM_MANDATORY_LABEL);
        long labelRid = label == null ? MEDIUM_RID : label.sid().rid();
        int policy = label == null ? NO_WRITE_UP : label.mask();
        int valid = validAccess(object);
        if (token.integrity().rid() >= labelRid) {
            return valid;
        }
        int[] m = genericMapping(object);
        int limit = valid;
        if ((policy & NO_WRITE_UP) != 0) limit &= ~m[1];
        if ((policy & NO_READ_UP) != 0) limit &= ~m[0];
        if ((policy & NO_EXECUTE_UP) != 0) limit &= ~m[2];
        return limit;
    }

    // ================================================================================================================
    // Stage 24: trust label (spec §4.3, ACCESS-CHECK step 5)
    // ================================================================================================================

    /** {@code SepSidFromProcessProtection}: the exact-byte table of spec §4.3, else null (no trust SID). */
    public static Sid sepSidFromProcessProtection(PsProtection protection) {
        for (long[] row : TRUST_SID_BY_PROTECTION) {
            if (row[0] == protection.value()) return Sid.of(PROCESS_TRUST_AUTHORITY, row[1], row[2]);
        }
        return null;
    }

    private static long subAuthority(Sid sid, int i) {
        return sid.subAuthorities().size() > i ? sid.subAuthorities().get(i) : 0;
    }

    /**
     * {@code RtlSidDominatesForTrust(caller, label)} (spec §4.3): a NULL label is dominated; a caller without a trust
     * SID dominates only a label of type RID 0; otherwise type and level are compared as plain numbers.
     */
    public static boolean rtlSidDominatesForTrust(Sid caller, Sid label) {
        if (label == null) return true;
        if (caller == null) return subAuthority(label, 0) == 0;
        return subAuthority(caller, 0) >= subAuthority(label, 0) && subAuthority(caller, 1) >= subAuthority(label, 1);
    }

    /**
     * {@code SepTrustLevelCheck}: the first non-inherit-only TL ACE; a caller that does not dominate it keeps only
     * {@code ACE.mask} (generic-mapped, I). ACCESS_SYSTEM_SECURITY is outside this limit (the caller adds it back).
     */
    public static int sepTrustLevelCheck(Sid callerTrustSid, SecurityDescriptor sd, ObjectKind object) {
        Ace label = firstEffectiveSaclAce(sd, AceType.SYSTEM_PROCESS_TRUST_LABEL);
        int valid = validAccess(object);
        if (label == null || rtlSidDominatesForTrust(callerTrustSid, label.sid())) {
            return valid;
        }
        return rtlMapGenericMask(label.mask(), object) & valid;
    }

    // ================================================================================================================
    // Stage 26: the DACL (spec §4.1, ACCESS-CHECK step 6)
    // ================================================================================================================

    /** One walk's result: what it granted and what deny ACEs took first. */
    public record DaclWalk(int granted, int denied) {
    }

    /**
     * ACCESS-CHECK "The descriptor as SDDL": the walk reads A as an allow ACE; D, OD (no object type list) and XD (a
     * condition pplsim cannot evaluate is UNKNOWN, MS-DTYP 2.4.4.17.3) as deny ACEs; no other type.
     */
    static boolean readAsAllow(Ace a) {
        return a.type() == AceType.ACCESS_ALLOWED;
    }

    static boolean readAsDeny(Ace a) {
        return a.type() == AceType.ACCESS_DENIED || a.type() == AceType.ACCESS_DENIED_OBJECT || a.type() == AceType.ACCESS_DENIED_CALLBACK;
    }

    /**
     * ACCESS-CHECK step 6: an OWNER RIGHTS ACE in the DACL that the walk reads (allow or deny). An inherit-only one does
     * not count: it is skipped by the access check on this object like every inherit-only ACE (I; the contract says
     * "has no OWNER RIGHTS ACE" without saying which).
     */
    public static boolean daclHasOwnerRightsAce(List<Ace> dacl) {
        for (Ace a : dacl) {
            if (a.inheritOnly()) continue;
            if ((readAsAllow(a) || readAsDeny(a)) && OWNER_RIGHTS.equals(a.sid())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code SepDaclWalk}: one pass over the DACL in order, skipping inherit-only ACEs; an allow ACE adds
     * {@code mask & ~denied}, a deny ACE adds {@code mask & ~granted}, so every right is decided by the first
     * applicable ACE that names it. The normal pass matches the user and enabled groups (deny ACEs also deny-only
     * groups); the restricted pass ({@code restricted = true}) matches the restricted SIDs only. OWNER RIGHTS matches
     * when the caller is the owner (restricted pass: when the owner is a restricted SID), and its presence removes the
     * owner's implicit READ_CONTROL | WRITE_DAC. A NULL DACL grants the valid access.
     */
    public static DaclWalk sepDaclWalk(Token token, SecurityDescriptor sd, ObjectKind object, boolean restricted) {
        int valid = validAccess(object);
        if (sd.dacl() == null) {
            return new DaclWalk(valid, 0);
        }
        boolean owner = restricted
                ? sd.owner() != null && token.restrictedSids().contains(sd.owner())
                : sepTokenIsOwner(token, sd);
        int granted = owner && !daclHasOwnerRightsAce(sd.dacl()) ? OWNER_IMPLICIT_RIGHTS : 0;
        int denied = 0;
        for (Ace ace : sd.dacl()) {
            if (ace.inheritOnly()) continue;
            boolean allow = readAsAllow(ace);
            if (!allow && !readAsDeny(ace)) continue;   // OA, XA, ZA: read as nothing (ACCESS-CHECK "The descriptor as SDDL")
            boolean applies;
            if (OWNER_RIGHTS.equals(ace.sid())) {
                applies = owner;
            } else if (restricted) {
                applies = token.restrictedSids().contains(ace.sid());
            } else {
                applies = allow ? userOrEnabledGroup(token, ace.sid()) : userOrEnabledOrDenyOnlyGroup(token, ace.sid());
            }
            if (!applies) continue;
            int mask = rtlMapGenericMask(ace.mask(), object);
            if (allow) {
                granted |= mask & ~denied;
            } else {
                denied |= mask & ~granted;
            }
        }
        return new DaclWalk(granted, denied);
    }

    // ================================================================================================================
    // SeAccessCheck (ACCESS-CHECK steps 4-7)
    // ================================================================================================================

    /** What SeAccessCheck decided: a grant, or a refusal with its reasons. */
    public record AccessCheckResult(int allowed, ReferenceVerdict refusal, int granted) {
        public boolean refused() { return refusal != null; }
    }

    /**
     * {@code SeAccessCheck} for a user-mode caller without the SeDebugPrivilege shortcut: integrity limit, trust
     * limit, the DACL (both walks for a restricted token), then the result rules of step 7.
     *
     * @param mapped the generic-mapped DesiredAccess (MAXIMUM_ALLOWED and ACCESS_SYSTEM_SECURITY included)
     */
    public static AccessCheckResult seAccessCheck(Token token, PsProtection callerProtection, SecurityDescriptor sd,
                                                  ObjectKind object, int mapped) {
        int valid = validAccess(object);
        boolean max = (mapped & MAXIMUM_ALLOWED) != 0;
        int ass = mapped & ACCESS_SYSTEM_SECURITY;
        int e = mapped & ~MAXIMUM_ALLOWED & ~ACCESS_SYSTEM_SECURITY;

        int integrity = sepMandatoryIntegrityCheck(token, sd, object);
        // spec §4.3: the token's trust SID is derived from the caller's protection; Token.trustSid is never read
        int trust = sepTrustLevelCheck(sepSidFromProcessProtection(callerProtection), sd, object);
        DaclWalk normal = sepDaclWalk(token, sd, object, false);
        int dacl = normal.granted();
        int explicitlyDenied = normal.denied();
        if (!token.restrictedSids().isEmpty()) {
            DaclWalk second = sepDaclWalk(token, sd, object, true);
            dacl &= second.granted();   // the DACL grants what both walks grant
            explicitlyDenied |= second.denied();
        }
        int allowed = dacl & integrity & trust & valid;

        int missing = e & ~allowed;
        if (missing != 0) {
            Map<Integer, RefusalKind> why = new LinkedHashMap<>();
            RefusalKind first = null;
            for (int bit = 0; bit < 32; bit++) {
                int b = 1 << bit;
                if ((missing & b) == 0) continue;
                RefusalKind k = (valid & b) == 0 ? RefusalKind.NEVER_GRANTED   // not a right of the type
                        : (explicitlyDenied & b) != 0 ? RefusalKind.EXPLICITLY_DENIED
                        : (integrity & b) == 0 ? RefusalKind.INTEGRITY
                        : (trust & b) == 0 ? RefusalKind.TRUST_LABEL
                        : RefusalKind.NEVER_GRANTED;
                why.put(b, k);
                if (first == null || k.ordinal() < first.ordinal()) first = k;
            }
            return new AccessCheckResult(allowed, ReferenceVerdict.accessDenied(first, why), 0);
        }
        int result = (max ? allowed | e : e) | ass;
        if (max && result == 0) {
            return new AccessCheckResult(allowed, ReferenceVerdict.accessDenied(RefusalKind.NEVER_GRANTED, Map.of()), 0);
        }
        return new AccessCheckResult(allowed, null, result);
    }

    // ================================================================================================================
    // The whole SD stage (ACCESS-CHECK steps 1-7)
    // ================================================================================================================

    /** The SD stage's answer: a refusal, or the GrantedAccess the open procedure sees. */
    public record SdStage(ReferenceVerdict refusal, int granted) {
        public boolean refused() { return refusal != null; }
    }

    /**
     * Steps 1-7 for one open (or duplication) of {@code object} with {@code desired} against {@code sd}. Without a
     * token the earlier stand-in decides: sdGranted, or the request with MAXIMUM_ALLOWED as the valid access.
     */
    public static SdStage sdStage(AccessQuery q, ObjectKind object, int desired, SecurityDescriptor sd,
                                  boolean duplicate) {
        int mapped = rtlMapGenericMask(desired, object);   // step 1
        AccessMode mode = ReferenceDecider.obpEffectiveAccessMode(q.mode(), q.forceAccessCheck());   // step 2
        if (duplicate && desired == 0) {
            mapped = q.sourceAccess();   // (I) DesiredAccess 0 asks the source handle's whole access
        }
        Token token = q.token();
        if (token == null) {
            if (duplicate) {
                return new SdStage(null, mapped);   // spec §3.4: no access check
            }
            int granted;
            if (q.sdGranted() != null) {
                granted = q.sdGranted();
            } else {
                granted = kernelModeGrant(object, mapped);   // "as desired", MAXIMUM_ALLOWED as the valid access
            }
            if (granted == 0 && desired != 0) {
                return new SdStage(ReferenceVerdict.accessDenied(RefusalKind.NOTHING_GRANTED, Map.of()), 0);
            }
            return new SdStage(null, granted);
        }
        // step 3, first match wins
        if (mode == AccessMode.KERNEL) {
            return new SdStage(null, kernelModeGrant(object, mapped));
        }
        if (duplicate) {
            // spec §3.4: no access check at all, not even the privilege test: the handle's access is the request
            // (within the source handle's); ACCESS-CHECK step 3 puts this bullet first
            return new SdStage(null, mapped);
        }
        NtStatus privilege = sePrivilegePolicyCheck(token, mapped);
        if (privilege != null) {
            return new SdStage(ReferenceVerdict.refused(privilege, RefusalKind.PRIVILEGE_NOT_HELD), 0);
        }
        Integer debug = psOpenProcessDebugPrivilege(token, object, mapped);
        if (debug != null) {
            return new SdStage(null, debug);
        }
        if (sd == null) {
            throw new ReferenceUndecidable("no security descriptor for the " + object.id());
        }
        AccessCheckResult r = seAccessCheck(token, q.caller(), sd, object, mapped);   // steps 4-7
        return r.refused() ? new SdStage(r.refusal(), 0) : new SdStage(null, r.granted());
    }

    // ================================================================================================================
    // Operations
    // ================================================================================================================

    /** NtOpenProcess / NtOpenThread: the SD stage, then the open procedure (ACCESS-CHECK step 8). */
    static ReferenceVerdict obOpenObject(ReferenceBuild build, AccessQuery q) {
        SecurityDescriptor sd = q.sd() != null ? q.sd()
                : defaultDescriptor(q.object(), q.targetToken());
        SdStage s = sdStage(q, q.object(), q.desired(), sd, false);
        if (s.refused()) return s.refusal();
        return openProcedure(build, q, s.granted());
    }

    /**
     * NtOpenProcessToken (ACCESS-CHECK "open"; I): first a full open of the process with
     * PROCESS_QUERY_LIMITED_INFORMATION against the process's default descriptor (a refusal there refuses the token
     * open), then SeAccessCheck on the token's descriptor; a token has no open procedure.
     */
    static ReferenceVerdict ntOpenProcessToken(ReferenceBuild build, AccessQuery q) {
        AccessQuery processOpen = q.withObject(ObjectKind.PROCESS)
                .withDesired(PROCESS_QUERY_LIMITED_INFORMATION)
                .withSd(defaultDescriptor(ObjectKind.PROCESS, q.targetToken()))
                .withSdGranted(null);
        ReferenceVerdict first = obOpenObject(build, processOpen);
        if (!first.isSuccess()) return first;
        if (q.token() != null && q.sd() == null) {
            throw new ReferenceUndecidable("a token object's default descriptor is policy data");
        }
        SdStage s = sdStage(q, ObjectKind.TOKEN, q.desired(), q.sd(), false);
        return s.refused() ? s.refusal() : ReferenceVerdict.success(s.granted());
    }

    /**
     * ObDuplicateObject (spec §3.4): no access check; PspProcessOpen / PspThreadOpen run with the receiving process
     * (the query's caller) as the caller.
     */
    static ReferenceVerdict obDuplicateObject(ReferenceBuild build, AccessQuery q) {
        // spec §3.4: refused when a secure process is a side, unless both sides are the current process; pplsim's
        // duplicate comes from another process's table into the caller's, so a trustlet receiver is refused (the
        // status is not given by the spec: access denied, I)
        if (q.callerKind() == dev.pplsim.model.ProcessKind.TRUSTLET) {
            return ReferenceVerdict.refused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.SECURE_PROCESS);
        }
        SdStage s = sdStage(q, q.object(), q.desired(), null, true);
        if (s.refused()) return s.refusal();
        return openProcedure(build, q, s.granted());
    }

    /**
     * DebugActiveProcess / NtDebugActiveProcess (spec §3.4, §12.6; ACCESS-CHECK "debug"): the process open is decided as usual; then the Dbgk
     * paths refuse a caller for which PspCheckForInvalidAccessByProtection holds with STATUS_PROCESS_IS_PROTECTED.
     */
    static ReferenceVerdict ntDebugActiveProcess(ReferenceBuild build, AccessQuery q) {
        int desired = q.desired() == 0 ? DEBUG_ACTIVE_PROCESS_ACCESS : q.desired();   // (S) 0: DebugActiveProcess's own open
        ReferenceVerdict open = obOpenObject(build, q.withOperation(Operation.OPEN).withDesired(desired));
        if (!open.isSuccess()) return open;
        if (dbgkCheckForInvalidAccessByProtection(q)) {
            return ReferenceVerdict.refused(NtStatus.STATUS_PROCESS_IS_PROTECTED, RefusalKind.DEBUG);
        }
        return open;
    }

    /** The Dbgk test: a user-mode (effective) caller that does not reach the target's protection (spec §3.2, §3.4). */
    public static boolean dbgkCheckForInvalidAccessByProtection(AccessQuery q) {
        AccessMode mode = ReferenceDecider.obpEffectiveAccessMode(q.mode(), q.forceAccessCheck());
        return ReferenceDecider.pspCheckForInvalidAccessByProtection(mode, q.caller(), q.target());
    }

    /**
     * The open procedure on the SD stage's grant (ACCESS-CHECK step 8): PspProcessOpen / PspThreadOpen of
     * {@link ReferenceDecider}, unchanged, and the stage that vetoed; a token object has none.
     */
    static ReferenceVerdict openProcedure(ReferenceBuild build, AccessQuery q, int granted) {
        if (q.object() == ObjectKind.TOKEN) {
            return ReferenceVerdict.success(granted);
        }
        AccessMode mode = ReferenceDecider.obpEffectiveAccessMode(q.mode(), q.forceAccessCheck());
        ReferenceDecision d = q.object() == ObjectKind.PROCESS
                ? ReferenceDecider.pspProcessOpen(build, q, mode, granted)
                : ReferenceDecider.pspThreadOpen(build, q, mode, granted);
        if (d.status() == NtStatus.STATUS_SUCCESS) {
            return ReferenceVerdict.success(d.granted());
        }
        int deny = ReferenceDecider.effectiveDeniedMask(build, q.object(), q.relation(), q.target());
        RefusalKind kind;
        if ((granted & deny) != 0
                && ReferenceDecider.psTestProtectedProcessIncompatibility(mode, q.relation(), q.caller(), q.target())) {
            kind = RefusalKind.PROTECTION;
        } else if (build.picoCheck()
                && ReferenceDecider.pspPicoRefuses(q.object(), mode, q.callerPico(), q.targetPico(), granted)) {
            kind = RefusalKind.PICO;
        } else if (q.object() == ObjectKind.PROCESS && ReferenceDecider.secureVmOpenRefusedFor(build, q, mode, granted)) {
            kind = RefusalKind.SECURE_PROCESS;
        } else {
            kind = RefusalKind.DISALLOW_USER_TERMINATE;
        }
        return ReferenceVerdict.refused(d.status(), kind);
    }

    // ================================================================================================================
    // Default descriptors of process and thread objects
    // ================================================================================================================

    /**
     * The default descriptor of a process or thread created by {@code creator} (null: the {@code system} preset, user
     * SY at System integrity). The contract defers these to policy data, which is ASSUMPTION (U) there; they are typed
     * in here from that file's templates, not loaded: a SY creator gets {@code O:BA D:(A;;0x1fffff;;;SY)
     * (A;;<GR|GX>;;;BA) S:(ML;;NWNR;;;<creator IL>)}, any other {@code O:<user> D:(A;;0x1fffff;;;<user>)
     * (A;;0x1fffff;;;SY) S:(ML;;NWNR;;;<creator IL>)}. GR|GX is 0x121411 (process) / 0x121848 (thread), spec §4.4.
     */
    public static SecurityDescriptor defaultDescriptor(ObjectKind object, Token creator) {
        if (object == ObjectKind.TOKEN) {
            throw new ReferenceUndecidable("a token object's default descriptor is policy data");
        }
        Sid user = creator == null ? LOCAL_SYSTEM : creator.user();
        Sid integrity = creator == null ? Sid.of(MANDATORY_LABEL_AUTHORITY, SYSTEM_RID) : creator.integrity();
        int all = validAccess(object);
        Ace label = new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, NO_WRITE_UP | NO_READ_UP, integrity);
        if (LOCAL_SYSTEM.equals(user)) {
            int[] m = genericMapping(object);
            return new SecurityDescriptor(ADMINISTRATORS, null, List.of(
                    new Ace(AceType.ACCESS_ALLOWED, 0, all, LOCAL_SYSTEM),
                    new Ace(AceType.ACCESS_ALLOWED, 0, m[0] | m[2], ADMINISTRATORS)), List.of(label), 0);
        }
        return new SecurityDescriptor(user, null, List.of(
                new Ace(AceType.ACCESS_ALLOWED, 0, all, user),
                new Ace(AceType.ACCESS_ALLOWED, 0, all, LOCAL_SYSTEM)), List.of(label), 0);
    }
}
