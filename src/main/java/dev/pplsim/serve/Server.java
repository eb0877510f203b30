package dev.pplsim.serve;

import dev.pplsim.explain.ExplainMode;
import dev.pplsim.jobs.BatchRunner;
import dev.pplsim.jobs.BatchProtocol;
import dev.pplsim.jobs.Inputs;
import dev.pplsim.io.OutputException;
import dev.pplsim.request.InputException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP service: Javalin (Jetty 12) on the loopback interface only, the JSON API under {@code /v1/} and the
 * page at {@code /}. Every API call carries the access token ({@code Authorization: Bearer TOKEN}); the page and its
 * two files carry no data and need none, and take the token from the address the command prints (its fragment,
 * which no browser sends to a server). Jetty reads request headers without holding a thread, so a client that sends
 * slowly holds only its connection, dropped after the idle timeout; decisions run on the request's own thread, the
 * long jobs (matrix, what-if, the catalog queries, explain, prove, lessons) on a pool of one thread per core with a
 * bounded queue and the time limit; a batch decides its chunks one core's turn at a time, waiting for a turn but never
 * holding one while its client is slow to send or to read, and at most 32 batches are open at once. Requests with a Host header other than
 * the loopback's are refused, so a page of another site that rebinds its name to 127.0.0.1 reads nothing.
 */
public final class Server implements AutoCloseable {

    public static final String VERSION = "pplsim 0.1.0";

    /**
     * @param port          0 for any free port
     * @param maxBodyBytes  the largest body of decide, explain and prove (a batch line's limit: 1 MiB)
     * @param maxBatchBytes the largest batch body
     * @param timeLimit     the longest a long job may take before the request is answered 503
     * @param idleTimeout   how long a connection may send nothing before it is closed
     */
    public record Options(int port, Path policies, Path rules, Path tokenFile, long maxBodyBytes, long maxBatchBytes, Duration timeLimit,
                          Duration idleTimeout) {

        public static Options defaults() {
            return new Options(0, null, null, null, Inputs.DEFAULT_MAX_LINE_BYTES, 256L << 20, Duration.ofSeconds(30), Duration.ofSeconds(30));
        }

        public Options withPort(int p) {
            return new Options(p, policies, rules, tokenFile, maxBodyBytes, maxBatchBytes, timeLimit, idleTimeout);
        }

        public Options withSources(Path policiesDir, Path rulesDir) {
            return new Options(port, policiesDir, rulesDir, tokenFile, maxBodyBytes, maxBatchBytes, timeLimit, idleTimeout);
        }

        public Options withTokenFile(Path f) {
            return new Options(port, policies, rules, f, maxBodyBytes, maxBatchBytes, timeLimit, idleTimeout);
        }

        public Options withLimits(long body, long batch, Duration time, Duration idle) {
            return new Options(port, policies, rules, tokenFile, body, batch, time, idle);
        }
    }

    private final Options options;
    private final Snapshots snapshots;
    private final AccessToken token;
    private final Javalin app;
    private final ThreadPoolExecutor jobs;
    /** Batches open at once: each holds a connection and a few threads while its client sends and reads. */
    private final Semaphore openBatches;
    /** Batches deciding at once, one a core: a batch holds one only while it decides a chunk (BatchRunner.Slots). */
    private final Semaphore deciding;
    private final Map<String, byte[]> page;
    private final byte[] openapi;
    private final List<String> hosts;

    private Server(Options options, Snapshots snapshots, AccessToken token) {
        this.options = options;
        this.snapshots = snapshots;
        this.token = token;
        int cores = Runtime.getRuntime().availableProcessors();
        this.jobs = new ThreadPoolExecutor(cores, cores, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "pplsim-serve-job");
            t.setDaemon(true);
            return t;
        });
        this.openBatches = new Semaphore(MAX_OPEN_BATCHES);
        this.deciding = new Semaphore(cores, true);
        this.page = Resources.page();
        this.openapi = Resources.bytes("pplsim/openapi.json");
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = InetAddress.getLoopbackAddress().getHostAddress();
            c.jetty.port = options.port();
            QueuedThreadPool pool = new QueuedThreadPool(200, 8, 60_000);
            pool.setName("pplsim-serve");
            pool.setDaemon(true);
            c.jetty.threadPool = pool;
            c.http.maxRequestSize = Math.max(options.maxBodyBytes(), 1 << 16);
            c.http.generateEtags = false;
            c.http.prefer405over404 = true;
            c.jetty.modifyServer(server -> {
                for (var conn : server.getConnectors()) {
                    if (conn instanceof ServerConnector sc) sc.setIdleTimeout(options.idleTimeout().toMillis());
                }
            });
            c.jetty.modifyHttpConfiguration(h -> {
                h.setSendServerVersion(false);
                h.setSendXPoweredBy(false);
                h.setRequestHeaderSize(16 << 10);
            });
            c.routes.before(this::guard);
            c.routes.get("/", ctx -> asset(ctx, "index.html"));
            c.routes.get("/app.js", ctx -> asset(ctx, "app.js"));
            c.routes.get("/app.css", ctx -> asset(ctx, "app.css"));
            c.routes.get("/favicon.svg", ctx -> asset(ctx, "favicon.svg"));
            c.routes.get("/v1/openapi.json", ctx -> json(ctx, 200, new String(openapi, StandardCharsets.UTF_8)));
            c.routes.get("/v1/status", ctx -> answer(ctx, Api.status(snapshots, VERSION)));
            c.routes.get("/v1/builds", ctx -> answer(ctx, Api.builds(snapshots.current())));
            c.routes.get("/v1/catalogs", ctx -> answer(ctx, Api.catalogs(snapshots.current())));
            c.routes.post("/v1/decide", ctx -> {
                ExplainMode explain = explainParam(ctx, ExplainMode.OFF, "explain");
                byte[] body = body(ctx, options.maxBodyBytes());
                answer(ctx, Api.decide(snapshots.current(), body, explain));
            });
            c.routes.post("/v1/explain", ctx -> {
                ExplainMode mode = explainParam(ctx, ExplainMode.FULL, "mode");
                if (mode == ExplainMode.OFF) throw HttpError.unprocessable("mode: expected decisive or full (POST /v1/decide answers without an explanation)");
                byte[] body = body(ctx, options.maxBodyBytes());
                Snapshot s = snapshots.current();
                answer(ctx, job(() -> Api.explain(s, body, mode)));
            });
            c.routes.post("/v1/batch", this::batch);
            heavy(c, "/v1/matrix", (s, ctx) -> Api.matrix(s, params(ctx)));
            heavy(c, "/v1/whatif", (s, ctx) -> Api.whatif(s, params(ctx)));
            heavy(c, "/v1/who-can", (s, ctx) -> Api.whoCan(s, params(ctx)));
            heavy(c, "/v1/what-can", (s, ctx) -> Api.whatCan(s, params(ctx)));
            heavy(c, "/v1/reach", (s, ctx) -> Api.reach(s, params(ctx)));
            heavy(c, "/v1/lessons", (s, ctx) -> Api.lessons(s));
            heavy(c, "/v1/lessons/{file}/{index}", (s, ctx) -> Api.lesson(s, ctx.pathParam("file"), ctx.pathParam("index")));
            c.routes.post("/v1/prove", ctx -> {
                byte[] body = body(ctx, options.maxBodyBytes());
                Snapshot s = snapshots.current();
                Api.Params p = params(ctx);
                answer(ctx, job(() -> Api.prove(s, body, p)));
            });
            c.routes.exception(HttpError.class, (e, ctx) -> error(ctx, e.status, e.getMessage(), e.retryAfter));
            c.routes.exception(InputException.class, (e, ctx) -> error(ctx, 422, e.getMessage(), 0));
            c.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e, 0));
            c.routes.error(404, ctx -> {
                if (!answered(ctx)) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (GET /v1/openapi.json lists them)", 0);
                }
            });
            c.routes.error(405, ctx -> error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path(), 0));
            c.routes.error(413, ctx -> {
                if (!answered(ctx)) {
                    error(ctx, 413, "the request body is over the limit of " + options.maxBodyBytes() + " bytes", 0);
                }
            });
        });
        this.hosts = List.of("127.0.0.1", "localhost", "[::1]");
    }

    /** Loads the snapshot, makes the token, writes its file and starts listening. */
    public static Server start(Options options) throws IOException {
        Snapshots snapshots = new Snapshots(options.policies(), options.rules());
        Server s;
        try {
            s = new Server(options, snapshots, AccessToken.create());
            s.app.start();
        } catch (RuntimeException e) {
            snapshots.close();
            throw e;
        }
        try {
            s.token.write(options.tokenFile() != null ? options.tokenFile() : AccessToken.defaultFile(s.port()));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public int port() {
        return app.port();
    }

    /** The page's address with the token in its fragment (never sent to a server, kept out of logs and Referer headers). */
    public String url() {
        return "http://127.0.0.1:" + port() + "/#token=" + token.value();
    }

    public String token() {
        return token.value();
    }

    public Path tokenFile() {
        return token.file();
    }

    public String source() {
        return snapshots.source();
    }

    @Override
    public void close() {
        // the token goes first: once the port is free another server may take it, and must not meet this one's token
        token.delete();
        app.stop();
        jobs.shutdownNow();
        snapshots.close();
    }

    // ---- the guard -----------------------------------------------------------------------------------------------

    /** Every request: a loopback Host header; every API call: the token. Answers are never cached. */
    private void guard(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        String host = ctx.header("Host");
        if (host == null || !loopbackHost(host)) {
            throw new HttpError(403, "the Host header must name the loopback interface (127.0.0.1, localhost or [::1]), got "
                    + (host == null ? "none" : InputException.quoted(host)));
        }
        if (!ctx.path().startsWith("/v1/")) return;
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.value().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"pplsim\"");
            // the file's path is not told to a caller without the token: it names the user's folders
            throw new HttpError(401, given == null ? "missing access token: send 'Authorization: Bearer TOKEN' (the token is in the file pplsim serve printed at start)"
                    : "wrong access token (this server's token is in the file pplsim serve printed at start)");
        }
    }

    private boolean loopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : hosts) {
            if (h.equals(n) || h.equals(n + ":" + port())) return true;
        }
        return false;
    }

    // ---- bodies, answers, errors ---------------------------------------------------------------------------------

    /** The body, at most {@code max} bytes: a longer one (by its Content-Length, or as it is read) is a 413, unread. */
    static byte[] body(Context ctx, long max) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) throw HttpError.tooLarge(String.format(Locale.ROOT, "the request body is %,d bytes, over the limit of %,d", declared, max));
        InputStream in = ctx.req().getInputStream();
        byte[] b = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (b.length > max) throw HttpError.tooLarge(String.format(Locale.ROOT, "the request body is over the limit of %,d bytes", max));
        return b;
    }

    private static void answer(Context ctx, Api.Answer a) {
        json(ctx, a.status(), a.json());
    }

    private static void json(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json").result(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void error(Context ctx, int status, String message, int retryAfter) {
        if (retryAfter > 0) ctx.header("Retry-After", String.valueOf(retryAfter));
        json(ctx, status, Api.JSON.createObjectNode().put("error", message.lines().findFirst().orElse("")).toString());
    }

    /** Whether a JSON answer (an error of ours) is already set, so a status handler keeps it. */
    private static boolean answered(Context ctx) {
        String type = ctx.res().getContentType();
        return ctx.result() != null && type != null && type.startsWith("application/json");
    }

    private static Api.Params params(Context ctx) {
        return new Api.Params(ctx.queryParamMap());
    }

    private static ExplainMode explainParam(Context ctx, ExplainMode fallback, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) return fallback;
        ExplainMode m = ExplainMode.byId(v);
        if (m == null) throw HttpError.unprocessable(name + ": expected off, decisive or full, got " + InputException.quoted(v));
        return m;
    }

    private void asset(Context ctx, String name) {
        // the page's own files, nothing from elsewhere: scripts, styles, pictures and requests to this origin only
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        ctx.header("Cache-Control", "no-cache");
        String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
        ctx.contentType(type).result(page.get(name));
    }

    private interface Job {
        Api.Answer run(Snapshot s, Context ctx) throws Exception;
    }

    /** A GET endpoint whose work is a long job: read the snapshot and parameters here, work on the jobs' pool. */
    private void heavy(io.javalin.config.JavalinConfig c, String path, Job job) {
        Handler h = ctx -> {
            Snapshot s = snapshots.current();
            answer(ctx, job(() -> job.run(s, ctx)));
        };
        c.routes.get(path, h);
    }

    /** Runs a long job on the pool within the time limit; a full queue or an overrun is a 503 the client may retry. */
    private Api.Answer job(Callable<Api.Answer> work) throws Exception {
        Future<Api.Answer> f;
        try {
            f = jobs.submit(work);
        } catch (RejectedExecutionException e) {
            throw HttpError.unavailable("busy: " + jobs.getQueue().size() + " long requests are waiting; try again", 1);
        }
        try {
            return f.get(options.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a matrix or what-if goes on and is kept with the snapshot: the same request asked again is answered from it
            throw HttpError.unavailable("the request took longer than the limit of " + (options.timeLimit().toMillis() % 1000 == 0
                    ? options.timeLimit().toSeconds() + " s" : options.timeLimit().toMillis() + " ms") + " (--time-limit)",
                    5);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null) c = ce.getCause();
            if (c instanceof Exception x) throw x;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    // ---- batch ---------------------------------------------------------------------------------------------------

    /**
     * {@code POST /v1/batch}: the body's lines decided as {@code pplsim batch} decides them, the answers streamed back
     * in order as they are decided (a client may send a line and wait for its answer). Per-line errors are lines;
     * a body over the limit ends with an error line once the lines before it are answered.
     */
    private void batch(Context ctx) throws IOException {
        ExplainMode explain = explainParam(ctx, ExplainMode.OFF, "explain");
        long max = options.maxBatchBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) throw HttpError.tooLarge(String.format(Locale.ROOT, "the batch is %,d bytes, over the limit of %,d", declared, max));
        Snapshot s = snapshots.current();
        if (!openBatches.tryAcquire()) throw HttpError.unavailable("busy: " + MAX_OPEN_BATCHES + " batches are open; try again", 1);
        try {
            ctx.status(200).contentType("application/x-ndjson");
            Limited in = new Limited(ctx.req().getInputStream(), max);
            OutputStream out = ctx.res().getOutputStream();
            try {
                BatchRunner.run(s.sim, Inputs.decode(in), out, explain, Inputs.DEFAULT_MAX_LINE_BYTES, slots());
            } catch (Busy e) {
                out.write((BatchProtocol.errorLine("null", e.getMessage()) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (OverLimit e) {
                out.write((BatchProtocol.errorLine("null", String.format(Locale.ROOT, "the batch is over the limit of %,d bytes; the lines after it were not read", max))
                        + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (InputException e) {
                out.write((BatchProtocol.errorLine("null", e.getMessage()) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (OutputException | UncheckedIOException e) {
                // the client went away: nothing to answer to
                return;
            } catch (IOException e) {
                // as above: the connection broke while reading or writing
                return;
            }
            out.flush();
        } finally {
            openBatches.release();
        }
    }

    /** The most batches open at once, well under the connection threads (200), so batches never starve the rest. */
    static final int MAX_OPEN_BATCHES = 32;

    /** The server's deciding slots, waited for fairly up to the time limit. */
    private BatchRunner.Slots slots() {
        return new BatchRunner.Slots() {
            @Override
            public void enter() throws IOException {
                try {
                    if (deciding.tryAcquire(options.timeLimit().toMillis(), TimeUnit.MILLISECONDS)) return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new Busy("busy: no processor was free for this batch within the time limit (--time-limit); the lines after it were not read");
            }

            @Override
            public void leave() {
                deciding.release();
            }
        };
    }

    /** A batch that waited out the time limit for a processor. */
    private static final class Busy extends IOException {
        Busy(String message) {
            super(message, null);
        }
    }

    private static final class OverLimit extends IOException {
        OverLimit() {
            super("over the limit", null);
        }
    }

    /** A body that ends in {@link OverLimit} past {@code max} bytes. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) throw new OverLimit();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) throw new OverLimit();
            return n;
        }
    }

    /** The port, for the tests' readability. */
    @Override
    public String toString() {
        return "pplsim serve on 127.0.0.1:" + port();
    }

}
