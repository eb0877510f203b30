package dev.pplsim.jobs;

import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Laws of creation under {@code pplsim prove}: the domain each counts, the minimal counterexample a planted fault
 * gives, and one-line errors for a malformed law.
 */
class CreationProverTests {

    @TempDir
    Path tmp;

    static Prover.Result prove(Simulator sim, Path file, String name) {
        var entry = Prover.read(List.of(file)).stream().filter(e -> e.getValue().name().equals(name)).findFirst().orElseThrow();
        return new Prover(new DecisionTable(sim), List.of("windows-10-11")).prove(entry.getKey(), entry.getValue());
    }

    static final Path SHIPPED = Path.of("policies/properties/creation.yaml");

    @Test
    void the_shipped_laws_count_their_whole_domains() {
        Simulator sim = Simulator.builtIn();
        // 144 creators with a row x 6 images x 9 signers x 4 flag sets x 11 levels (SAME left out), handles not inherited
        Prover.Result r = prove(sim, SHIPPED, "creator_never_needs_to_dominate_the_child");
        assertEquals(Prover.Verdict.PROVED, r.verdict());
        assertEquals(144L * 6 * 9 * 4 * 11, r.cases());
        assertEquals(256 - 144, r.undecidable());
        assertTrue(r.constrained() > 100_000 && r.constrained() < r.cases(), "constrained " + r.constrained());
        assertTrue(r.asExpected());
        Prover.Result same = prove(sim, SHIPPED, "same_level_child_equals_creator");
        assertEquals(Prover.Verdict.PROVED, same.verdict());
        // types 0-2 x 9 signers with a row x 2 audit bits = 54 creators x 2 images x 9 signers x 1 flag set x 1 level x 2
        assertEquals(54L * 2 * 9 * 1 * 1 * 2, same.cases());
        System.out.printf(java.util.Locale.ROOT, "creation laws: %,d and %,d cases, %,d and %,d constrained%n",
                r.cases(), same.cases(), r.constrained(), same.constrained());
    }

    @Test
    void the_trustlet_law_proves_its_domain_and_refutes_a_dropped_ium_eku_check() throws IOException {
        // types 0-2 x 9 signers with a row x 2 audit bits = 54 creators x 2 images x 5 EKU sets x 2 policy sections
        // x 2 secure-process values x 4 flag sets x 3 levels x 2 bInheritHandles
        Prover.Result r = prove(Simulator.builtIn(), SHIPPED, "a_trustlet_needs_vbs_the_ium_eku_and_a_policy_section");
        assertEquals(Prover.Verdict.PROVED, r.verdict());
        assertEquals(54L * 2 * 5 * 2 * 2 * 4 * 3 * 2, r.cases());
        assertTrue(r.constrained() > 0, "constrained " + r.constrained());
        // the planted fault: C35.6 no longer asks for the IUM EKU (it looks for an EKU no image carries the absence of)
        Path rules = tmp.resolve("rules");
        try (var walk = Files.walk(Path.of("rules"))) {
            for (Path f : walk.toList()) {
                Path t = rules.resolve(Path.of("rules").relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
        dev.pplsim.TestTrees.edit(rules.resolve("create/35-process-kind.drl"), "CreateRequest( this == $k.request(), !carries($s.iumEku()) )",
                "CreateRequest( this == $k.request(), image.ekus() == null )");
        Simulator faulty = new Simulator(PolicySet.builtIn(), RuleBase.compile(rules));
        Prover.Result bad = prove(faulty, SHIPPED, "a_trustlet_needs_vbs_the_ium_eku_and_a_policy_section");
        assertEquals(Prover.Verdict.REFUTED, bad.verdict());
        // the simplest breaking request: an unprotected creator, LsaIso.exe with the Windows EKU alone and a .tPolicy
        assertEquals(0x00, bad.creation().creator().value());
        assertEquals(List.of("1.3.6.1.4.1.311.10.3.6"), bad.creation().image().ekus());
        assertEquals(1, bad.creation().image().trustletId());
        assertTrue(bad.creation().secureProcess());
        assertEquals("a trustlet was created from an image without the IUM EKU 1.3.6.1.4.1.311.10.3.37", bad.failure());
    }

    @Test
    void a_wrong_signing_level_row_is_refuted_with_the_minimal_counterexample() throws IOException {
        // the planted fault: WinTcb's EXE level is Authenticode's, so an Authenticode-signed image may run as WinTcb
        Path policies = dev.pplsim.TestTrees.copy("policies", tmp);
        dev.pplsim.TestTrees.edit(policies.resolve("creation.yaml"), "{signer: WinTcb,       exe: 14, dll: 12}", "{signer: WinTcb,       exe: 4,  dll: 12}");
        Simulator faulty = new Simulator(PolicySet.load(policies), RuleBase.builtIn());
        Prover.Result r = prove(faulty, SHIPPED, "an_authenticode_image_never_runs_as_a_stronger_signer");
        assertEquals(Prover.Verdict.REFUTED, r.verdict());
        // the simplest request that breaks it: an unprotected creator starts an Authenticode-signed smss.exe with
        // no flags and no level, and the minimum-TCB list raises it to WinTcb-Light, which the faulty row lets pass
        var q = r.creation();
        assertEquals(0x00, q.creator().value());
        assertEquals(CreateApi.CREATE_PROCESS, q.api());
        assertEquals("C:\\Windows\\System32\\smss.exe", q.image().path());
        assertEquals(PsProtectedSigner.AUTHENTICODE, q.image().signer());
        assertEquals(0, q.flags());
        assertNull(q.protectionLevel());
        assertEquals(false, q.inheritHandles());
        assertEquals("the child is 0x61 WinTcb-Light, outside then.protectedChild", r.failure());
        assertEquals(0x61, faulty.create(q).child().value());
        // the shipped row proves it
        assertEquals(Prover.Verdict.PROVED, prove(Simulator.builtIn(), SHIPPED, "an_authenticode_image_never_runs_as_a_stronger_signer").verdict());
    }

    @Test
    void a_law_that_does_not_hold_is_refuted_minimally_and_a_comparison_shows_both_requests() throws IOException {
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, """
                creations:
                  - name: level_same_always_copies_the_creator
                    why: false without EXTENDED_STARTUPINFO_PRESENT, which the attribute list needs
                    cite: "spec §12.3 item 4"
                    expected: refuted
                    forall:
                      creator: {is: [Antimalware-Light, WinTcb-Light]}
                      images: ['C:\\Program Files\\Vendor\\agent.exe']
                      imageSigners: [WinTcb]
                      levels: [PROTECTION_LEVEL_SAME]
                    then: {childIsCreator: true}
                  - name: the_protected_flag_never_matters
                    why: false, since a protection-level attribute without it is STATUS_INVALID_PARAMETER
                    cite: "spec §12.3 item 1"
                    expected: refuted
                    forall:
                      creator: {is: [None]}
                      images: ['C:\\Program Files\\Vendor\\agent.exe']
                      imageSigners: [WinTcb]
                      flags: [EXTENDED_STARTUPINFO_PRESENT]
                      levels: [PROTECTION_LEVEL_WINTCB_LIGHT, PROTECTION_LEVEL_ANTIMALWARE_LIGHT]
                      inheritHandles: [false]
                    compare:
                      change: {flags: "CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT"}
                      expect: {sameOutcome: true}
                """);
        Simulator sim = Simulator.builtIn();
        Prover.Result same = prove(sim, f, "level_same_always_copies_the_creator");
        assertEquals(Prover.Verdict.REFUTED, same.verdict());
        assertTrue(same.asExpected());
        // 2 creators x 4 flag sets x 2 inherit: the first flag set (none) fails for the simpler creator
        assertEquals(2L * 4 * 2, same.cases());
        assertEquals(0x31, same.creation().creator().value());
        assertEquals(0, same.creation().flags());
        assertEquals("the child is 0x00 None, not the creator's 0x31 Antimalware-Light", same.failure());

        Prover.Result flag = prove(sim, f, "the_protected_flag_never_matters");
        assertEquals(Prover.Verdict.REFUTED, flag.verdict());
        assertEquals(2, flag.cases());
        assertEquals(ProtectionLevel.PROTECTION_LEVEL_WINTCB_LIGHT.value(), flag.creation().protectionLevel());
        assertEquals(0x00080000, flag.creation().flags());
        assertEquals(0x000C0000, flag.changedCreation().flags());
        assertEquals("outcomes differ: STATUS_INVALID_PARAMETER vs STATUS_SUCCESS child 0x61 hProcess 0x00103800", flag.failure());
    }

    @Test
    void the_prove_command_reports_a_creation_counterexample_as_a_batch_line() throws IOException {
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, """
                creations:
                  - name: notepad_never_starts
                    why: false on purpose
                    cite: "spec §12.3"
                    forall:
                      creator: {is: [None]}
                      images: ['C:\\Windows\\System32\\notepad.exe']
                      imageSigners: [Windows]
                      flags: ["0"]
                      levels: [none]
                      inheritHandles: [false]
                    then: {status: STATUS_INVALID_IMAGE_HASH}
                """);
        var buf = new java.io.StringWriter();
        int exit = Prover.run(Simulator.builtIn(), null, List.of(f), null, true, new java.io.PrintWriter(buf), new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(1, exit);
        var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(buf.toString().lines().findFirst().orElseThrow());
        assertEquals("REFUTED", n.get("verdict").asText());
        assertEquals("create", n.get("op").asText());
        assertEquals(1, n.get("cases").asInt());
        assertEquals(1, n.get("constrained").asInt());
        assertEquals("{\"op\":\"create\",\"creator\":{\"protection\":\"0x00\"},\"api\":\"CreateProcess\",\"image\":{\"path\":\"C:\\\\Windows\\\\System32\\\\notepad.exe\","
                + "\"signer\":\"Windows\",\"subsystem\":\"windows\"},\"flags\":\"0\",\"inheritHandles\":false,\"build\":\"windows-10-11\"}",
                n.get("counterexample").get("request").toString());
        assertEquals("expected STATUS_INVALID_IMAGE_HASH, got STATUS_SUCCESS", n.get("counterexample").get("failure").asText());
        assertEquals("STATUS_SUCCESS", n.get("counterexample").get("decision").get("status").asText());
    }

    private String error(String forall, String then) throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "creations:\n  - name: a_law\n    why: test\n    cite: \"spec §12\"\n    forall:\n" + forall + "    then: " + then + "\n");
        String m = assertThrows(InputException.class, () -> {
            var e = Prover.read(List.of(f)).get(0);
            new Prover(new DecisionTable(Simulator.builtIn()), List.of("windows-10-11")).prove(e.getKey(), e.getValue());
        }).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    @Test
    void malformed_laws_are_one_line_errors() throws IOException {
        String m = error("      levels: [PROTECTION_LEVEL_WINTCB_LITE]\n", "{status: STATUS_SUCCESS}");
        assertTrue(m.matches(".*bad\\.yaml: property a_law: forall: protectionLevel: unknown protection level 'PROTECTION_LEVEL_WINTCB_LITE'.*"), m);
        m = error("      flags: [CREATE_PROTECTED]\n", "{status: STATUS_SUCCESS}");
        assertTrue(m.matches(".*bad\\.yaml: property a_law: forall: flags: unknown creation flag 'CREATE_PROTECTED'.*"), m);
        m = error("      tokens: [admin-elevatd]\n", "{status: STATUS_SUCCESS}");
        assertTrue(m.matches(".*bad\\.yaml: property a_law: forall\\.tokens: unknown token 'admin-elevatd' \\(known: admin-elevated, .*"), m);
        m = error("      imageSigners: [WinTcb]\n      imageSigningLevels: [4]\n", "{status: STATUS_SUCCESS}");
        assertTrue(m.matches(".*bad\\.yaml:\\d+:\\d+: creations\\[0\\]\\.forall: give one of imageSigners, imageSigningLevels and imageEkus"), m);
        m = error("      levels: [none]\n", "{status: STATUS_SUCESS}");
        assertTrue(m.matches(".*bad\\.yaml:\\d+:\\d+: creations\\[0\\]\\.then: status: unknown NTSTATUS 'STATUS_SUCESS'"), m);
        m = error("      levels: [none]\n", "{childIsCreator: false}");
        assertTrue(m.contains("creations[0].then: a law clause is stated as true"), m);
        m = error("      levels: [none]\n      apis: [CreateProcess]\n      mode: [user]\n", "{status: STATUS_SUCCESS}");
        assertTrue(m.matches(".*bad\\.yaml:\\d+:\\d+: creations\\[0\\]\\.forall\\.mode: unknown field 'mode'.*"), m);
        m = error("      inheritHandles: []\n", "{status: STATUS_SUCCESS}");
        assertTrue(m.contains("forall.inheritHandles: is empty"), m);
    }
}
