package dev.pplsim.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every command the README and docs/ show is run, and the output they show is what it prints (issue #19: docs that
 * drift from the tool mislead the people who copy from them). A {@code sh} block runs in bash from the checkout, with
 * {@code ./pplsim} standing for this build's classes; a {@code python} block runs in python3 the same way. When an
 * unlabeled block follows directly, it is the block's standard output: its lines must appear in that order, one after
 * another; a line {@code ...} stands for any number of lines and {@code ...} inside a line for any text. A command
 * line ending in {@code # exits N} must exit with N; every other command must exit 0. Maven's own commands are not
 * run (the suite is already inside one).
 */
class DocsTests {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    /** A runnable block of a page, and the output block after it (null when none follows). */
    record Example(Path page, int line, String language, String script, List<String> output) {
        String name() {
            return ROOT.relativize(page) + ":" + line;
        }
    }

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<Example> examples(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.equals("```sh") && !fence.equals("```python")) continue;
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) end++;
            List<String> body = lines.subList(start, end);
            int next = end + 1;
            List<String> output = null;
            if (next < lines.size() && lines.get(next).strip().equals("```")) {
                int oEnd = next + 1;
                while (oEnd < lines.size() && !lines.get(oEnd).strip().equals("```")) oEnd++;
                output = List.copyOf(lines.subList(next + 1, oEnd));
            }
            String language = fence.substring(3);
            if (body.stream().anyMatch(l -> l.contains("pplsim"))) {
                out.add(new Example(page, start, language, String.join("\n", body), output));
            }
            i = end;
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> every_command_shown_in_the_docs_prints_what_they_show() throws IOException {
        Path wrapper = wrapper();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages()) {
            for (Example e : examples(page)) tests.add(DynamicTest.dynamicTest(e.name(), () -> run(e, wrapper)));
        }
        return tests.stream();
    }

    @Test
    void the_readme_is_short_and_starts_with_the_two_commands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.getBytes(StandardCharsets.UTF_8).length <= 12 * 1024 + 2048, "README.md is " + readme.length() + " bytes");
        int two = readme.indexOf("## The two commands");
        assertTrue(two > 0 && readme.indexOf("## ") == two, "the two commands are the first section");
        assertTrue(readme.indexOf("./pplsim              # the main job") > two);
        assertTrue(readme.indexOf("mvn -B verify") > two);
    }

    @Test
    void the_matcher_needs_the_lines_in_order_and_together() {
        assertTrue(matches(List.of("a", "b"), List.of("x", "a", "b", "c")));
        assertTrue(!matches(List.of("a", "b"), List.of("a", "x", "b")));
        assertTrue(matches(List.of("a", "...", "b"), List.of("a", "x", "y", "b")));
        assertTrue(matches(List.of("a ... d"), List.of("a b c d")));
        assertTrue(!matches(List.of("b", "a"), List.of("a", "b")));
        assertTrue(!matches(List.of("a"), List.of("ab")));
    }

    private static void run(Example e, Path wrapper) throws Exception {
        String script = e.script().replace("./pplsim", wrapper.toString());
        List<String> command;
        if (e.language().equals("python")) {
            command = List.of("python3", "-c", script);
        } else {
            command = List.of("bash", "-c", "set -euo pipefail\n" + shell(script));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        Path err = Files.createTempFile("pplsim-docs", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(e.name() + ": did not end within 5 minutes");
        }
        String stderr = Files.readString(err);
        Files.delete(err);
        assertEquals(0, p.exitValue(), () -> e.name() + ": the example failed\n--- script\n" + e.script() + "\n--- stderr\n" + stderr + "\n--- stdout\n" + stdout);
        if (e.output() != null) {
            List<String> actual = stdout.lines().map(String::stripTrailing).toList();
            assertTrue(matches(e.output(), actual), () -> e.name() + ": the output shown is not what the command prints\n--- shown\n"
                    + String.join("\n", e.output()) + "\n--- printed\n" + stdout + "\n--- stderr\n" + stderr);
        }
    }

    /** The block as bash runs it: comments off, a command that documents another exit code checked for it. */
    static String shell(String block) {
        StringBuilder out = new StringBuilder();
        StringBuilder logical = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            logical.append(line);
            if (line.endsWith("\\")) {
                logical.append('\n');
                continue;
            }
            String l = logical.toString();
            logical.setLength(0);
            var m = Pattern.compile("\\s#\\s*exits (\\d+)\\b.*$").matcher(l);
            if (l.stripLeading().startsWith("mvn ") || l.stripLeading().startsWith("JAZZER_FUZZ=")) continue;
            if (m.find()) {
                String cmd = l.substring(0, m.start());
                out.append("if ").append(cmd).append("; then s=0; else s=$?; fi; [ \"$s\" -eq ").append(m.group(1))
                        .append(" ] || { echo \"exit $s, the docs say ").append(m.group(1)).append("\" >&2; exit 1; }\n");
            } else {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    /** The shown lines, in order and adjacent, in the printed ones; "..." alone skips lines, inside a line any text. */
    static boolean matches(List<String> shown, List<String> printed) {
        List<String> want = shown.stream().map(String::stripTrailing).toList();
        for (int from = 0; from < printed.size(); from++) {
            if (matchFrom(want, 0, printed, from)) return true;
        }
        return want.isEmpty();
    }

    private static boolean matchFrom(List<String> want, int w, List<String> printed, int p) {
        if (w == want.size()) return true;
        if (want.get(w).strip().equals("...")) {
            for (int q = p; q <= printed.size(); q++) if (matchFrom(want, w + 1, printed, q)) return true;
            return false;
        }
        if (p >= printed.size() || !line(want.get(w)).matcher(printed.get(p)).matches()) return false;
        return matchFrom(want, w + 1, printed, p + 1);
    }

    private static Pattern line(String shown) {
        String[] parts = shown.split(Pattern.quote("..."), -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) re.append(".*");
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString());
    }

    /** An executable standing for ./pplsim: this build's classes, as the launcher runs the jar. */
    private static Path wrapper() throws IOException {
        Path dir = Files.createTempDirectory("pplsim-docs");
        Path w = dir.resolve("pplsim");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        // the launcher's per-command JVM choices, so the docs' commands run as a user's do
        Files.writeString(w, String.format(Locale.ROOT, """
                #!/bin/sh
                case "$1" in
                  decide|batch) opts=-XX:TieredStopAtLevel=1 ;;
                  prove|lint|matrix|whatif) opts=-XX:+UseParallelGC ;;
                  *) opts= ;;
                esac
                exec '%s' $opts -Dpplsim.home='%s' -cp '%s' dev.pplsim.cli.Main "$@"
                """, java, ROOT, cp));
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwx------"));
        dir.toFile().deleteOnExit();
        w.toFile().deleteOnExit();
        return w;
    }
}
