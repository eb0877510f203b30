package dev.pplsim.laws;

import dev.pplsim.differential.Outcome;
import dev.pplsim.differential.QueryGenerators;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.reference.ReferenceBuild;
import dev.pplsim.reference.ReferenceDecider;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.concurrent.atomic.AtomicLong;

import static dev.pplsim.differential.QueryGenerators.between;
import static dev.pplsim.differential.QueryGenerators.chance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * Laws the engine's decisions must obey, each checked on at least 2,000 generated queries. The spec's tables
 * (§2.1 denied masks and DominateMask, §4.4 mappings) come from the reference's typed-in copies.
 */
class ProtectionLawsProperties {

    /** Examples each law must see at least. */
    static final int EXAMPLES = 2_000;
    /** Asked of QuickTheories: a little more, since it may count its first example differently. */
    static final int REQUESTED = EXAMPLES + 50;

    private static void assertRan(AtomicLong ran) {
        assertTrue(ran.get() >= EXAMPLES, "only " + ran.get() + " examples ran");
    }

    private static Decision engine(AccessQuery q) {
        return Simulator.builtIn().decide(q);
    }

    private static String hex(int m) {
        return String.format("0x%08X", m);
    }

    private static String show(AccessQuery q, Decision d) {
        return Outcome.describe(q) + " -> " + d.status() + " " + hex(d.granted()) + " rules " + d.rules();
    }

    /** What the SD stage hands the open procedure: sdGranted, or the mapped request with MAXIMUM_ALLOWED resolved. */
    private static int sdStage(AccessQuery q) {
        return ReferenceDecider.sdStageGranted(q);
    }

    private static int withImplied(AccessQuery q, int granted) {
        return ReferenceDecider.addImpliedRights(ReferenceBuild.byId(q.build()), q.object(), granted);
    }

    private static void assertDeniedWithNothing(AccessQuery q, Decision d) {
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, d.status(), () -> show(q, d));
        assertEquals(0, d.granted(), () -> "a refused open grants nothing: " + show(q, d));
    }

    // -----------------------------------------------------------------------------------------------------------------

    /**
     * The engine never grants a bit the SD stage did not grant, except the implicit additions of the open procedure;
     * a refusal grants 0; a success strips nothing the SD stage granted.
     */
    @Test
    void granted_is_never_more_than_sd_granted_plus_implied_rights() {
        AtomicLong ran = new AtomicLong();
        qt().withExamples(REQUESTED).forAll(QueryGenerators.validQuery()).checkAssert(q -> {
            ran.incrementAndGet();
            Decision d = engine(q);
            int base = sdStage(q);
            int upper = withImplied(q, base);
            assertEquals(0, d.granted() & ~upper, () -> "granted beyond " + hex(upper) + ": " + show(q, d));
            if (d.status() == NtStatus.STATUS_SUCCESS) {
                assertEquals(0, base & ~d.granted(), () -> "success stripped part of " + hex(base) + ": " + show(q, d));
            } else {
                assertDeniedWithNothing(q, d);
            }
        });
        assertRan(ran);
    }

    /** For a target of type 0 the caller's byte never matters (RtlTestProtectedAccess returns TRUE at once). */
    @Test
    void unprotected_target_gets_the_same_answer_from_every_caller() {
        // another process: for SELF the caller's byte is the target's, so it cannot vary
        Gen<AccessQuery> unprotectedTarget = QueryGenerators.validQuery()
                .map(q -> q.withTarget(new PsProtection(q.target().value() & 0xF8)))
                .map(q -> q.relation() == Relation.SELF ? q.withRelation(Relation.NONE) : q);
        Gen<Integer> callers = in -> QueryGenerators.decidableProtectionByte(in);
        AtomicLong ran = new AtomicLong();
        qt().withExamples(REQUESTED)
                .forAll(unprotectedTarget.describedAs(Outcome::describe), callers, callers)
                .checkAssert((q, c1, c2) -> {
                    ran.incrementAndGet();
                    AccessQuery q0 = q.withCaller(PsProtection.NONE);
                    Decision d0 = engine(q0);
                    for (int c : new int[] {c1, c2, q.caller().value()}) {
                        AccessQuery qc = q.withCaller(new PsProtection(c));
                        Decision dc = engine(qc);
                        assertEquals(d0.status(), dc.status(), () -> show(q0, d0) + "\n  but " + show(qc, dc));
                        assertEquals(d0.granted(), dc.granted(), () -> show(q0, d0) + "\n  but " + show(qc, dc));
                    }
                });
        assertRan(ran);
    }

    /**
     * A PPL caller (type 1) never dominates a PP target (type 2): whenever the SD stage's grant touches the target
     * signer's denied mask (less TERMINATE where the build's parent exemption applies), a user-mode open fails;
     * and a successful one holds no denied bit.
     */
    @Test
    void ppl_caller_never_passes_a_pp_targets_denied_mask() {
        AtomicLong touching = new AtomicLong();
        Gen<AccessQuery> pplOpensPp = QueryGenerators.validQuery().mutate((q, in) -> {
            int caller = 0x01 | (chance(in, 20) ? 0x08 : 0) | (between(in, 0, 8) << 4);
            int target = 0x02 | (chance(in, 20) ? 0x08 : 0) | (between(in, 0, 8) << 4);
            boolean kernelForced = chance(in, 25);
            Relation relation = QueryGenerators.oneOf(in,
                    new Relation[] {Relation.NONE, Relation.PARENT, Relation.STALE_PARENT});
            return q.withCaller(new PsProtection(caller)).withTarget(new PsProtection(target))
                    .withMode(kernelForced ? AccessMode.KERNEL : AccessMode.USER)
                    .withForceAccessCheck(kernelForced || q.forceAccessCheck())
                    .withRelation(relation);
        });
        AtomicLong ran = new AtomicLong();
        qt().withExamples(REQUESTED).forAll(pplOpensPp.describedAs(Outcome::describe)).checkAssert(q -> {
            ran.incrementAndGet();
            Decision d = engine(q);
            int deny = ReferenceDecider.effectiveDeniedMask(ReferenceBuild.byId(q.build()), q.object(), q.relation(),
                    q.target());
            int base = sdStage(q);
            if ((base & deny) != 0) {
                touching.incrementAndGet();
                assertDeniedWithNothing(q, d);
            } else if (d.status() == NtStatus.STATUS_SUCCESS) {
                assertEquals(0, d.granted() & deny, () -> "denied bits " + hex(deny) + " granted: " + show(q, d));
            }
        });
        assertRan(ran);
        assertTrue(touching.get() > EXAMPLES / 10, "too few cases touched the denied mask: " + touching.get());
    }

    /**
     * A kernel-mode open without OBJ_FORCE_ACCESS_CHECK is never refused by protection (Pico and
     * DisallowUserTerminate off): it fails only when the SD stage grants nothing for a non-empty request, and
     * otherwise gets the SD stage's grant plus the build's implicit rights.
     */
    @Test
    void kernel_mode_without_force_is_never_refused_by_protection() {
        Gen<AccessQuery> kernel = QueryGenerators.validQuery().map(q -> q
                .withMode(AccessMode.KERNEL).withForceAccessCheck(false)
                .withPico(q.relation() == Relation.SELF ? false : q.callerPico(), null)
                .withDisallowUserTerminate(false));
        AtomicLong ran = new AtomicLong();
        qt().withExamples(REQUESTED).forAll(kernel.describedAs(Outcome::describe)).checkAssert(q -> {
            ran.incrementAndGet();
            Decision d = engine(q);
            int base = sdStage(q);
            if (base == 0 && q.desired() != 0) {
                assertDeniedWithNothing(q, d);
            } else {
                assertEquals(NtStatus.STATUS_SUCCESS, d.status(), () -> show(q, d));
                assertEquals(withImplied(q, base), d.granted(), () -> show(q, d));
            }
        });
        assertRan(ran);
    }

    /** Bit 0x08 (Audit) of either byte never changes the decision (spec §1.1, §3.2). */
    @Test
    void audit_bit_never_changes_a_decision() {
        Gen<Integer> which = in -> between(in, 1, 3);   // 1 caller, 2 target, 3 both
        AtomicLong ran = new AtomicLong();
        qt().withExamples(REQUESTED).forAll(QueryGenerators.anyQuery(), which).checkAssert((q, which0) -> {
            ran.incrementAndGet();
            // for SELF caller and target are one process, so its byte changes on both sides at once
            int w = q.relation() == Relation.SELF ? 3 : which0;
            AccessQuery flipped = q;
            if ((w & 1) != 0) flipped = flipped.withCaller(new PsProtection(q.caller().value() ^ 0x08));
            if ((w & 2) != 0) flipped = flipped.withTarget(new PsProtection(q.target().value() ^ 0x08));
            Outcome before = Outcome.ofEngine(q);
            Outcome after = Outcome.ofEngine(flipped);
            AccessQuery f = flipped;
            assertEquals(before.kind(), after.kind(), () -> Outcome.describe(q) + " -> " + before + "\n  but "
                    + Outcome.describe(f) + " -> " + after);
            assertTrue(before.kind() != Outcome.Kind.CRASH, () -> Outcome.describe(q) + " -> " + before);
            assertEquals(before.status(), after.status(), () -> Outcome.describe(q) + " -> " + before + "\n  but "
                    + Outcome.describe(f) + " -> " + after);
            assertEquals(before.granted(), after.granted(), () -> Outcome.describe(q) + " -> " + before + "\n  but "
                    + Outcome.describe(f) + " -> " + after);
        });
        assertRan(ran);
    }

    /**
     * A caller whose type is at least the target's and whose DominateMask has the target signer's bit is never
     * refused by protection (Pico and DisallowUserTerminate off): any mode, force, relation or build.
     */
    @Test
    void dominating_caller_is_never_refused_by_protection() {
        Gen<AccessQuery> dominating = QueryGenerators.validQuery().mutate((q, in) -> {
            int callerSigner = between(in, 1, 7);               // the signers whose DominateMask is not empty
            int callerType = between(in, 0, 7);
            int targetType = between(in, 0, callerType);
            int mask = ReferenceDecider.dominateMask(callerSigner);
            int[] dominated = new int[Integer.bitCount(mask)];
            for (int b = 0, i = 0; b < 16; b++) {
                if ((mask & (1 << b)) != 0) dominated[i++] = b;
            }
            int targetSigner = QueryGenerators.pick(in, dominated);
            int caller = callerType | (chance(in, 20) ? 0x08 : 0) | (callerSigner << 4);
            // for SELF the target is the caller itself (every signer 1..7 dominates its own signer)
            int target = q.relation() == Relation.SELF ? caller
                    : targetType | (chance(in, 20) ? 0x08 : 0) | (targetSigner << 4);
            return q.withCaller(new PsProtection(caller)).withTarget(new PsProtection(target))
                    .withPico(false, null).withDisallowUserTerminate(false);
        });
        AtomicLong ran = new AtomicLong();
        qt().withExamples(REQUESTED).forAll(dominating.describedAs(Outcome::describe)).checkAssert(q -> {
            ran.incrementAndGet();
            Decision d = engine(q);
            int base = sdStage(q);
            if (base == 0 && q.desired() != 0) {
                assertDeniedWithNothing(q, d);
            } else {
                assertEquals(NtStatus.STATUS_SUCCESS, d.status(), () -> show(q, d));
                assertEquals(withImplied(q, base), d.granted(), () -> show(q, d));
            }
        });
        assertRan(ran);
    }

    /**
     * With no SD input and no MAXIMUM_ALLOWED, the engine never grants more than the mapped request plus the build's
     * implicit rights, grants nothing when it refuses, and strips nothing when it succeeds.
     */
    @Test
    void granted_is_never_more_than_desired_when_not_maximum_allowed() {
        Gen<AccessQuery> asked = QueryGenerators.validQuery().map(q -> q
                .withSdGranted(null).withDesired(q.desired() & ~ReferenceDecider.MAXIMUM_ALLOWED));
        AtomicLong ran = new AtomicLong();
        qt().withExamples(REQUESTED).forAll(asked.describedAs(Outcome::describe)).checkAssert(q -> {
            ran.incrementAndGet();
            Decision d = engine(q);
            int mapped = ReferenceDecider.rtlMapGenericMask(q.desired(), q.object());
            int upper = withImplied(q, mapped);
            assertEquals(0, d.granted() & ~upper, () -> "granted beyond " + hex(upper) + ": " + show(q, d));
            if (d.status() == NtStatus.STATUS_SUCCESS) {
                assertEquals(0, mapped & ~d.granted(), () -> "success stripped part of " + hex(mapped) + ": "
                        + show(q, d));
            } else {
                assertDeniedWithNothing(q, d);
            }
        });
        assertRan(ran);
    }
}
