package dev.pplsim.differential;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * Random engine-versus-reference comparison over the whole input space: every build (and unknown names), every
 * protection byte (biased toward spec §1.3), process and thread, valid and invalid masks with generics and
 * MAXIMUM_ALLOWED, both modes, force, every relation, SD input, Pico providers and DisallowUserTerminate.
 */
class DroolsVsReferenceProperties {

    /** Cases that must be compared at least. */
    static final int EXAMPLES = 10_000;
    /** Asked of QuickTheories: a little more, since it may count its first example differently. */
    static final int REQUESTED = EXAMPLES + 100;

    @Test
    void drools_decision_equals_reference() {
        AtomicLong compared = new AtomicLong();
        AtomicLong decided = new AtomicLong();
        AtomicLong inputErrors = new AtomicLong();
        AtomicLong selfPicoDisagreement = new AtomicLong();

        qt().withExamples(REQUESTED)
                .forAll(QueryGenerators.anyQuery())
                .checkAssert(q -> {
                    Outcome reference = Outcome.ofReference(q);
                    Outcome engine = Outcome.ofEngine(q);
                    compared.incrementAndGet();
                    if (reference.isDecided()) decided.incrementAndGet();
                    else inputErrors.incrementAndGet();
                    if (isSelfWithDisagreeingPico(q)) selfPicoDisagreement.incrementAndGet();
                    assertTrue(engine.agreesWith(reference), () -> "engine and reference disagree on "
                            + Outcome.mismatch(q, engine, reference));
                });

        System.out.printf("DroolsVsReference properties: %d cases compared, %d decided, %d input errors on both"
                        + " sides (%d SELF with disagreeing Pico flags)%n",
                compared.get(), decided.get(), inputErrors.get(), selfPicoDisagreement.get());
        assertTrue(compared.get() >= EXAMPLES, "compared " + compared.get() + " < " + EXAMPLES);
        assertTrue(decided.get() > EXAMPLES / 4, "too few decided cases: " + decided.get());
        assertTrue(selfPicoDisagreement.get() > 0, "no SELF + disagreeing Pico case was generated");
    }

    /** The SELF + Pico inconsistency, stated outright: both sides must refuse to decide it. */
    @Test
    void self_with_disagreeing_pico_flags_is_an_input_error_on_both_sides() {
        AccessQuery base = AccessQuery.of(new PsProtection(0x00), new PsProtection(0x00), ObjectKind.PROCESS, 0x1000)
                .withRelation(Relation.SELF);
        AccessQuery[] bad = {
                base.withPico(true, null),
                base.withPico(false, new PicoProvider(0x001FFFFF, 0x001FFFFF)),
                base.withPico(true, null).withObject(ObjectKind.THREAD).withMode(AccessMode.KERNEL),
        };
        for (AccessQuery q : bad) {
            Outcome engine = Outcome.ofEngine(q);
            assertEquals(Outcome.Kind.INPUT_ERROR, engine.kind(), () -> Outcome.describe(q) + " -> " + engine);
            assertEquals(Outcome.Kind.INPUT_ERROR, Outcome.ofReference(q).kind(), () -> Outcome.describe(q));
        }
        AccessQuery consistent = base.withPico(true, new PicoProvider(0, 0));
        Outcome engine = Outcome.ofEngine(consistent);
        assertEquals(NtStatus.STATUS_SUCCESS, engine.status(), () -> Outcome.describe(consistent) + " -> " + engine);
        assertEquals(0x1000, engine.granted(), () -> Outcome.describe(consistent) + " -> " + engine);
    }

    static boolean isSelfWithDisagreeingPico(AccessQuery q) {
        return q.relation() == Relation.SELF && q.callerPico() != (q.targetPico() != null);
    }
}
