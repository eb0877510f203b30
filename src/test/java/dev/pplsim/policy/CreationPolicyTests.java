package dev.pplsim.policy;

import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code policies/creation.yaml}: the shipped file loads, and a broken one is a one-line error naming file, line and field. */
class CreationPolicyTests {

    @TempDir
    Path dir;

    static final Path SHIPPED = Path.of("policies", CreationPolicy.FILE);

    @Test
    void the_shipped_file_loads_with_the_spec_numbers() {
        CreationPolicy c = CreationPolicy.load(Path.of("policies"));
        assertEquals(6, c.signingLevels().size());
        assertEquals(11, c.minimumTcb().size());
        CreationSwitches s = c.switches("windows-10-11");
        assertEquals(0x000687C7, s.validNativeFlags());
        assertEquals(0x12, s.defaultProtection());
        assertEquals(CreationSwitches.TerminateAddedTo.THREAD, s.terminateAddedTo());
        InputException e = assertThrows(InputException.class, () -> c.switches("windows-10-rs"));
        assertTrue(e.getMessage().startsWith("build 'windows-10-rs' has no creation switches in policies/creation.yaml"), e.getMessage());
    }

    String broken(String from, String to) throws IOException {
        String text = Files.readString(SHIPPED);
        assertTrue(text.contains(from), from);
        Files.writeString(dir.resolve(CreationPolicy.FILE), text.replace(from, to));
        return assertThrows(InputException.class, () -> CreationPolicy.load(dir)).getMessage();
    }

    @Test
    void a_misspelt_switch_a_bad_value_and_a_missing_row_are_one_line_errors() throws IOException {
        String m = broken("    terminateAddedTo: thread", "    terminateAddedTo: thread\n    terminateAdedTo: both");
        assertTrue(m.contains("creation.yaml:") && m.contains("terminateAdedTo"), m);
        m = broken("terminateAddedTo: thread", "terminateAddedTo: sometimes");
        assertTrue(m.contains("creation.yaml:") && m.contains("sometimes"), m);
        m = broken("  - {signer: WinTcb,       exe: 14, dll: 12}\n", "");
        assertTrue(m.contains("ekuSigners: signer WinTcb has no signingLevels row"), m);
        m = broken("  - {signer: Windows,      exe: 12, dll: 12}", "  - {signer: Windows,      exe: 16, dll: 12}");
        assertTrue(m.contains("signing level 16 is not 0..15"), m);
        m = broken("validNativeFlags: 0x000687C7", "validNativeFlags: 0x000687C7\n    validNativeFlags: 0x004E87C7");
        assertTrue(m.contains("creation.yaml:") && m.toLowerCase().contains("duplicate"), m);
        assertEquals(1, m.lines().count(), m);
    }
}
