package dev.pplsim.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two first runs of {@code ./pplsim} at once on a fresh clone (issue #14): the launcher builds under a lock, so one
 * build runs and both runs succeed. The build is a stand-in {@code mvn} that fails when another build is running,
 * which is what two Maven shaded-jar replacements at once did; with flock and, on systems without it, with the lock
 * directory.
 */
class LauncherTests {

    @TempDir
    Path tmp;

    private static final String FAKE_MVN = """
            #!/usr/bin/env bash
            # a build that cannot share its target directory: it fails if another one is running
            set -e
            if ! mkdir target/.fake-build-running 2>/dev/null; then echo "mvn: another build replaced the jar" >&2; exit 1; fi
            echo build >> target/builds.txt
            sleep 2
            cp "$FIXTURE_JAR" target/pplsim.jar.part && mv target/pplsim.jar.part target/pplsim.jar
            rmdir target/.fake-build-running
            """;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void two_first_runs_at_once_build_once_and_both_succeed(boolean withFlock) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("clone"));
        Files.copy(Path.of("pplsim"), home.resolve("pplsim"));
        Files.writeString(home.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(home.resolve("src/main/java"));
        Files.writeString(home.resolve("src/main/java/Source.java"), "class Source {}\n");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), FAKE_MVN);
        mvn.toFile().setExecutable(true);
        // a PATH of the tools the launcher uses, with or without flock
        for (String tool : List.of("bash", "find", "mkdir", "rmdir", "sleep", "dirname", "cp", "mv", "cat", "java", "flock")) {
            if (tool.equals("flock") && !withFlock) continue;
            Path real = which(tool);
            // macOS has no flock: its branch is the lock directory, tested by the other case
            if (tool.equals("flock")) org.junit.jupiter.api.Assumptions.assumeTrue(real != null, "flock is installed");
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Path jar = fixtureJar(tmp.resolve("fixture.jar"));
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder(home.resolve("pplsim").toString(), "decide", "run" + i)
                    .redirectOutput(tmp.resolve("out" + i + ".txt").toFile()).redirectError(tmp.resolve("err" + i + ".txt").toFile());
            pb.environment().put("PATH", bin.toString());
            pb.environment().put("FIXTURE_JAR", jar.toString());
            pb.environment().remove("JAVA_OPTS");
            runs.add(pb.start());
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(runs.get(i).waitFor(120, TimeUnit.SECONDS), "run " + i + " finished");
            assertEquals(0, runs.get(i).exitValue(), Files.readString(tmp.resolve("err" + i + ".txt")));
            assertEquals("ran decide run" + i + "\n", Files.readString(tmp.resolve("out" + i + ".txt")));
        }
        assertEquals("build\n", Files.readString(home.resolve("target/builds.txt")), "one build, the other run waited for it");
    }

    private static Path which(String tool) throws IOException, InterruptedException {
        if (tool.equals("java")) return Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder("bash", "-c", "command -v " + tool).start();
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            if (tool.equals("flock")) return null;
            throw new AssertionError(tool + " is not on this machine's PATH");
        }
        return Path.of(path);
    }

    /** A jar whose main class is {@link LauncherFixture}, built from the compiled test class. */
    private static Path fixtureJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherFixture.class.getName());
        String entry = LauncherFixture.class.getName().replace('.', '/') + ".class";
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f, m);
             var in = LauncherFixture.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
