package dev.pplsim.jobs;

import dev.pplsim.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exhaustive matrix of the default build, kept as golden CSV files: regenerated through the CLI and compared
 * byte for byte. {@code mvn test -Dgolden.update=true} rewrites them after a deliberate change; review the diff.
 */
class MatrixGoldenTests {

    @ParameterizedTest
    @CsvSource({"process, user", "thread, user"})
    void matrix_equals_its_golden_file(String object, String mode) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            exit = Main.run("matrix", "--object", object, "--mode", mode, "--format", "csv");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, exit);
        String actual = buf.toString(StandardCharsets.UTF_8);
        Path golden = Path.of("src/test/resources/golden/matrix-windows-10-11-" + object + "-" + mode + ".csv");
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.writeString(golden, actual);
            if (!Boolean.getBoolean("golden.update")) throw new AssertionError("golden file was missing and has been written: " + golden + "; review and commit it");
        }
        String expected = Files.readString(golden);
        assertEquals(17 * 17 * 22 + 1, actual.lines().count(), "rows: 17 x 17 protections x 22 rights, plus the header");
        assertEquals(expected, actual, "matrix differs from " + golden + " (rerun with -Dgolden.update=true after a deliberate change)");
    }
}
