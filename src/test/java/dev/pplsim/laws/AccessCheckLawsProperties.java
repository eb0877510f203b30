package dev.pplsim.laws;

import dev.pplsim.differential.SdGenerators.Rnd;
import dev.pplsim.differential.SdGenerators;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Token;
import dev.pplsim.reference.ReferenceAccessCheck;
import dev.pplsim.reference.ReferenceBuild;
import dev.pplsim.reference.ReferenceDecider;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * Laws of the security-descriptor stage (docs/ACCESS-CHECK.md) that the ENGINE's decisions must obey, each over
 * generated (token, descriptor, request) cases. The reference is used only for the contract's fixed arithmetic (generic
 * mapping, implied rights, trust-SID derivation and dominance, the protection table), never as the expected answer;
 * each law says in its comment what broken engine it would catch.
 */
class AccessCheckLawsProperties {

    /** Examples each law must see at least (the MAXIMUM_ALLOWED law makes five engine calls per example). */
    static final int EXAMPLES = 5_000;
    static final int MULTI_CALL_EXAMPLES = 1_500;

    /** Who decides: the engine here, a deliberately broken decider in {@link AccessCheckLawsPlantedFaultTests}. */
    interface Decider extends java.util.function.Function<AccessQuery, Decision> {
    }

    static Decision engine(AccessQuery q) {
        return Simulator.builtIn().decide(q);
    }

    static final Decider ENGINE = AccessCheckLawsProperties::engine;

    private static String hex(int m) {
        return String.format("0x%08X", m);
    }

    private static String show(AccessQuery q, Decision d) {
        return SdGenerators.describe(q) + "\n  -> " + d.status() + " " + hex(d.granted()) + " rules " + d.rules();
    }

    private static void assertRan(AtomicLong ran, int atLeast) {
        assertTrue(ran.get() >= atLeast, "only " + ran.get() + " examples ran");
    }

    private static boolean success(Decision d) {
        return d.status() == NtStatus.STATUS_SUCCESS;
    }

    private static void assertRefusedWithNothing(AccessQuery q, Decision d, String why) {
        assertNotEquals(NtStatus.STATUS_SUCCESS, d.status(), () -> why + ": " + show(q, d));
        assertEquals(0, d.granted(), () -> "a refusal grants nothing: " + show(q, d));
    }

    /** The implied rights the open procedure may add on top of {@code granted} (spec §3.2, §3.3); none for a token. */
    private static int withImplied(AccessQuery q, int granted) {
        if (q.object() == ObjectKind.TOKEN) return granted;
        return ReferenceDecider.addImpliedRights(ReferenceBuild.byId(q.build()), q.object(), granted);
    }

    private static int mapped(AccessQuery q) {
        return ReferenceAccessCheck.rtlMapGenericMask(q.desired(), q.object());
    }

    private static int specific(int mapped) {
        return mapped & ~ReferenceAccessCheck.MAXIMUM_ALLOWED & ~ReferenceAccessCheck.ACCESS_SYSTEM_SECURITY;
    }

    private static boolean effectiveUserMode(AccessQuery q) {
        return q.mode() == AccessMode.USER || q.forceAccessCheck();
    }

    private static <T> Gen<T> gen(java.util.function.Function<Rnd, T> f) {
        return SdGenerators.gen(f);
    }

    // =================================================================================================================

    /** A case for the deny law: the query (deny ACE already first in its DACL) and the denied mask. */
    record DenyCase(AccessQuery q, int denied) {
    }

    /**
     * ACCESS-CHECK step 6: a deny ACE for the token's user, first in the DACL, decides every right it names before any
     * allow ACE can; so a user-mode open without SeDebugPrivilege that asks one of those rights is refused, and a
     * MAXIMUM_ALLOWED open never holds one (beyond the open procedure's implied additions). The owner's implicit
     * READ_CONTROL | WRITE_DAC are taken before the walk, so they are left out of the deny mask for an owner.
     * Catches: deny ACEs ignored or matched against groups only, ACEs evaluated as a union, a later allow overriding.
     */
    @Test
    void explicit_deny_for_the_user_before_any_allow_always_refuses_those_rights() {
        explicitDenyForTheUserBeforeAnyAllowAlwaysRefusesThoseRights(ENGINE, EXAMPLES);
    }

    static void explicitDenyForTheUserBeforeAnyAllowAlwaysRefusesThoseRights(Decider engine, int examples) {
        AtomicLong ran = new AtomicLong(), refused = new AtomicLong();
        Gen<DenyCase> cases = gen(r -> {
            AccessQuery q = SdGenerators.openQuery(r);
            if (!effectiveUserMode(q)) q = q.withForceAccessCheck(true);
            Token token = SdGenerators.withPrivilege(q.token(), Privilege.SE_DEBUG, r.chance(50) ? null : false);
            int valid = ReferenceAccessCheck.validAccess(q.object());
            int deny = r.chance(50) ? r.oneBitOf(valid) : r.sparse(valid, 3) | r.oneBitOf(valid);
            SecurityDescriptor sd = q.sd();
            List<Ace> dacl = new ArrayList<>();
            dacl.add(new Ace(AceType.ACCESS_DENIED, r.pick(0, 0x10), deny, token.user()));
            if (sd.dacl() != null) dacl.addAll(sd.dacl());
            if (r.chance(30)) dacl.add(new Ace(AceType.ACCESS_ALLOWED, 0, valid, token.user()));   // an allow after it
            sd = SdGenerators.withDacl(sd, dacl);
            if (ReferenceAccessCheck.sepTokenIsOwner(token, sd) && !ReferenceAccessCheck.daclHasOwnerRightsAce(dacl)) {
                deny &= ~ReferenceAccessCheck.OWNER_IMPLICIT_RIGHTS;
                dacl.set(0, new Ace(AceType.ACCESS_DENIED, dacl.get(0).flags(), deny, token.user()));
                sd = SdGenerators.withDacl(sd, dacl);
            }
            int k = r.between(0, 99);
            int desired = k < 40 ? r.oneBitOf(deny) | (r.chance(30) ? r.oneBitOf(valid) : 0)
                    : k < 70 ? ReferenceAccessCheck.MAXIMUM_ALLOWED | (r.chance(30) ? r.oneBitOf(deny) : 0)
                    : SdGenerators.desired(r, q.object());
            return new DenyCase(q.withToken(token).withSd(sd).withDesired(desired), deny);
        });
        qt().withExamples(examples + 50).forAll(cases.describedAs(c -> SdGenerators.describe(c.q()) + " deny " + hex(c.denied())))
                .checkAssert(c -> {
                    ran.incrementAndGet();
                    AccessQuery q = c.q();
                    Decision d = engine.apply(q);
                    if ((specific(mapped(q)) & c.denied()) != 0) {
                        refused.incrementAndGet();
                        assertRefusedWithNothing(q, d, "asked a right denied by the first ACE " + hex(c.denied()));
                    } else if (success(d)) {
                        int base = d.granted() & ~c.denied();
                        int implied = withImplied(q, base) & ~base;
                        assertEquals(0, d.granted() & c.denied() & ~implied,
                                () -> "holds a right denied by the first ACE " + hex(c.denied()) + ": " + show(q, d));
                    }
                });
        assertRan(ran, examples);
        assertTrue(refused.get() > examples / 3, "too few cases asked a denied right: " + refused.get());
    }

    // =================================================================================================================

    /**
     * Spec §4.1: SeDebugPrivilege skips SeAccessCheck, never PspProcessOpen / PspThreadOpen. With it enabled, a
     * process or thread open is never better than the protection-only answer for the same request as the SD stage's
     * grant (sdGranted = the mapped request, MAXIMUM_ALLOWED as 0x1FFFFF); and a user-mode caller that does not dominate
     * the target is refused whenever that request touches the target's denied mask. Catches: the privilege treated as
     * a bypass of the open procedure, or the protection stages reading the desired instead of the granted mask.
     */
    @Test
    void sedebugprivilege_never_bypasses_protection() {
        sedebugprivilegeNeverBypassesProtection(ENGINE, EXAMPLES);
    }

    static void sedebugprivilegeNeverBypassesProtection(Decider engine, int examples) {
        AtomicLong ran = new AtomicLong(), vetoed = new AtomicLong();
        Gen<AccessQuery> cases = gen(r -> {
            AccessQuery q = SdGenerators.openQuery(r);
            ObjectKind object = r.chance(60) ? ObjectKind.PROCESS : ObjectKind.THREAD;
            Relation relation = r.chance(80) ? Relation.NONE : r.chance(50) ? Relation.PARENT : Relation.STALE_PARENT;
            int desired = r.chance(70) ? SdGenerators.desired(r, object) & ~ReferenceAccessCheck.ACCESS_SYSTEM_SECURITY
                    : SdGenerators.desired(r, object);
            return q.withObject(object).withRelation(relation).withMode(AccessMode.USER)
                    .withTarget(r.chance(85) ? new PsProtection(r.pick(0x72, 0x62, 0x61, 0x52, 0x51, 0x41, 0x31, 0x21, 0x12, 0x11, 0x81))
                            : q.target())
                    .withToken(SdGenerators.withPrivilege(q.token(), Privilege.SE_DEBUG, true))
                    .withSd(SdGenerators.securityDescriptor(r, object))
                    .withDesired(desired);
        });
        qt().withExamples(examples + 50).forAll(cases.describedAs(SdGenerators::describe)).checkAssert(q -> {
            ran.incrementAndGet();
            Decision d = engine.apply(q);
            int mapped = mapped(q);
            int asSdGrant = (mapped & ReferenceAccessCheck.MAXIMUM_ALLOWED) != 0
                    ? (mapped & ~ReferenceAccessCheck.MAXIMUM_ALLOWED) | ReferenceAccessCheck.validAccess(q.object())
                    : mapped;
            AccessQuery protectionOnly = q.withToken(null).withSd(null).withTargetToken(null).withSdGranted(asSdGrant);
            Decision p = engine.apply(protectionOnly);
            if (success(d)) {
                assertTrue(success(p), () -> "succeeds where protection alone refuses:\n" + show(q, d)
                        + "\n  protection only: " + show(protectionOnly, p));
                assertEquals(0, d.granted() & ~p.granted(), () -> "more than protection alone allows:\n" + show(q, d)
                        + "\n  protection only: " + show(protectionOnly, p));
            } else {
                assertEquals(0, d.granted(), () -> show(q, d));
            }
            ReferenceBuild build = ReferenceBuild.byId(q.build());
            int deny = ReferenceDecider.effectiveDeniedMask(build, q.object(), q.relation(), q.target());
            if ((asSdGrant & deny) != 0 && !ReferenceDecider.rtlTestProtectedAccess(q.caller(), q.target())) {
                vetoed.incrementAndGet();
                assertRefusedWithNothing(q, d, "SeDebugPrivilege passed a denied right " + hex(asSdGrant & deny)
                        + " of a target the caller does not dominate");
            }
        });
        assertRan(ran, examples);
        assertTrue(vetoed.get() > examples / 5, "too few cases touched a non-dominated denied mask: " + vetoed.get());
    }

    // =================================================================================================================

    /**
     * ACCESS-CHECK step 7: MAXIMUM_ALLOWED grants everything the access check allows, so every right that succeeds
     * alone is in it, and MAXIMUM_ALLOWED succeeds whenever one does. Asked of an unprotected target without Pico or
     * DisallowUserTerminate (whose vetoes refuse a whole open, so MAXIMUM_ALLOWED may fail there while a single right
     * succeeds, spec §3.2). Catches: a MAXIMUM_ALLOWED walk that stops at the first ACE, forgets the owner's implicit
     * rights or a NULL DACL, or applies a limit a single right does not see.
     */
    @Test
    void maximum_allowed_contains_every_right_that_succeeds_alone() {
        maximumAllowedContainsEveryRightThatSucceedsAlone(ENGINE, MULTI_CALL_EXAMPLES);
    }

    static void maximumAllowedContainsEveryRightThatSucceedsAlone(Decider engine, int examples) {
        AtomicLong ran = new AtomicLong(), singlesGranted = new AtomicLong();
        record Case(AccessQuery q, int[] singles) {
        }
        Gen<Case> cases = gen(r -> {
            AccessQuery q = SdGenerators.openQuery(r);
            q = q.withTarget(PsProtection.NONE).withPico(q.relation() == Relation.SELF ? false : q.callerPico(), null)
                    .withDisallowUserTerminate(false);
            if (q.relation() == Relation.SELF) q = q.withCaller(PsProtection.NONE);
            int valid = ReferenceAccessCheck.validAccess(q.object());
            int[] singles = new int[4];
            for (int i = 0; i < singles.length; i++) singles[i] = r.oneBitOf(valid);
            return new Case(q.withDesired(ReferenceAccessCheck.MAXIMUM_ALLOWED), singles);
        });
        qt().withExamples(examples + 20).forAll(cases.describedAs(c -> SdGenerators.describe(c.q())))
                .checkAssert(c -> {
                    ran.incrementAndGet();
                    Decision max = engine.apply(c.q());
                    for (int right : c.singles()) {
                        AccessQuery one = c.q().withDesired(right);
                        Decision d = engine.apply(one);
                        if (!success(d)) continue;
                        singlesGranted.incrementAndGet();
                        assertTrue(success(max), () -> hex(right) + " alone succeeds: " + show(one, d)
                                + "\n  but MAXIMUM_ALLOWED: " + show(c.q(), max));
                        assertEquals(right, max.granted() & right, () -> hex(right) + " alone succeeds: "
                                + show(one, d) + "\n  but MAXIMUM_ALLOWED lacks it: " + show(c.q(), max));
                    }
                });
        assertRan(ran, examples);
        assertTrue(singlesGranted.get() > examples / 2, "too few single rights succeeded: " + singlesGranted.get());
    }

    // =================================================================================================================

    /**
     * ACCESS-CHECK step 6: removing an allow ACE (other than an OWNER RIGHTS one, whose removal gives the owner back its
     * implicit rights) can only shrink what the DACL grants. So a specific request that succeeds without the ACE
     * succeeds with it, with the same grant; a MAXIMUM_ALLOWED open of an unprotected target without the ACE holds no
     * more than with it. Catches: first-applicable-ACE-wins per request instead of per right, an allow ACE that
     * subtracts, a deny ACE that looks at ACEs before it.
     */
    @Test
    void removing_an_allow_ace_never_grants_more() {
        removingAnAllowAceNeverGrantsMore(ENGINE, EXAMPLES);
    }

    static void removingAnAllowAceNeverGrantsMore(Decider engine, int examples) {
        AtomicLong ran = new AtomicLong(), compared = new AtomicLong();
        record Case(AccessQuery with, AccessQuery without) {
        }
        Gen<Case> cases = gen(r -> {
            AccessQuery q = SdGenerators.openQuery(r);
            List<Ace> dacl = new ArrayList<>(q.sd().dacl() == null ? List.of() : q.sd().dacl());
            Ace added = new Ace(AceType.ACCESS_ALLOWED, 0, SdGenerators.aceMask(r, q.object()),
                    r.chance(60) ? q.token().user() : r.pick(SdGenerators.ACE_SIDS));
            if (r.chance(40) || dacl.stream().noneMatch(AccessCheckLawsProperties::removableAllow)) {
                dacl.add(r.between(0, dacl.size()), added);
            }
            List<Integer> removable = new ArrayList<>();
            for (int i = 0; i < dacl.size(); i++) if (removableAllow(dacl.get(i))) removable.add(i);
            int at = r.pick(removable);
            List<Ace> less = new ArrayList<>(dacl);
            less.remove(at);
            if (r.chance(35)) {
                q = q.withTarget(PsProtection.NONE).withPico(false, null).withDisallowUserTerminate(false)
                        .withRelation(Relation.NONE).withDesired(ReferenceAccessCheck.MAXIMUM_ALLOWED
                                | (r.chance(20) ? r.oneBitOf(ReferenceAccessCheck.validAccess(q.object())) : 0));
            } else if ((q.desired() & ReferenceAccessCheck.MAXIMUM_ALLOWED) != 0) {
                q = q.withDesired(r.oneBitOf(ReferenceAccessCheck.validAccess(q.object())));
            }
            return new Case(q.withSd(SdGenerators.withDacl(q.sd(), dacl)), q.withSd(SdGenerators.withDacl(q.sd(), less)));
        });
        qt().withExamples(examples + 50).forAll(cases.describedAs(c -> SdGenerators.describe(c.with())
                + "\n  without the ACE: " + SdGenerators.describe(c.without().sd()))).checkAssert(c -> {
            ran.incrementAndGet();
            Decision without = engine.apply(c.without());
            if (!success(without)) return;
            compared.incrementAndGet();
            Decision with = engine.apply(c.with());
            assertTrue(success(with), () -> "refused with the allow ACE: " + show(c.with(), with)
                    + "\n  but granted without it: " + show(c.without(), without));
            if ((c.with().desired() & ReferenceAccessCheck.MAXIMUM_ALLOWED) == 0) {
                assertEquals(without.granted(), with.granted(), () -> show(c.with(), with) + "\n  vs " + show(c.without(), without));
            } else {
                assertEquals(0, without.granted() & ~with.granted(), () -> "more without the allow ACE: "
                        + show(c.without(), without) + "\n  than with it: " + show(c.with(), with));
            }
        });
        assertRan(ran, examples);
        assertTrue(compared.get() > examples / 5, "too few successes without the ACE: " + compared.get());
    }

    private static boolean removableAllow(Ace a) {
        return a.type() == AceType.ACCESS_ALLOWED && !ReferenceAccessCheck.OWNER_RIGHTS.equals(a.sid());
    }

    // =================================================================================================================

    /**
     * Spec §4.3 SepTrustLevelCheck: a caller whose trust SID (derived from its protection byte, never the token's)
     * does not dominate the first non-inherit-only TL ACE gets at most that ACE's mask, plus ACCESS_SYSTEM_SECURITY
     * where SeSecurityPrivilege is enabled, plus the open procedure's implied rights; a specific request beyond the
     * mask is refused. User mode, no SeDebugPrivilege for process and thread (it skips the label), an unprotected target
     * so the grant is the SD stage's. Every token carries a dominating trust SID S-1-19-1024-8192 that must be ignored.
     * Catches: the TL ignored, dominance inverted or compared on one RID only, the token's trust SID read.
     */
    @Test
    void a_caller_that_does_not_dominate_a_trust_label_never_gets_more_than_its_mask() {
        aCallerThatDoesNotDominateATrustLabelNeverGetsMoreThanItsMask(ENGINE, EXAMPLES);
    }

    static void aCallerThatDoesNotDominateATrustLabelNeverGetsMoreThanItsMask(Decider engine, int examples) {
        AtomicLong ran = new AtomicLong(), succeeded = new AtomicLong(), beyond = new AtomicLong();
        record Case(AccessQuery q, int mask) {
        }
        Gen<Case> cases = gen(r -> {
            AccessQuery q = SdGenerators.openQuery(r);
            PsProtection caller;
            Ace label;
            do {   // 0x62 / 0x72 (S-1-19-1024-8192) dominate every label: draw both again
                caller = SdGenerators.protection(r);
                label = SdGenerators.trustLabel(r, q.object());
            } while (ReferenceAccessCheck.rtlSidDominatesForTrust(
                    ReferenceAccessCheck.sepSidFromProcessProtection(caller), label.sid()));
            label = new Ace(label.type(), 0, label.mask(), label.sid());
            List<Ace> sacl = new ArrayList<>();
            for (Ace a : q.sd().sacl()) {
                if (a.type() != AceType.SYSTEM_PROCESS_TRUST_LABEL || a.inheritOnly()) sacl.add(a);
            }
            sacl.add(r.between(0, sacl.size()), label);
            Token token = SdGenerators.withTrustSid(q.token(), SdGenerators.trustSid(0x400, 0x2000));
            if (q.object() != ObjectKind.TOKEN) token = SdGenerators.withPrivilege(token, Privilege.SE_DEBUG, r.chance(50) ? null : false);
            int mask = ReferenceAccessCheck.rtlMapGenericMask(label.mask(), q.object());
            int k = r.between(0, 99);
            int desired = k < 40 ? ReferenceAccessCheck.MAXIMUM_ALLOWED | (r.chance(15) ? ReferenceAccessCheck.ACCESS_SYSTEM_SECURITY : 0)
                    : k < 60 && mask != 0 ? r.oneBitOf(mask)
                    : SdGenerators.desired(r, q.object());
            q = q.withCaller(caller).withTarget(PsProtection.NONE).withRelation(Relation.NONE).withMode(AccessMode.USER)
                    .withToken(token).withSd(SdGenerators.withSacl(q.sd(), sacl)).withDesired(desired);
            return new Case(q, mask);
        });
        qt().withExamples(examples + 50).forAll(cases.describedAs(c -> SdGenerators.describe(c.q()))).checkAssert(c -> {
            ran.incrementAndGet();
            AccessQuery q = c.q();
            Decision d = engine.apply(q);
            int bound = withImplied(q, c.mask()) | ReferenceAccessCheck.ACCESS_SYSTEM_SECURITY;
            if (success(d)) {
                succeeded.incrementAndGet();
                assertEquals(0, d.granted() & ~bound, () -> "beyond the trust label's mask " + hex(c.mask()) + ": " + show(q, d));
            }
            if ((specific(mapped(q)) & ~c.mask()) != 0) {
                beyond.incrementAndGet();
                assertRefusedWithNothing(q, d, "asked beyond the trust label's mask " + hex(c.mask()));
            }
        });
        assertRan(ran, examples);
        assertTrue(succeeded.get() > examples / 10, "too few successes: " + succeeded.get());
        assertTrue(beyond.get() > examples / 5, "too few requests beyond the mask: " + beyond.get());
    }

    // =================================================================================================================

    /**
     * ACCESS-CHECK step 7 (and §3.4 for a duplicate): a specific request (no MAXIMUM_ALLOWED) is granted as asked or
     * not at all, so the grant is never more than the mapped request plus the open procedure's implied rights (none
     * for a token), and a refusal grants 0. Over every operation and object. Catches: a specific request answered with
     * everything the DACL allows, ACCESS_SYSTEM_SECURITY or implicit owner rights added unasked, a duplicate given the
     * source handle's whole access.
     */
    @Test
    void granted_is_never_more_than_desired() {
        grantedIsNeverMoreThanDesired(ENGINE, EXAMPLES);
    }

    static void grantedIsNeverMoreThanDesired(Decider engine, int examples) {
        AtomicLong ran = new AtomicLong(), succeeded = new AtomicLong();
        Gen<AccessQuery> cases = gen(r -> {
            AccessQuery q = SdGenerators.validSdQuery(r);
            if ((q.desired() & ReferenceAccessCheck.MAXIMUM_ALLOWED) != 0) {
                int valid = ReferenceAccessCheck.validAccess(q.object());
                q = q.withDesired((q.desired() & ~ReferenceAccessCheck.MAXIMUM_ALLOWED) | (r.chance(50) ? r.oneBitOf(valid) : 0));
            }
            return q;
        });
        qt().withExamples(examples + 50).forAll(cases.describedAs(SdGenerators::describe)).checkAssert(q -> {
            ran.incrementAndGet();
            Decision d = engine.apply(q);
            if (!success(d)) {
                assertEquals(0, d.granted(), () -> show(q, d));
                return;
            }
            succeeded.incrementAndGet();
            // DesiredAccess 0 stands for the source handle's access (duplicate, I) or DebugActiveProcess's 0x00000C3A (debug, §12.6)
            int asked = q.desired() != 0 ? mapped(q)
                    : q.operation() == Operation.DUPLICATE ? q.sourceAccess()
                    : q.operation() == Operation.DEBUG ? ReferenceAccessCheck.DEBUG_ACTIVE_PROCESS_ACCESS : 0;
            int bound = withImplied(q, asked);
            assertEquals(0, d.granted() & ~bound, () -> "granted beyond the request " + hex(bound) + ": " + show(q, d));
            assertEquals(0, asked & ~d.granted(), () -> "a success strips part of the request " + hex(asked) + ": " + show(q, d));
        });
        assertRan(ran, examples);
        assertTrue(succeeded.get() > examples / 5, "too few successes: " + succeeded.get());
    }
}
