package dev.pplsim.engine.table;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.model.StandardRight;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * The table's enumeration path, which prove, matrices and what-if take (the rules once per key, once per mask's
 * access check and once per pair of the two), decides exactly what the rules decide case by case, on a sample of the
 * whole domain.
 */
class TableVsRulesProperties {

    private static final Simulator SIM = Simulator.builtIn();
    private static final DecisionTable TABLE = new DecisionTable(SIM);
    private static final List<String> BUILDS = List.copyOf(SIM.policies().builds().keySet());

    private static Gen<Integer> decidableByte() {
        // signer nibble 0..8 (rows exist), any type and audit bit
        return SourceDSL.integers().between(0, 0x8F);
    }

    private static Gen<Integer> mask() {
        Gen<Integer> bit = SourceDSL.integers().between(0, 20).map(b -> 1 << b);
        Gen<Integer> any = SourceDSL.integers().between(0, 0x001FFFFF);
        Gen<Integer> special = SourceDSL.integers().between(0, 4).map(i -> new int[]{StandardRight.MAXIMUM_ALLOWED.mask(),
                StandardRight.GENERIC_READ.mask(), StandardRight.GENERIC_WRITE.mask(), StandardRight.GENERIC_EXECUTE.mask(),
                StandardRight.GENERIC_ALL.mask()}[i]);
        return bit.mix(any, 40).mix(special, 20);
    }

    @Test
    void the_table_decides_as_the_rules_do() {
        AtomicLong compared = new AtomicLong();
        Gen<Key> keys = decidableByte().zip(decidableByte(), SourceDSL.integers().between(0, 1023), (c, t, bits) -> {
            Relation rel = Relation.values()[bits & 3];
            int target = rel == Relation.SELF ? c : t;
            return new Key(BUILDS.get((bits >> 2) % BUILDS.size()), ObjectKind.PROTECTED.get((bits >> 4) & 1), c, target,
                    AccessMode.values()[(bits >> 5) & 1], ((bits >> 6) & 1) == 1, rel);
        });
        qt().withExamples(20_100).forAll(keys, mask()).checkAssert((key, desired) -> {
            CaseOutcome fast = TABLE.decide(key, desired);
            Decision slow = SIM.decide(key.query(desired));
            compared.incrementAndGet();
            String what = key + " desired " + Integer.toHexString(desired);
            assertEquals(slow.status(), fast.status(), what);
            assertEquals(slow.granted(), fast.granted(), what);
            if (!slow.status().isSuccess()) {
                assertEquals(slow.rules().get(slow.rules().size() - 1).equals("R90.1"), fast.rule().startsWith("R20"), what + " " + slow.rules() + " vs " + fast.rule());
            }
        });
        System.out.printf("table vs rules: %,d cases compared%n", compared.get());
        assertTrue(compared.get() >= 20_000);
    }
}
