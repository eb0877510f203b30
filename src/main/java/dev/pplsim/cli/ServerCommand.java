package dev.pplsim.cli;

import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pplsim server start|stop|status|run}: the warm process {@code decide} uses when one runs (see {@link Server}). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"A process that stays warm, so that ./pplsim decide answers in milliseconds",
                "instead of a JVM start (0.6 s). It answers as a fresh process would, reads",
                "policies/ and rules/ again when their bytes change, and serves only requests",
                "from the directory it was started in, with the same JAVA_OPTS (the launcher",
                "runs the others itself).",
                "  start   in the background, for this checkout",
                "  status  whether one runs, and what it served",
                "  stop    stop it (it also stops after --idle minutes without a request, and",
                "          when the jar is rebuilt)",
                "  run     in the foreground (what start runs)",
                "PPLSIM_SERVER=off: the launcher never uses one; PPLSIM_SERVER=auto: a decide",
                "that finds none starts one in the background for the calls after it."})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "start|stop|status|run", description = "What to do.")
    String action;

    @Option(names = "--idle", defaultValue = "15", paramLabel = "MINUTES", description = "Stop after this many minutes without a request (default: ${DEFAULT-VALUE}).")
    int idleMinutes;

    @Override
    public Integer call() throws Exception {
        Path stateDir = stateDir();
        var out = spec.commandLine().getOut();
        switch (action) {
            case "run" -> {
                if (idleMinutes < 1) throw InputException.at("--idle", "at least 1 minute, got " + idleMinutes);
                SimulatorOptions.keepWarm = true;
                warmUp();
                Server server = new Server(stateDir, jar(), Duration.ofMinutes(idleMinutes), System.getenv("JAVA_OPTS"));
                return server.run(() -> System.err.println("pplsim server: listening, state in " + Server.stateFile(stateDir)));
            }
            case "status" -> {
                String s = status(stateDir);
                out.println(s == null ? "pplsim: no server runs for " + home() : s);
                out.flush();
                return s == null ? 3 : 0;
            }
            case "stop" -> {
                if (status(stateDir) == null) {
                    out.println("pplsim: no server runs for " + home());
                } else {
                    Server.Reply r = Server.send(stateDir, cwd(), System.getenv("JAVA_OPTS"), List.of("server", "stop"));
                    out.print(r.out());
                }
                out.flush();
                return 0;
            }
            case "start" -> {
                if (idleMinutes < 1) throw InputException.at("--idle", "at least 1 minute, got " + idleMinutes);
                Files.createDirectories(stateDir);
                // one start at a time (PPLSIM_SERVER=auto may ask from several decides at once); the others wait for it
                try (var lock = java.nio.channels.FileChannel.open(stateDir.resolve("start.lock"),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE); var held = lock.lock()) {
                    String running = status(stateDir);
                    if (running != null) {
                        out.println(running);
                        out.flush();
                        return 0;
                    }
                    return start(stateDir, out);
                }
            }
            default -> throw InputException.at("server", "expected start, stop, status or run, got '" + action + "'");
        }
    }

    /**
     * Decides a few requests before listening, so the first client does not pay for the policies, the KieBase and
     * the compiler's first pass (measured: the first request 0.8 s without this, then 2 ms).
     */
    private static void warmUp() {
        String[][] lines = {
                {"decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ"},
                {"decide", "--caller", "WinTcb-Light", "--target", "WinTcb", "--object", "thread", "--access", "MAXIMUM_ALLOWED", "--json"},
                {"decide", "--caller", "None", "--target", "Lsa-Light", "--token", "admin-elevated", "--access", "PROCESS_TERMINATE", "--explain"},
        };
        for (int i = 0; i < 5; i++) {
            for (String[] line : lines) Server.execute(line);
        }
    }

    private int start(Path stateDir, java.io.PrintWriter out) throws IOException, InterruptedException {
        Files.createDirectories(stateDir);
        Path log = stateDir.resolve("server.log");
        List<String> cmd = new ArrayList<>();
        // a session of its own where setsid exists, so a terminal's hang-up or Ctrl-C does not reach it
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        String opts = System.getenv("JAVA_OPTS");
        if (opts != null && !opts.isBlank()) cmd.addAll(List.of(opts.trim().split("\\s+")));
        // small and steady: a long-lived process of short requests
        cmd.addAll(List.of("-XX:+UseSerialGC", "-Dpplsim.home=" + home(), "-jar", jar().toString(), "server", "run",
                "--idle", Integer.toString(idleMinutes)));
        Files.deleteIfExists(Server.stateFile(stateDir));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String s = status(stateDir);
            if (s != null) {
                out.println(s + "; it stops after " + idleMinutes + " min idle, or with ./pplsim server stop");
                out.flush();
                return 0;
            }
            if (!p.isAlive() && !Files.exists(Server.stateFile(stateDir))) break;
            Thread.sleep(50);
        }
        throw new InputException("pplsim server did not start; see " + log);
    }

    /** "pplsim: server N runs for HOME ..." when a server answers, else null (a dead server's state file is removed). */
    static String status(Path stateDir) {
        Path f = Server.stateFile(stateDir);
        if (!Files.isRegularFile(f)) return null;
        try {
            Server.Reply r = Server.send(stateDir, cwd(), System.getenv("JAVA_OPTS"), List.of("server", "status"));
            if (!r.kind().equals("served")) return null;
            return r.out().strip() + " (127.0.0.1:" + Files.readAllLines(f).get(0).trim() + ")";
        } catch (java.net.ConnectException e) {
            // nobody listens on that port: a server that was killed left its file
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // left for the next start to overwrite
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String cwd() {
        return Path.of("").toAbsolutePath().toString();
    }

    private static Path home() {
        String h = System.getProperty("pplsim.home");
        if (h == null) throw new InputException("server: run it through the ./pplsim launcher (it names the checkout in pplsim.home)");
        return Path.of(h).toAbsolutePath();
    }

    static Path stateDir() {
        return home().resolve("target").resolve("server");
    }

    private static Path jar() {
        Path jar = home().resolve("target").resolve("pplsim.jar");
        if (!Files.isRegularFile(jar)) throw new InputException("server: no " + jar + "; build it with ./pplsim first");
        return jar;
    }
}
