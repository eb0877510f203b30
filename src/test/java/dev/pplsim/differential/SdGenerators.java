package dev.pplsim.differential;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.model.TokenPrivilege;
import dev.pplsim.reference.ReferenceAccessCheck;
import dev.pplsim.reference.ReferenceDecider;
import dev.pplsim.request.Sddl;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generators for the security-descriptor stage (docs/ACCESS-CHECK.md): tokens, descriptors and requests drawn from a
 * small pool of SIDs so that ACEs match often. Written against {@link Rnd}, so the same code feeds QuickTheories
 * ({@link #gen}) and a plain seeded {@link Random} loop ({@link Rnd#of(Random)}).
 *
 * <p>Every generated query carries a token and an explicit descriptor, and is inside what the contract decides
 * unambiguously: a debug asks PROCESS_SUSPEND_RESUME of a process, a duplicate asks a subset of its source handle's
 * access (a duplicated token is an input error), and a token object is opened with the default process descriptor of the target (the {@code system} preset
 * or a generated creator token) for the preliminary PROCESS_QUERY_LIMITED_INFORMATION open.
 */
public final class SdGenerators {

    private SdGenerators() {
    }

    // ---- randomness -------------------------------------------------------------------------------------------------

    /** The one primitive the generators need: a uniform int in [lo, hi]. */
    @FunctionalInterface
    public interface Rnd {
        int between(int lo, int hi);

        default boolean chance(int percent) { return between(0, 99) < percent; }

        default int pick(int... values) { return values[between(0, values.length - 1)]; }

        default <T> T pick(List<T> values) { return values.get(between(0, values.size() - 1)); }

        /** Each bit of {@code mask} with probability 1/oneIn. */
        default int sparse(int mask, int oneIn) {
            int out = 0;
            for (int b = 0; b < 32; b++) {
                if ((mask & (1 << b)) != 0 && between(1, oneIn) == 1) out |= 1 << b;
            }
            return out;
        }

        /** One set bit of {@code mask} (0 for 0). */
        default int oneBitOf(int mask) {
            int n = Integer.bitCount(mask);
            if (n == 0) return 0;
            int k = between(0, n - 1);
            for (int b = 0; b < 32; b++) {
                if ((mask & (1 << b)) != 0 && k-- == 0) return 1 << b;
            }
            throw new AssertionError();
        }

        static Rnd of(RandomnessSource in) {
            return (lo, hi) -> (int) in.next(Constraint.between(lo, hi));
        }

        static Rnd of(Random random) {
            return (lo, hi) -> lo + random.nextInt(hi - lo + 1);
        }
    }

    /** A QuickTheories generator over an {@link Rnd}-based one. */
    public static <T> Gen<T> gen(java.util.function.Function<Rnd, T> f) {
        return in -> f.apply(Rnd.of(in));
    }

    // ---- the SID pool -------------------------------------------------------------------------------------------------

    public static final Sid U1 = Sid.of(5, 21, 1, 2, 3, 1001);
    public static final Sid U2 = Sid.of(5, 21, 1, 2, 3, 1002);
    public static final Sid SY = Sid.of(5, 18);
    public static final Sid LS = Sid.of(5, 19);
    public static final Sid BA = Sid.of(5, 32, 544);
    public static final Sid BU = Sid.of(5, 32, 545);
    public static final Sid WD = Sid.of(1, 0);
    public static final Sid AU = Sid.of(5, 11);
    public static final Sid IU = Sid.of(5, 4);
    public static final Sid RC = Sid.of(5, 12);
    public static final Sid OW = Sid.of(3, 4);

    public static final List<Sid> USERS = List.of(U1, U2, SY, LS);
    public static final List<Sid> GROUPS = List.of(BA, BU, WD, AU, IU, U2);
    public static final List<Sid> ACE_SIDS = List.of(U1, U2, SY, LS, BA, BU, WD, AU, IU, RC);
    public static final List<Sid> OWNERS = List.of(U1, U2, SY, BA, BU, LS);
    public static final List<Sid> RESTRICTABLE = List.of(RC, WD, U1, U2, BA, BU, SY);

    /** Integrity RIDs (spec §4.2): Untrusted, Low, Medium, Medium Plus, High, System, Protected Process. */
    public static final int[] INTEGRITY_RIDS = {0x0000, 0x1000, 0x2000, 0x2100, 0x3000, 0x4000, 0x5000};
    /** Trust type and level RIDs (spec §4.3), type 0 and level 0 included. */
    public static final int[] TRUST_TYPES = {0, 0x200, 0x400};
    public static final int[] TRUST_LEVELS = {0, 0x400, 0x600, 0x800, 0x1000, 0x2000};
    /** The named protection bytes of spec §1.3. */
    public static final int[] NAMED_BYTES = {0x00, 0x72, 0x62, 0x61, 0x52, 0x51, 0x41, 0x31, 0x21, 0x12, 0x11, 0x81};
    public static final String[] BUILDS = {"windows-10-11", "windows-10-rs", "windows-10-early"};

    public static Sid integritySid(int rid) {
        return Sid.of(16, rid);
    }

    public static Sid trustSid(int type, int level) {
        return Sid.of(19, type, level);
    }

    // ---- parts ----------------------------------------------------------------------------------------------------

    /** A named byte of spec §1.3, one time in ten with the audit bit (which removes the trust SID, spec §4.3). */
    public static PsProtection protection(Rnd r) {
        int b = r.pick(NAMED_BYTES);
        return new PsProtection(r.chance(10) ? b | 0x08 : b);
    }

    /**
     * Group attributes of one of the three kinds: enabled, deny-only (sometimes with SE_GROUP_ENABLED too, which the
     * contract counts as deny-only), or neither (disabled).
     */
    public static int groupAttributes(Rnd r) {
        int k = r.between(0, 99);
        if (k < 55) return r.pick(0x7, 0x4, 0xF);   // enabled (with MANDATORY / ENABLED_BY_DEFAULT / OWNER)
        if (k < 78) return r.pick(0x10, 0x10, 0x14); // USE_FOR_DENY_ONLY, once in three with ENABLED as well
        return r.pick(0x0, 0x3, 0x2);               // present, not enabled
    }

    private static void privilege(Rnd r, List<TokenPrivilege> out, Privilege p, int absent, int disabled) {
        int k = r.between(0, 99);
        if (k < absent) return;
        out.add(new TokenPrivilege(p, k >= absent + disabled));
    }

    public static Token token(Rnd r) {
        Sid user = r.pick(USERS);
        List<TokenGroup> groups = new ArrayList<>();
        for (Sid g : GROUPS) {
            if (r.chance(45)) groups.add(new TokenGroup(g, groupAttributes(r)));
        }
        Collections.shuffle(groups, new Random(r.between(0, Integer.MAX_VALUE - 1)));
        List<TokenPrivilege> privileges = new ArrayList<>();
        if (r.chance(50)) privileges.add(new TokenPrivilege(Privilege.SE_CHANGE_NOTIFY, true));
        privilege(r, privileges, Privilege.SE_DEBUG, 45, 25);
        privilege(r, privileges, Privilege.SE_SECURITY, 40, 30);
        int il = r.between(0, 99);
        int rid = il < 4 ? 0x0000 : il < 22 ? 0x1000 : il < 52 ? 0x2000 : il < 57 ? 0x2100 : il < 80 ? 0x3000
                : il < 96 ? 0x4000 : 0x5000;
        List<Sid> restricted = new ArrayList<>();
        if (r.chance(20)) {
            int n = r.between(1, 3);
            for (int i = 0; i < n; i++) {
                Sid s = r.pick(RESTRICTABLE);
                if (!restricted.contains(s)) restricted.add(s);
            }
        }
        // a trust SID in the token is never read (spec §4.3): put a random one there a third of the time
        Sid trust = r.chance(33) ? trustSid(r.pick(0x200, 0x400), r.pick(TRUST_LEVELS)) : null;
        return new Token(user, groups, privileges, integritySid(rid), restricted, trust);
    }

    /** Requestable rights of an object type, as in DesiredAccess (no generic bits, no special bits). */
    public static int validAccess(ObjectKind object) {
        return ReferenceAccessCheck.validAccess(object);
    }

    private static final int[] NAMED_PROCESS_MASKS = {0x1000, 0x101000, 0x410, 0x1400, 0x20000, 0x60000, 0x1FFFFF,
            0x103801, 0x0028, 0x0200, 0x0800, 0x0010, 0x0001, 0x100000};
    private static final int[] NAMED_TOKEN_MASKS = {0x2001E, 0x0008, 0x0002, 0x20008, 0x200E0, 0xF01FF, 0x20000,
            0x60000, 0x0020, 0x001F};

    private static int namedMask(Rnd r, ObjectKind object) {
        return object == ObjectKind.TOKEN ? r.pick(NAMED_TOKEN_MASKS) : r.pick(NAMED_PROCESS_MASKS);
    }

    /** An ACE mask: single rights, combinations, everything, named masks, generic bits (mapped by both sides). */
    public static int aceMask(Rnd r, ObjectKind object) {
        int valid = validAccess(object);
        int k = r.between(0, 99);
        if (k < 28) return r.oneBitOf(valid);
        if (k < 50) return r.sparse(valid, 4);
        if (k < 58) return valid;
        if (k < 72) return namedMask(r, object);
        if (k < 86) {
            int g = r.sparse(ReferenceDecider.GENERICS, 3);
            if (g == 0) g = r.pick(ReferenceDecider.GENERIC_READ, ReferenceDecider.GENERIC_WRITE,
                    ReferenceDecider.GENERIC_EXECUTE, ReferenceDecider.GENERIC_ALL);
            return r.chance(30) ? g | r.oneBitOf(valid) : g;
        }
        return r.sparse(valid, 2);
    }

    private static int aceFlags(Rnd r) {
        if (r.chance(12)) return 0x08 | r.pick(0, 0x1, 0x2, 0x3);   // INHERIT_ONLY (with OI / CI)
        return r.pick(0, 0, 0, 0x1, 0x2, 0x10);
    }

    /** Object GUIDs real DACLs carry (the user class, the change-password right) and conditions of real callback ACEs. */
    private static final List<String> GUIDS = List.of("bf967aba-0de6-11d0-a285-00aa003049e2", "ab721a53-1e2f-11d0-9819-00aa0040529b");
    private static final List<String> CONDITIONS = List.of("(Member_of {SID(BA)})", "(@User.department == \"R(D)\")",
            "((@Device.managed == 1) && (Member_of {SID(WD)}))");

    private static String guid(Rnd r, int percent) {
        return r.chance(percent) ? r.pick(GUIDS) : null;
    }

    /**
     * An allow or deny ACE, and one time in seven an ACE a real DACL carries besides them (ACCESS-CHECK "The
     * descriptor as SDDL"): OA with a GUID (grants nothing), OD (denies), XA and ZA (not applied), XD (denies).
     */
    public static Ace daclAce(Rnd r, ObjectKind object) {
        Sid sid = r.chance(12) ? OW : r.pick(ACE_SIDS);
        int flags = aceFlags(r), mask = aceMask(r, object);
        if (r.chance(86)) return new Ace(r.chance(60) ? AceType.ACCESS_ALLOWED : AceType.ACCESS_DENIED, flags, mask, sid);
        return switch (r.between(0, 4)) {
            case 0 -> new Ace(AceType.ACCESS_ALLOWED_OBJECT, flags, mask, sid, r.pick(GUIDS), guid(r, 30), null);
            case 1 -> new Ace(AceType.ACCESS_DENIED_OBJECT, flags, mask, sid, guid(r, 70), guid(r, 30), null);
            case 2 -> new Ace(AceType.ACCESS_ALLOWED_CALLBACK, flags, mask, sid, null, null, r.pick(CONDITIONS));
            case 3 -> new Ace(AceType.ACCESS_DENIED_CALLBACK, flags, mask, sid, null, null, r.pick(CONDITIONS));
            default -> new Ace(AceType.ACCESS_ALLOWED_CALLBACK_OBJECT, flags, mask, sid, guid(r, 50), null, r.pick(CONDITIONS));
        };
    }

    /** An ACE of the SACL that never grants or denies: audit, alarm, resource attribute, scoped policy, inherit-only filter. */
    public static Ace inertSaclAce(Rnd r, ObjectKind object) {
        Sid sid = r.pick(ACE_SIDS);
        int audit = r.pick(0x40, 0x80, 0xC0) | r.pick(0, 0, 0x08, 0x02);
        return switch (r.between(0, 6)) {
            case 0, 1 -> new Ace(AceType.SYSTEM_AUDIT, audit, aceMask(r, object), sid);
            case 2 -> new Ace(AceType.SYSTEM_ALARM, audit, aceMask(r, object), sid);
            case 3 -> new Ace(AceType.SYSTEM_AUDIT_OBJECT, audit, aceMask(r, object), sid, guid(r, 50), guid(r, 50), null);
            case 4 -> new Ace(AceType.SYSTEM_RESOURCE_ATTRIBUTE, r.pick(0, 0x02), 0, WD, null, null, "(\"Secrecy\",TU,0,3)");
            case 5 -> new Ace(AceType.SYSTEM_SCOPED_POLICY_ID, 0, 0, Sid.of(17, r.between(1, 3)));
            default -> new Ace(AceType.SYSTEM_ACCESS_FILTER, 0x08 | r.pick(0, 0x40), aceMask(r, object), WD, null, null, r.pick(CONDITIONS));
        };
    }

    /** An ML ACE: a level of spec §4.2 and any NW/NR/NX policy (0 included). */
    public static Ace mandatoryLabel(Rnd r) {
        return new Ace(AceType.SYSTEM_MANDATORY_LABEL, r.chance(15) ? 0x08 : 0, r.between(0, 7),
                integritySid(r.pick(0x0000, 0x1000, 0x2000, 0x2100, 0x3000, 0x4000)));
    }

    /** A TL ACE: a trust SID of spec §4.3 (type 0 included) and a mask. */
    public static Ace trustLabel(Rnd r, ObjectKind object) {
        int valid = validAccess(object);
        int k = r.between(0, 99);
        int mask = k < 25 ? ReferenceAccessCheck.TOKEN_TRUST_LABEL_MASK & (object == ObjectKind.TOKEN ? -1 : valid)
                : k < 35 ? 0
                : k < 50 ? r.pick(0x1000, 0x101000, 0x20000, 0x103801) & valid
                : k < 60 ? ReferenceDecider.GENERIC_READ
                : k < 70 ? valid
                : r.sparse(valid, 3);
        return new Ace(AceType.SYSTEM_PROCESS_TRUST_LABEL, r.chance(15) ? 0x08 : 0, mask,
                trustSid(r.pick(TRUST_TYPES), r.pick(TRUST_LEVELS)));
    }

    public static List<Ace> dacl(Rnd r, ObjectKind object) {
        int k = r.between(0, 99);
        if (k < 10) return null;                  // NULL DACL
        if (k < 18) return List.of();             // empty DACL
        int n = r.between(1, 6);
        List<Ace> aces = new ArrayList<>();
        for (int i = 0; i < n; i++) aces.add(daclAce(r, object));
        return aces;
    }

    public static List<Ace> sacl(Rnd r, ObjectKind object) {
        List<Ace> aces = new ArrayList<>();
        if (r.chance(55)) {
            if (r.chance(15)) aces.add(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0x08, r.between(0, 7),
                    integritySid(r.pick(0x1000, 0x3000, 0x4000))));   // an inherit-only label first
            aces.add(mandatoryLabel(r));
        }
        if (r.chance(40)) {
            aces.add(trustLabel(r, object));
            if (r.chance(15)) aces.add(trustLabel(r, object));
        }
        if (aces.size() > 1 && r.chance(50)) Collections.reverse(aces);
        // audit and the other inert ACEs, anywhere among the labels: the labels' order among themselves is kept
        if (r.chance(30)) {
            for (int n = r.between(1, 2); n > 0; n--) aces.add(r.between(0, aces.size()), inertSaclAce(r, object));
        }
        return aces;
    }

    public static SecurityDescriptor securityDescriptor(Rnd r, ObjectKind object) {
        Sid owner = r.chance(85) ? r.pick(OWNERS) : null;
        Sid group = r.chance(30) ? r.pick(GROUPS) : null;
        return new SecurityDescriptor(owner, group, dacl(r, object), sacl(r, object), 0);
    }

    /**
     * DesiredAccess for an open: 0, single rights, combinations, MAXIMUM_ALLOWED (alone or with rights), GENERIC_*,
     * ACCESS_SYSTEM_SECURITY (alone, with a right, with MAXIMUM_ALLOWED), named masks.
     */
    public static int desired(Rnd r, ObjectKind object) {
        int valid = validAccess(object);
        int k = r.between(0, 99);
        if (k < 5) return 0;
        if (k < 30) return r.oneBitOf(valid);
        if (k < 48) return r.sparse(valid, 6);
        if (k < 60) return ReferenceAccessCheck.MAXIMUM_ALLOWED;
        if (k < 65) return ReferenceAccessCheck.MAXIMUM_ALLOWED | r.oneBitOf(valid);
        if (k < 75) {
            int g = r.sparse(ReferenceDecider.GENERICS, 3);
            return g != 0 ? g : ReferenceDecider.GENERIC_READ;
        }
        if (k < 80) return ReferenceAccessCheck.ACCESS_SYSTEM_SECURITY;
        if (k < 84) return ReferenceAccessCheck.ACCESS_SYSTEM_SECURITY | r.oneBitOf(valid);
        if (k < 87) return ReferenceAccessCheck.ACCESS_SYSTEM_SECURITY | ReferenceAccessCheck.MAXIMUM_ALLOWED;
        return namedMask(r, object);
    }

    /** A source handle's access for a duplicate: what a handle of the type can hold. */
    public static int sourceAccess(Rnd r, ObjectKind object) {
        int valid = validAccess(object);
        int k = r.between(0, 99);
        int m = k < 20 ? valid : k < 45 ? namedMask(r, object) : k < 60 ? r.oneBitOf(valid) : r.sparse(valid, 2);
        return r.chance(8) ? m | ReferenceAccessCheck.ACCESS_SYSTEM_SECURITY : m;
    }

    /** A duplication's DesiredAccess: a subset of the source access, sometimes spelt with a generic bit. */
    public static int duplicateDesired(Rnd r, ObjectKind object, int source) {
        int k = r.between(0, 99);
        if (k < 10) return 0;
        if (k < 20) return source;
        if (k < 35) {
            int[] mapping = ReferenceAccessCheck.genericMapping(object);
            int[] generic = {ReferenceDecider.GENERIC_READ, ReferenceDecider.GENERIC_WRITE,
                    ReferenceDecider.GENERIC_EXECUTE, ReferenceDecider.GENERIC_ALL};
            int i = r.between(0, 3);
            if ((mapping[i] & ~source) == 0) return generic[i] | r.sparse(source, 3);
        }
        int d = r.sparse(source, 3);
        return d != 0 ? d : r.oneBitOf(source);
    }

    private static PicoProvider pico(Rnd r) {
        int[] masks = {0, 0x1FFFFF, 0x101000, 0x1000, 0x100800, 0x101C00};
        return new PicoProvider(r.pick(masks), r.pick(masks));
    }

    // ---- whole queries ----------------------------------------------------------------------------------------------

    /** One (token, descriptor, request) case for the differential test; 4% of them input errors. */
    public static AccessQuery sdQuery(Rnd r) {
        AccessQuery q = validSdQuery(r);
        return r.chance(4) ? inputError(r, q) : q;
    }

    /** One decidable (token, descriptor, request) case. */
    public static AccessQuery validSdQuery(Rnd r) {
        int ok = r.between(0, 99);
        Operation operation = ok < 70 ? Operation.OPEN : ok < 85 ? Operation.DUPLICATE : Operation.DEBUG;
        int ko = r.between(0, 99);
        ObjectKind object = operation == Operation.DEBUG ? ObjectKind.PROCESS
                : ko < 45 ? ObjectKind.PROCESS : ko < 72 ? ObjectKind.THREAD : ObjectKind.TOKEN;
        if (operation == Operation.DUPLICATE && object == ObjectKind.TOKEN) {
            // a token is opened, not duplicated (I): inputError() makes that case
            object = r.chance(60) ? ObjectKind.PROCESS : ObjectKind.THREAD;
        }
        int kr = r.between(0, 99);
        Relation relation = kr < 70 ? Relation.NONE : kr < 80 ? Relation.PARENT : kr < 88 ? Relation.STALE_PARENT
                : Relation.SELF;
        if (operation == Operation.DEBUG && relation == Relation.SELF) relation = Relation.NONE;
        PsProtection target = protection(r);
        PsProtection caller = relation == Relation.SELF ? target : protection(r);
        PicoProvider targetPico = r.chance(8) ? pico(r) : null;
        boolean callerPico = relation == Relation.SELF ? targetPico != null : r.chance(10);
        AccessMode mode = r.chance(75) ? AccessMode.USER : AccessMode.KERNEL;
        boolean force = r.chance(25);
        String build = BUILDS[r.between(0, BUILDS.length - 1)];
        boolean disallow = r.chance(20);

        int desired;
        Integer source = null;
        switch (operation) {
            case DEBUG -> {
                int k = r.between(0, 99);   // the debugger's handle: SUSPEND_RESUME, 0 (standing for it), or more
                desired = k < 65 ? ReferenceAccessCheck.PROCESS_SUSPEND_RESUME : k < 80 ? 0
                        : ReferenceAccessCheck.PROCESS_SUSPEND_RESUME | r.sparse(validAccess(ObjectKind.PROCESS), 5);
            }
            case DUPLICATE -> {
                source = sourceAccess(r, object);
                desired = duplicateDesired(r, object, source);
            }
            default -> desired = desired(r, object);
        }
        Token token = token(r);
        SecurityDescriptor sd = securityDescriptor(r, object);
        Token targetToken = object == ObjectKind.TOKEN && r.chance(25) ? token(r) : null;
        return new AccessQuery(caller, callerPico, target, object, desired, mode, force, relation, build,
                null, targetPico, disallow, operation, token, sd, targetToken, source);
    }

    /** A decidable open (no duplicate, no debug) of a process, thread or token. */
    public static AccessQuery openQuery(Rnd r) {
        AccessQuery q = validSdQuery(r);
        if (q.operation() == Operation.OPEN) return q;
        ObjectKind object = q.operation() == Operation.DEBUG ? ObjectKind.PROCESS : q.object();
        return q.withOperation(Operation.OPEN).withSourceAccess(null).withDesired(desired(r, object));
    }

    /** The token with {@code p} removed, or set to held-and-{@code enabled} when {@code enabled} is not null. */
    public static Token withPrivilege(Token t, Privilege p, Boolean enabled) {
        List<TokenPrivilege> privileges = new ArrayList<>();
        for (TokenPrivilege tp : t.privileges()) {
            if (tp.privilege() != p) privileges.add(tp);
        }
        if (enabled != null) privileges.add(new TokenPrivilege(p, enabled));
        return new Token(t.user(), t.groups(), privileges, t.integrity(), t.restrictedSids(), t.trustSid());
    }

    /** The token with its (never read) trust SID replaced. */
    public static Token withTrustSid(Token t, Sid trust) {
        return new Token(t.user(), t.groups(), t.privileges(), t.integrity(), t.restrictedSids(), trust);
    }

    /** The descriptor with another DACL. */
    public static SecurityDescriptor withDacl(SecurityDescriptor sd, List<Ace> dacl) {
        return new SecurityDescriptor(sd.owner(), sd.group(), dacl, sd.sacl(), sd.control());
    }

    /** The descriptor with another SACL. */
    public static SecurityDescriptor withSacl(SecurityDescriptor sd, List<Ace> sacl) {
        return new SecurityDescriptor(sd.owner(), sd.group(), sd.dacl(), sacl, sd.control());
    }

    /**
     * The same case made an input error in one of the ways the contract (or AccessQuery) names, or that both sides
     * agree on where it is silent (I): a duplicate asking beyond its source handle, a duplicate without one, a
     * duplicated token, a process debugging itself, a debugger's handle without PROCESS_SUSPEND_RESUME, sdGranted next
     * to a token or for a duplicate, a descriptor or a token object without a token, a source handle outside a
     * duplicate, an unknown build.
     */
    public static AccessQuery inputError(Rnd r, AccessQuery q) {
        int valid = validAccess(q.object());
        return switch (r.between(0, 10)) {
            case 0 -> {
                int source = q.sourceAccess() != null ? q.sourceAccess() : sourceAccess(r, q.object());
                int beyond = valid & ~source;
                yield q.withOperation(Operation.DUPLICATE).withSourceAccess(source)
                        .withDesired(beyond != 0 ? r.sparse(source, 2) | r.oneBitOf(beyond)
                                : ReferenceAccessCheck.MAXIMUM_ALLOWED);
            }
            case 1 -> q.withOperation(Operation.DUPLICATE).withSourceAccess(null);
            case 2 -> q.withOperation(Operation.DEBUG).withObject(ObjectKind.PROCESS)
                    .withDesired(ReferenceAccessCheck.PROCESS_SUSPEND_RESUME)
                    .withRelation(Relation.SELF).withCaller(q.target()).withPico(q.targetPico() != null, q.targetPico());
            case 3 -> q.withSdGranted(r.sparse(valid, 2));
            case 4 -> q.withOperation(Operation.DUPLICATE).withObject(ObjectKind.TOKEN)
                    .withSourceAccess(ReferenceAccessCheck.TOKEN_ALL_ACCESS).withDesired(r.oneBitOf(ReferenceAccessCheck.TOKEN_ALL_ACCESS));
            case 5 -> q.withOperation(Operation.DEBUG).withObject(ObjectKind.PROCESS).withSourceAccess(null)
                    .withRelation(q.relation() == Relation.SELF ? Relation.NONE : q.relation())
                    .withDesired(r.oneBitOf(validAccess(ObjectKind.PROCESS) & ~ReferenceAccessCheck.PROCESS_SUSPEND_RESUME));
            case 6 -> q.withToken(null).withObject(r.chance(50) ? ObjectKind.TOKEN : q.object())
                    .withTargetToken(r.chance(30) ? token(r) : q.targetToken());
            case 7 -> q.withOperation(r.chance(50) ? Operation.OPEN : Operation.DEBUG).withSourceAccess(valid)
                    .withDesired(ReferenceAccessCheck.PROCESS_SUSPEND_RESUME & valid);
            case 8 -> q.operation() == Operation.DUPLICATE
                    ? q.withToken(r.chance(50) ? null : q.token()).withSd(null).withTargetToken(null)
                            .withSdGranted(r.sparse(valid, 2))
                    : q.withBuild("windows-8.1");
            default -> q.withBuild("windows-8.1");
        };
    }

    public static Gen<AccessQuery> sdQueries() {
        return SdGenerators.<AccessQuery>gen(SdGenerators::sdQuery).describedAs(SdGenerators::describe);
    }

    // ---- description -------------------------------------------------------------------------------------------------

    private static String hex(int m) {
        return String.format("0x%08X", m);
    }

    public static String describe(Token t) {
        if (t == null) return "null";
        StringBuilder b = new StringBuilder("{user=").append(t.user()).append(", il=").append(t.integrity()).append(", groups=[");
        String sep = "";
        for (TokenGroup g : t.groups()) {
            b.append(sep).append(g.sid()).append(String.format(":0x%X", g.attributes()));
            sep = ", ";
        }
        b.append("], privs=[");
        sep = "";
        for (TokenPrivilege p : t.privileges()) {
            b.append(sep).append(p.privilege().sdkName()).append(p.enabled() ? "+" : "-");
            sep = ", ";
        }
        b.append("]");
        if (!t.restrictedSids().isEmpty()) b.append(", restricted=").append(t.restrictedSids());
        if (t.trustSid() != null) b.append(", trustSid(ignored)=").append(t.trustSid());
        return b.append('}').toString();
    }

    public static String describe(SecurityDescriptor sd) {
        if (sd == null) return "null";
        try {
            return Sddl.print(sd);
        } catch (RuntimeException e) {
            return sd.toString();
        }
    }

    /** Every field of a query, the token and descriptor spelt out. */
    public static String describe(AccessQuery q) {
        return "{op=" + q.operation().id() + ", object=" + q.object().id()
                + ", caller=" + q.caller() + (q.callerPico() ? " [pico]" : "") + ", target=" + q.target()
                + ", desired=" + hex(q.desired())
                + (q.sourceAccess() != null ? ", sourceAccess=" + hex(q.sourceAccess()) : "")
                + ", mode=" + q.mode().id() + ", force=" + q.forceAccessCheck()
                + ", relation=" + q.relation().id() + ", build=" + q.build()
                + (q.sdGranted() != null ? ", sdGranted=" + hex(q.sdGranted()) : "")
                + (q.targetPico() != null ? String.format(", targetPico={0x%X, 0x%X}", q.targetPico().openProcess(),
                        q.targetPico().openThread()) : "")
                + ", disallowUserTerminate=" + q.targetDisallowUserTerminate()
                + ",\n      token=" + describe(q.token())
                + ",\n      sd=" + describe(q.sd())
                + (q.targetToken() != null ? ",\n      targetToken=" + describe(q.targetToken()) : "") + "}";
    }
}
