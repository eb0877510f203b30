package dev.pplsim.engine.table;

import dev.pplsim.engine.Explorer;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.fact.AccessCheckResult;
import dev.pplsim.engine.fact.ImpliedRight;
import dev.pplsim.engine.fact.ProtectionVerdict;
import dev.pplsim.engine.fact.Veto;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides many cases with few rule runs. The rules run once per {@link Key} with nothing asked, and their derived
 * facts (verdict, vetoes, implied rights) are kept; the access-check stage's result is read from one run per
 * (build, object, mask). A case is then decided as the decision stage does it: refused when the access check
 * granted nothing, or at the first veto the granted rights touch; else granted plus the implied rights held.
 * That this equals running the rules per case is what DecompositionSoundnessProperties checks.
 */
public final class Decomposition {

    private final Simulator simulator;
    private final Explorer explorer;
    /**
     * Key runs by the key's place in its build's domain (the store's index), in chunks of one object and caller
     * byte made on first use: an enumeration of millions of cases looks up a key by arithmetic, not by hashing a
     * record (measured: a third of a proof from the store went to hash-map lookups and resizing). Keys of other
     * objects are kept by key.
     */
    private final Map<String, KeyRun[][]> byPlace = new ConcurrentHashMap<>();
    private final Map<Key, KeyRun> others = new ConcurrentHashMap<>();
    /** Marks a key {@link #prepare} is running, so a key asked twice in one call runs once. */
    private static final KeyRun PENDING = new KeyRun(null, null, List.of(), List.of(), "pending");
    private record AccessKey(String build, ObjectKind object, int desired) {
    }

    /** What the access-check stage granted for one (build, object, mask), and the rule that gave it. */
    public record AccessResult(int granted, String rule) {
    }

    private final Map<AccessKey, AccessResult> accessStage = new ConcurrentHashMap<>();
    private long engineRuns;

    /** Key runs kept on disk between processes (see {@link KeyRunStore}), per build; null: none. */
    private final Path storeDir;
    private final Map<String, KeyRunStore> stores = new java.util.HashMap<>();
    private long fromStore;

    public Decomposition(Simulator simulator) {
        this(simulator, null);
    }

    /** With {@code storeDir}, key runs are read from and written to files there, keyed by the rules' and build's digest. */
    public Decomposition(Simulator simulator, Path storeDir) {
        this.simulator = simulator;
        this.explorer = new Explorer(simulator);
        this.storeDir = storeDir;
    }

    /** Keys whose runs were read from the store rather than run. */
    public long fromStore() { return fromStore; }

    /** What kept a store file from being read, if anything did. */
    public List<String> storeNotes() {
        return stores.values().stream().map(KeyRunStore::note).filter(java.util.Objects::nonNull).toList();
    }

    private synchronized KeyRunStore store(String build) {
        return stores.computeIfAbsent(build, b -> KeyRunStore.open(storeDir, simulator, b, this::intern));
    }

    public Simulator simulator() { return simulator; }

    /** Rule runs made so far (keys plus access-stage probes). */
    public long engineRuns() { return engineRuns; }

    /** Runs the rules for every key not yet run, in batches. */
    public synchronized void prepare(List<Key> keys) {
        List<Key> todo = new ArrayList<>();
        try {
            for (Key k : keys) {
                if (cached(k) != null) continue;
                KeyRun stored = storeDir == null ? null : storeOf(k).get(k);
                if (stored != null) {
                    cache(k, stored);
                    fromStore++;
                } else {
                    cache(k, PENDING);
                    todo.add(k);
                }
            }
            if (todo.isEmpty()) return;
            List<AccessQuery> queries = new ArrayList<>(todo.size());
            for (Key k : todo) queries.add(k.query(0));
            long t0 = System.nanoTime();
            // in input order, each reduced to its summary as its chunk fires
            List<KeyRun> results = explorer.runAll(queries, r -> intern(summarise(Key.of(r.query()), r)));
            for (int i = 0; i < todo.size(); i++) {
                if (results.get(i).inputError() == null) engineRuns++;
                cache(todo.get(i), results.get(i));
                if (storeDir != null) storeOf(todo.get(i)).put(todo.get(i), results.get(i));
            }
            todo.clear();
            if (Boolean.getBoolean("pplsim.timing")) { // -Dpplsim.timing=true: where an analysis spends its time
                System.err.printf("prepare: %d keys in %.2f s%n", queries.size(), (System.nanoTime() - t0) / 1e9);
            }
        } finally {
            for (Key k : todo) cache(k, null); // the rules failed: nothing is left marked as running
        }
    }

    /**
     * One object per distinct run, whether run now or read from the store, so that a build's keys share a few dozen
     * (and an analysis may compare them by identity).
     */
    private final Map<KeyRun, KeyRun> distinct = new ConcurrentHashMap<>();

    private KeyRun intern(KeyRun r) {
        KeyRun seen = distinct.putIfAbsent(r, r);
        return seen != null ? seen : r;
    }

    private KeyRun cached(Key k) {
        if (!KeyRunStore.stores(k)) return others.get(k);
        KeyRun[][] chunks = byPlace.get(k.build());
        if (chunks == null) return null;
        int p = KeyRunStore.placeOf(k);
        KeyRun[] chunk = chunks[p >>> CHUNK_BITS];
        return chunk == null ? null : chunk[p & (CHUNK - 1)];
    }

    private void cache(Key k, KeyRun r) {
        if (!KeyRunStore.stores(k)) {
            if (r == null) others.remove(k);
            else others.put(k, r);
            return;
        }
        KeyRun[][] chunks = byPlace.computeIfAbsent(k.build(), b -> new KeyRun[KeyRunStore.PLACES >>> CHUNK_BITS][]);
        int p = KeyRunStore.placeOf(k);
        KeyRun[] chunk = chunks[p >>> CHUNK_BITS];
        if (chunk == null) chunks[p >>> CHUNK_BITS] = chunk = new KeyRun[CHUNK];
        chunk[p & (CHUNK - 1)] = r;
    }

    /** A chunk is one object and caller byte: 256 targets x 2 modes x 2 forces x 4 relations. */
    private static final int CHUNK_BITS = 12, CHUNK = 1 << CHUNK_BITS;

    private KeyRunStore storeOf(Key k) {
        return store(k.build());
    }

    /**
     * Writes the key runs this process added to the store, for the next process; a store that cannot be written
     * only makes the next run slower, and says so on stderr.
     */
    public void keep() {
        if (storeDir == null) return;
        for (KeyRunStore s : stores.values()) {
            try {
                s.save();
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println("pplsim: could not keep key runs in " + storeDir + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); the next proof runs the rules again");
            }
        }
    }

    static KeyRun summarise(Key key, Explorer.Run run) {
        if (run.inputError() != null) return new KeyRun(null, null, List.of(), List.of(), run.inputError());
        List<ProtectionVerdict> verdicts = run.derived(ProtectionVerdict.class);
        if (verdicts.size() != 1) {
            throw new dev.pplsim.request.InputException("the rules give " + verdicts.size() + " protection verdicts (expected one) for "
                    + run.query().caller() + " -> " + key.object().id() + " " + run.query().target() + ", " + key.mode().id()
                    + (key.force() ? "+force" : "") + ", " + key.relation().id() + ", build " + key.build()
                    + ": the rule set is incomplete or not deterministic; pplsim lint shows where");
        }
        List<KeyRun.VetoRow> vetoes = new ArrayList<>();
        for (Veto v : run.derived(Veto.class)) vetoes.add(new KeyRun.VetoRow(v.order(), v.mask(), ruleOf(run, v)));
        vetoes.sort(Comparator.comparingInt(KeyRun.VetoRow::order));
        List<KeyRun.Implied> implied = new ArrayList<>();
        for (ImpliedRight r : run.derived(ImpliedRight.class)) implied.add(new KeyRun.Implied(r.trigger(), r.adds()));
        ProtectionVerdict v = verdicts.get(0);
        return new KeyRun(v.incompatible(), ruleOf(run, v), List.copyOf(vetoes), List.copyOf(implied), null);
    }

    /** The rule that derived a fact of the run. */
    private static String ruleOf(Explorer.Run run, Object fact) {
        String by = run.trace().derivedBy(fact);
        return by != null ? by : "?";
    }

    public KeyRun run(Key key) {
        KeyRun r = cached(key);
        if (r == null || r == PENDING) {
            prepare(List.of(key));
            synchronized (this) {
                r = cached(key);
            }
        }
        return r;
    }

    /** What the access-check stage grants for this mask (no sdGranted), read from a rule run. */
    public int accessCheck(String build, ObjectKind object, int desired) {
        return access(build, object, desired).granted();
    }

    /** The access-check stage's result for this mask (no sdGranted), read from a rule run once and kept. */
    public AccessResult access(String build, ObjectKind object, int desired) {
        AccessKey k = new AccessKey(build, object, desired);
        AccessResult cached = accessStage.get(k);
        if (cached != null) return cached;
        if (storeDir != null) {
            AccessResult stored = store(build).access(object, desired);
            if (stored != null) {
                accessStage.put(k, stored);
                return stored;
            }
        }
        AccessQuery probe = new AccessQuery(PsProtection.NONE, false, PsProtection.NONE, object, desired, AccessMode.USER,
                false, Relation.NONE, build, null, null, false);
        Explorer.Run run = explorer.runAll(List.of(probe)).get(0);
        synchronized (this) {
            engineRuns++;
        }
        if (run.inputError() != null) throw new IllegalStateException(run.inputError());
        List<AccessCheckResult> r = run.derived(AccessCheckResult.class);
        if (r.size() != 1) throw new IllegalStateException(r.size() + " access-check results for " + probe);
        AccessResult result = new AccessResult(r.get(0).granted(), ruleOf(run, r.get(0)));
        accessStage.put(k, result);
        if (storeDir != null) store(build).putAccess(object, desired, result);
        return result;
    }

    /** The decision for one key and mask, by the decision stage's arithmetic over the key's derived facts. */
    public CaseOutcome decide(Key key, int desired) {
        KeyRun run = run(key);
        if (run.inputError() != null) return null;
        return decide(run, access(key.build(), key.object(), desired), desired);
    }

    /**
     * As {@link #decide(Key, int)}, from the key's run and the mask's access-check result already at hand: an
     * enumeration over millions of cases looks each up once per key and once per mask, not once per case.
     */
    public static CaseOutcome decide(KeyRun run, AccessResult access, int desired) {
        int granted = access.granted();
        if (granted == 0 && desired != 0) {
            return new CaseOutcome(NtStatus.STATUS_ACCESS_DENIED, 0, run.incompatible(), access.rule());
        }
        List<KeyRun.VetoRow> vetoes = run.vetoes();
        for (int i = 0, n = vetoes.size(); i < n; i++) {
            KeyRun.VetoRow v = vetoes.get(i);
            if ((v.mask() & granted) != 0) return new CaseOutcome(NtStatus.STATUS_ACCESS_DENIED, 0, run.incompatible(), v.rule());
        }
        int out = granted;
        List<KeyRun.Implied> implied = run.implied();
        for (int i = 0, n = implied.size(); i < n; i++) {
            KeyRun.Implied imp = implied.get(i);
            if ((granted & imp.trigger()) == imp.trigger()) out |= imp.adds();
        }
        return new CaseOutcome(NtStatus.STATUS_SUCCESS, out, run.incompatible(), null);
    }
}
