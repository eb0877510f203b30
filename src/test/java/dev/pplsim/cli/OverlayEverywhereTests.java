package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One what-if path (Simulator.withWorld) behind every command's {@code --build}: a build name, a build file or a
 * what-if overlay file, with the overlay's table, switch and creation changes, and its name in the answer.
 */
class OverlayEverywhereTests {

    private static final String LSA_OVER_AM = "policies/whatif/lsa-dominates-antimalware.yaml";
    private static final String VBS_OFF = "policies/whatif/vbs-off.yaml";

    @Test
    void decide_on_a_table_overlay_follows_its_changed_row() {
        // spec §2.3 (U): Lsa's DominateMask 0x110 -> 0x118 makes an Lsa-Light caller dominate Antimalware-Light
        CliTests.Result base = CliTests.run("", "decide", "--caller", "Lsa-Light", "--target", "Antimalware-Light", "--access", "PROCESS_VM_READ");
        assertEquals(0, base.exit(), base.err());
        assertTrue(base.out().contains("decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"), base.out());
        CliTests.Result over = CliTests.run("", "decide", "--caller", "Lsa-Light", "--target", "Antimalware-Light", "--access", "PROCESS_VM_READ",
                "--build", LSA_OVER_AM);
        assertEquals(0, over.exit(), over.err());
        assertTrue(over.out().contains("build windows-10-11-lsa-dominates-am"), over.out());
        assertTrue(over.out().contains("decision  STATUS_SUCCESS (0x00000000), granted 0x00000010 PROCESS_VM_READ"), over.out());
        assertTrue(over.out().contains("R40.5"), over.out());
    }

    @Test
    void create_on_an_overlay_applies_its_creation_changes() {
        String[] trustlet = {"create", "--creator", "WinTcb-Light", "--image", "C:\\Windows\\System32\\LsaIso.exe",
                "--image-ekus", "1.3.6.1.4.1.311.10.3.37,1.3.6.1.4.1.311.10.3.6", "--image-trustlet-id", "1",
                "--flags", "EXTENDED_STARTUPINFO_PRESENT", "--secure-process"};
        CliTests.Result on = CliTests.run("", trustlet);
        assertEquals(0, on.exit(), on.err());
        assertTrue(on.out().contains("decision  STATUS_SUCCESS (0x00000000)"), on.out());
        String[] off = java.util.Arrays.copyOf(trustlet, trustlet.length + 2);
        off[trustlet.length] = "--build";
        off[trustlet.length + 1] = VBS_OFF;
        CliTests.Result r = CliTests.run("", off);
        assertEquals(0, r.exit(), r.err());
        // spec §12.7: a trustlet fails with VBS off; its status is creation.yaml's trustletWithoutVbs (U)
        assertTrue(r.out().contains("build windows-10-11-vbs-off"), r.out());
        assertTrue(r.out().contains("decision  STATUS_NOT_SUPPORTED (0xC00000BB)"), r.out());
        assertTrue(r.out().contains("C35.5"), r.out());
    }

    @Test
    void a_load_on_an_overlay_loads_as_its_base_build() {
        String[] ppldump = {"load", "--process", "WinTcb-Light", "--image-signing-level", "1", "--image-source", "known-dlls"};
        CliTests.Result base = CliTests.run("", ppldump);
        String[] over = java.util.Arrays.copyOf(ppldump, ppldump.length + 2);
        over[ppldump.length] = "--build";
        over[ppldump.length + 1] = VBS_OFF;
        CliTests.Result r = CliTests.run("", over);
        assertEquals(0, base.exit(), base.err());
        assertEquals(0, r.exit(), r.err());
        assertEquals(base.out().replace("build windows-10-11", "build windows-10-11-vbs-off"), r.out());
    }

    @Test
    void a_system_is_refused_by_build_with_the_option_to_use() {
        CliTests.Result r = CliTests.run("", "decide", "--caller", "None", "--target", "None", "--build", "policies/systems/windows-11.yaml");
        assertEquals(2, r.exit());
        assertEquals("pplsim: --build: 'policies/systems/windows-11.yaml' is a system, not a build (give it to --system)\n", r.err());
        CliTests.Result m = CliTests.run("", "matrix", "--build", "nope.yaml");
        assertEquals(2, m.exit());
        assertEquals("pplsim: --build: nope.yaml: no such file\n", m.err());
    }

    @Test
    void batch_lines_name_the_what_ifs_given_with_with() {
        String am = "{\"id\":1,\"caller\":{\"protection\":\"Lsa-Light\"},\"target\":{\"protection\":\"Antimalware-Light\"},\"desired\":\"PROCESS_VM_READ\"%s}\n";
        String lines = String.format(java.util.Locale.ROOT, am, ",\"build\":\"windows-10-11-lsa-dominates-am\"") + String.format(java.util.Locale.ROOT, am, "");
        CliTests.Result r = CliTests.run(lines, "batch", "--with", LSA_OVER_AM);
        assertEquals(0, r.exit(), r.err());
        String[] out = r.out().split("\n");
        assertTrue(out[0].startsWith("{\"id\":1,\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"granted\":\"0x00000010\""), out[0]);
        assertTrue(out[1].startsWith("{\"id\":1,\"status\":\"STATUS_ACCESS_DENIED\",\"ntstatus\":\"0xC0000022\",\"granted\":\"0x00000000\""), out[1]);
        // a line naming a file is not read from disk: the error says how to give it
        CliTests.Result file = CliTests.run(String.format(java.util.Locale.ROOT, am, ",\"build\":\"" + LSA_OVER_AM + "\""), "batch");
        assertEquals(2, file.exit());
        assertEquals("{\"id\":1,\"error\":\"line 1: build: unknown build '" + LSA_OVER_AM + "' (known: windows-10-11, windows-10-early, windows-10-rs; "
                + "a build or overlay file is given to the command (batch --with FILE) and named here by its name)\"}\n", file.out());
    }

    @Test
    void a_scenario_asks_a_system_overlay_and_a_load_on_an_overlay(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // the users' question (README): if the agent ran as Antimalware-Light, could an admin suspend it, or read it?
        java.nio.file.Path f = tmp.resolve("edr.yaml");
        java.nio.file.Files.writeString(f, """
                scenarios:
                  - note: PROCESS_SUSPEND_RESUME is outside Antimalware's denied mask 0x000FC7FF, so an admin still suspends the agent
                    request: {system: whatif/edr-agent-as-antimalware-light.yaml, caller: powershell.exe, target: edr-agent.exe, desired: PROCESS_SUSPEND_RESUME}
                    want: {status: STATUS_SUCCESS, granted: "0x00000800", rules: [R40.4, R50.5, R90.3]}
                  - note: but no longer reads its memory
                    request: {system: whatif/edr-agent-as-antimalware-light.yaml, caller: powershell.exe, target: edr-agent.exe, desired: PROCESS_VM_READ}
                    want: {status: STATUS_ACCESS_DENIED, rules: [R40.4, R50.5, R90.2]}
                  - note: as shipped, unprotected, it could
                    request: {system: whatif/edr-agent.yaml, caller: powershell.exe, target: edr-agent.exe, desired: PROCESS_VM_READ}
                    want: {status: STATUS_SUCCESS, granted: "0x00000010"}
                  - note: a load on an overlay loads as its base build does
                    load: {process: WinTcb-Light, imageSigningLevel: 1, source: known-dlls, build: whatif/vbs-off.yaml}
                    want: {status: STATUS_INVALID_IMAGE_HASH}
                """);
        CliTests.Result r = CliTests.run("", "test", f.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("4 passed, 0 failed"), r.out());
    }

    @Test
    void an_overlay_of_a_build_without_a_creation_model(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // creation changes on a build creation.yaml does not list: said at once, naming the what-if
        java.nio.file.Path vbs = tmp.resolve("early-vbs.yaml");
        java.nio.file.Files.writeString(vbs, "overlay: windows-10-early-vbs-on\nbase: windows-10-early\nnote: \"x\"\ncreation: {vbs: true}\n");
        CliTests.Result r = CliTests.run("", "create", "--creator", "None", "--image", "x.exe", "--build", vbs.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("pplsim: --build: windows-10-early-vbs-on: creation: build 'windows-10-early' has no creation switches in ")
                && r.err().endsWith("creation.yaml to change (listed: windows-10-11)\n") && r.err().lines().count() == 1, r.err());
        // a switch overlay of it reaches as the early build does: its create steps decided as on windows-10-11 (creationAs, U)
        java.nio.file.Path probe = tmp.resolve("early-probe.yaml");
        java.nio.file.Files.writeString(probe, "overlay: windows-10-early-probe\nbase: windows-10-early\nnote: \"x\"\nswitches: {picoCheck: false}\n");
        CliTests.Result reach = CliTests.run("", "reach", "--from", "powershell.exe", "--build", probe.toString(), "--max-steps", "2");
        assertEquals(0, reach.exit(), reach.err());
        assertTrue(reach.out().contains("assumed: creations on windows-10-early-probe are decided as on windows-10-11"), reach.out());
        assertTrue(reach.out().contains("0x61 WinTcb-Light       2      services.exe child WinTcb-Light [admin-elevated]"), reach.out());
    }

    @Test
    void who_can_asks_a_system_overlay_as_the_api_does() {
        CliTests.Result r = CliTests.run("", "who-can", "--system", "policies/whatif/edr-agent-as-antimalware-light.yaml", "--target", "edr-agent.exe",
                "--access", "PROCESS_VM_READ");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("who can open process edr-agent.exe (9000), 0x31 Antimalware-Light, with PROCESS_VM_READ? system "
                + "windows-11-with-edr-agent-as-am-light (build windows-10-11), user mode"), r.out());
        assertTrue(r.out().contains("11 of 19 processes can open it"), r.out());
        assertTrue(r.out().contains("powershell.exe (6600)     0x00 None              none         STATUS_ACCESS_DENIED  0x00000000  R40.4 (R90.2)"), r.out());
    }
}
