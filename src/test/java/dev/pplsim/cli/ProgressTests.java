package dev.pplsim.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --progress: one line on stderr redrawn with carriage returns and cleared at the end; stdout the same byte for
 * byte; without it (and no terminal, as under the test runner) stderr stays empty.
 */
class ProgressTests {

    private static final Pattern LINE = Pattern.compile("pplsim: (\\w+): ([\\d,]+) of ([\\d,]+) runs, \\d+\\.\\d s *");

    @BeforeEach
    void showAtOnce() {
        // the line waits a second by default: these runs may be faster than that
        System.setProperty("pplsim.progressAfterMillis", "0");
    }

    @AfterEach
    void reset() {
        System.clearProperty("pplsim.progressAfterMillis");
    }

    @Test
    void whatif_counts_its_rule_runs() {
        check("whatif", false, "whatif", "--base", "windows-10-early", "--change", "windows-10-11");
    }

    @Test
    void prove_counts_its_rule_runs() {
        // prove's report states how long each property took: those figures alone may differ between two runs
        check("prove", true, "prove", "--store", "off", "policies/properties/loads.yaml");
    }

    @Test
    void matrix_counts_its_rule_runs() {
        check("matrix", false, "matrix", "--object", "thread");
    }

    private static String untimed(String report) {
        return report.replaceAll("\\d+\\.\\d+ s\\b", "N s");
    }

    private static void check(String label, boolean timed, String... args) {
        CliTests.Result quiet = CliTests.run("", args);
        assertEquals(0, quiet.exit(), quiet.err());
        assertEquals("", quiet.err(), "no terminal, no --progress: nothing on stderr");
        String[] withFlag = Arrays.copyOf(args, args.length + 1);
        withFlag[args.length] = "--progress";
        CliTests.Result shown = CliTests.run("", withFlag);
        assertEquals(0, shown.exit(), shown.err());
        if (timed) {
            assertEquals(untimed(quiet.out()), untimed(shown.out()), "stdout is the same with --progress, but for the report's own timings");
        } else {
            assertEquals(quiet.out(), shown.out(), "stdout is the same with --progress, byte for byte");
        }
        String err = shown.err();
        assertFalse(err.contains("\n"), "one line, redrawn, never a new one: " + err);
        assertTrue(err.startsWith("\r") && err.endsWith("\r"), "drawn over itself and cleared at the end");
        List<String> frames = Arrays.stream(err.split("\r")).filter(f -> !f.isBlank()).toList();
        assertFalse(frames.isEmpty(), "some progress was shown");
        long before = -1;
        for (String f : frames) {
            var m = LINE.matcher(f);
            assertTrue(m.matches(), f);
            assertEquals(label, m.group(1));
            long done = Long.parseLong(m.group(2).replace(",", "")), total = Long.parseLong(m.group(3).replace(",", ""));
            assertTrue(done <= total && done >= before, f);
            before = done;
        }
        // the last frame is wiped with blanks as wide as the widest
        String wipe = err.substring(err.lastIndexOf('\r', err.length() - 2) + 1, err.length() - 1);
        assertTrue(wipe.isBlank() && wipe.length() >= frames.stream().mapToInt(String::length).max().orElse(0), "cleared: '" + wipe + "'");
    }
}
