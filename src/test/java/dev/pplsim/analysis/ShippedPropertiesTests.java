package dev.pplsim.analysis;

import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim prove policies/properties}, as CI runs it: what should hold is PROVED, App self-dominance is REFUTED. */
class ShippedPropertiesTests {

    @Test
    void shipped_properties_come_out_as_declared() {
        Simulator sim = Simulator.builtIn();
        Prover prover = new Prover(new Decomposition(sim), List.copyOf(sim.policies().builds().keySet()));
        List<Map.Entry<String, PropertyFile.Entry>> props = Prover.read(List.of(Path.of("policies/properties")));
        assertEquals(11, props.size());
        long cases = 0;
        for (var e : props) {
            Prover.Result r = prover.prove(e.getKey(), e.getValue());
            cases += r.cases();
            System.out.printf("%-8s %-60s %,12d cases %6d ms%n", r.verdict(), r.name(), r.cases(), r.millis());
            assertTrue(r.asExpected(), r.name() + ": " + r.verdict() + " " + r.failure());
            assertTrue(r.cases() > 0, r.name() + " enumerated nothing");
            if (r.name().equals("a_signer_always_dominates_itself")) {
                assertEquals(Prover.Verdict.REFUTED, r.verdict());
                Prover.Case c = r.counterexample();
                assertEquals(new Key("windows-10-11", ObjectKind.PROCESS, 0x81, 0x81, AccessMode.USER, false, Relation.NONE), c.key());
                assertEquals(0x1, c.desired());
                assertEquals("expected protection compatible, got incompatible", r.failure());
            } else {
                assertEquals(Prover.Verdict.PROVED, r.verdict(), r.name() + ": " + r.failure());
                assertNull(r.counterexample());
            }
        }
        System.out.printf("shipped properties: %,d cases%n", cases);
    }

    @Test
    void one_property_over_the_whole_default_domain() {
        // every caller byte x target byte x process/thread x user/kernel x each right bit, flipping the audit bit
        Simulator sim = Simulator.builtIn();
        Prover prover = new Prover(new Decomposition(sim), List.of("windows-10-11"));
        var audit = Prover.read(List.of(Path.of("policies/properties/protection.yaml"))).stream()
                .filter(e -> e.getValue().name().equals("audit_bit_never_changes_a_decision")).findFirst().orElseThrow();
        Prover.Result r = prover.prove(audit.getKey(), audit.getValue());
        System.out.printf("full-domain proof: %s %,d cases (%,d keys undecidable) in %d ms%n", r.verdict(), r.cases(), r.undecidable(), r.millis());
        assertEquals(Prover.Verdict.PROVED, r.verdict());
        // 144 x 144 decidable pairs x 2 objects x 2 modes x 2 relations x 21 rights
        assertEquals(144L * 144 * 2 * 2 * 2 * 21, r.cases());
    }
}
