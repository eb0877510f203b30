package dev.pplsim.differential;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exhaustive engine-versus-reference comparison on the default build: every caller byte 0x00..0xFF x every target
 * byte 0x00..0xFF x {process, thread} x {each of the 21 bits of 0x001FFFFF, MAXIMUM_ALLOWED} x {user, kernel},
 * relation none, no force, no SD input, no Pico, no DisallowUserTerminate. 5,767,168 cases, none sampled. Each
 * case is also decided through the materialised table (the batch path), which must equal the engine to the rule ids.
 *
 * <p>Split into one test per object x mode (1,441,792 cases each) so each slice reports its own time; inside a
 * slice the caller bytes run in parallel (the built-in simulator is shared and thread-safe).
 */
class DroolsVsReferenceTests {

    /** The 21 single bits of 0x001FFFFF, then MAXIMUM_ALLOWED. */
    static final int[] MASKS = masks();

    static final int BYTES = 256;
    static final long CASES_PER_SLICE = (long) BYTES * BYTES * 22;          // 1,441,792
    static final long TOTAL_CASES = CASES_PER_SLICE * 4;                    // 5,767,168
    /** Pairs whose caller and target signers both have a table row (0..8): 144 x 144 bytes. */
    static final long DECIDABLE_PAIRS = 144L * 144;
    static final long DECIDED_PER_SLICE = DECIDABLE_PAIRS * 22;             // 456,192
    static final long INPUT_ERRORS_PER_SLICE = CASES_PER_SLICE - DECIDED_PER_SLICE; // 985,600

    private static final int MISMATCHES_SHOWN = 8;

    private record SliceResult(long compared, long decided, long inputErrors, long millis) { }

    private static final Map<String, SliceResult> SLICES = new ConcurrentHashMap<>();

    private static int[] masks() {
        int[] m = new int[22];
        for (int b = 0; b < 21; b++) m[b] = 1 << b;
        m[21] = 0x02000000;
        return m;
    }

    @Test
    void process_user_mode_all_pairs_all_single_rights() {
        slice(ObjectKind.PROCESS, AccessMode.USER);
    }

    @Test
    void process_kernel_mode_all_pairs_all_single_rights() {
        slice(ObjectKind.PROCESS, AccessMode.KERNEL);
    }

    @Test
    void thread_user_mode_all_pairs_all_single_rights() {
        slice(ObjectKind.THREAD, AccessMode.USER);
    }

    @Test
    void thread_kernel_mode_all_pairs_all_single_rights() {
        slice(ObjectKind.THREAD, AccessMode.KERNEL);
    }

    private static void slice(ObjectKind object, AccessMode mode) {
        LongAdder compared = new LongAdder();
        LongAdder decided = new LongAdder();
        LongAdder inputErrors = new LongAdder();
        AtomicLong mismatches = new AtomicLong();
        List<String> shown = new ArrayList<>();
        long start = System.nanoTime();

        IntStream.range(0, BYTES).parallel().forEach(callerByte -> {
            PsProtection caller = new PsProtection(callerByte);
            for (int targetByte = 0; targetByte < BYTES; targetByte++) {
                PsProtection target = new PsProtection(targetByte);
                for (int mask : MASKS) {
                    AccessQuery q = new AccessQuery(caller, false, target, object, mask, mode, false, Relation.NONE,
                            AccessQuery.DEFAULT_BUILD, null, null, false);
                    Outcome reference = Outcome.ofReference(q);
                    Outcome engine = Outcome.ofEngine(q);
                    Outcome table = Outcome.ofTable(q);
                    compared.increment();
                    // the materialised table must give the engine's status, mask and rule ids exactly
                    boolean tableAgrees = table.kind() == engine.kind() && table.status() == engine.status()
                            && table.granted() == engine.granted() && (!engine.isDecided() || table.detail().equals(engine.detail()));
                    if (!engine.agreesWith(reference) || !tableAgrees) {
                        if (mismatches.incrementAndGet() <= MISMATCHES_SHOWN) {
                            synchronized (shown) {
                                shown.add(tableAgrees ? Outcome.mismatch(q, engine, reference)
                                        : "materialised " + table + " vs engine " + engine + " for " + q);
                            }
                        }
                    } else if (reference.isDecided()) {
                        decided.increment();
                    } else {
                        inputErrors.increment();
                    }
                }
            }
        });

        long millis = (System.nanoTime() - start) / 1_000_000;
        SliceResult r = new SliceResult(compared.sum(), decided.sum(), inputErrors.sum(), millis);
        SLICES.put(object.id() + "/" + mode.id(), r);
        System.out.printf("DroolsVsReference %s/%s: %d cases compared, %d decided, %d input errors on both sides,"
                + " %d mismatches, %d ms%n", object.id(), mode.id(), r.compared, r.decided, r.inputErrors,
                mismatches.get(), millis);

        assertEquals(0L, mismatches.get(), () -> mismatches.get() + " of " + r.compared + " cases disagree ("
                + object.id() + ", " + mode.id() + "); first ones:\n  " + String.join("\n  ", shown));
        assertEquals(CASES_PER_SLICE, r.compared, "cases compared");
        assertEquals(DECIDED_PER_SLICE, r.decided, "cases decided (both signers 0..8)");
        assertEquals(INPUT_ERRORS_PER_SLICE, r.inputErrors, "input errors (a signer 9..15)");
    }

    @AfterAll
    static void summary() {
        long compared = SLICES.values().stream().mapToLong(SliceResult::compared).sum();
        long decided = SLICES.values().stream().mapToLong(SliceResult::decided).sum();
        long errors = SLICES.values().stream().mapToLong(SliceResult::inputErrors).sum();
        System.out.printf("DroolsVsReference exhaustive: %d cases compared, %d decided, %d input errors on both"
                + " sides (%d of 4 slices)%n", compared, decided, errors, SLICES.size());
        if (SLICES.size() == 4) {
            assertEquals(TOTAL_CASES, compared, "exhaustive domain size");
            assertEquals(5_767_168L, compared, "exhaustive domain size");
        }
    }
}
