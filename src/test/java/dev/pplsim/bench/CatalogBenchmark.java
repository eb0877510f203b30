package dev.pplsim.bench;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.jobs.Catalog;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.ThreadRight;
import dev.pplsim.policy.SystemCatalog;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * who-can and what-can over a large system: 300 processes with 4,000 threads, built from the shipped Windows 11
 * catalog's processes repeated (their protections and token presets), as `pplsim who-can` and `what-can` decide it:
 * every process as the caller against lsass (process object), and one caller against every thread. Each with the
 * plain-Java reference in the same run; the token variants go through the security-descriptor stage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogBenchmark {

    static final int PROCESSES = 300, THREADS = 4_000;

    private SystemCatalog system;
    private Simulator simulator;
    private List<AccessQuery> whoCan, whoCanTokens, whatCanThreads;

    /** The shipped catalog's processes repeated, with fresh pids and thread ids, to 300 processes and 4,000 threads. */
    static SystemCatalog large(Simulator sim) {
        SystemCatalog base = SystemCatalog.resolve(sim.policies(), "windows-11");
        List<SystemCatalog.Process> out = new ArrayList<>();
        long pid = 10_000, tid = 1_000_000;
        int threadsLeft = THREADS;
        for (int i = 0; i < PROCESSES; i++) {
            SystemCatalog.Process p = base.processes().get(i % base.processes().size());
            int n = threadsLeft / (PROCESSES - i);
            List<Long> threads = new ArrayList<>();
            for (int t = 0; t < n; t++) threads.add(tid++);
            threadsLeft -= n;
            // the first copy keeps its pid and parent, so lsass.exe (800) and its relations stay as shipped
            boolean first = i < base.processes().size();
            out.add(new SystemCatalog.Process(p.image(), first ? p.pid() : pid++, first ? p.parent() : 4L, p.protection(), p.token(),
                    p.disallowUserTerminate(), threads, p.session(), p.sd(), p.confidence()));
        }
        return new SystemCatalog("large", "300 processes, 4,000 threads", base.build(), base.cite(), out);
    }

    @Setup(Level.Trial)
    public void setUp() {
        simulator = Simulator.builtIn();
        system = large(simulator);
        SystemCatalog.Process lsass = system.byImage("lsass.exe").get(0);
        SystemCatalog.Process shell = system.byImage("powershell.exe").get(0);
        whoCan = new ArrayList<>();
        whoCanTokens = new ArrayList<>();
        for (SystemCatalog.Process c : system.processes()) {
            AccessQuery q = Catalog.query(system, system.build(), c, lsass, ObjectKind.PROCESS, ProcessRight.VM_READ.mask(), AccessMode.USER);
            whoCan.add(q);
            whoCanTokens.add(Catalog.withTokens(q, simulator.security(), c, lsass));
        }
        whatCanThreads = new ArrayList<>();
        for (SystemCatalog.Process t : system.processes()) {
            for (long ignored : t.threads()) {
                whatCanThreads.add(Catalog.query(system, system.build(), shell, t, ObjectKind.THREAD,
                        ThreadRight.SUSPEND_RESUME.mask(), AccessMode.USER));
            }
        }
        if (whatCanThreads.size() != THREADS || whoCan.size() != PROCESSES) throw new IllegalStateException("catalog size");
    }

    private static int sum(List<AccessQuery> qs, java.util.function.ToIntFunction<AccessQuery> decide) {
        int s = 0;
        for (AccessQuery q : qs) s += decide.applyAsInt(q);
        return s;
    }

    @Benchmark
    public int whoCan300_reference() {
        return sum(whoCan, q -> ReferenceDecider.decide(q).granted());
    }

    @Benchmark
    public int whoCan300_engine() {
        return sum(whoCan, q -> simulator.decide(q).granted());
    }

    @Benchmark
    public int whoCan300_materialised() {
        DecisionTable table = new DecisionTable(simulator);
        return sum(whoCan, q -> table.decide(q).granted());
    }

    @Benchmark
    public int whoCan300_tokens_reference() {
        return sum(whoCanTokens, q -> ReferenceDecider.decide(q).granted());
    }

    @Benchmark
    public int whoCan300_tokens_engine() {
        return sum(whoCanTokens, q -> simulator.decide(q).granted());
    }

    @Benchmark
    public int whatCanThreads4000_reference() {
        return sum(whatCanThreads, q -> ReferenceDecider.decide(q).granted());
    }

    @Benchmark
    public int whatCanThreads4000_engine() {
        return sum(whatCanThreads, q -> simulator.decide(q).granted());
    }

    @Benchmark
    public int whatCanThreads4000_materialised() {
        DecisionTable table = new DecisionTable(simulator);
        return sum(whatCanThreads, q -> table.decide(q).granted());
    }
}
