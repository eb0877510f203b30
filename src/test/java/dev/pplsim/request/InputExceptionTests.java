package dev.pplsim.request;

import dev.pplsim.model.ObjectKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An input error is one printable line even when it echoes a line break or a control character the input carried
 * (found by dev.pplsim.fuzz.FuzzTests: a JSON "\n" in a protection, a privilege or a field name, a CR in an SDDL SID,
 * a YAML key spanning lines).
 */
class InputExceptionTests {

    @Test
    void line_breaks_and_control_characters_in_a_message_are_shown_escaped_and_tabs_stay() {
        InputException e = new InputException("unknown protection 'a\nb\r\nc\u2028d\u0085e\u0000f\u001B[2Jg\th'");
        assertEquals("unknown protection 'a\\nb\\r\\nc\\u2028d\\u0085e\\u0000f\\u001B[2Jg\th'", e.getMessage());
        // the field's own wording, and the message renamed for another entry point, are one line too
        InputException f = InputException.at(Field.CALLER, "unknown protection 'x\ny'");
        assertEquals("caller.protection: unknown protection 'x\\ny'", f.getMessage());
        assertEquals("unknown protection 'x\\ny'", f.detail());
        assertEquals("--caller: unknown protection 'x\\ny'", f.in(Form.CLI).getMessage());
        // text without any is kept as it is, not copied
        String plain = "SDDL at 4: unknown ACE type 'Q' (supported: A, D, ML, TL)";
        assertTrue(plain == new InputException(plain).getMessage());
    }

    @Test
    void the_readers_that_echoed_a_line_break_now_refuse_in_one_line() {
        assertOneLine("unknown protection 'Antimalwar\\ne-Light+Audit'", () -> Spelling.protection("Antimalwar\ne-Light+Audit"));
        assertOneLine("'ME\\n' is not a privilege", () -> TokenSpelling.privilege("ME\n"));
        assertOneLine("malformed SID 'S-1\\r19-0-0'", () -> Sddl.parse("S:AR(TL;NP;0x0;;;S-1\r19-0-0)"));
        assertOneLine("desired access: unknown right name 'PROCESS_\\nVM_READ'", () -> Spelling.desiredMask("PROCESS_\nVM_READ", ObjectKind.PROCESS));
        // a batch line: the JSON escape \n in a field name
        BatchLine line = BatchLine.parse("{\"id\":\"k1\",\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"x.exe\"},\"protectionL\\nevel\":1}"
                .getBytes(StandardCharsets.UTF_8), () -> null);
        assertTrue(line.error().startsWith("protectionL\\nevel: unknown field"), line.error());
    }

    private static void assertOneLine(String part, org.junit.jupiter.api.function.Executable read) {
        String msg = assertThrows(InputException.class, read).getMessage();
        assertTrue(msg.contains(part), msg);
        assertTrue(msg.indexOf('\n') < 0 && msg.indexOf('\r') < 0, msg);
    }
}
