package dev.pplsim.bench;

import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.BatchRunner;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.reference.ReferenceDecider;
import dev.pplsim.reference.ReferenceDecision;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * `pplsim batch` end to end in one JVM: 100,000 lines read, decided and written by {@link BatchRunner} with a new
 * table per run, as a process starts with. Beside it, a plain-Java pipeline over the same bytes: each line parsed
 * into a Jackson tree, its spellings read, decided by the reference, and its line written. ops/s are lines a
 * second. The lines are those of bench/batch-million.sh: repeating (a few thousand requests under distinct ids)
 * or distinct (no line spelled twice). The process figure, with JVM start and -Xmx256m, is that script's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchLinesBenchmark {

    static final int LINES = 100_000;

    @Param({"repeating", "distinct"})
    public String kind;

    private byte[] input;
    private Simulator simulator;
    private final ObjectMapper json = new ObjectMapper();

    @Setup(Level.Trial)
    public void setUp() {
        input = Workload.lines(LINES, kind.equals("distinct"));
        simulator = Simulator.builtIn();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long batch() throws IOException {
        Counting out = new Counting();
        BatchRunner.Counts counts = BatchRunner.run(simulator, new ByteArrayInputStream(input), out);
        if (counts.decided() != LINES) throw new IllegalStateException("decided " + counts.decided() + " of " + LINES);
        return out.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long reference() throws IOException {
        Counting out = new Counting();
        reference(input, out);
        return out.bytes;
    }

    /** The plain-Java pipeline, writing its lines to {@code out}: {"id", "status", "ntstatus", "granted"}, as a decision line starts. */
    void reference(byte[] input, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder(96);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8), 1 << 16)) {
            for (String text; (text = in.readLine()) != null; ) {
                JsonNode n = json.readTree(text);
                ObjectKind object = ObjectKind.byId(n.path("target").path("object").asText("process"));
                JsonNode desired = n.get("desired");
                AccessQuery q = AccessQuery.of(Spelling.protection(n.path("caller").path("protection").asText()),
                                Spelling.protection(n.path("target").path("protection").asText()), object,
                                desired.isNumber() ? (int) desired.asLong() : Spelling.desiredMask(desired.asText(), object))
                        .withMode(AccessMode.byId(n.path("mode").asText("user")))
                        .withRelation(Relation.byId(n.path("relation").asText("none")))
                        .withForceAccessCheck(n.path("forceAccessCheck").asBoolean(false))
                        .withBuild(n.path("build").asText(AccessQuery.DEFAULT_BUILD));
                ReferenceDecision d = ReferenceDecider.decide(q);
                line.setLength(0);
                line.append("{\"id\":").append(n.get("id").asText()).append(",\"status\":\"").append(d.status().name())
                        .append("\",\"ntstatus\":\"").append(d.status().hex()).append("\",\"granted\":\"0x");
                hex8(line, d.granted());
                line.append("\"}\n");
                for (int i = 0; i < line.length(); i++) out.write(line.charAt(i));
            }
        }
    }

    private static void hex8(StringBuilder to, int v) {
        for (int shift = 28; shift >= 0; shift -= 4) to.append(Character.toUpperCase(Character.forDigit((v >>> shift) & 0xF, 16)));
    }

    /** Counts what would be written; the lines' bytes go nowhere, as to /dev/null. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
