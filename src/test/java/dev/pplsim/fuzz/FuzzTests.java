package dev.pplsim.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.BatchRunner;
import dev.pplsim.jobs.Prover;
import dev.pplsim.jobs.ScenarioRunner;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.BatchLine;
import dev.pplsim.request.InputException;
import dev.pplsim.request.RequestReader;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.SidSpelling;
import dev.pplsim.request.Spelling;
import dev.pplsim.request.TokenSpelling;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hostile input ends in a clear one-line error, never an escaped exception, a hang or a lost output line (#14).
 * One Jazzer fuzz test per input reader: batch lines, SDDL, the build, scenario and property YAML files, and the
 * spellings of protections, masks and SIDs.
 *
 * <p>In the normal test run (Jazzer's regression mode) each target runs on its corpus ({@code src/test/resources/fuzz/}
 * and the shipped policies), on the inputs saved under {@code FuzzTestsInputs/<target>/} (Jazzer's findings, kept as
 * regressions), and on {@code pplsim.fuzz.iterations} mutants of the corpus from {@link Mutator}, seeded by
 * {@code pplsim.fuzz.seed} (fixed by default, so a failure reproduces; {@code random} picks one and prints it).
 * With {@code JAZZER_FUZZ=1} and {@code -Dtest='FuzzTests#<target>'} Jazzer fuzzes one target, coverage-guided, from
 * the corpus, the saved inputs and its own corpus of earlier runs ({@code .cifuzz-corpus/}), for
 * {@code -Djazzer.max_duration}; {@code -Djazzer.keep_going=N} goes on past the first N-1 distinct findings (a saved
 * input that still fails is one), and each new one is written to {@code FuzzTestsInputs/<target>/crash-*}.
 *
 * <p>Every failure message shows the input as a Java string literal (Base64 when it is not UTF-8), and the whole
 * input is also written to {@code target/fuzz-failures/}.
 */
class FuzzTests {

    /** Mutants for every target instead of each one's own count (see {@link #inputs}). */
    private static final Integer ITERATIONS = Integer.getInteger("pplsim.fuzz.iterations");
    private static final long SEED = seed();
    /** A batch, a parse or a file load that takes longer than this is a hang. */
    private static final long TIMEOUT_SECONDS = 60;

    private static final ObjectMapper JSON = RequestReader.strictJson();
    /** A Java class name such as NullPointerException or StackOverflowError: an exception leaked into a message. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Exception|Error)\\b");
    /** A stack frame as Throwable prints it: {@code at java.base/java.lang.String.charAt(String.java:1517)}. */
    private static final Pattern FRAME = Pattern.compile("at [\\w$./]+\\((?:[\\w$]+\\.java:\\d+|Native Method|Unknown Source)\\)");
    private static final Pattern NTSTATUS = Pattern.compile("0x[0-9A-F]{8}");

    @TempDir
    static Path tmp;

    /** Daemon threads: a hung input must fail its own check, not keep the test JVM alive. */
    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pplsim-fuzz");
        t.setDaemon(true);
        return t;
    });

    static {
        // Jazzer's regression mode would add its bug detectors to every project class the rest of the suite loads
        // (700 "Instrumented" lines, and rewritten classes for tests that know nothing of it); the checks here are
        // the oracles below, so it replays without an agent. Fuzzing needs the agent: it is left on then.
        if (!fuzzing() && System.getProperty("jazzer.hooks") == null) System.setProperty("jazzer.hooks", "false");
    }

    private static long seed() {
        String s = System.getProperty("pplsim.fuzz.seed", "0x14");
        long seed = s.equals("random") ? System.nanoTime() : Long.decode(s);
        if (!s.equals("0x14") || Integer.getInteger("pplsim.fuzz.iterations") != null) {
            System.out.printf(Locale.ROOT, "pplsim.fuzz: seed 0x%X, %s mutants per target (rerun with -Dpplsim.fuzz.seed=0x%X)%n", seed,
                    ITERATIONS == null ? "the default" : ITERATIONS, seed);
        }
        return seed;
    }

    // ------------------------------------------------------------------------------------------------ targets

    @MethodSource("batchInputs")
    @FuzzTest(maxDuration = "10m")
    void batchLines(byte[] input) {
        checkBatch(input);
    }

    @MethodSource("sddlInputs")
    @FuzzTest(maxDuration = "10m")
    void sddl(byte[] input) {
        checkSddl(new String(input, StandardCharsets.UTF_8));
    }

    @MethodSource("buildInputs")
    @FuzzTest(maxDuration = "10m")
    void buildFile(byte[] input) {
        checkFile(input, "build.yaml", f -> PolicySet.loadBuild(f, sim().policies().objectTypes()));
    }

    @MethodSource("scenarioInputs")
    @FuzzTest(maxDuration = "10m")
    void scenarioFile(byte[] input) {
        checkFile(input, "scenario.yaml", f -> ScenarioRunner.run(sim(), List.of(f)));
    }

    @MethodSource("propertyInputs")
    @FuzzTest(maxDuration = "10m")
    void propertyFile(byte[] input) {
        checkFile(input, "property.yaml", f -> Prover.read(List.of(f)));
    }

    @MethodSource("spellingInputs")
    @FuzzTest(maxDuration = "10m")
    void spellings(byte[] input) {
        checkSpellings(new String(input, StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------ oracles

    /**
     * Every line that is not blank gets exactly one output line, in order; each is a JSON object that starts with
     * the id and is a decision, a creation or {@code {"id":...,"error":"line N: ..."}} with N the input line's number.
     */
    static void checkBatch(byte[] input) {
        List<byte[]> lines = splitLines(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchRunner.Counts counts = within(input, () -> BatchRunner.run(sim(), new ByteArrayInputStream(input), out));
        String text = out.toString(StandardCharsets.UTF_8);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!new String(lines.get(i), StandardCharsets.UTF_8).isBlank()) expected.add(i + 1);
        }
        check(input, text.isEmpty() || text.endsWith("\n"), "the output does not end with a newline: " + Shown.text(tail(text)));
        List<String> answers = text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
        check(input, answers.size() == expected.size(), expected.size() + " lines to answer, " + answers.size() + " answered: " + Shown.text(tail(text)));
        check(input, counts.lines() == lines.size() && counts.decided() + counts.errors() == answers.size(),
                "counts " + counts + " for " + lines.size() + " lines and " + answers.size() + " answers");
        for (int k = 0; k < answers.size(); k++) {
            String a = answers.get(k);
            String where = "answer " + (k + 1) + " (line " + expected.get(k) + ") " + Shown.text(a) + ": ";
            check(input, a.startsWith("{\"id\":"), where + "does not start with the id");
            JsonNode n;
            try {
                n = JSON.readTree(a);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new Finding(input, where + "is not JSON: " + e.getOriginalMessage(), null);
            }
            check(input, n != null && n.isObject() && n.has("id"), where + "is not an object with an id");
            if (n.has("error")) {
                check(input, n.size() == 2 && n.get("error").isTextual(), where + "an error line has more than id and error");
                String msg = n.get("error").asText();
                String prefix = "line " + expected.get(k) + ": ";
                check(input, msg.startsWith(prefix), where + "the error does not start with '" + prefix + "'");
                checkMessage(input, msg, where);
            } else {
                check(input, n.path("status").isTextual() && n.path("status").asText().startsWith("STATUS_")
                        && NTSTATUS.matcher(n.path("ntstatus").asText()).matches() && n.path("rules").isArray(), where + "is neither a decision nor an error");
                check(input, n.has("granted") || n.has("child") || !n.path("status").asText().equals("STATUS_SUCCESS"), where + "a success grants nothing");
            }
        }
        for (int k = 0; k < answers.size(); k++) {
            byte[] line = lines.get(expected.get(k) - 1);
            // from bytes, the byte-level reader (FastLine) takes the lines it knows: only ones the JSON reader reads the same way
            BatchLine fast = BatchLine.parse(line, sim()::security), slow = BatchLine.parse(new String(line, StandardCharsets.UTF_8), sim()::security);
            check(input, fast.equals(slow), "line " + expected.get(k) + ": the byte-level reader gives " + fast + ", the JSON reader " + slow);
        }
        // a line answers alone as it does among others: the line memo, the outcome table and the chunks change nothing
        // (a few lines from each end, where a memo has seen the most and the least before them)
        if (answers.size() < 2) return;
        for (int k = 0; k < answers.size(); k++) {
            if (k >= ALONE && k < answers.size() - ALONE) continue;
            byte[] line = lines.get(expected.get(k) - 1);
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            within(input, () -> BatchRunner.run(sim(), new ByteArrayInputStream(Mutator.concat(line, new byte[]{'\n'})), one));
            String alone = one.toString(StandardCharsets.UTF_8);
            String among = answers.get(k).replace(",\"error\":\"line " + expected.get(k) + ": ", ",\"error\":\"line 1: ") + "\n";
            check(input, alone.equals(among), "line " + expected.get(k) + " answers " + Shown.text(among) + " in the batch but " + Shown.text(alone) + " alone");
        }
    }

    /** Lines from each end of a batch that are also decided alone. */
    private static final int ALONE = 3;

    /** Either a descriptor, whose canonical print parses back to it, or a one-line InputException. */
    static void checkSddl(String text) {
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        SecurityDescriptor sd;
        try {
            sd = within(input, () -> Sddl.parse(text));
        } catch (InputException e) {
            checkMessage(input, e.getMessage(), "");
            return;
        }
        String printed;
        SecurityDescriptor back;
        try {
            printed = Sddl.print(sd);
            back = Sddl.parse(printed);
        } catch (RuntimeException | StackOverflowError e) {
            throw new Finding(input, "parsed, but its print does not parse back", e);
        }
        check(input, sd.equals(back), "parsed to " + sd + ", printed as " + Shown.text(printed) + ", which parses to " + back);
    }

    interface Loader {
        void load(Path file) throws Exception;
    }

    /** The file loads, or its loader throws an InputException with a one-line message; nothing else. */
    static void checkFile(byte[] input, String name, Loader loader) {
        Path f = tmp.resolve(name);
        try {
            Files.write(f, input);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the fuzzed file", e);
        }
        try {
            within(input, () -> {
                loader.load(f);
                return null;
            });
        } catch (InputException e) {
            checkMessage(input, e.getMessage(), "");
        }
    }

    /**
     * Every spelling reader: a value or a one-line InputException. The text is read as a protection, a desired and a
     * granted mask of each object kind, a SID, an integrity SID, group attributes and a privilege name.
     */
    static void checkSpellings(String text) {
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        List<Loader> readers = new ArrayList<>();
        readers.add(f -> Spelling.protection(text));
        for (ObjectKind k : ObjectKind.values()) {
            readers.add(f -> Spelling.desiredMask(text, k));
            readers.add(f -> Spelling.grantedMask(text, k));
        }
        readers.add(f -> Spelling.number(text, "number"));
        readers.add(f -> SidSpelling.parse(text));
        readers.add(f -> TokenSpelling.integrity(text));
        readers.add(f -> TokenSpelling.groupAttributes(text));
        readers.add(f -> TokenSpelling.privilege(text));
        for (Loader r : readers) {
            try {
                within(input, () -> {
                    r.load(null);
                    return null;
                });
            } catch (InputException e) {
                checkMessage(input, e.getMessage(), "");
            }
        }
    }

    /** One line, with no stack frame and no exception class name that the input did not itself contain. */
    private static void checkMessage(byte[] input, String msg, String where) {
        check(input, msg != null && !msg.isBlank(), where + "an error without a message");
        check(input, msg.indexOf('\n') < 0 && msg.indexOf('\r') < 0, where + "the error is not one line: " + Shown.text(msg));
        // what the input itself says may be echoed (Jazzer learns these words from the checks and tries them)
        String text = new String(input, StandardCharsets.UTF_8);
        Matcher frame = FRAME.matcher(msg);
        while (frame.find()) {
            check(input, text.contains(frame.group()), where + "the error holds a stack trace: " + Shown.text(msg));
        }
        Matcher m = CLASS_NAME.matcher(msg);
        while (m.find()) {
            check(input, text.contains(m.group()), where + "the error names " + m.group() + ": " + Shown.text(msg));
        }
    }

    // ------------------------------------------------------------------------------------------------ harness

    interface Call<T> {
        T call() throws Exception;
    }

    /**
     * Runs the call on a worker thread, so a hang fails after {@link #TIMEOUT_SECONDS} instead of stopping the suite;
     * an InputException passes through, anything else thrown is a finding.
     */
    private static <T> T within(byte[] input, Call<T> call) {
        Future<T> f = WORKER.submit(call::call);
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Finding(input, "no answer within " + TIMEOUT_SECONDS + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof InputException ie) throw ie;
            throw new Finding(input, "escaped " + root(c), c);
        }
    }

    private static void check(byte[] input, boolean ok, String what) {
        if (!ok) throw new Finding(input, what, null);
    }

    /**
     * A failed check, with the input in its message. It takes the stack of the exception that escaped (its deepest
     * cause: a pool rethrows a copy made on the waiting thread), so that Jazzer, which tells findings apart by their
     * stacks, keeps one per place that throws.
     */
    static final class Finding extends AssertionError {
        Finding(byte[] input, String what, Throwable cause) {
            super(what + "\n  input: " + Shown.bytes(input) + saved(input) + (cause == null ? "" : "\n  thrown: " + stack(cause)), cause);
            if (cause != null) setStackTrace(root(cause).getStackTrace());
        }
    }

    private static Throwable root(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    /** Each exception of the chain with its frames down to the fuzz harness: where it was thrown, not how the test got there. */
    private static String stack(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c != t) b.append("\n  caused by: ");
            b.append(c);
            int shown = 0;
            for (StackTraceElement e : c.getStackTrace()) {
                if (e.getClassName().startsWith("dev.pplsim.fuzz.") || shown++ == 12) break;
                b.append("\n\tat ").append(e);
            }
        }
        return b.toString();
    }

    /** The whole input, in a file named by its hash, for inputs too long to show. */
    private static String saved(byte[] input) {
        try {
            Path dir = Path.of("target", "fuzz-failures");
            Files.createDirectories(dir);
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input), 0, 8);
            Path f = dir.resolve(name + ".bin");
            Files.write(f, input);
            return "\n  saved: " + f.toAbsolutePath();
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }

    private static String tail(String s) {
        return s.length() <= 300 ? s : "..." + s.substring(s.length() - 300);
    }

    /**
     * Lines as the batch contract ends them, written here independently of BatchRunner: {@code \n}, {@code \r} or
     * {@code \r\n}; a last line without an ending counts, an empty remainder does not.
     */
    static List<byte[]> splitLines(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                out.add(java.util.Arrays.copyOfRange(b, start, i));
                if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') i++;
                start = i + 1;
            }
        }
        if (start < b.length) out.add(java.util.Arrays.copyOfRange(b, start, b.length));
        return out;
    }

    private static Simulator sim() {
        return Simulator.builtIn();
    }

    // ------------------------------------------------------------------------------------------------ corpora

    static Stream<Arguments> batchInputs() {
        List<byte[]> lines = resourceLines("batch-lines.txt");
        List<byte[]> corpus = new ArrayList<>();
        for (byte[] l : lines) corpus.add(Mutator.concat(l, new byte[]{'\n'}));
        // whole batches: each line ending, blank lines between, and a last line without its newline
        String[] endings = {"\n", "\r\n", "\r", "\n\n  \t\n"};
        for (String end : endings) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (byte[] l : lines) {
                b.writeBytes(l);
                b.writeBytes(end.getBytes(StandardCharsets.US_ASCII));
            }
            corpus.add(b.toByteArray());
        }
        corpus.add(Mutator.concat(Mutator.concat(lines.get(0), "\n".getBytes(StandardCharsets.US_ASCII)), lines.get(lines.size() - 1)));
        return inputs("batch", corpus, 600, false);
    }

    static Stream<Arguments> sddlInputs() {
        return inputs("sddl", resourceLines("sddl.txt"), 3000, false);
    }

    static Stream<Arguments> buildInputs() {
        return inputs("build", shipped("builds"), 500, true);
    }

    static Stream<Arguments> scenarioInputs() {
        return inputs("scenario", shipped("scenarios"), 300, true);
    }

    static Stream<Arguments> propertyInputs() {
        return inputs("property", shipped("properties"), 500, true);
    }

    static Stream<Arguments> spellingInputs() {
        return inputs("spelling", resourceLines("spellings.txt"), 1000, false);
    }

    /**
     * The corpus, then (unless Jazzer is fuzzing, which mutates by itself) {@code mutants} mutants of it: each
     * target's count is what it runs in a few seconds, for about 15 s in all on two idle cores (30 s busy).
     * {@code textual} mutants are mostly valid UTF-8 ({@link Mutator#Mutator(long, List, boolean)}).
     */
    private static Stream<Arguments> inputs(String target, List<byte[]> corpus, int mutants, boolean textual) {
        List<Arguments> seeds = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) seeds.add(Arguments.of(Named.of(target + " corpus[" + i + "]", corpus.get(i))));
        if (fuzzing()) return seeds.stream();
        // one stream of mutants per target, so adding a target leaves the others' mutants as they were
        Mutator m = new Mutator(SEED ^ target.hashCode(), corpus, textual);
        Stream<Arguments> mutated = Stream.iterate(1, i -> i + 1).limit(ITERATIONS != null ? ITERATIONS : mutants).map(i -> {
            Mutator.Mutant mu = m.next();
            return Arguments.of(Named.of(target + " mutant " + i + ": " + mu.how(), mu.bytes()));
        });
        return Stream.concat(seeds.stream(), mutated);
    }

    private static boolean fuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        if (v == null) v = System.getProperty("JAZZER_FUZZ");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    /** The non-empty lines of a corpus file under src/test/resources/fuzz/, each one input. */
    private static List<byte[]> resourceLines(String name) {
        try (InputStream in = FuzzTests.class.getResourceAsStream("/fuzz/" + name)) {
            if (in == null) throw new IllegalStateException("missing corpus /fuzz/" + name);
            List<byte[]> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isEmpty()) out.add(l.getBytes(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped policy files of one kind, as the jar holds them. */
    private static List<byte[]> shipped(String dir) {
        try (Stream<Path> s = Files.list(PolicySet.classpathDir("pplsim/policies").resolve(dir))) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) out.add(Files.readAllBytes(p));
            if (out.isEmpty()) throw new IllegalStateException("no shipped " + dir);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
