package dev.pplsim.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The warm server answers a command line exactly as a fresh process does (standard output, standard error, exit
 * code), declines what it cannot answer that way, and stops when its jar changes, when idle, and on request. The
 * launcher's bash client is exercised from the launcher's own text.
 */
class ServerTests {

    @TempDir
    Path tmp;

    private Thread thread;
    private final AtomicInteger exit = new AtomicInteger(-1);
    private Path stateDir, jar;

    private static final String CWD = Path.of("").toAbsolutePath().toString();

    private void start(Duration idle) throws Exception {
        stateDir = tmp.resolve("home/target/server");
        jar = tmp.resolve("pplsim.jar");
        Files.writeString(jar, "a jar");
        SimulatorOptions.keepWarm = true;
        Server server = new Server(stateDir, jar, idle, "");
        CountDownLatch ready = new CountDownLatch(1);
        thread = new Thread(() -> {
            try {
                exit.set(server.run(ready::countDown));
            } catch (IOException e) {
                exit.set(99);
            }
        }, "pplsim-server-test");
        thread.setDaemon(true);
        thread.start();
        assertTrue(ready.await(30, TimeUnit.SECONDS), "the server wrote its state file");
    }

    @AfterEach
    void stop() throws Exception {
        SimulatorOptions.keepWarm = false;
        if (thread != null && thread.isAlive()) {
            Server.send(stateDir, CWD, "", List.of("server", "stop"));
            thread.join(10_000);
        }
    }

    private Server.Reply send(String... args) throws IOException {
        return Server.send(stateDir, CWD, "", List.of(args));
    }

    /** Decide lines of every kind: text, JSON, explanations, tokens, threads, kernel mode, and bad input (exit 2). */
    private static final String[][] LINES = {
            {"decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ"},
            {"decide", "--caller", "0x61", "--target", "WinTcb", "--access", "PROCESS_VM_READ", "--explain"},
            {"decide", "--caller", "WinTcb-Light", "--target", "Lsa-Light", "--object", "thread", "--access", "THREAD_SUSPEND_RESUME", "--json", "--explain=decisive"},
            {"decide", "--caller", "None", "--target", "Lsa-Light", "--token", "admin-elevated", "--access", "PROCESS_VM_READ|PROCESS_QUERY_INFORMATION", "--explain=decisive"},
            {"decide", "--caller", "Antimalware-Light", "--target", "WinTcb-Light", "--access", "MAXIMUM_ALLOWED", "--mode", "kernel", "--json"},
            {"decide", "--caller", "None", "--target", "None", "--access", "GENERIC_ALL", "--relation", "self"},
            {"decide", "--caller", "Bogus", "--target", "None", "--access", "1"},
            {"decide", "--caller", "None", "--target", "None", "--access", "PROCESS_BOGUS"},
            {"decide", "--caller", "None", "--target", "None"},
            {"decide", "--caller", "None", "--target", "None", "--access", "1", "--no-such-option"},
            {"decide", "--help"},
    };

    @Test
    void served_command_lines_print_and_exit_as_a_fresh_process_does() throws Exception {
        List<CliTests.Result> fresh = new ArrayList<>();
        for (String[] line : LINES) fresh.add(CliTests.run("", line));
        start(Duration.ofMinutes(1));
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < LINES.length; i++) {
                Server.Reply r = send(LINES[i]);
                String what = String.join(" ", LINES[i]);
                assertEquals("served", r.kind(), what);
                assertEquals(fresh.get(i).exit(), r.exit(), what);
                assertEquals(fresh.get(i).out(), r.out(), what);
                assertEquals(fresh.get(i).err(), r.err(), what);
            }
        }
        // the planted differences are real: two of the lines fail with exit 2 and say why on standard error only
        assertEquals(2, send(LINES[6]).exit());
        assertTrue(send(LINES[6]).err().startsWith("pplsim: --caller: unknown protection 'Bogus'"));
        assertEquals("", send(LINES[6]).out());
        assertTrue(send(LINES[0]).out().contains("decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"));
    }

    @Test
    void an_edited_policy_file_is_read_again_as_a_fresh_process_would() throws Exception {
        Path policies = tmp.resolve("policies");
        copy(Path.of("policies"), policies);
        start(Duration.ofMinutes(1));
        String[] line = {"decide", "--policies", policies.toString(), "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ"};
        Server.Reply before = send(line);
        assertEquals(0, before.exit(), before.err());
        Path types = policies.resolve("object-types.yaml");
        String original = Files.readString(types);
        Files.writeString(types, original + "\nbogus_field: 1\n");
        Server.Reply broken = send(line);
        CliTests.Result fresh = CliTests.run("", line);
        assertEquals(2, broken.exit());
        assertEquals(fresh.err(), broken.err());
        assertTrue(broken.err().contains("object-types.yaml"), broken.err());
        assertEquals(1, broken.err().lines().count(), broken.err());
        Files.writeString(types, original);
        Server.Reply again = send(line);
        assertEquals(0, again.exit(), again.err());
        assertEquals(before.out(), again.out());
    }

    @Test
    void requests_it_cannot_answer_as_a_fresh_process_are_declined() throws Exception {
        start(Duration.ofMinutes(1));
        String[] line = LINES[0];
        Server.Reply elsewhere = Server.send(stateDir, tmp.toString(), "", List.of(line));
        assertEquals("declined", elsewhere.kind());
        assertEquals("the server runs in " + CWD, elsewhere.reason());
        assertEquals("declined", Server.send(stateDir, CWD, "-Xmx1g", List.of(line)).kind());
        assertEquals("declined", send("batch", "-").kind());
        assertEquals("declined", send().kind());
        assertTrue(send("server", "status").out().contains("served, 4 declined"), send("server", "status").out());
    }

    @Test
    void a_client_without_the_secret_gets_nothing() throws Exception {
        start(Duration.ofMinutes(1));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(Server.stateFile(stateDir)));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(stateDir));
        int port = Integer.parseInt(Files.readAllLines(Server.stateFile(stateDir)).get(0));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write((Server.HELLO + "\nnot-the-secret\n" + CWD + "\n\n1\n6\ndecide").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "closed without a reply");
        }
        // a garbled request (a count that is no number) is dropped the same way
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            String secret = Files.readAllLines(Server.stateFile(stateDir)).get(1);
            s.getOutputStream().write((Server.HELLO + "\n" + secret + "\n" + CWD + "\n\nmany\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            assertEquals(-1, s.getInputStream().read(), "closed without a reply");
        }
        assertEquals("served", send(LINES[0]).kind(), "and the server goes on");
    }

    @Test
    void a_rebuilt_jar_stops_the_server_and_its_state_file_goes() throws Exception {
        start(Duration.ofMinutes(1));
        Files.writeString(jar, "another jar, longer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertEquals("stale", send(LINES[0]).kind());
        thread.join(15_000);
        assertFalse(thread.isAlive());
        assertEquals(0, exit.get());
        assertFalse(Files.exists(Server.stateFile(stateDir)));
    }

    @Test
    void an_idle_server_exits_and_a_dead_servers_file_is_cleared() throws Exception {
        start(Duration.ofSeconds(1));
        thread.join(20_000);
        assertFalse(thread.isAlive(), "exited after its idle time");
        assertFalse(Files.exists(Server.stateFile(stateDir)));
        // a file left by a killed server: status finds nobody on that port and removes it
        Files.createDirectories(stateDir);
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(Server.stateFile(stateDir), closed.getLocalPort() + "\nsecret\n1\n");
        }
        assertEquals(null, ServerCommand.status(stateDir));
        assertFalse(Files.exists(Server.stateFile(stateDir)));
    }

    /**
     * The launcher's own client function (bash, /dev/tcp): arguments with spaces, a newline and non-ASCII bytes
     * arrive intact, standard error and output stay apart, the exit code is the command's; without a server or when
     * declined it returns failure, so the launcher runs the command itself.
     */
    @Test
    void the_launchers_bash_client_relays_output_error_and_exit_code() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash");
        String launcher = Files.readString(Path.of("pplsim"));
        int from = launcher.indexOf("served_by_server() {");
        int to = launcher.indexOf("\n}\n", from);
        assertTrue(from >= 0 && to > from, "the launcher defines served_by_server");
        Path script = tmp.resolve("client.sh");
        Files.writeString(script, "home=\"$1\"; shift\n" + launcher.substring(from, to + 3)
                + "if served_by_server \"$@\"; then exit \"$server_exit\"; fi\necho 'not served'; exit 99\n");
        Path home = tmp.resolve("home");
        // non-ASCII only where this JVM's encoding carries it both ways, as the launcher's locale would
        String odd = java.nio.charset.Charset.defaultCharset().equals(StandardCharsets.UTF_8) ? "Bogus \u00e9\nx" : "Bogus ~\nx";
        String[] bad = {"decide", "--caller", odd, "--target", "None", "--access", "1"};
        CliTests.Result freshBad = CliTests.run("", bad);
        CliTests.Result freshGood = CliTests.run("", LINES[3]);

        CliTests.Result none = bash(script, home, LINES[0]);
        assertEquals(99, none.exit(), "no server: " + none.err());

        start(Duration.ofMinutes(1));
        // a bash built without /dev/tcp has no client: the launcher then always runs commands itself
        String port = Files.readAllLines(Server.stateFile(stateDir)).get(0).trim();
        Process probe = new ProcessBuilder("/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port).redirectErrorStream(true).start();
        assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
        assumeTrue(probe.exitValue() == 0, "bash with /dev/tcp");
        CliTests.Result good = bash(script, home, LINES[3]);
        assertEquals(0, good.exit(), good.err());
        assertEquals(freshGood.out(), good.out());
        assertEquals("", good.err());
        CliTests.Result badR = bash(script, home, bad);
        assertEquals(2, badR.exit());
        assertEquals(freshBad.err(), badR.err());
        assertTrue(badR.err().contains("'" + odd + "'"), badR.err());
        assertEquals("", badR.out());
        CliTests.Result declined = bash(script, home, "batch", "-");
        assertEquals(99, declined.exit());
        assertEquals("not served\n", declined.out());
    }

    private CliTests.Result bash(Path script, Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", script.toString(), home.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(CWD).toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        p.getOutputStream().close();
        var err = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.Charset.defaultCharset());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        drain.join();
        return new CliTests.Result(p.exitValue(), out, err.toString(java.nio.charset.Charset.defaultCharset()));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }
}
