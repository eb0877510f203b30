package dev.pplsim.cli;

import dev.pplsim.model.ProcessKind;
import dev.pplsim.policy.SecurityPolicy;
import dev.pplsim.policy.SystemCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalog in the format tools/windows/capture-system.ps1 writes (issue #19), fed to who-can as a user would feed
 * their own capture: {@code --system FILE.yaml}. The sample is hand-written for a Windows 11 23H2 machine with LSA
 * protection on and Credential Guard running (its first lines say so); its protections are those of spec §5 and
 * policies/systems/windows-11.yaml, its last process one that exited before the script could open it.
 */
class CaptureSampleTests {

    static final Path SAMPLE = Path.of("src/test/resources/capture/sample-capture.yaml");

    @Test
    void the_sample_is_a_catalog_with_the_kinds_the_script_measures() {
        SystemCatalog c = SystemCatalog.read(SAMPLE);
        c.checkTokens(SecurityPolicy.load(Path.of("policies")).tokens().keySet(), SAMPLE.toString());
        assertEquals(27, c.processes().size());
        assertEquals(List.of("System", "Secure System", "Registry", "MemCompression"),
                c.processes().stream().filter(p -> p.processKind() == ProcessKind.MINIMAL).map(SystemCatalog.Process::image).toList());
        SystemCatalog.Process lsaIso = c.byImage("LsaIso.exe").get(0);
        assertEquals(ProcessKind.TRUSTLET, lsaIso.processKind());
        assertEquals(1, lsaIso.trustletId());
        assertEquals(List.of("StartMenuExperienceHost.exe", "Notepad.exe"),
                c.processes().stream().filter(p -> p.processKind() == ProcessKind.PACKAGED).map(SystemCatalog.Process::image).toList());
        assertEquals(0x41, c.byImage("lsass.exe").get(0).protectionByte().value());
        assertEquals(0x51, c.processes().stream().filter(p -> p.pid() == 3164).findFirst().orElseThrow().protectionByte().value());
    }

    @Test
    void who_can_read_lsass_memory_on_the_captured_machine() {
        CliTests.Result r = CliTests.run("", "who-can", "--system", SAMPLE.toString(), "--target", "lsass.exe", "--access", "PROCESS_VM_READ");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("who can open process lsass.exe (876), 0x41 Lsa-Light, with PROCESS_VM_READ? system capture-desktop-4m7qk2p (build windows-10-11), user mode\n"), r.out());
        Map<String, String> rows = rows(r.out());
        // the minimal processes run no user-mode code: not asked (spec §7.1, §12.7); the other 23 are
        assertEquals(23, rows.size(), r.out());
        assertTrue(r.out().contains("\n8 of 23 processes can open it\n"), r.out());
        assertTrue(r.out().contains("not asked: System (4), Secure System (72), Registry (108), MemCompression (2260) (minimal processes"), r.out());
        // an Lsa-Light target's memory is read only by callers whose signer dominates Lsa (spec §2.2, §3.2)
        assertEquals(List.of("smss.exe (412)", "csrss.exe (616)", "wininit.exe (700)", "csrss.exe (716)", "services.exe (848)",
                        "lsass.exe (876)", "svchost.exe (3164)", "sppsvc.exe (4420)"),
                rows.entrySet().stream().filter(e -> e.getValue().contains("STATUS_SUCCESS")).map(Map.Entry::getKey).toList());
        assertEquals("0x61 WinTcb-Light      parent       STATUS_SUCCESS        0x00000010  R40.5 (R90.3)", rows.get("wininit.exe (700)"));
        assertEquals("0x41 Lsa-Light         self         STATUS_SUCCESS        0x00000010  R40.1 (R90.3)", rows.get("lsass.exe (876)"));
        assertEquals("0x51 Windows-Light     none         STATUS_SUCCESS        0x00000010  R40.5 (R90.3)", rows.get("svchost.exe (3164)"));
        assertEquals("0x52 Windows           none         STATUS_SUCCESS        0x00000010  R40.5 (R90.3)", rows.get("sppsvc.exe (4420)"));
        // Antimalware (3) does not dominate Lsa (4); an unprotected caller never reaches a protected target
        assertEquals("0x31 Antimalware-Light none         STATUS_ACCESS_DENIED  0x00000000  R40.6 (R90.2)", rows.get("MsMpEng.exe (3904)"));
        assertEquals("0x00 None              none         STATUS_ACCESS_DENIED  0x00000000  R40.4 (R90.2)", rows.get("powershell.exe (7788)"));
        // the trustlet, modelled unprotected in VTL0 (spec §7.3 U), and the process the script could not open (None)
        assertEquals("0x00 None              none         STATUS_ACCESS_DENIED  0x00000000  R40.4 (R90.2)", rows.get("LsaIso.exe (868)"));
        assertEquals("0x00 None              none         STATUS_ACCESS_DENIED  0x00000000  R40.4 (R90.2)", rows.get("SearchProtocolHost.exe (8120)"));
    }

    @Test
    void with_the_captured_tokens_the_descriptor_decides_first() {
        CliTests.Result r = CliTests.run("", "who-can", "--system", SAMPLE.toString(), "--target", "lsass.exe",
                "--access", "PROCESS_QUERY_LIMITED_INFORMATION", "--tokens");
        assertEquals(0, r.exit(), r.err());
        Map<String, String> rows = rows(r.out());
        assertTrue(r.out().contains("\n14 of 23 processes can open it\n"), r.out());
        // the elevated shell the capture ran in (admin-elevated, SeDebugPrivilege enabled) passes the descriptor, and
        // protection leaves PROCESS_QUERY_LIMITED_INFORMATION to everyone
        assertEquals("0x00 None              admin-elevated     none         STATUS_SUCCESS            0x00001000  R20.6 R40.4 (R90.3)", rows.get("powershell.exe (7788)"));
        // the user's unelevated shell, its packaged Start menu and a NetworkService host are refused by the descriptor
        assertEquals("0x00 None              admin-filtered     none         STATUS_ACCESS_DENIED      0x00000000  R28.2 (R90.1)", rows.get("explorer.exe (6020)"));
        assertEquals("0x00 None              admin-filtered     none         STATUS_ACCESS_DENIED      0x00000000  R28.2 (R90.1)", rows.get("StartMenuExperienceHost.exe (6480)"));
        assertEquals("0x52 Windows           network-service    none         STATUS_ACCESS_DENIED      0x00000000  R28.2 (R90.1)", rows.get("sppsvc.exe (4420)"));
        assertEquals("0x31 Antimalware-Light system             none         STATUS_SUCCESS            0x00001000  R20.6 R40.6 (R90.3)", rows.get("MsMpEng.exe (3904)"));
    }

    @Test
    void the_matrix_of_the_captured_machine_has_a_row_and_a_column_per_process() {
        CliTests.Result r = CliTests.run("", "matrix", "--system", SAMPLE.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Rights each process (row) obtains on each process (column) of capture-desktop-4m7qk2p"), r.out());
        assertTrue(lines.get(1).matches("caller \\\\ target pid\\s+4\\s+72\\s+108\\s+412\\s.*\\s8120"), lines.get(1));
        assertEquals(27, lines.stream().skip(2).filter(l -> l.matches("\\S.* \\(\\d+\\)\\s+.*")).count(), r.out());
    }

    /** who-can's table: caller label -> the rest of its row. */
    static Map<String, String> rows(String out) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\S[^(\\n]* \\(\\d+\\))\\s+(0x[0-9A-F]{2} .*)$").matcher(out);
        while (m.find()) rows.put(m.group(1), m.group(2));
        return rows;
    }
}
