package dev.pplsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs an independent review found mishandled: each now gets one clear line and the right exit code. */
class InputHardeningTests {

    @TempDir
    Path tmp;

    private Path file(String name, String... lines) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void a_mistyped_build_in_a_comparison_is_bad_input_not_a_proof() throws Exception {
        Path p = file("p.yaml", "properties:", "  - name: typo", "    why: w", "    cite: \"spec §3.2\"",
                "    forall: {caller: {is: [None]}, target: {is: [Lsa-Light]}, objects: [process], modes: [user], builds: [windows-10-11]}",
                "    compare: {change: {build: windows-10-nosuch}, expect: {sameOutcome: true}}");
        CliTests.assertOneLineError(CliTests.run("", "prove", p.toString()), "pplsim: ");
        assertTrue(CliTests.run("", "prove", p.toString()).err().contains("compare.change.build: unknown build 'windows-10-nosuch'"));
    }

    @Test
    void a_property_that_decides_no_case_is_vacuous_and_exits_1() throws Exception {
        Path p = file("v.yaml", "properties:", "  - name: empty", "    why: w", "    cite: \"spec §3.2\"",
                "    forall: {caller: {signer: [\"9\"]}, modes: [user]}", "    then: {status: STATUS_SUCCESS}");
        CliTests.Result r = CliTests.run("", "prove", p.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("VACUOUS"), r.out());
    }

    @Test
    void an_overlay_whose_base_is_itself_is_a_cycle_error() throws Exception {
        Path o = file("o.yaml", "overlay: x", "base: o.yaml", "note: n");
        CliTests.Result r = CliTests.run("", "whatif", "--base", "windows-11", "--change", o.toString());
        CliTests.assertOneLineError(r, "pplsim: --change: ");
        assertTrue(r.err().contains("overlay bases form a cycle"), r.err());
    }

    @Test
    void an_overlay_with_an_unknown_generic_mapping_is_refused() throws Exception {
        Path o = file("g.yaml", "overlay: g", "base: windows-10-11", "note: n", "switches: {genericMapping: bogus}");
        CliTests.Result r = CliTests.run("", "whatif", "--base", "windows-10-11", "--change", o.toString());
        CliTests.assertOneLineError(r, "pplsim: --change: ");
        assertTrue(r.err().contains("switches.genericMapping: 'bogus' is not a mapping"), r.err());
    }

    @Test
    void batch_refuses_wide_integers_trailing_values_and_duplicate_keys() {
        String in = String.join("\n",
                "{\"id\":\"w\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":18446744073709551632}",
                "{\"id\":\"p\",\"caller\":{\"protection\":18446744073709551681},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"}",
                "{\"id\":\"t\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"} trailing",
                "{\"id\":\"d\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\",\"id\":\"dup\"}");
        CliTests.Result r = CliTests.run(in, "batch");
        assertEquals(2, r.exit());
        List<String> lines = r.outLines();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("{\"id\":\"w\",\"error\":\"line 1: desired: 18446744073709551632 does not fit 32 bits"), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"id\":\"p\",\"error\":\"line 2: caller.protection: protection 18446744073709551681 is not a byte"), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"id\":null,\"error\":\"line 3: malformed JSON"), lines.get(2));
        assertTrue(lines.get(3).startsWith("{\"id\":null,\"error\":\"line 4: malformed JSON: Duplicate field 'id'"), lines.get(3));
    }

    @Test
    void replay_refuses_a_giant_pid_and_a_generic_granted_mask_with_their_position() throws Exception {
        Path pid = file("pid.jsonl", "{\"EventID\":10,\"EventData\":{\"SourceImage\":\"a.exe\",\"SourceProcessId\":\"99999999999999999999\",\"TargetImage\":\"b.exe\",\"GrantedAccess\":\"0x10\"}}");
        CliTests.assertOneLineError(CliTests.run("", "replay", pid.toString()), "pplsim: " + pid + ":1: SourceProcessId: '99999999999999999999' is not a process id");
        Path gen = file("gen.jsonl", "{\"EventID\":10,\"EventData\":{\"SourceImage\":\"a.exe\",\"TargetImage\":\"b.exe\",\"GrantedAccess\":\"0x80000000\"}}");
        CliTests.assertOneLineError(CliTests.run("", "replay", gen.toString()), "pplsim: " + gen + ":1: GrantedAccess: 0x80000000 is not a granted mask");
    }

    @Test
    void a_scenario_that_names_a_rule_that_does_not_exist_is_bad_input() throws Exception {
        Path s = file("s.yaml", "scenarios:", "  - note: n", "    cite: \"spec §9.1\"",
                "    request: {caller: None, target: Lsa-Light, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_ACCESS_DENIED, rules: [R99.9]}");
        CliTests.assertOneLineError(CliTests.run("", "test", s.toString()), "pplsim: " + s + ": scenarios[0].want.rules: no rule has the id 'R99.9'");
    }

    @Test
    void decide_names_the_option_once() {
        CliTests.assertOneLineError(CliTests.run("", "decide", "--caller", "None", "--target", "0xA1", "--access", "1"),
                "pplsim: --target: 0xA1 Signer10-Light has signer 10, which has no row");
    }
}
