package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code matrix --caller/--target/--right}: the cells a question is about, not 1,800 columns to search. */
class MatrixFilterTests {

    @Test
    void a_build_matrix_of_chosen_callers_targets_and_one_right() {
        CliTests.Result r = CliTests.run("", "matrix", "--caller", "None,Lsa-Light,0x61", "--target", "Lsa-Light,Antimalware-Light", "--right", "PROCESS_VM_READ");
        assertEquals(0, r.exit(), r.err());
        // spec §2.1: Lsa dominates itself, not Antimalware (0x110 lacks bit 3); WinTcb dominates both; None neither
        assertEquals(String.join("\n",
                "Rights a caller (row) obtains on a process target (column), each asked alone; build windows-10-11, user mode, relation none",
                "caller \\ target       41     31",
                "0x00 None         000000 000000",
                "0x41 Lsa-Light    000010 000000",
                "0x61 WinTcb-Light 000010 000010"), r.out().lines().limit(5).reduce((a, b) -> a + "\n" + b).orElse(""));
    }

    @Test
    void a_system_matrix_of_chosen_processes_in_csv() {
        CliTests.Result r = CliTests.run("", "matrix", "--system", "windows-11", "--caller", "powershell.exe,3880", "--target", "lsass.exe",
                "--right", "PROCESS_VM_READ|PROCESS_TERMINATE", "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(5, lines.length, r.out());
        assertEquals("windows-11,windows-10-11,process,user,none,MsMpEng.exe,3880,0x31,Antimalware-Light,lsass.exe,800,0x41,Lsa-Light,0x00000010,"
                + "PROCESS_VM_READ,STATUS_ACCESS_DENIED,0xC0000022,0x00000000,R90.2", lines[4]);
    }

    @Test
    void a_filter_that_names_nothing_known_is_one_line_naming_the_option() {
        CliTests.assertOneLineError(CliTests.run("", "matrix", "--caller", "Lsa-Lite"), "pplsim: --caller: unknown protection 'Lsa-Lite'");
        CliTests.assertOneLineError(CliTests.run("", "matrix", "--system", "windows-11", "--target", "nothere.exe"),
                "pplsim: --target: no process 'nothere.exe' in system windows-11");
        CliTests.Result r = CliTests.run("", "matrix", "--right", "0x40000000");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("pplsim: --right: 0x40000000 holds none of the rights a matrix asks"), r.err());
    }
}
