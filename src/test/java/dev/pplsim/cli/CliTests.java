package dev.pplsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end, through {@link Main#run}: output, exit codes, one-line errors. */
class CliTests {

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
        List<String> outLines() { return out.lines().toList(); }
    }

    static synchronized Result run(String stdin, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = Main.run(args);
            System.out.flush();
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    static void assertOneLineError(Result r, String expectedStart) {
        assertEquals(2, r.exit, r.err);
        assertEquals(1, r.err.lines().filter(l -> !l.startsWith("Try '")).count(), r.err);
        assertTrue(r.err.startsWith(expectedStart), r.err);
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    @Test
    void decide_with_an_edited_rules_directory_compiles_it_says_so_and_uses_it() throws Exception {
        Path rules = dev.pplsim.TestTrees.copy("rules", tmp);
        dev.pplsim.TestTrees.edit(rules.resolve("90-decision.drl"), "@id(\"R90.2\")", "@id(\"R90.7\")");
        Result r = run("", "decide", "--rules", rules.toString(), "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.err.contains("differs from the rules built into the jar; compiling it"), r.err);
        assertTrue(r.out.contains("rules     R10.2 R12.2 R20.2 R40.4 R50.1 R50.5 R80.1 R80.2 R80.3 R90.7"), r.out);
    }

    @Test
    void decide_reports_a_broken_policy_file_while_the_rules_build_ahead() throws Exception {
        // the prebuilt rules' KieBase builds on another thread meanwhile; the policy error is still the one line reported
        Path policies = dev.pplsim.TestTrees.copy("policies", tmp);
        dev.pplsim.TestTrees.edit(policies.resolve("builds/windows-10-11.yaml"), "  picoCheck: true", "  picoCheck: true\n  picoChek: true");
        Result r = run("", "decide", "--policies", policies.toString(), "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ");
        assertOneLineError(r, "pplsim: ");
        assertTrue(r.err.contains("switches.picoChek: unknown field 'picoChek'"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void decide_prints_status_mask_and_rules() {
        Result r = run("", "decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ|PROCESS_QUERY_INFORMATION");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"), r.out);
        assertTrue(r.out.contains("rules     R10.2 R12.2 R20.2 R40.4 R50.1 R50.5 R80.1 R80.2 R80.3 R90.2"), r.out);
    }

    @Test
    void decide_explains_stage_by_stage_in_kernel_terms() {
        Result r = run("", "decide", "--caller", "0x61", "--target", "WinTcb", "--access", "PROCESS_VM_READ", "--explain");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("[40] Protection compatibility: PsTestProtectedProcessIncompatibility / RtlTestProtectedAccess"), r.out);
        assertTrue(r.out.contains("caller type 1 < target type 2 (a PPL never reaches a PP)"), r.out);
        assertTrue(r.out.contains("granted PROCESS_VM_READ falls under the check 'the protection table: RtlProtectedAccess[6].DeniedProcessAccess'"), r.out);
    }

    @Test
    void decide_json_has_status_mask_and_stages() {
        Result r = run("", "decide", "--caller", "WinTcb-Light", "--target", "Lsa-Light", "--object", "thread", "--access", "THREAD_SUSPEND_RESUME", "--json", "--explain=decisive");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("\"status\" : \"STATUS_SUCCESS\""), r.out);
        assertTrue(r.out.contains("\"granted\" : \"0x00001002\""), r.out);
        assertTrue(r.out.contains("\"grantedRights\" : [ \"THREAD_SUSPEND_RESUME\", \"THREAD_RESUME\" ]"), r.out);
        assertTrue(r.out.contains("\"rule\" : \"R40.5\""), r.out);
    }

    @Test
    void unknown_signer_is_one_line_exit_2() {
        assertOneLineError(run("", "decide", "--caller", "WinTbc-Light", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ"),
                "pplsim: --caller: unknown protection 'WinTbc-Light'");
    }

    @Test
    void unknown_right_is_one_line_exit_2() {
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_REED"),
                "pplsim: --access: desired access: unknown right name 'PROCESS_VM_REED'");
    }

    @Test
    void signer_without_a_row_is_one_line_exit_2() {
        assertOneLineError(run("", "decide", "--caller", "0x91", "--target", "Lsa-Light", "--access", "1"),
                "pplsim: --caller: 0x91 Signer9-Light has signer 9, which has no row");
    }

    @Test
    void unknown_option_value_is_one_line_exit_2() {
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--access", "1", "--mode", "supervisor"),
                "pplsim: --mode: expected user or kernel");
    }

    @Test
    void a_what_if_build_file_changes_the_answer() throws Exception {
        // what if Lsa dominated Antimalware (spec §2.3 U)? add bit 3 to row 4's DominateMask
        String yaml = Files.readString(Path.of("policies/builds/windows-10-11.yaml"))
                .replace("name: windows-10-11", "name: lsa-dominates-am")
                .replace("{signer: Lsa,          dominateMask: 0x110", "{signer: Lsa,          dominateMask: 0x118");
        Path f = tmp.resolve("lsa-dominates-am.yaml");
        Files.writeString(f, yaml);
        String[] base = {"decide", "--caller", "Lsa-Light", "--target", "Antimalware-Light", "--access", "PROCESS_VM_READ"};
        assertTrue(run("", base).out.contains("STATUS_ACCESS_DENIED"));
        Result r = run("", concat(base, "--build", f.toString()));
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("decision  STATUS_SUCCESS (0x00000000), granted 0x00000010 PROCESS_VM_READ"), r.out);
        assertTrue(r.out.contains("build lsa-dominates-am"), r.out);
    }

    @Test
    void a_broken_what_if_build_file_names_file_line_and_field() throws Exception {
        String yaml = Files.readString(Path.of("policies/builds/windows-10-11.yaml")).replace("  picoCheck: true", "  picoCheck: yes-please");
        Path f = tmp.resolve("broken.yaml");
        Files.writeString(f, yaml);
        Result r = run("", "decide", "--caller", "None", "--target", "None", "--access", "1", "--build", f.toString());
        assertEquals(2, r.exit);
        assertTrue(r.err.matches("pplsim: --build: .*broken\\.yaml:\\d+:\\d+: switches\\.picoCheck: .*\\R"), r.err);
    }

    @Test
    void batch_follows_the_contract_line_for_line() {
        String in = String.join("\n",
                "{\"id\":\"c1\",\"caller\":{\"protection\":\"0x61\"},\"target\":{\"protection\":\"Lsa-Light\",\"object\":\"process\"},\"desired\":\"PROCESS_VM_READ|PROCESS_QUERY_INFORMATION\",\"mode\":\"user\",\"forceAccessCheck\":false,\"relation\":\"none\",\"build\":\"windows-10-11\",\"sdGranted\":null}",
                "{\"id\":\"c2\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":65},\"desired\":\"PROCESS_VM_READ\"}",
                "{\"id\":3,\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\",\"object\":\"thread\"},\"desired\":\"THREAD_RESUME\"}",
                "");
        Result r = run(in, "batch");
        assertEquals(0, r.exit, r.err);
        assertEquals(List.of(
                "{\"id\":\"c1\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"granted\":\"0x00001410\",\"rules\":[\"R10.2\",\"R12.2\",\"R20.2\",\"R40.5\",\"R50.1\",\"R80.1\",\"R80.2\",\"R80.3\",\"R90.3\"]}",
                "{\"id\":\"c2\",\"status\":\"STATUS_ACCESS_DENIED\",\"ntstatus\":\"0xC0000022\",\"granted\":\"0x00000000\",\"rules\":[\"R10.2\",\"R12.2\",\"R20.2\",\"R40.4\",\"R50.1\",\"R50.5\",\"R80.1\",\"R80.2\",\"R80.3\",\"R90.2\"]}",
                "{\"id\":3,\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"granted\":\"0x00001000\",\"rules\":[\"R10.2\",\"R12.2\",\"R20.2\",\"R40.4\",\"R50.2\",\"R50.5\",\"R80.4\",\"R80.5\",\"R80.6\",\"R90.3\"]}"),
                r.outLines());
    }

    @Test
    void batch_reports_bad_lines_in_place_goes_on_and_exits_2() {
        String in = String.join("\n",
                "{\"id\":\"a\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"PROCESS_TERMINATE\"}",
                "{\"id\":\"b\",\"caller\":{\"protection\":\"None\"",
                "{\"id\":\"c\",\"caller\":{\"protection\":\"Nobody\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"}",
                "{\"id\":\"d\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"PROCESS_VM_REED\"}",
                "{\"id\":\"e\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\",\"colour\":\"red\"}",
                "{\"id\":\"f\",\"caller\":{\"protection\":\"0xA1\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"}",
                "{\"id\":\"g\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"SYNCHRONIZE\"}");
        Result r = run(in, "batch", "-");
        assertEquals(2, r.exit);
        List<String> lines = r.outLines();
        assertEquals(7, lines.size(), r.out);
        assertTrue(lines.get(0).startsWith("{\"id\":\"a\",\"status\":\"STATUS_SUCCESS\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"id\":null,\"error\":\"line 2: malformed JSON: "), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"id\":\"c\",\"error\":\"line 3: caller.protection: unknown protection 'Nobody'"), lines.get(2));
        assertTrue(lines.get(3).startsWith("{\"id\":\"d\",\"error\":\"line 4: desired: desired access: unknown right name 'PROCESS_VM_REED'"), lines.get(3));
        assertTrue(lines.get(4).startsWith("{\"id\":\"e\",\"error\":\"line 5: colour: unknown field"), lines.get(4));
        assertTrue(lines.get(5).startsWith("{\"id\":\"f\",\"error\":\"line 6: caller.protection: 0xA1 Signer10-Light has signer 10, which has no row"), lines.get(5));
        assertEquals("{\"id\":\"g\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"granted\":\"0x00100000\",\"rules\":[\"R10.2\",\"R12.2\",\"R20.2\",\"R40.3\",\"R50.1\",\"R80.1\",\"R80.2\",\"R80.3\",\"R90.3\"]}", lines.get(6));
    }

    @Test
    void batch_of_a_missing_file_is_one_line_exit_2() {
        assertOneLineError(run("", "batch", tmp.resolve("nope.jsonl").toString()), "pplsim: ");
    }

    @Test
    void the_tour_shows_the_matrix_and_the_well_known_cases() {
        Result r = run("");
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("Signer dominance"), r.out);
        // WinTcb-Light dominates everything light but WinSystem; Lsa-Light only itself and App (spec §2.1)
        assertTrue(r.out.contains("WinTcb-Light       0x61      Y    Y    Y    Y    Y    Y    Y    .    Y    .    .    .    .    .    .    .    ."), r.out);
        assertTrue(r.out.contains("Lsa-Light          0x41      Y    .    .    .    Y    .    .    .    Y    .    .    .    .    .    .    .    ."), r.out);
        assertTrue(r.out.contains("1. Elevated admin (SeDebugPrivilege) reads lsass memory with RunAsPPL on"), r.out);
        assertTrue(r.out.contains("R40.4  refuse a caller whose protection type is below the target's"), r.out);
        // the creation section (spec §12.5): what an unprotected creator of a WinTcb-Light services.exe gets back
        assertTrue(r.out.contains("Starting protected processes (spec §12)"), r.out);
        assertTrue(r.out.contains("   hProcess  0x00103800 PROCESS_SUSPEND_RESUME|PROCESS_QUERY_LIMITED_INFORMATION|PROCESS_SET_LIMITED_INFORMATION|SYNCHRONIZE"), r.out);
        assertTrue(r.out.contains("   decision  STATUS_INVALID_IMAGE_HASH (0xC0000428)"), r.out);
    }

    private Path propertyFile(String name, String then) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, String.join("\n",
                "properties:",
                "  - name: " + name,
                "    why: a test",
                "    cite: \"spec §3.2\"",
                "    forall:",
                "      caller: {is: [WinTcb-Light]}",
                "      target: {type: [1, 2]}",
                "      objects: [process]",
                "      rights: [PROCESS_VM_READ]",
                "      modes: [user]",
                "    then: " + then, ""));
        return f;
    }

    @Test
    void prove_refutes_with_the_minimal_counterexample_and_exits_1() throws Exception {
        Result r = run("", "prove", "--build", "windows-10-11", propertyFile("tcb_light_reads_no_protected_process", "{status: STATUS_ACCESS_DENIED}").toString());
        assertEquals(1, r.exit, r.out + r.err);
        assertTrue(r.out.startsWith("REFUTED  tcb_light_reads_no_protected_process"), r.out);
        // the simplest target WinTcb-Light can read: Authenticode-Light (0x11), with one right
        assertTrue(r.out.contains("minimal counterexample: build windows-10-11, caller 0x61 WinTcb-Light -> process 0x11 Authenticode-Light, PROCESS_VM_READ, UserMode"), r.out);
        assertTrue(r.out.contains("expected STATUS_ACCESS_DENIED, got STATUS_SUCCESS"), r.out);
        assertTrue(r.out.contains("R40.5  allow a caller whose signer dominates the target's signer"), r.out);
    }

    @Test
    void prove_distinguishes_proved_refuted_and_error() throws Exception {
        Path proved = tmp.resolve("proved.yaml");
        Files.writeString(proved, Files.readString(propertyFile("pp_targets_refuse_tcb_light", "{protection: incompatible}"))
                .replace("target: {type: [1, 2]}", "target: {type: [2], signerNot: [None]}"));
        Result p = run("", "prove", proved.toString());
        assertEquals(0, p.exit, p.out + p.err);
        assertTrue(p.out.startsWith("PROVED   pp_targets_refuse_tcb_light"), p.out);
        assertTrue(p.out.contains("1 proved, 0 refuted (0 not as declared)"), p.out);
        Result refuted = run("", "prove", propertyFile("tcb_light_reaches_nothing", "{protection: incompatible}").toString());
        assertEquals(1, refuted.exit);
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(proved).replace("modes: [user]", "modes: [usr]"));
        assertOneLineError(run("", "prove", bad.toString()), "pplsim: ");
        assertTrue(run("", "prove", bad.toString()).err.matches("pplsim: .*bad\\.yaml:\\d+:\\d+: properties\\[0\\]\\.forall: modes: expected user or kernel, got 'usr'\\R"));
    }

    @Test
    void lint_of_the_early_build_alone_reports_the_rules_only_later_builds_use() {
        Result r = run("", "lint", "--build", "windows-10-early");
        assertEquals(1, r.exit, r.err);
        // B-old has no parent exemption, Pico or DisallowUserTerminate check, and adds only query-limited; R65.1 is the
        // alternative of a U fact (spec §7.3) that no shipped build switches on, only policies/whatif/ does
        for (String id : List.of("R50.3", "R50.4", "R50.6", "R60.1", "R60.2", "R65.1", "R70.1", "R80.2", "R80.3", "R80.5", "R80.6")) {
            assertTrue(r.out.contains("DEAD_RULE  " + id + " [windows-10-early] never fires"), id + "\n" + r.out);
        }
        assertTrue(r.out.contains("\n11 findings"), r.out);
        assertTrue(r.out.contains("reflexive: no (not dominating itself: App)"), r.out);
        assertOneLineError(run("", "lint", "--build", "windows-12"), "pplsim: unknown build 'windows-12'");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
