package dev.pplsim.bench;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.reference.ReferenceDecider;
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

import java.util.concurrent.TimeUnit;

/**
 * One decision at a time: the plain-Java reference, the rule engine (a Drools session per thread, full trace),
 * and the table materialised from the rules (warm). ops/s is decisions per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

    private AccessQuery[] queries;
    private Simulator simulator;
    private DecisionTable table;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        queries = Workload.mixed(4096, 7);
        simulator = Simulator.builtIn();
        table = new DecisionTable(simulator);
        for (AccessQuery q : queries) table.decide(q);
    }

    private AccessQuery next() {
        return queries[i++ & 4095];
    }

    @Benchmark
    public Object reference() {
        return ReferenceDecider.decide(next());
    }

    @Benchmark
    public Object engine() {
        return simulator.decide(next());
    }

    @Benchmark
    public Object materialised() {
        return table.decide(next());
    }
}
