package dev.pplsim.bench;

import dev.pplsim.engine.Explorer;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.engine.table.Key;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.reference.ReferenceDecider;
import dev.pplsim.reference.ReferenceInputError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many decisions per operation. batch10k_*: 10,000 mixed requests (ms per batch). matrix_*: the full protection
 * matrix of the default build, 65,536 pairs x 2 objects x 22 masks (21 rights and MAXIMUM_ALLOWED), user mode,
 * from scratch each time (s per matrix): the reference case by case, the engine through the batched Explorer and
 * the decomposition prove uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
// the batches' defaults; the whole-matrix benchmarks, single shots of seconds, state their own
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchBenchmark {

    private AccessQuery[] batch, tokens;
    private Simulator simulator;
    private DecisionTable warm;

    @Setup(Level.Trial)
    public void setUp() {
        batch = Workload.mixed(10_000, 11);
        tokens = Workload.withTokens(10_000, 13);
        simulator = Simulator.builtIn();
        warm = new DecisionTable(simulator);
        for (AccessQuery q : tokens) warm.decide(q);
    }

    @Benchmark
    public int batch10k_tokens_reference() {
        int sum = 0;
        for (AccessQuery q : tokens) sum += ReferenceDecider.decide(q).granted();
        return sum;
    }

    /** The full rule set with the SD stage, a session per core, as `pplsim batch` decides lines with tokens. */
    @Benchmark
    public int batch10k_tokens_engine_parallel() {
        return Arrays.stream(tokens).parallel().mapToInt(q -> simulator.decide(q).granted()).sum();
    }

    /**
     * The same 10,000 requests through the table materialised from the rules, on both cores: warm (the table has
     * learned their keys, as a long batch or an oracle's session has) and cold (a new table, so every new key is a
     * rule run: here most of the 10,000 are new).
     */
    @Benchmark
    public int batch10k_tokens_materialised_warm() {
        return Arrays.stream(tokens).parallel().mapToInt(q -> warm.decide(q).granted()).sum();
    }

    @Benchmark
    public int batch10k_tokens_materialised_cold() {
        DecisionTable table = new DecisionTable(simulator);
        return Arrays.stream(tokens).parallel().mapToInt(q -> table.decide(q).granted()).sum();
    }

    @Benchmark
    public int batch10k_reference() {
        int sum = 0;
        for (AccessQuery q : batch) sum += ReferenceDecider.decide(q).granted();
        return sum;
    }

    @Benchmark
    public int batch10k_engine_explorer() {
        int sum = 0;
        for (Explorer.Run r : new Explorer(simulator).runAll(Arrays.asList(batch))) sum += r.derived().size();
        return sum;
    }

    @Benchmark
    public int batch10k_materialised_cold() {
        DecisionTable table = new DecisionTable(simulator);
        int sum = 0;
        for (AccessQuery q : batch) sum += table.decide(q).granted();
        return sum;
    }

    private static final int[] MASKS = new int[22];

    static {
        for (int b = 0; b < 21; b++) MASKS[b] = 1 << b;
        MASKS[21] = 0x02000000;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long matrix_reference() {
        long sum = 0;
        for (ObjectKind o : ObjectKind.PROTECTED) {
            for (int c = 0; c < 256; c++) {
                for (int t = 0; t < 256; t++) {
                    for (int m : MASKS) {
                        try {
                            sum += ReferenceDecider.decide(AccessQuery.of(new PsProtection(c), new PsProtection(t), o, m)).granted();
                        } catch (ReferenceInputError e) {
                            sum++;
                        }
                    }
                }
            }
        }
        return sum;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long matrix_decomposition() {
        DecisionTable d = new DecisionTable(simulator);
        List<Key> keys = new ArrayList<>(131_072);
        for (ObjectKind o : ObjectKind.PROTECTED) {
            for (int c = 0; c < 256; c++) {
                for (int t = 0; t < 256; t++) keys.add(new Key("windows-10-11", o, c, t, AccessMode.USER, false, Relation.NONE));
            }
        }
        d.prepare(keys);
        long sum = 0;
        for (Key k : keys) {
            if (d.run(k).inputError() != null) {
                sum += MASKS.length;
                continue;
            }
            for (int m : MASKS) sum += d.decide(k, m).granted();
        }
        return sum;
    }
}
