package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.engine.table.Key;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The prover's enumeration: what it counts and which counterexample it reports. */
class ProverTests {

    @TempDir
    Path tmp;

    @Test
    void keys_alike_a_failing_key_are_still_decided_so_the_counterexample_is_the_simplest() throws IOException {
        // every type-1 caller opens an unprotected target, all through one shape of run; the first failing key met is
        // 0x01 (signer None with a type: an odd byte), the simplest is 0x11 Authenticode-Light, met later
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, """
                properties:
                  - name: no_type_1_caller_terminates_an_unprotected_target
                    why: false on purpose, for every caller alike
                    cite: "spec §3.2"
                    expected: refuted
                    forall:
                      caller: {type: [1]}
                      target: {is: [None]}
                      objects: [process]
                      rights: [PROCESS_TERMINATE]
                      modes: [user]
                    then: {status: STATUS_ACCESS_DENIED}
                """);
        var entry = Prover.read(List.of(f)).get(0);
        Prover.Result r = new Prover(new DecisionTable(Simulator.builtIn()), List.of("windows-10-11")).prove(entry.getKey(), entry.getValue());
        assertEquals(Prover.Verdict.REFUTED, r.verdict());
        assertEquals(new Key("windows-10-11", ObjectKind.PROCESS, 0x11, 0x00, AccessMode.USER, false, Relation.NONE), r.counterexample().key());
        assertEquals(0x1, r.counterexample().desired());
        assertEquals("expected STATUS_ACCESS_DENIED, got STATUS_SUCCESS", r.failure());
        // 32 type-1 bytes (16 signers, audit bit or not); the build's table has rows for signers 0..8
        assertEquals(18, r.cases());
        assertEquals(14, r.undecidable());
    }
}
