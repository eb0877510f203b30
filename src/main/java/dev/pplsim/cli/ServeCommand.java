package dev.pplsim.cli;

import dev.pplsim.request.InputException;
import dev.pplsim.serve.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code pplsim serve}: the JSON API and the training page on the loopback interface, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim serve --port 0   # runs until interrupted"},
        description = {"Serve the JSON API (/v1/, described at /v1/openapi.json) and the training page on 127.0.0.1 until interrupted.",
                "Every API call needs the access token made at start (Authorization: Bearer TOKEN); it is written to a file only you can read,",
                "and the page's address printed at start carries it. An edit of the policies or rules is seen by the next request (docs/serve.md)."})
final class ServeCommand extends SimulatorCommand {

    @Option(names = "--port", defaultValue = "8477", paramLabel = "N", description = "TCP port on 127.0.0.1; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Where to write the access token (mode 0600). Default: $XDG_RUNTIME_DIR/pplsim/serve-PORT.token, else ~/.cache/pplsim/serve-PORT.token.")
    Path tokenFile;

    @Option(names = "--max-body-bytes", defaultValue = "1048576", paramLabel = "N", description = "Largest body of decide, explain and prove (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--max-batch-bytes", defaultValue = "268435456", paramLabel = "N", description = "Largest batch body (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--time-limit", defaultValue = "30", paramLabel = "SECONDS", description = "Longest a matrix, what-if, explanation or proof may take before its request is answered 503 (default: ${DEFAULT-VALUE}).")
    int timeLimit;

    @Option(names = "--idle-timeout", defaultValue = "30", paramLabel = "SECONDS", description = "A connection that sends nothing for this long is closed (default: ${DEFAULT-VALUE}).")
    int idleTimeout;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw InputException.at("--port", port + " is not a TCP port (0 to 65535)");
        if (maxBody < 1) throw InputException.at("--max-body-bytes", "must be at least 1");
        if (maxBatch < 1) throw InputException.at("--max-batch-bytes", "must be at least 1");
        if (timeLimit < 1) throw InputException.at("--time-limit", "must be at least 1 second");
        if (idleTimeout < 1) throw InputException.at("--idle-timeout", "must be at least 1 second");
        Server.Options o = Server.Options.defaults().withPort(port).withSources(source.policiesDir(), source.rulesDir()).withTokenFile(tokenFile)
                .withLimits(maxBody, maxBatch, Duration.ofSeconds(timeLimit), Duration.ofSeconds(idleTimeout));
        Server server;
        try {
            server = Server.start(o);
        } catch (java.io.UncheckedIOException | java.io.IOException e) {
            throw new InputException("cannot start: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof InputException) throw e;
            // Jetty's bind failure comes wrapped
            Throwable c = e;
            while (c.getCause() != null) c = c.getCause();
            if (c instanceof java.net.BindException) throw InputException.at("--port", port + ": " + c.getMessage() + " (another server on it? --port 0 picks a free one)");
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "pplsim-serve-stop"));
        var out = out();
        out.println("pplsim serve: listening on http://127.0.0.1:" + server.port() + "/ (loopback only), policies and rules: " + server.source());
        out.println("  page:  " + server.url());
        out.println("  API:   http://127.0.0.1:" + server.port() + "/v1/ (GET /v1/openapi.json), header 'Authorization: Bearer TOKEN'");
        out.println("  token: " + server.tokenFile() + " (mode 0600, deleted on stop)");
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }
}
