package dev.pplsim.cli;

import dev.pplsim.jobs.ReachRender;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim reach} on the command line: bad input in one line with exit 2, files written whole, DOT and its rendering. */
class ReachCliTests {

    @TempDir
    Path tmp;

    private static void oneLineError(CliTests.Result r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(expected, r.err().strip());
    }

    @Test
    void an_unknown_process_system_or_build_is_one_line_and_exit_2() {
        oneLineError(CliTests.run("", "reach", "--from", "nosuch.exe"), "pplsim: --from: no process 'nosuch.exe' in system windows-11");
        oneLineError(CliTests.run("", "reach", "--from", "csrss.exe"), "pplsim: --from: csrss.exe runs 2 times in windows-11; give a pid: 560, 648");
        oneLineError(CliTests.run("", "reach", "--from", "powershell.exe", "--system", "windows-12"),
                "pplsim: --system: unknown system 'windows-12' (known: windows-11-no-runasppl, windows-11)");
        oneLineError(CliTests.run("", "reach", "--from", "powershell.exe", "--build", "windows-9"),
                "pplsim: --build: unknown build 'windows-9' (known: windows-10-11, windows-10-early, windows-10-rs)");
        // a build the creation policy has no model for is named as the build option, not a request field
        CliTests.Result rs = CliTests.run("", "reach", "--from", "powershell.exe", "--build", "windows-10-rs");
        assertEquals(2, rs.exit());
        assertTrue(rs.err().startsWith("pplsim: --build: build 'windows-10-rs' has no creation switches in "), rs.err());
        assertEquals(1, rs.err().lines().count());
        oneLineError(CliTests.run("", "reach", "--from", "4"), "pplsim: --from: System (4) is a minimal process: no user-mode code of anyone's runs in it (spec §7.1)");
        oneLineError(CliTests.run("", "reach", "--from", "powershell.exe", "--format", "pdf"), "pplsim: --format: expected text, json, dot, svg or png, got 'pdf'");
        oneLineError(CliTests.run("", "reach", "--from", "powershell.exe", "--graph", "some"), "pplsim: --graph: expected paths or all, got 'some'");
        oneLineError(CliTests.run("", "reach", "--from", "powershell.exe", "--max-steps", "-1"), "pplsim: --max-steps: malformed number '-1': expected a hex (0x10) or decimal number of at most 32 bits");
    }

    @Test
    void zero_steps_reach_only_the_start() {
        CliTests.Result r = CliTests.run("", "reach", "--from", "6600", "--max-steps", "0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("levels reached (1)\nlevel      steps  first place reached\n0x00 None  0      powershell.exe (6600)\n"), r.out());
        assertTrue(r.out().contains("catalog processes reached (1 of 22)"), r.out());
    }

    @Test
    void output_goes_to_a_file_whole_in_the_format_its_extension_names() throws Exception {
        Path json = tmp.resolve("reach.json"), dot = tmp.resolve("reach.dot");
        CliTests.Result r = CliTests.run("", "reach", "--from", "powershell.exe", "-o", json.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        String text = Files.readString(json);
        assertTrue(text.startsWith("{\n  \"system\" : \"windows-11\",\n  \"build\" : \"windows-10-11\","), text);
        assertEquals(0, CliTests.run("", "reach", "--from", "powershell.exe", "--build", "windows-10-early", "-o", dot.toString()).exit());
        String d = Files.readString(dot);
        assertTrue(d.startsWith("digraph reach {"), d);
        assertTrue(d.contains("\"s:services.exe:0x61:admin-elevated:0x00\" -> \"c:services.exe:0x61:admin-elevated\" [label=\"load\\nL30.3 (L90.2)\", color=red, fontcolor=red];"), d);
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary file left beside the outputs");
        }
        // a file in a missing directory is exit 3, and nothing is written
        CliTests.Result missing = CliTests.run("", "reach", "--from", "powershell.exe", "-o", tmp.resolve("no/such/dir.txt").toString());
        assertEquals(3, missing.exit(), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
    }

    @Test
    void dot_missing_is_one_line_and_exit_2() {
        String old = System.getProperty(ReachRender.DOT_PROPERTY);
        System.setProperty(ReachRender.DOT_PROPERTY, tmp.resolve("no-dot-here").toString());
        try {
            Path svg = tmp.resolve("g.svg");
            CliTests.Result r = CliTests.run("", "reach", "--from", "powershell.exe", "-o", svg.toString());
            assertEquals(2, r.exit());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("pplsim: --format: svg needs Graphviz's dot, which is missing"), r.err());
            assertFalse(Files.exists(svg));
        } finally {
            if (old == null) System.clearProperty(ReachRender.DOT_PROPERTY);
            else System.setProperty(ReachRender.DOT_PROPERTY, old);
        }
    }

    @Test
    void svg_and_png_are_rendered_by_dot() throws Exception {
        Assumptions.assumeTrue(ReachRender.dotExecutable() != null, "Graphviz's dot is not on PATH (.ci/run installs it): the rendering cannot be tested here");
        Path svg = tmp.resolve("reach.svg"), png = tmp.resolve("reach.png");
        CliTests.Result r = CliTests.run("", "reach", "--from", "powershell.exe", "--build", "windows-10-early", "-o", svg.toString());
        assertEquals(0, r.exit(), r.err());
        String s = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(s.contains("<svg"), s);
        assertTrue(s.contains("services.exe child WinTcb&#45;Light") || s.contains("services.exe child WinTcb-Light"), s);
        assertEquals(0, CliTests.run("", "reach", "--from", "powershell.exe", "--format", "png", "-o", png.toString()).exit());
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, head);
    }
}
