package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Windows launchers (issue #19) say what {@code ./pplsim} says: no PowerShell runs here, so their text is read and
 * compared with the bash launcher's, piece by piece: the per-command JVM options (the case branches of
 * {@code ./pplsim} against the switch of {@code pplsim.ps1}), the class-data-sharing options, the jar and archive
 * paths, the order of java's arguments, the build command and what makes the jar stale, and that java's exit code is
 * the launcher's. {@code pplsim.cmd} takes the java arguments from {@code pplsim.ps1}, so it is checked to ask it and
 * to pass its own arguments and java's exit code through.
 */
class LauncherParityTests {

    private static final String BASH = read("pplsim"), PS1 = read("pplsim.ps1"), CMD = read("pplsim.cmd");

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new AssertionError(file + " is not at the repository's top", e);
        }
    }

    /** The case branches of ./pplsim: command -> the options of {@code fast=(...)}. */
    static Map<String, List<String>> bashPerCommand() {
        String body = between(BASH, "case \"${1:-}\" in\n", "\nesac");
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*([\\w|]+)\\)\\s*fast=\\(([^)]*)\\)\\s*;;\\s*$").matcher(body);
        int branches = 0;
        while (m.find()) {
            branches++;
            for (String command : m.group(1).split("\\|")) out.put(command, words(m.group(2)));
        }
        assertEquals(body.lines().filter(l -> l.contains("fast=(")).count(), branches, "every branch of ./pplsim was read:\n" + body);
        return out;
    }

    /** The switch of pplsim.ps1: command -> the options of {@code $fast = @(...)}. */
    static Map<String, List<String>> ps1PerCommand() {
        String body = between(PS1, "switch -CaseSensitive -Regex ($command) {\n", "\n}");
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*'\\^\\(([\\w|]+)\\)\\$'\\s*\\{\\s*\\$fast = @\\(([^)]*)\\)\\s*}\\s*$").matcher(body);
        int branches = 0;
        while (m.find()) {
            branches++;
            for (String command : m.group(1).split("\\|")) out.put(command, psList(m.group(2)));
        }
        assertEquals(body.lines().filter(l -> !l.isBlank()).count(), branches, "every line of pplsim.ps1's switch is a branch it reads:\n" + body);
        return out;
    }

    @Test
    void the_per_command_jvm_options_are_those_of_the_bash_launcher() {
        Map<String, List<String>> bash = bashPerCommand();
        assertEquals(Map.of(
                "decide", List.of("-XX:TieredStopAtLevel=1"), "batch", List.of("-XX:TieredStopAtLevel=1"),
                "prove", List.of("-XX:+UseParallelGC"), "lint", List.of("-XX:+UseParallelGC"),
                "matrix", List.of("-XX:+UseParallelGC"), "whatif", List.of("-XX:+UseParallelGC")), bash,
                "the branches of ./pplsim as this test reads them");
        assertEquals(bash, ps1PerCommand());
    }

    @Test
    void the_jar_and_the_class_archive_are_the_same_files_with_the_same_options() {
        assertEquals("target/pplsim.jar", bashPath("jar"));
        assertEquals(bashPath("jar"), psPath("jar"));
        assertEquals(bashPath("jsa"), psPath("jsa"));
        // the archive only when it belongs to this jar, with the same three options
        assertTrue(BASH.contains("if [ -f \"$jsa\" ] && ! [ \"$jar\" -nt \"$jsa\" ]; then cds=("), BASH);
        assertTrue(PS1.contains("if ((Test-Path -LiteralPath $jsa -PathType Leaf) -and -not ((Get-Item -LiteralPath $jar).LastWriteTimeUtc -gt (Get-Item -LiteralPath $jsa).LastWriteTimeUtc)) {"), PS1);
        List<String> bashCds = words(match(BASH, "cds=\\(([^)]*)\\); fi").replace("\"$jsa\"", "$jsa"));
        List<String> psCds = psList(match(PS1, "    \\$cds = @\\((\"[^)]*)\\)\n"));
        assertEquals(List.of("-XX:SharedArchiveFile=$jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), bashCds);
        assertEquals(bashCds, psCds);
    }

    /** Each launcher's java command line as symbols: FAST, JAVA_OPTS, CDS, HOME, -jar, JAR, ARGS. */
    @Test
    void java_gets_the_same_arguments_in_the_same_order() {
        String exec = match(BASH, "(?m)^exec java (.*)$");
        List<String> bash = new ArrayList<>();
        for (String w : exec.split(" ")) {
            bash.add(switch (w) {
                case "\"${fast[@]}\"" -> "FAST";
                case "${JAVA_OPTS:-}" -> "JAVA_OPTS";
                case "\"${cds[@]}\"" -> "CDS";
                case "-Dpplsim.home=\"$home\"" -> "HOME";
                case "\"$jar\"" -> "JAR";
                case "\"$@\"" -> "ARGS";
                default -> w;
            });
        }
        assertEquals(List.of("FAST", "JAVA_OPTS", "CDS", "HOME", "-jar", "JAR", "ARGS"), bash, exec);

        List<String> ps = new ArrayList<>();
        for (String w : match(PS1, "(?m)^\\$java = (.*)$").split(" \\+ ")) {
            if (w.startsWith("@(\"-Dpplsim.home=$root\"")) {
                ps.addAll(psList(w.substring(2, w.length() - 1)).stream().map(a -> switch (a) {
                    case "-Dpplsim.home=$root" -> "HOME";
                    case "$jar" -> "JAR";
                    default -> a;
                }).toList());
                continue;
            }
            ps.add(switch (w) {
                case "@($fast)" -> "FAST";
                case "$javaOpts" -> "JAVA_OPTS";
                case "$cds" -> "CDS";
                default -> w;
            });
        }
        // both ways pplsim.ps1 runs java put the user's arguments after $java
        assertTrue(PS1.contains("    $input | & java @java @args\n} else {\n    & java @java @args\n}\nexit $LASTEXITCODE\n"), PS1);
        ps.add("ARGS");
        assertEquals(bash, ps);
        // JAVA_OPTS split on blanks, as bash's unquoted ${JAVA_OPTS:-}
        assertTrue(PS1.contains("$javaOpts = @(([string]$env:JAVA_OPTS) -split '\\s+' | Where-Object { $_ -ne '' })"), PS1);
        // -Dpplsim.home is the checkout: bash's $home is the script's directory, as PowerShell's $PSScriptRoot
        assertTrue(BASH.contains("home=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\""), BASH);
        assertTrue(PS1.contains("$root = $PSScriptRoot\n"), PS1);
    }

    @Test
    void pplsim_cmd_runs_java_with_the_arguments_pplsim_ps1_prints_and_passes_the_exit_code_through() {
        // pplsim.ps1 in cmd mode prints $java and runs nothing
        assertTrue(PS1.contains("$printOnly = $env:PPLSIM_LAUNCHER -eq 'cmd'\n"), PS1);
        assertTrue(PS1.contains("$command = if ($printOnly) { [string]$env:PPLSIM_COMMAND }"), PS1);
        assertTrue(PS1.contains("$quoted = foreach ($a in $java) {"), PS1);
        assertTrue(PS1.contains("[Console]::Out.WriteLine(($quoted -join ' '))\n    exit 0\n}"), PS1);
        List<String> lines = CMD.lines().filter(l -> !l.startsWith("rem ") && !l.startsWith("@echo")).toList();
        assertTrue(lines.contains("set \"PPLSIM_LAUNCHER=cmd\""), CMD);
        assertTrue(lines.contains("set \"PPLSIM_COMMAND=%~1\""), "the command is the first argument, as ${1:-} in ./pplsim: " + CMD);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("for /f \"usebackq delims=\" %%o in (`%pplsim_ps% -NoProfile -NonInteractive -ExecutionPolicy Bypass -File \"%~dp0pplsim.ps1\"`) do set \"pplsim_java=%%o\"")), CMD);
        // java with the printed arguments, then every argument of the user; its exit code is the launcher's
        int java = lines.indexOf("java %pplsim_java% %*");
        assertTrue(java > 0, CMD);
        assertEquals("exit /b %ERRORLEVEL%", lines.get(java + 1), CMD);
        assertEquals(java + 2, lines.size(), "nothing after the exit: " + CMD);
        // a failed build prints no arguments, and the launcher fails
        assertTrue(CMD.contains("if not defined pplsim_java (\n"), CMD);
        assertTrue(CMD.lines().anyMatch(l -> l.strip().equals("exit /b 1")), CMD);
    }

    @Test
    void the_jar_is_rebuilt_from_the_same_sources_with_the_same_maven_command() {
        assertTrue(BASH.contains("find \"$home/src/main\" \"$home/pom.xml\" -newer \"$jar\""), BASH);
        assertTrue(PS1.contains("[System.IO.Path]::Combine($root, 'pom.xml')"), PS1);
        assertTrue(PS1.contains("Get-ChildItem -LiteralPath ([System.IO.Path]::Combine($root, 'src', 'main')) -Recurse -Force"), PS1);
        List<String> bashMvn = words(match(BASH, "\\(cd \"\\$home\" && mvn (.*) </dev/null\\)"));
        List<String> psMvn = words(match(PS1, "'' \\| & \\$mvn\\.Path (.*) \\| ForEach-Object").replace("'", ""));
        assertEquals(List.of("-q", "-B", "-Dstyle.color=never", "-DskipTests", "package"), bashMvn);
        assertEquals(bashMvn, psMvn);
        // under a lock, and checked again once it is held (the run waited for may have built the jar)
        assertTrue(PS1.contains("[System.IO.File]::Open($lockPath, [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None)"), PS1);
        assertTrue(PS1.indexOf("if (Test-Stale) {   # the run we waited for") > PS1.indexOf("[System.IO.FileShare]::None"), PS1);
        assertTrue(PS1.indexOf("$lock.Dispose()") > PS1.indexOf("& $mvn.Path"), PS1);
        // a failed build is the launcher's failure, as set -e makes it in ./pplsim
        assertTrue(PS1.contains("if ($mvnExit -ne 0) { exit $mvnExit }"), PS1);
    }

    @Test
    void the_windows_launchers_are_ascii_and_the_cmd_file_keeps_crlf() throws IOException {
        for (String f : List.of("pplsim.ps1", "pplsim.cmd", "tools/windows/capture-system.ps1")) {
            byte[] bytes = Files.readAllBytes(Path.of(f));
            // Windows PowerShell 5.1 reads a script without a byte-order mark in the ANSI code page
            for (byte b : bytes) assertTrue(b >= 0, f + " is ASCII only");
        }
        // cmd.exe misreads labels and blocks of LF-only batch files; .gitattributes keeps CRLF in every checkout
        assertTrue(Files.readString(Path.of(".gitattributes")).lines().anyMatch(l -> l.equals("*.cmd text eol=crlf")));
        String cmd = Files.readString(Path.of("pplsim.cmd"));
        assertFalse(cmd.replace("\r\n", "").contains("\n"), "pplsim.cmd has CRLF line ends");
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        assertTrue(a >= 0, "no '" + start.strip() + "'");
        int b = text.indexOf(end, a + start.length());
        assertTrue(b >= 0, "no '" + end.strip() + "' after '" + start.strip() + "'");
        return text.substring(a + start.length(), b);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        String found = m.group(1);
        assertFalse(m.find(), "more than one match for " + regex);
        return found;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** A PowerShell list of string literals and variables: {@code '-a', "-b=$x"} -> [-a, -b=$x]. */
    private static List<String> psList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(w -> !w.isEmpty())
                .map(w -> w.length() >= 2 && (w.startsWith("'") && w.endsWith("'") || w.startsWith("\"") && w.endsWith("\"")) ? w.substring(1, w.length() - 1) : w)
                .toList();
    }

    /** The path a bash variable names under $home: {@code jar="$home/target/pplsim.jar"} -> target/pplsim.jar. */
    private static String bashPath(String variable) {
        return match(BASH, "(?m)^" + variable + "=\"\\$home/([^\"]+)\"$");
    }

    /** The same for PowerShell: {@code $jar = [System.IO.Path]::Combine($root, 'target', 'pplsim.jar')}. */
    private static String psPath(String variable) {
        String parts = match(PS1, "(?m)^\\$" + variable + " = \\[System\\.IO\\.Path]::Combine\\(\\$root, (.*)\\)$");
        return String.join("/", psList(parts));
    }
}
