package dev.pplsim.bench;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.jobs.Prover;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.PropertyFile;
import dev.pplsim.reference.ReferenceCreation;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Creations (spec §12), with the plain-Java reference in the same run: one creation at a time by the reference, by
 * the rules (cold: every creation is a rule run), and by the learnt table (warm: each was asked before); and one
 * full-domain proof of a shipped law of creation, against the reference checking the same law over the same domain.
 */
@State(Scope.Thread)
@Fork(1)
public class CreationBenchmark {

    private static final String[] PATHS = {"C:\\Windows\\System32\\smss.exe", "C:\\Windows\\System32\\werfaultsecure.exe",
            "C:\\Windows\\System32\\sppsvc.exe", "C:\\Windows\\System32\\lsass.exe", "C:\\Windows\\System32\\notepad.exe",
            "C:\\Program Files\\Vendor\\agent.exe"};
    private static final int[] FLAGS = {0, CreationFlag.CREATE_PROTECTED_PROCESS.value(), CreationFlag.EXTENDED_STARTUPINFO_PRESENT.value(),
            CreationFlag.CREATE_PROTECTED_PROCESS.value() | CreationFlag.EXTENDED_STARTUPINFO_PRESENT.value()};

    private CreateQuery[] queries;
    private Simulator simulator;
    private DecisionTable table;
    private PropertyFile.Law law;
    private List<CreateQuery> lawDomain;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        simulator = Simulator.builtIn();
        table = new DecisionTable(simulator);
        SplittableRandom r = new SplittableRandom(11);
        queries = new CreateQuery[4096];
        Long[] levels = levels();
        for (int k = 0; k < queries.length; k++) {
            int creator = r.nextInt(0x90);
            queries[k] = new CreateQuery(new PsProtection(creator), null, CreateApi.CREATE_PROCESS, null,
                    new ImageSpec(PATHS[r.nextInt(PATHS.length)], PsProtectedSigner.values()[r.nextInt(9)], null, null, null),
                    FLAGS[r.nextInt(FLAGS.length)], levels[r.nextInt(levels.length)], r.nextBoolean(), null);
            table.create(queries[k]);
        }
        law = Prover.read(List.of(Path.of("policies/properties/creation.yaml"))).stream()
                .filter(e -> e.getValue().name().equals("a_child_is_never_more_protected_than_its_image_may_claim")).findFirst().orElseThrow().getValue();
        // the law's domain, as its file states it: creators of types 0-2 with a row, the default images, signers,
        // flag sets and levels, handles not inherited
        lawDomain = new ArrayList<>();
        for (int c = 0; c < 0x90; c++) {
            if ((c & 7) > 2) continue;
            for (String path : PATHS) {
                for (PsProtectedSigner s : PsProtectedSigner.values()) {
                    for (int f : FLAGS) {
                        for (Long level : levels) {
                            lawDomain.add(new CreateQuery(new PsProtection(c), null, CreateApi.CREATE_PROCESS, null,
                                    new ImageSpec(path, s, null, null, null), f, level, false, null));
                        }
                    }
                }
            }
        }
    }

    /** No level, then every PROTECTION_LEVEL_*. */
    private static Long[] levels() {
        List<Long> out = new ArrayList<>();
        out.add(null);
        for (ProtectionLevel l : ProtectionLevel.values()) out.add(l.value());
        return out.toArray(new Long[0]);
    }

    private CreateQuery next() {
        return queries[i++ & 4095];
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Object reference() {
        return ReferenceCreation.create(next(), null, true, ReferenceCreation.Switches.B22631);
    }

    /** Cold: the rules run for every creation. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Object engine() {
        return simulator.create(next());
    }

    /** Warm: each creation was learnt from a rule run in setup. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Object table() {
        return table.create(next());
    }

    /** One full-domain proof by the rules through a fresh table: 139,968 creations. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public Object proveLaw() {
        Prover.Result r = new Prover(new DecisionTable(simulator), List.of("windows-10-11")).prove("creation.yaml", law);
        if (r.verdict() != Prover.Verdict.PROVED || r.cases() != lawDomain.size()) throw new IllegalStateException(r.toString());
        return r;
    }

    /** The same law over the same domain, decided by the reference: a protected child's signer needs no more than the image's level. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public Object proveLawByReference() {
        int[] exe = {0, 4, 11, 7, 12, 12, 14, -1, -1}; // spec §6.3, by signer value
        long held = 0;
        for (CreateQuery q : lawDomain) {
            ReferenceCreation.Result c = ReferenceCreation.create(q, null, true, ReferenceCreation.Switches.B22631);
            if (!c.status().isSuccess() || (c.protection() & 7) == 0) continue;
            int needed = exe[c.protection() >>> 4], claim = Math.max(0, exe[q.image().signer().value()]);
            if (needed < 0 || needed > claim) throw new IllegalStateException("the reference breaks the law: " + q);
            held++;
        }
        return held;
    }
}
