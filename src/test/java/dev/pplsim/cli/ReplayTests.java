package dev.pplsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim replay} on made-up Sysmon exports (src/test/resources/sysmon). */
class ReplayTests {

    @TempDir
    Path tmp;

    @Test
    void xml_export_flags_the_grant_a_user_mode_open_cannot_make() {
        CliTests.Result r = CliTests.run("", "replay", "src/test/resources/sysmon/events.xml");
        assertEquals(1, r.exit(), r.out() + r.err());
        // csrss -> lsass 0x1FFFFF is possible; powershell -> lsass VM_READ is not; QUERY_LIMITED is; event 4 is not ID 10
        assertTrue(r.out().contains("FLAGGED  src/test/resources/sysmon/events.xml: event 2: powershell.exe (6600), 0x00 None -> lsass.exe (800), 0x41 Lsa-Light: GrantedAccess 0x00001010 PROCESS_VM_READ|PROCESS_QUERY_LIMITED_INFORMATION"), r.out());
        assertTrue(r.out().contains("UNKNOWN  src/test/resources/sysmon/events.xml: event 5: procexp64.exe -> MsMpEng.exe: procexp64.exe is not in system windows-11"), r.out());
        assertTrue(r.out().contains("4 records: 2 consistent with the model, 1 flagged, 1 not in the catalog"), r.out());
    }

    @Test
    void json_lines_work_too_and_with_runasppl_off_nothing_on_lsass_is_flagged() {
        CliTests.Result r = CliTests.run("", "replay", "src/test/resources/sysmon/events.jsonl");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("events.jsonl:2: explorer.exe (5120), 0x00 None -> MsMpEng.exe (3880), 0x31 Antimalware-Light: GrantedAccess 0x00000001 PROCESS_TERMINATE"), r.out());
        CliTests.Result off = CliTests.run("", "replay", "--system", "windows-11-no-runasppl", "src/test/resources/sysmon/events.xml");
        assertTrue(off.out().contains("4 records: 3 consistent with the model, 0 flagged, 1 not in the catalog"), off.out());
        assertEquals(0, off.exit());
    }

    @Test
    void malformed_input_is_one_line_exit_2() throws Exception {
        Path bad = tmp.resolve("bad.xml");
        Files.writeString(bad, "<Events><Event><EventData>");
        CliTests.assertOneLineError(CliTests.run("", "replay", bad.toString()), "pplsim: " + bad + ": malformed XML");
        Path missing = tmp.resolve("m.jsonl");
        Files.writeString(missing, "{\"EventID\":10,\"EventData\":{\"SourceImage\":\"a.exe\"}}\n");
        CliTests.assertOneLineError(CliTests.run("", "replay", missing.toString()), "pplsim: " + missing + ":1: a ProcessAccess record needs SourceImage, TargetImage and GrantedAccess");
    }
}
