package dev.pplsim.jobs;

import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed property files: one line naming file, line and field. */
public class PropertyFileTests {

    @TempDir
    Path tmp;

    /** A property that holds; other tests of this package build on it. */
    public static final String GOOD = """
            properties:
              - name: ppl_never_reaches_pp
                why: test
                cite: "spec §3.2"
                forall:
                  caller: {type: [1]}
                  target: {type: [2]}
                  modes: [user]
                then: {protection: incompatible}
            """;

    private String error(String from, String to) throws IOException {
        assertTrue(GOOD.contains(from), from);
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, GOOD.replace(from, to));
        String m = assertThrows(InputException.class, () -> Prover.read(List.of(f))).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    @Test
    void a_good_file_reads() throws IOException {
        Path f = tmp.resolve("ok.yaml");
        Files.writeString(f, GOOD);
        assertEquals("ppl_never_reaches_pp", Prover.read(List.of(f)).get(0).getValue().name());
    }

    @Test
    void unknown_field() throws IOException {
        String m = error("    modes: [user]", "    modes: [user]\n      mode: [user]");
        assertTrue(m.matches(".*p\\.yaml:\\d+:\\d+: properties\\[0\\]\\.forall\\.mode: unknown field 'mode' .*"), m);
    }

    @Test
    void unknown_right_name() throws IOException {
        String m = error("    modes: [user]", "    modes: [user]\n      rights: [PROCESS_VM_REED]");
        assertTrue(m.matches(".*p\\.yaml:\\d+:\\d+: properties\\[0\\]\\.forall: rights: desired access: unknown right name 'PROCESS_VM_REED'.*"), m);
    }

    @Test
    void unknown_signer_in_a_filter() throws IOException {
        String m = error("caller: {type: [1]}", "caller: {type: [1], signer: [WinTbc]}");
        assertTrue(m.matches(".*p\\.yaml:\\d+:\\d+: properties\\[0\\]\\.forall: caller\\.signer: unknown signer 'WinTbc'"), m);
    }

    @Test
    void unknown_mode() throws IOException {
        String m = error("modes: [user]", "modes: [supervisor]");
        assertTrue(m.contains("p.yaml:") && m.contains("modes: expected user or kernel, got 'supervisor'"), m);
    }

    @Test
    void a_property_needs_then_or_compare() throws IOException {
        String m = error("    then: {protection: incompatible}\n", "");
        assertTrue(m.matches(".*p\\.yaml:\\d+:\\d+: properties\\[0\\]: give exactly one of 'then' .*"), m);
    }

    @Test
    void a_bad_expectation_value() throws IOException {
        String m = error("{protection: incompatible}", "{protection: maybe}");
        assertTrue(m.matches(".*p\\.yaml:\\d+:\\d+: properties\\[0\\]\\.then: protection must be compatible or incompatible, got 'maybe'"), m);
    }

    @Test
    void a_missing_citation() throws IOException {
        String m = error("    cite: \"spec §3.2\"\n", "");
        assertTrue(m.contains("p.yaml:") && m.contains("missing required field 'cite'"), m);
    }

    @Test
    void broken_yaml() throws IOException {
        String m = error("    forall:\n", "    forall: [\n");
        assertTrue(m.matches(".*p\\.yaml:\\d+:\\d+: .*"), m);
    }
}
