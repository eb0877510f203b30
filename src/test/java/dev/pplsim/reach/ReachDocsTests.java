package dev.pplsim.reach;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two lessons of docs/reach.md (PPLdump's path before July 2022, none since) are real output: each
 * {@code <!-- reach-example: ARGS -->} is run, and every excerpt of the text block after it (excerpts split by a
 * line {@code ...}) must appear in the output, whole lines, in order.
 */
class ReachDocsTests {

    private static final Pattern EXAMPLE = Pattern.compile("<!-- reach-example: (.+?) -->\n```text\n(.*?)\n```", Pattern.DOTALL);

    @Test
    void the_documented_examples_are_the_commands_real_output() throws Exception {
        String doc = Files.readString(Path.of("docs/reach.md"));
        Matcher m = EXAMPLE.matcher(doc);
        List<String> commands = new ArrayList<>();
        while (m.find()) {
            commands.add(m.group(1));
            String output = "\n" + ReachGoldenTests.run(m.group(1).split(" ")), block = m.group(2);
            int at = 0;
            for (String excerpt : block.split("\n\\.\\.\\.(\n|$)")) {
                int found = output.indexOf("\n" + excerpt + "\n", at);
                assertTrue(found >= 0, "docs/reach.md: `" + m.group(1) + "` does not print, after what came before:\n" + excerpt);
                at = found + excerpt.length();
            }
        }
        assertEquals(List.of("reach --from powershell.exe --build windows-10-early --max-steps 3", "reach --from powershell.exe"), commands);
        // the lessons say what they show: the path through the \KnownDlls load on the early build, its refusal since
        assertTrue(doc.contains("  2     services.exe started WinTcb-Light [admin-elevated, by an unprotected creator]  load  "), "the early example shows the load step");
        assertTrue(doc.contains("services.exe started WinTcb-Light [admin-elevated, by an unprotected creator]             PPLdump   STATUS_INVALID_IMAGE_HASH  L30.4 (L90.1)"));
    }
}
