package dev.pplsim.differential;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Engine versus reference with process kinds (spec §3.4, §7.1-§7.3), over a whole finite domain: every caller kind x
 * every target kind (5 x 5; a Pico kind carries its flag or provider masks) x the 27 protections of types 0..2 and
 * signers 0..8 on each side x process opens of each single right of 0x001FFFFF and MAXIMUM_ALLOWED in user and kernel
 * mode; every duplicate (user mode, DUPLICATE_SAME_ACCESS) of each single-right source handle; and relation self
 * for each protection and kind. The materialised table must agree with the engine too (it hands kinds to the rules).
 */
class KindsVsReferenceTests {

    private static final PicoProvider PROVIDER = new PicoProvider(0x00101000, 0x00100800);
    private static final int[] BYTES = bytes();
    private static final int[] MASKS = DroolsVsReferenceTests.MASKS;
    private static final ProcessKind[] KINDS = ProcessKind.values();

    static final long OPENS = 27L * 27 * 25 * 22 * 2;        // 801,900
    static final long DUPLICATES = 27L * 27 * 25 * 21;       // 382,725
    static final long SELF = 27L * 5 * 22 * 2;               // 5,940
    /** Duplicates into a trustlet: refused whatever the target, protection or handle (spec §3.4). */
    static final long DUPLICATES_INTO_TRUSTLETS = 27L * 27 * 5 * 21;   // 76,545

    private static int[] bytes() {
        int[] b = new int[27];
        int i = 0;
        for (int type = 0; type <= 2; type++) {
            for (int signer = 0; signer <= 8; signer++) b[i++] = signer << 4 | type;
        }
        return b;
    }

    private static AccessQuery withKinds(AccessQuery q, ProcessKind caller, ProcessKind target) {
        return q.withPico(caller == ProcessKind.PICO, target == ProcessKind.PICO ? PROVIDER : null).withKinds(caller, target);
    }

    @Test
    void engine_and_reference_agree_on_every_kind() {
        LongAdder compared = new LongAdder(), decided = new LongAdder(), refusedIntoTrustlet = new LongAdder();
        AtomicLong mismatches = new AtomicLong();
        List<String> shown = new ArrayList<>();
        Consumer<AccessQuery> compare = q -> {
            Outcome reference = Outcome.ofReference(q), engine = Outcome.ofEngine(q), table = Outcome.ofTable(q);
            compared.increment();
            boolean tableAgrees = table.kind() == engine.kind() && table.status() == engine.status() && table.granted() == engine.granted();
            if (!engine.agreesWith(reference) || !tableAgrees) {
                if (mismatches.incrementAndGet() <= 8) {
                    synchronized (shown) {
                        shown.add(tableAgrees ? Outcome.mismatch(q, engine, reference) : "materialised " + table + " vs engine " + engine + " for " + q);
                    }
                }
                return;
            }
            if (engine.isDecided()) decided.increment();
            if (q.operation() == Operation.DUPLICATE && q.callerKind() == ProcessKind.TRUSTLET && engine.status() == NtStatus.STATUS_ACCESS_DENIED) {
                refusedIntoTrustlet.increment();
            }
        };
        long start = System.nanoTime();
        IntStream.range(0, BYTES.length).parallel().forEach(ci -> {
            PsProtection caller = new PsProtection(BYTES[ci]);
            for (int t : BYTES) {
                PsProtection target = new PsProtection(t);
                for (ProcessKind ck : KINDS) {
                    for (ProcessKind tk : KINDS) {
                        for (int mask : MASKS) {
                            for (AccessMode mode : AccessMode.values()) {
                                compare.accept(withKinds(AccessQuery.of(caller, target, ObjectKind.PROCESS, mask).withMode(mode), ck, tk));
                            }
                            if (mask == MASKS[MASKS.length - 1]) continue;   // MAXIMUM_ALLOWED is no handle's access
                            compare.accept(withKinds(AccessQuery.of(caller, target, ObjectKind.PROCESS, 0)
                                    .withOperation(Operation.DUPLICATE).withSourceAccess(mask), ck, tk));
                        }
                    }
                }
            }
            for (ProcessKind k : KINDS) {
                for (int mask : MASKS) {
                    for (AccessMode mode : AccessMode.values()) {
                        compare.accept(withKinds(AccessQuery.of(caller, caller, ObjectKind.PROCESS, mask).withMode(mode), k, k).withRelation(Relation.SELF));
                    }
                }
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(java.util.Locale.ROOT, "KindsVsReference: %d cases compared (%d opens, %d duplicates, %d self), %d decided,"
                + " %d duplicates into a trustlet refused, %d mismatches, %d ms%n", compared.sum(), OPENS, DUPLICATES, SELF,
                decided.sum(), refusedIntoTrustlet.sum(), mismatches.get(), millis);
        assertEquals(0L, mismatches.get(), () -> mismatches.get() + " cases disagree; first ones:\n  " + String.join("\n  ", shown));
        assertEquals(OPENS + DUPLICATES + SELF, compared.sum(), "cases compared");
        assertEquals(OPENS + DUPLICATES + SELF, decided.sum(), "every case is decidable: all signers have rows, kinds and Pico flags agree");
        assertEquals(DUPLICATES_INTO_TRUSTLETS, refusedIntoTrustlet.sum(), "duplicates into a trustlet refused");
    }
}
