package dev.pplsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim test}: the shipped scenarios pass and cover every rule; failures, JUnit output, bad files. */
class ScenarioTests {

    @TempDir
    Path tmp;

    @Test
    void shipped_scenarios_pass_and_fire_every_rule() throws Exception {
        Path junit = tmp.resolve("scenarios.xml");
        CliTests.Result r = CliTests.run("", "test", "--coverage", "--junit", junit.toString(), "policies/scenarios");
        assertEquals(0, r.exit(), r.out() + r.err());
        String last = r.outLines().get(r.outLines().size() - 1);
        assertTrue(last.matches("\\d+ passed, 0 failed"), last);
        assertTrue(Integer.parseInt(last.split(" ")[0]) >= 40, last);
        // every rule of an open fires in some shipped scenario, however many rules there are; so does every rule
        // of creation but the three that only a switch's alternative reaches (CreationVsReferenceTests fires them)
        assertTrue(r.out().matches("(?s).*\\n(\\d+) of \\1 rules fired\\R.*"), r.out());
        List<String> never = r.outLines().stream().filter(l -> l.contains("NEVER")).map(l -> l.trim().split("\\s+")[0]).toList();
        assertEquals(List.of("C30.6", "C50.10", "C60.5"), never, r.out());
        assertTrue(r.out().matches("(?s).*\\n(\\d+) of (\\d+) creation rules fired\\R.*"), r.out());
        // every rule of an image load fires in some shipped scenario (policies/scenarios/loads.yaml)
        assertTrue(r.out().matches("(?s).*\\n(\\d+) of \\1 load rules fired\\R.*"), r.out());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("failures=\"0\""), xml);
        assertTrue(xml.contains("name=\"csrss (WinTcb-Light) opens lsass (Lsa-Light) with PROCESS_ALL_ACCESS\""), xml);
    }

    @Test
    void a_wrong_expectation_fails_with_what_differs_and_exit_1() throws Exception {
        Path f = tmp.resolve("wrong.yaml");
        Files.writeString(f, String.join("\n",
                "scenarios:",
                "  - note: lsass is readable (wrong on purpose)",
                "    cite: \"spec §9.1\"",
                "    request: {caller: None, target: Lsa-Light, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_SUCCESS, granted: \"0x10\", rules: [R40.5]}",
                ""));
        Path junit = tmp.resolve("out.xml");
        CliTests.Result r = CliTests.run("", "test", "--junit", junit.toString(), f.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("FAIL  "), r.out());
        assertTrue(r.out().contains("status: want STATUS_SUCCESS, got STATUS_ACCESS_DENIED; granted: want 0x00000010, got 0x00000000; rules: want [R40.5] among those fired"), r.out());
        assertTrue(r.out().endsWith("0 passed, 1 failed\n") || r.out().endsWith("0 passed, 1 failed\r\n"), r.out());
        assertTrue(Files.readString(junit).contains("<failure message=\"status: want STATUS_SUCCESS"));
        // the failure shows what the model decided and why, indented under the case
        assertTrue(r.out().contains("\n      decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000\n"), r.out());
        assertTrue(r.out().contains("\n      explanation (decisive):\n"), r.out());
        assertTrue(r.out().contains("R40.4  refuse a caller whose protection type is below the target's"), r.out());
    }

    @Test
    void run_picks_the_cases_a_pattern_finds_and_a_pattern_that_finds_none_is_bad_input() {
        CliTests.Result r = CliTests.run("", "test", "--run", "ppldump", "policies/scenarios");
        assertEquals(0, r.exit(), r.err() + r.out());
        List<String> cases = r.outLines().stream().filter(l -> l.startsWith("PASS  ")).toList();
        assertTrue(!cases.isEmpty() && cases.stream().allMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("ppldump")), r.out());
        assertTrue(r.out().contains(cases.size() + " passed, 0 failed"), r.out());
        CliTests.Result none = CliTests.run("", "test", "--run", "no such lesson", "policies/scenarios");
        assertEquals(2, none.exit());
        assertEquals("pplsim: --run: no scenario matches 'no such lesson'", none.err().strip());
        assertEquals(2, CliTests.run("", "test", "--run", "(", "policies/scenarios").exit());
    }

    @Test
    void a_malformed_scenario_is_one_line_exit_2_and_writes_no_report() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, String.join("\n",
                "scenarios:",
                "  - note: misspelt right",
                "    cite: \"spec §9.1\"",
                "    request: {caller: None, target: Lsa-Light, desired: PROCESS_VM_REED}",
                "    want: {status: STATUS_ACCESS_DENIED}",
                ""));
        Path junit = tmp.resolve("never.xml");
        CliTests.Result r = CliTests.run("", "test", "--junit", junit.toString(), f.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().matches("pplsim: .*bad\\.yaml:4:\\d+: scenarios\\[0\\]\\.request: desired access: unknown right name 'PROCESS_VM_REED'.*\\R"), r.err());
        assertFalse(Files.exists(junit));
    }

    @Test
    void a_syntax_error_after_a_load_case_is_reported_as_such_not_as_a_field_of_the_case() throws Exception {
        // the misspelling walk once read a load:/create: case as a record of one field 'fields' and hid the real error
        Path f = tmp.resolve("colon.yaml");
        Files.writeString(f, String.join("\n",
                "scenarios:",
                "  - note: fine",
                "    cite: \"spec §6.3\"",
                "    load: {process: None, imageSigner: Windows}",
                "    want: {status: STATUS_SUCCESS}",
                "  - note: a plain scalar with a colon",
                "    cite: \"spec §6.3\"",
                "    lesson: a: b",
                "    load: {process: None, imageSigner: Windows}",
                "    want: {status: STATUS_SUCCESS}",
                ""));
        CliTests.Result r = CliTests.run("", "test", f.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().matches("pplsim: .*colon\\.yaml:8:\\d+: mapping values are not allowed here\\R"), r.err());
    }

    @Test
    void every_shipped_scenario_cites_the_spec_and_a_users_need_not() throws Exception {
        for (Path f : dev.pplsim.policy.Yaml.nonEmptyFiles(Path.of("policies/scenarios"), "scenario")) {
            var file = dev.pplsim.policy.Yaml.read(f, f.toString(), dev.pplsim.jobs.ScenarioFile.class);
            for (var c : file.scenarios()) assertTrue(c.cite() != null && c.cite().contains("spec §"), f + ": " + c.note());
        }
        // another product's scenario cites its own requirement, or nothing
        Path own = Files.writeString(tmp.resolve("own.yaml"), String.join("\n",
                "scenarios:",
                "  - note: our agent's service reads lsass memory only as WinTcb-Light",
                "    cite: \"AGENT-1234\"",
                "    request: {caller: WinTcb-Light, target: Lsa-Light, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_SUCCESS, granted: \"0x00000010\"}",
                "  - note: no cite at all",
                "    request: {caller: None, target: Lsa-Light, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_ACCESS_DENIED}", ""));
        CliTests.Result r = CliTests.run("", "test", own.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("2 passed, 0 failed"), r.out());
    }
}
