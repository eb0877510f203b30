package dev.pplsim.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A process that stays warm between {@code pplsim decide} calls: the launcher hands it the command line and prints
 * what it answers, so a decision costs a socket round trip instead of a JVM start, the policies' parse and the
 * KieBase (0.6 s, most of it before the first rule fires). It runs exactly what a fresh process would: the same
 * {@link Main#run} with standard output and error captured, one request at a time, and the policies and rules read
 * again whenever their bytes change ({@link SimulatorOptions} keeps one simulator per content digest).
 *
 * <p>It answers only what it can answer as a fresh process would: a request from another working directory
 * (relative paths would resolve elsewhere), with other JVM options or for another command is declined, and the
 * launcher runs the command itself, as it does when no server runs. It listens on 127.0.0.1 only and serves a request only with the secret it wrote to its
 * state file, which only its user can read. It stops when idle for the given time, when its jar is rebuilt or
 * replaced, when its state file is removed or taken over by another server, and on {@code pplsim server stop}.
 *
 * <p>Protocol, one request a connection. The client sends lines {@code pplsim-server 1}, the secret, the working
 * directory, the JVM options, the argument count, then each argument as its byte length on a line followed by its
 * bytes (in the locale's encoding, as a JVM decodes its command line). The server answers one line:
 * {@code served EXIT ERRBYTES} followed by the standard error's bytes and then the standard output's bytes to the
 * end of the stream; or {@code declined REASON}; or {@code stale} (its jar changed: it is stopping). The command
 * lines {@code server stop} and {@code server status} are the server's own.
 */
final class Server {

    static final String HELLO = "pplsim-server 1";
    /** Commands served; the rest read standard input or run long enough that a JVM start does not matter. */
    static final Set<String> SERVED = Set.of("decide");
    private static final int MAX_ARGS = 512, MAX_ARG_BYTES = 1 << 20;
    /** How this JVM decoded its own command line (the locale's encoding): a served one is decoded the same way. */
    private static final Charset ARGS = argsCharset();
    private static final Duration TICK = Duration.ofSeconds(2), CLIENT_TIMEOUT = Duration.ofSeconds(20);

    private final Path stateDir;
    private final Path jar;
    private final Duration idle;
    private final String cwd;
    private final String javaOpts;
    private final String secret;
    private final String jarStamp;
    private volatile boolean stopping;
    private long served, declined;

    Server(Path stateDir, Path jar, Duration idle, String javaOpts) {
        this.stateDir = stateDir;
        this.jar = jar;
        this.idle = idle;
        this.cwd = Path.of("").toAbsolutePath().toString();
        this.javaOpts = javaOpts == null ? "" : javaOpts.trim();
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        this.secret = HexFormat.of().formatHex(b);
        this.jarStamp = stamp(jar);
    }

    private static Charset argsCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    static Path stateFile(Path stateDir) {
        return stateDir.resolve("port");
    }

    /** The jar's size and modification time: a rebuilt jar changes both, or at least the time. */
    private static String stamp(Path jar) {
        try {
            return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    /** Listens until stopped; returns the exit code. {@code ready} is called once the state file is in place. */
    int run(Runnable ready) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            socket.setSoTimeout((int) TICK.toMillis());
            String state = socket.getLocalPort() + "\n" + secret + "\n" + ProcessHandle.current().pid() + "\n";
            writeState(state);
            ready.run();
            long lastActive = System.nanoTime();
            String why;
            while (true) {
                try (Socket client = socket.accept()) {
                    lastActive = System.nanoTime();
                    handle(client);
                } catch (SocketTimeoutException e) {
                    // a tick: check whether to go on
                } catch (IOException | RuntimeException e) {
                    // one client's broken connection or garbled request: the next one is served as usual
                }
                if (!jarStamp.equals(stamp(jar))) {
                    why = "its jar changed (" + jar + ")";
                    break;
                }
                if (stopping) {
                    why = "stopped on request";
                    break;
                }
                if (!state.equals(readState())) {
                    why = "its state file was removed or taken over (" + stateFile(stateDir) + ")";
                    break;
                }
                if (System.nanoTime() - lastActive > idle.toNanos()) {
                    why = "idle for " + idle.toSeconds() + " s";
                    break;
                }
            }
            if (state.equals(readState())) Files.deleteIfExists(stateFile(stateDir));
            System.err.println("pplsim server: exiting, " + why + "; served " + served + " requests, declined " + declined);
            return 0;
        }
    }

    private void writeState(String state) throws IOException {
        Files.createDirectories(stateDir);
        try {
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the secret file below is then as private as the directory is
        }
        Path tmp = Files.createTempFile(stateDir, "port", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // see above
            }
            Files.writeString(tmp, state);
            Files.move(tmp, stateFile(stateDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private String readState() {
        try {
            return Files.readString(stateFile(stateDir));
        } catch (IOException e) {
            return null;
        }
    }

    private void handle(Socket client) throws IOException {
        client.setSoTimeout((int) CLIENT_TIMEOUT.toMillis());
        DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
        OutputStream out = client.getOutputStream();
        if (!HELLO.equals(line(in))) return;
        // compared in constant time: the secret is what keeps other local users out
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), line(in).getBytes(StandardCharsets.UTF_8))) return;
        String requestCwd = line(in);
        String requestOpts = line(in).trim();
        int argc = Integer.parseInt(line(in));
        if (argc < 0 || argc > MAX_ARGS) return;
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            int n = Integer.parseInt(line(in));
            if (n < 0 || n > MAX_ARG_BYTES) return;
            byte[] b = new byte[n];
            in.readFully(b);
            args.add(new String(b, ARGS));
        }
        if (!jarStamp.equals(stamp(jar))) {
            // the loop sees the changed jar after this reply and exits
            out.write("stale\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (args.equals(List.of("server", "stop"))) {
            stopping = true;
            reply(out, 0, new byte[0], "pplsim: server stopped\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (args.equals(List.of("server", "status"))) {
            reply(out, 0, new byte[0], ("pplsim: server " + ProcessHandle.current().pid() + " in " + cwd + " serves " + String.join(", ", SERVED)
                    + "; " + served + " served, " + declined + " declined\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String decline = !requestCwd.equals(cwd) ? "the server runs in " + cwd
                : !requestOpts.equals(javaOpts) ? "the server runs with other JVM options"
                : args.isEmpty() || !SERVED.contains(args.get(0)) ? "served commands: " + String.join(", ", SERVED)
                : null;
        if (decline != null) {
            declined++;
            out.write(("declined " + decline + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        served++;
        Result r = execute(args.toArray(String[]::new));
        reply(out, r.exit(), r.err(), r.out());
    }

    private static void reply(OutputStream out, int exit, byte[] err, byte[] stdout) throws IOException {
        out.write(("served " + exit + " " + err.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(err);
        out.write(stdout);
        out.flush();
    }

    record Result(int exit, byte[] out, byte[] err) {
    }

    /**
     * Runs a command line as a fresh process would, with standard output and error captured (they are swapped for
     * the request, which is why requests are served one at a time) and standard input empty.
     */
    static Result execute(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Charset cs = Charset.defaultCharset();
        int exit;
        try {
            System.setOut(new PrintStream(out, false, cs));
            System.setErr(new PrintStream(err, true, cs));
            System.setIn(InputStream.nullInputStream());
            try {
                exit = Main.run(args);
            } catch (RuntimeException | Error e) {
                // what Main.main would have let escape: the client gets the same exit code a crashed JVM gives
                System.err.println("pplsim: internal error: " + e);
                exit = 1;
            }
            System.out.flush();
            System.err.flush();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        return new Result(exit, out.toByteArray(), err.toByteArray());
    }

    private static String line(DataInputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new EOFException();
            if (b.size() > MAX_ARG_BYTES) throw new IOException("line too long");
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** What a server answered. */
    record Reply(String kind, int exit, String err, String out, String reason) {
    }

    /** The Java side of the protocol (the launcher has a bash one): for {@code server stop|status} and the tests. */
    static Reply send(Path stateDir, String cwd, String javaOpts, List<String> args) throws IOException {
        List<String> state = Files.readAllLines(stateFile(stateDir));
        int port = Integer.parseInt(state.get(0).trim());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) CLIENT_TIMEOUT.toMillis());
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.writeBytes((HELLO + "\n" + state.get(1).trim() + "\n" + cwd + "\n" + Objects.requireNonNullElse(javaOpts, "") + "\n"
                    + args.size() + "\n").getBytes(StandardCharsets.UTF_8));
            for (String a : args) {
                byte[] b = a.getBytes(ARGS);
                req.writeBytes((b.length + "\n").getBytes(StandardCharsets.US_ASCII));
                req.writeBytes(b);
            }
            s.getOutputStream().write(req.toByteArray());
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            String head;
            try {
                head = line(in);
            } catch (EOFException e) {
                return new Reply("closed", -1, "", "", "the server closed the connection");
            }
            String[] f = head.split(" ", 3);
            if (f[0].equals("served")) {
                byte[] err = new byte[Integer.parseInt(f[2])];
                in.readFully(err);
                byte[] out = in.readAllBytes();
                Charset cs = Charset.defaultCharset();
                return new Reply("served", Integer.parseInt(f[1]), new String(err, cs), new String(out, cs), null);
            }
            return new Reply(f[0], -1, "", "", f.length > 1 ? head.substring(f[0].length() + 1) : null);
        }
    }
}
