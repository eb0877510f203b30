package dev.pplsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scenarios with the security-descriptor stage's fields: tokens, SDDL, operations, and catalogs with withTokens. */
class ScenarioTokenTests {

    @TempDir
    Path tmp;

    private Path file(String... lines) throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void a_catalog_scenario_uses_the_token_presets_only_when_it_says_with_tokens() throws Exception {
        Path f = file("scenarios:",
                "  - note: protection-only, as the catalog scenarios were written",
                "    cite: \"spec §3.1 step 2\"",
                "    request: {system: windows-11, caller: explorer.exe, target: lsass.exe, desired: PROCESS_QUERY_LIMITED_INFORMATION}",
                "    want: {status: STATUS_SUCCESS, granted: \"0x00001000\", rules: [R20.2, R40.4, R90.3]}",
                "  - note: with the presets, lsass's DACL refuses explorer's standard user",
                "    cite: \"spec §4.1\"",
                "    request: {system: windows-11, caller: explorer.exe, target: lsass.exe, withTokens: true, desired: PROCESS_QUERY_LIMITED_INFORMATION}",
                "    want: {status: STATUS_ACCESS_DENIED, granted: \"0x00000000\", rules: [R20.8, R28.2, R90.1]}",
                "  - note: a token given in the request overrides the caller's preset",
                "    cite: \"spec §3.1 step 2\"",
                "    request: {system: windows-11, caller: explorer.exe, target: lsass.exe, withTokens: true, token: admin-elevated, desired: PROCESS_QUERY_LIMITED_INFORMATION}",
                "    want: {status: STATUS_SUCCESS, granted: \"0x00001000\", rules: [R20.6, R40.4, R90.3]}",
                "  - note: a debugger attach answers STATUS_PROCESS_IS_PROTECTED",
                "    cite: \"spec §3.4\"",
                "    request: {system: windows-11, caller: powershell.exe, target: MsMpEng.exe, withTokens: true, operation: debug, desired: PROCESS_SUSPEND_RESUME}",
                "    want: {status: STATUS_PROCESS_IS_PROTECTED, granted: \"0x00000000\", rules: [R85.1]}");
        CliTests.Result r = CliTests.run("", "test", f.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("4 passed, 0 failed"), r.out());
    }

    @Test
    void a_wrong_status_of_the_sd_stage_fails_with_what_differs() throws Exception {
        Path f = file("scenarios:",
                "  - note: ACCESS_SYSTEM_SECURITY without the privilege (wrong on purpose)",
                "    cite: \"spec §2.2\"",
                "    request: {caller: None, token: admin-elevated, target: None, desired: ACCESS_SYSTEM_SECURITY}",
                "    want: {status: STATUS_ACCESS_DENIED, granted: \"0x00000000\"}");
        CliTests.Result r = CliTests.run("", "test", f.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("status: want STATUS_ACCESS_DENIED, got STATUS_PRIVILEGE_NOT_HELD"), r.out());
    }

    @Test
    void malformed_security_fields_are_one_line_errors_with_the_file_position() throws Exception {
        Path token = file("scenarios:", "  - note: n", "    cite: \"spec §4.1\"",
                "    request: {caller: None, token: {base: standard-user, colour: red}, target: None, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_SUCCESS}");
        CliTests.Result r = CliTests.run("", "test", token.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().matches("pplsim: .*s\\.yaml:4:\\d+: scenarios\\[0\\]\\.request: token\\.colour: unknown field \\(expected one of: base, user, .*\\R"), r.err());

        Path sddl = file("scenarios:", "  - note: n", "    cite: \"spec §4.1\"",
                "    request: {caller: None, token: standard-user, target: None, sd: \"D:(A;;0x10;;;XX)\", desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_SUCCESS}");
        r = CliTests.run("", "test", sddl.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().matches("pplsim: .*s\\.yaml:4:\\d+: scenarios\\[0\\]\\.request: sd: .*unknown SID alias 'XX'.*\\R"), r.err());

        Path noSystem = file("scenarios:", "  - note: n", "    cite: \"spec §4.1\"",
                "    request: {caller: None, target: None, withTokens: true, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_SUCCESS}");
        r = CliTests.run("", "test", noSystem.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().contains("scenarios[0].request: withTokens: takes the token presets of a system catalog's processes: give a system"), r.err());

        Path both = file("scenarios:", "  - note: n", "    cite: \"spec §4.1\"",
                "    request: {caller: None, token: admin-elevated, sdGranted: \"0x10\", target: None, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_SUCCESS}");
        r = CliTests.run("", "test", both.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().contains("scenarios[0].request: sdGranted: must be absent when token is given"), r.err());

        Path status = file("scenarios:", "  - note: n", "    cite: \"spec §4.1\"",
                "    request: {caller: None, target: None, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_SOMETIMES}");
        r = CliTests.run("", "test", status.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().contains("scenarios[0].want: status: unknown NTSTATUS 'STATUS_SOMETIMES'"), r.err());
        // a status only a creation returns is not an open's answer
        Path creationOnly = file("scenarios:", "  - note: n", "    cite: \"spec §4.1\"",
                "    request: {caller: None, target: None, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_INVALID_IMAGE_HASH}");
        r = CliTests.run("", "test", creationOnly.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().contains("scenarios[0]: status: an open answers one of STATUS_SUCCESS, STATUS_ACCESS_DENIED, STATUS_PRIVILEGE_NOT_HELD, STATUS_PROCESS_IS_PROTECTED, got 'STATUS_INVALID_IMAGE_HASH'"), r.err());

        Path preset = file("scenarios:", "  - note: unknown preset", "    cite: \"spec §4.1\"",
                "    request: {caller: None, token: admin-elevatd, target: None, desired: PROCESS_VM_READ}",
                "    want: {status: STATUS_SUCCESS}");
        r = CliTests.run("", "test", preset.toString());
        CliTests.assertOneLineError(r, "pplsim: ");
        assertTrue(r.err().contains("scenarios[0] (unknown preset): token: unknown token 'admin-elevatd' (known: admin-elevated, "), r.err());
    }
}
