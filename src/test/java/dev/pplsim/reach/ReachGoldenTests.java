package dev.pplsim.reach;

import dev.pplsim.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reach on the shipped Windows 11 catalog from the elevated admin shell, a standard user's explorer and Defender's
 * MsMpEng, as golden text and JSON, regenerated through the CLI and compared byte for byte; plus the same three on the
 * early build, where the PPLdump-style path appears. {@code mvn test -Dgolden.update=true} rewrites them after a
 * deliberate change; review the diff.
 */
class ReachGoldenTests {

    static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            exit = Main.run(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, exit, String.join(" ", args));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} on {1}, {2}")
    @CsvSource({
            "powershell.exe, windows-10-11, text", "powershell.exe, windows-10-11, json",
            "explorer.exe, windows-10-11, text", "explorer.exe, windows-10-11, json",
            "MsMpEng.exe, windows-10-11, text", "MsMpEng.exe, windows-10-11, json",
            "powershell.exe, windows-10-early, text", "powershell.exe, windows-10-early, json",
            "explorer.exe, windows-10-early, text", "MsMpEng.exe, windows-10-early, text"})
    void reach_equals_its_golden_file(String from, String build, String format) throws Exception {
        String actual = run("reach", "--from", from, "--system", "windows-11", "--build", build, "--format", format);
        Path golden = Path.of("src/test/resources/golden/reach/windows-11-" + build + "-" + from.replace(".exe", "").toLowerCase(java.util.Locale.ROOT)
                + (format.equals("json") ? ".json" : ".txt"));
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
            if (!Boolean.getBoolean("golden.update")) throw new AssertionError("golden file was missing and has been written: " + golden + "; review and commit it");
        }
        assertTrue(actual.contains(from), actual);
        assertEquals(Files.readString(golden), actual, "reach differs from " + golden + " (rerun with -Dgolden.update=true after a deliberate change)");
    }
}
