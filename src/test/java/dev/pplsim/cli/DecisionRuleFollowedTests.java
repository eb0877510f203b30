package dev.pplsim.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No job keeps a copy of the decision stage: with R90.2 edited to refuse every veto with STATUS_PRIVILEGE_NOT_HELD
 * (0xC0000061) instead of the veto's own status, batch, the build and system matrices, what-if, who-can and prove all
 * give the edited rule's answer, and with the shipped rules the shipped one. The tables they use are learnt from rule
 * runs, the decision's outcome included.
 */
class DecisionRuleFollowedTests {

    private static final String VETO = "insertLogical(new OpenOutcome($r, $v.status(), 0,";
    private static final String EDITED = "insertLogical(new OpenOutcome($r, NtStatus.STATUS_PRIVILEGE_NOT_HELD, 0,";

    @TempDir
    static Path tmp;
    static String rules;

    @BeforeAll
    static void editTheDecisionRule() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Path decision = dir.resolve("90-decision.drl");
        String drl = Files.readString(decision);
        assertTrue(drl.contains(VETO), "R90.2 refuses with the veto's status");
        Files.writeString(decision, drl.replace(VETO, EDITED));
        rules = dir.toString();
    }

    private static CliTests.Result run(boolean edited, String stdin, String... args) {
        String[] line = edited ? Stream.concat(Stream.of(args), Stream.of("--rules", rules)).toArray(String[]::new) : args;
        return CliTests.run(stdin, line);
    }

    @Test
    void batch_follows_the_decision_rule() {
        String line = "{\"id\":1,\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}\n";
        assertTrue(run(false, line, "batch", "-").out().startsWith("{\"id\":1,\"status\":\"STATUS_ACCESS_DENIED\",\"ntstatus\":\"0xC0000022\",\"granted\":\"0x00000000\""));
        CliTests.Result edited = run(true, line, "batch", "-");
        assertTrue(edited.out().startsWith("{\"id\":1,\"status\":\"STATUS_PRIVILEGE_NOT_HELD\",\"ntstatus\":\"0xC0000061\",\"granted\":\"0x00000000\""), edited.out() + edited.err());
    }

    @Test
    void the_build_and_system_matrices_follow_the_decision_rule() {
        String cell = "windows-10-11,process,user,none,0x00,None,0x41,Lsa-Light,0x00000010,PROCESS_VM_READ,";
        assertTrue(run(false, "", "matrix", "--format", "csv").out().contains(cell + "STATUS_ACCESS_DENIED,0xC0000022,0x00000000,"));
        CliTests.Result edited = run(true, "", "matrix", "--format", "csv");
        assertTrue(edited.out().contains(cell + "STATUS_PRIVILEGE_NOT_HELD,0xC0000061,0x00000000,"), edited.err());
        String system = run(false, "", "matrix", "--system", "windows-11", "--format", "csv").out();
        String editedSystem = run(true, "", "matrix", "--system", "windows-11", "--format", "csv").out();
        long denied = system.lines().filter(l -> l.contains("STATUS_ACCESS_DENIED")).count();
        assertTrue(denied > 0 && !system.contains("STATUS_PRIVILEGE_NOT_HELD"), system);
        // every refusal of the system matrix is a veto's (no token): each now has the edited status
        assertEquals(denied, editedSystem.lines().filter(l -> l.contains("STATUS_PRIVILEGE_NOT_HELD")).count());
    }

    @Test
    void whatif_follows_the_decision_rule() {
        // the parent exemption of windows-10-11 gains PROCESS_TERMINATE where windows-10-early vetoed it
        String[] whatif = {"whatif", "--base", "windows-10-early", "--change", "windows-10-11", "--format", "csv"};
        String shipped = run(false, "", whatif).out(), edited = run(true, "", whatif).out();
        assertTrue(shipped.contains(",STATUS_ACCESS_DENIED,0x00000000,STATUS_SUCCESS,0x00000001,0x00000001,PROCESS_TERMINATE,"), shipped);
        assertTrue(edited.contains(",STATUS_PRIVILEGE_NOT_HELD,0x00000000,STATUS_SUCCESS,0x00000001,0x00000001,PROCESS_TERMINATE,"), edited);
        assertTrue(!edited.contains("STATUS_ACCESS_DENIED,0x00000000,STATUS_SUCCESS"), edited);
    }

    @Test
    void who_can_follows_the_decision_rule() {
        String[] whoCan = {"who-can", "--target", "lsass.exe", "--access", "PROCESS_VM_READ"};
        assertTrue(run(false, "", whoCan).out().lines().anyMatch(l -> l.startsWith("winlogon.exe (720)") && l.contains("STATUS_ACCESS_DENIED  0x00000000  R40.4 (R90.2)")));
        CliTests.Result edited = run(true, "", whoCan);
        assertTrue(edited.out().lines().anyMatch(l -> l.startsWith("winlogon.exe (720)") && l.contains("STATUS_PRIVILEGE_NOT_HELD 0x00000000  R40.4 (R90.2)")), edited.out());
    }

    @Test
    void prove_follows_the_decision_rule() throws IOException {
        Path property = tmp.resolve("denied.yaml");
        Files.writeString(property, """
                properties:
                  - name: ppl_caller_is_refused_what_a_pp_signer_denies
                    why: every right in a PP target's denied mask fails the open for a PPL caller
                    cite: "spec §3.2, §9.7"
                    forall:
                      builds: [windows-10-11]
                      caller: {type: [1]}
                      target: {type: [2], signerNot: [None]}
                      rights: [PROCESS_VM_READ]
                      objects: [process]
                      modes: [user]
                    then: {status: STATUS_ACCESS_DENIED, refusedByStage: 50}
                """);
        CliTests.Result shipped = run(false, "", "prove", "--store", "off", property.toString());
        assertEquals(0, shipped.exit(), shipped.out() + shipped.err());
        assertTrue(shipped.out().contains("PROVED"), shipped.out());
        CliTests.Result edited = run(true, "", "prove", "--store", "off", property.toString());
        assertEquals(1, edited.exit(), edited.out() + edited.err());
        assertTrue(edited.out().contains("REFUTED") && edited.out().contains("STATUS_PRIVILEGE_NOT_HELD"), edited.out());
    }
}
