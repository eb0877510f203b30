package dev.pplsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim verify} on the shipped sample, whose o8 is a deliberate, unexplained mismatch. */
class VerifyTests {

    private static final String SAMPLE = "src/test/resources/observations/sample.jsonl";
    private static final String EXCEPTIONS = "src/test/resources/observations/exceptions.yaml";

    @TempDir
    Path tmp;

    @Test
    void the_sample_agrees_but_for_its_deliberate_mismatches() {
        CliTests.Result r = CliTests.run("", "verify", SAMPLE, "--exceptions", EXCEPTIONS);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("verify " + SAMPLE + ": 14 observations; 11 agree, 1 mismatches explained, 1 mismatches, 1 skipped"), r.out());
        assertTrue(r.out().contains("EXPLAINED o7 (10.0.22631 -> windows-10-11)"), r.out());
        assertTrue(r.out().contains("MISMATCH  o8 (10.0.22631 -> windows-10-11): powershell.exe 0x00 None -> process MsMpEng.exe 0x31 Antimalware-Light, PROCESS_TERMINATE"), r.out());
        assertTrue(r.out().contains("observed STATUS_SUCCESS (0x00000000), granted 0x00000001; model STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"), r.out());
        assertTrue(r.out().contains("R50.5  veto the denied rights for an incompatible caller"), r.out());
        assertTrue(r.out().contains("SKIPPED   o12"), r.out());
    }

    @Test
    void without_exceptions_both_divergences_are_mismatches() {
        CliTests.Result r = CliTests.run("", "verify", SAMPLE);
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("11 agree, 0 mismatches explained, 2 mismatches, 1 skipped"), r.out());
    }

    @Test
    void an_older_build_is_decided_by_its_model_build() throws Exception {
        Path f = tmp.resolve("o.jsonl");
        Files.writeString(f, Files.readAllLines(Path.of(SAMPLE)).get(10) + "\n");
        CliTests.Result r = CliTests.run("", "verify", f.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("1 observations; 1 agree"), r.out());
    }

    @Test
    void a_malformed_observation_names_file_line_and_field() throws Exception {
        Path f = tmp.resolve("bad.jsonl");
        Files.writeString(f, Files.readAllLines(Path.of(SAMPLE)).get(0) + "\n"
                + Files.readAllLines(Path.of(SAMPLE)).get(1).replace("\"desired\"", "\"desird\"") + "\n");
        CliTests.assertOneLineError(CliTests.run("", "verify", f.toString()), "pplsim: " + f + ":2: desird: unknown field (expected one of: caller, desired, id, observed, seDebugPrivilege, target, windowsBuild)");
    }
}
