package dev.pplsim.engine.table;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Explorer;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.Stage;
import dev.pplsim.engine.Trace;
import dev.pplsim.engine.TraceStep;
import dev.pplsim.engine.fact.AccessCheckResult;
import dev.pplsim.engine.fact.ImpliedRight;
import dev.pplsim.engine.fact.OpenOutcome;
import dev.pplsim.engine.fact.ProtectionVerdict;
import dev.pplsim.engine.fact.Veto;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.request.InputException;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one table learnt from rule runs, for batches, matrices, what-if, the catalog queries and proofs alike. A
 * decision is three lookups: the protection key's run ({@link KeyRun}: what stages 12 and 40-85 derived, which never
 * read the access asked), the access-check result for the access asked ({@link AccessEntry}: stages 10-28, per
 * build, object and mask, or with the caller's token per {@link TokenAccessKey}), and the outcome the rules gave for
 * that pair ({@link CaseOutcome}). Each part is read off the trace of a rule run the first time it is met, the outcome
 * included: no stage is decided here, so an edited decision rule changes every answer the table gives.
 *
 * <p>Keys without Pico or DisallowUserTerminate live in one byte array per build, indexed by {@link #place} (the
 * key-run store's index too), holding the run's number (runs are few: dozens per build); the rest in a bounded map.
 * The exhaustive differential test and {@code TableVsRulesSdProperties} check this path against the rules.
 */
public final class DecisionTable {

    private static final int MAX_ENTRIES = 100_000;

    private final Simulator simulator;
    private final Explorer explorer;
    /** Key runs kept on disk between processes (see {@link KeyRunStore}), per build; null: none. */
    private final Path storeDir;
    private final Map<String, KeyRunStore> stores = new HashMap<>();
    private long engineRuns, fromStore;
    /** How a table decision's trace is made when an explanation asks for it: by the rules. */
    private final java.util.function.Function<AccessQuery, Trace> tracer;

    public DecisionTable(Simulator simulator) {
        this(simulator, null);
    }

    /** With {@code storeDir}, key runs and outcomes are read from and written to files there (see {@link KeyRunStore}). */
    public DecisionTable(Simulator simulator, Path storeDir) {
        this.simulator = simulator;
        this.tracer = q -> simulator.decide(q).trace();
        this.explorer = new Explorer(simulator);
        this.storeDir = storeDir;
    }

    public Simulator simulator() { return simulator; }

    // ---- the index ---------------------------------------------------------------------------------------------

    /** Protection bytes a side for a build of {@code rows} signer rows: 16 a row, so bytes without a row take no room. */
    static int side(int rows) {
        return Math.min(256, rows * 16);
    }

    /** A key's place in its build's domain: object (process, thread), caller byte, target byte, mode, force, relation. */
    static int place(int side, ObjectKind object, int caller, int target, AccessMode mode, boolean force, Relation relation) {
        return ((((object.ordinal() * side + caller) * side + target) * 2 + mode.ordinal()) * 2 + (force ? 1 : 0)) * 4 + relation.ordinal();
    }

    static int places(int side) {
        return 2 * side * side * 2 * 2 * 4;
    }

    /** Whether a key has a place: an object with an open procedure, both bytes within the side. */
    static boolean placed(int side, ObjectKind object, int caller, int target) {
        return object.ordinal() < 2 && caller < side && target < side;
    }

    static {
        // the index above assumes these orders
        if (AccessMode.values().length != 2 || Relation.values().length != 4 || ObjectKind.PROCESS.ordinal() != 0 || ObjectKind.THREAD.ordinal() != 1) {
            throw new IllegalStateException("DecisionTable's index assumes 2 modes, 4 relations, process and thread first");
        }
    }

    /** One build's dense runs and access caches, found with one lookup per decision. */
    private static final class Tables {
        final int side;
        final byte[] dense;
        final AccessCache[] caches = {new AccessCache(), new AccessCache()};

        Tables(int rows) {
            side = side(rows);
            dense = new byte[places(side)];
        }

        int place(AccessQuery q) {
            return DecisionTable.place(side, q.object(), q.caller().value(), q.target().value(), q.mode(), q.forceAccessCheck(), q.relation());
        }

        boolean holds(AccessQuery q) {
            return placed(side, q.object(), q.caller().value(), q.target().value()) && !q.callerPico() && q.targetPico() == null
                    && !q.targetDisallowUserTerminate();
        }
    }

    /**
     * The builds' tables, by name: a copy-on-write array scanned by identity first, since a run names two or three
     * builds with the same few strings; a hash map lookup was a fifth of a decision's time.
     */
    private volatile String[] tableNames = new String[0];
    private volatile Tables[] tableList = new Tables[0];

    private Tables tables(String build) {
        String[] names = tableNames;
        Tables[] list = tableList;
        int n = Math.min(names.length, list.length);
        for (int i = 0; i < n; i++) if (names[i] == build) return list[i];
        for (int i = 0; i < n; i++) if (names[i].equals(build)) return list[i];
        return null;
    }

    private Tables tablesOf(String build) {
        Tables t = tables(build);
        return t != null ? t : newTables(build);
    }

    private synchronized Tables newTables(String build) {
        Tables t = tables(build);
        if (t != null) return t;
        t = new Tables(simulator.policies().build(build).table().size());
        int n = tableNames.length;
        Tables[] list = Arrays.copyOf(tableList, n + 1);
        list[n] = t;
        String[] names = Arrays.copyOf(tableNames, n + 1);
        names[n] = build;
        // the list first: a reader takes the shorter of the two, so it never pairs a name with a missing table
        tableList = list;
        tableNames = names;
        return t;
    }

    // ---- interned runs and access entries ----------------------------------------------------------------------

    private final Map<KeyRun, KeyRun> runs = new ConcurrentHashMap<>();
    /** The runs by number, 1 up; append-only, republished whole on each addition. */
    private volatile KeyRun[] numbered = new KeyRun[1];
    private final Map<AccessEntry, AccessEntry> accessEntries = new ConcurrentHashMap<>();
    private int accessIds;

    /**
     * One object per distinct run, numbered on first sight, whether run now or read from the store. Under a lock of
     * its own: the batched runs intern on the worker threads while {@link #prepare} holds the table's.
     */
    KeyRun intern(KeyRun r) {
        KeyRun seen = runs.get(r);
        if (seen != null) return seen;
        synchronized (runs) {
            return internLocked(r);
        }
    }

    private KeyRun internLocked(KeyRun r) {
        KeyRun seen = runs.get(r);
        if (seen != null) return seen;
        r.id = numbered.length;
        KeyRun[] grown = Arrays.copyOf(numbered, numbered.length + 1);
        grown[r.id] = r;
        numbered = grown;
        runs.put(r, r);
        return r;
    }

    AccessEntry intern(AccessEntry a) {
        AccessEntry seen = accessEntries.get(a);
        if (seen != null) return seen;
        synchronized (accessEntries) {
            seen = accessEntries.get(a);
            if (seen != null) return seen;
            a.id = ++accessIds;
            accessEntries.put(a, a);
            return a;
        }
    }

    private record SparseKey(String build, ObjectKind object, int caller, int target, int modeForce, int relation,
                             boolean callerPico, dev.pplsim.model.PicoProvider targetPico, boolean dut) {
        static SparseKey of(AccessQuery q) {
            return new SparseKey(q.build(), q.object(), q.caller().value(), q.target().value(),
                    q.mode().ordinal() * 2 + (q.forceAccessCheck() ? 1 : 0), q.relation().ordinal(), q.callerPico(), q.targetPico(),
                    q.targetDisallowUserTerminate());
        }
    }

    private final Map<SparseKey, KeyRun> sparse = new ConcurrentHashMap<>();

    private KeyRun run(AccessQuery q, Tables t) {
        if (t != null && t.holds(q)) {
            int id = t.dense[t.place(q)] & 0xFF;
            // a racing reader may see a number before the array that holds it: a miss, and the rules decide
            KeyRun[] all = numbered;
            if (id != 0 && id < all.length) return all[id];
        }
        return sparse.isEmpty() ? null : sparse.get(SparseKey.of(q));
    }

    private void keep(AccessQuery q, KeyRun r) {
        Tables t = tablesOf(q.build());
        if (t.holds(q) && r.id <= 255) {
            t.dense[t.place(q)] = (byte) r.id;
        } else {
            if (sparse.size() >= MAX_ENTRIES) sparse.clear();
            sparse.put(SparseKey.of(q), r);
        }
    }

    // ---- access entries ------------------------------------------------------------------------------------------

    private record AccessKey(String build, ObjectKind object, int desired, Integer sdGranted) {
    }

    /**
     * Everything the security-descriptor stage (stages 10-28) reads of an open with the caller's token: the access
     * asked, the effective mode's inputs, the caller's trust SID (stage 24 reads the caller's protection only through
     * the trust-level table, so bytes with the same SID, or none, share entries), the token, and the object's
     * descriptor as assigned (the given one mapped, or the target token's default).
     */
    private record TokenAccessKey(String build, ObjectKind object, int desired, AccessMode mode, boolean force, Sid callerTrust,
                                  Integer sdGranted, Token token, SecurityDescriptor sd) {
    }

    private final Map<AccessKey, AccessEntry> access = new ConcurrentHashMap<>();
    private final Map<TokenAccessKey, AccessEntry> tokenAccess = new ConcurrentHashMap<>();

    /**
     * A direct-mapped cache of a build's access entries by mask (no sdGranted); each slot holds one immutable (desired,
     * entry) pair, so a reader racing a writer sees either the old pair or the new one.
     */
    private static final class AccessCache {
        private static final int SIZE = 1024;

        private record Slot(int desired, AccessEntry entry) {
        }

        private final Slot[] slots = new Slot[SIZE];

        private static int slot(int d) {
            int h = d * 0x9E3779B1;
            return (h ^ (h >>> 16)) & (SIZE - 1);
        }

        AccessEntry get(int d) {
            Slot s = slots[slot(d)];
            return s != null && s.desired() == d ? s.entry() : null;
        }

        void put(int d, AccessEntry e) {
            slots[slot(d)] = new Slot(d, e);
        }
    }

    private AccessEntry accessEntry(AccessQuery q, Tables t) {
        if (q.token() != null) {
            TokenAccessKey k = tokenKey(q);
            return k == null ? null : tokenAccess.get(k);
        }
        if (q.sdGranted() == null && t != null) {
            AccessEntry e = t.caches[q.object().ordinal()].get(q.desired());
            if (e != null) return e;
        }
        AccessEntry e = access.get(new AccessKey(q.build(), q.object(), q.desired(), q.sdGranted()));
        if (e != null && q.sdGranted() == null && t != null) t.caches[q.object().ordinal()].put(q.desired(), e);
        return e;
    }

    private void keep(AccessQuery q, AccessEntry e) {
        if (q.token() == null) {
            if (access.size() >= MAX_ENTRIES) access.clear();
            access.put(new AccessKey(q.build(), q.object(), q.desired(), q.sdGranted()), e);
        } else {
            TokenAccessKey k = tokenKey(q);
            if (k == null) return;
            if (tokenAccess.size() >= MAX_ENTRIES) tokenAccess.clear();
            tokenAccess.put(k, e);
        }
    }

    /** The key of the access check's result, or null when the query cannot be decided (the rules then say why). */
    private TokenAccessKey tokenKey(AccessQuery q) {
        SecurityDescriptor sd;
        try {
            sd = simulator.descriptor(q, simulator.policies().build(q.build()));
        } catch (RuntimeException e) {
            return null;
        }
        return new TokenAccessKey(q.build(), q.object(), q.desired(), q.mode(), q.forceAccessCheck(),
                simulator.security().trustLevels().trustSid(q.caller()), q.sdGranted(), q.token(), sd);
    }

    // ---- reading a rule run --------------------------------------------------------------------------------------

    /** What stages 12 and 40-85 derived in a run; an InputException when the rules gave no single verdict. */
    static KeyRun protectionOf(Trace trace, AccessQuery q) {
        List<ProtectionVerdict> verdicts = trace.derived(ProtectionVerdict.class);
        if (verdicts.size() != 1) {
            throw new InputException("the rules give " + verdicts.size() + " protection verdicts (expected one) for "
                    + q.caller() + " -> " + q.object().id() + " " + q.target() + ", " + q.mode().id()
                    + (q.forceAccessCheck() ? "+force" : "") + ", " + q.relation().id() + ", build " + q.build()
                    + ": the rule set is incomplete or not deterministic; pplsim lint shows where");
        }
        List<String> modeRules = new ArrayList<>(), protectionRules = new ArrayList<>();
        for (TraceStep s : trace.steps()) {
            int stage = s.stage().number();
            if (stage == Stage.ACCESS_MODE.number()) modeRules.add(s.ruleId());
            else if (stage > Stage.ACCESS_CHECK_RESULT.number() && stage < Stage.DECISION.number()) protectionRules.add(s.ruleId());
        }
        List<KeyRun.VetoRow> vetoes = new ArrayList<>();
        for (Veto v : trace.derived(Veto.class)) vetoes.add(new KeyRun.VetoRow(v.order(), v.mask(), v.status(), trace.derivedBy(v)));
        // in the kernel's order, as the decision stage reads them
        vetoes.sort(Comparator.comparingInt(KeyRun.VetoRow::order));
        List<KeyRun.Implied> implied = new ArrayList<>();
        for (ImpliedRight r : trace.derived(ImpliedRight.class)) implied.add(new KeyRun.Implied(r.trigger(), r.adds()));
        ProtectionVerdict v = verdicts.get(0);
        return new KeyRun(v.incompatible(), trace.derivedBy(v), vetoes, implied, modeRules, protectionRules, null);
    }

    /** What stages 10-28 derived in a run, or null when the access check gave no single result. */
    static AccessEntry accessOf(Trace trace) {
        List<AccessCheckResult> results = trace.derived(AccessCheckResult.class);
        if (results.size() != 1) return null;
        List<String> mappingRules = new ArrayList<>(), accessRules = new ArrayList<>();
        for (TraceStep s : trace.steps()) {
            int stage = s.stage().number();
            if (stage == Stage.GENERIC_MAPPING.number()) mappingRules.add(s.ruleId());
            else if (stage > Stage.ACCESS_MODE.number() && stage <= Stage.ACCESS_CHECK_RESULT.number()) accessRules.add(s.ruleId());
        }
        AccessCheckResult r = results.get(0);
        return new AccessEntry(r.granted(), r.refused(), r.status(), trace.derivedBy(r), mappingRules, accessRules);
    }

    /**
     * What the decision stage gave in a run: its outcome, the rule that fired, and for a refusal the rule that derived
     * the fact it refused on (a veto, else the access check's result). Null when the run reached no single outcome.
     */
    private static CaseOutcome outcomeOf(Trace trace, KeyRun run, AccessEntry access) {
        List<OpenOutcome> outcomes = trace.derived(OpenOutcome.class);
        if (outcomes.size() != 1) return null;
        OpenOutcome o = outcomes.get(0);
        String decisionRule = null, decisive = null;
        for (TraceStep s : trace.steps()) {
            if (!s.derived().contains(o)) continue;
            decisionRule = s.ruleId();
            if (o.status().isSuccess()) break;
            for (Object m : s.matched()) if (m instanceof Veto v) decisive = trace.derivedBy(v);
            if (decisive == null) for (Object m : s.matched()) if (m instanceof AccessCheckResult a) decisive = trace.derivedBy(a);
        }
        return outcome(run, access, o.status(), o.granted(), decisive, decisionRule);
    }

    /** An outcome of this pair, with the pair's rules list. */
    static CaseOutcome outcome(KeyRun run, AccessEntry access, dev.pplsim.model.NtStatus status, int granted, String rule, String decisionRule) {
        return new CaseOutcome(status, granted, Boolean.TRUE.equals(run.incompatible()), rule, decisionRule, new Joined(access, run, decisionRule));
    }

    /** The rule ids of the stages in firing order (mapping, mode, access check, protection) and the decision, as one list. */
    private static final class Joined extends AbstractList<String> {
        private final AccessEntry access;
        private final KeyRun protection;
        private final String last;

        Joined(AccessEntry access, KeyRun protection, String last) {
            this.access = access;
            this.protection = protection;
            this.last = last;
        }

        @Override
        public String get(int i) {
            // no list of the parts per call: a batch reads every id of every decision
            List<String> p = access.mappingRules();
            if (i < p.size()) return p.get(i);
            i -= p.size();
            p = protection.modeRules();
            if (i < p.size()) return p.get(i);
            i -= p.size();
            p = access.accessRules();
            if (i < p.size()) return p.get(i);
            i -= p.size();
            p = protection.protectionRules();
            if (i < p.size()) return p.get(i);
            if (i == p.size()) return last;
            throw new IndexOutOfBoundsException(i);
        }

        @Override
        public int size() {
            return access.mappingRules().size() + protection.modeRules().size() + access.accessRules().size()
                    + protection.protectionRules().size() + 1;
        }
    }

    /**
     * Whether a decision's rules list is one the table shares between decisions of the same outcome: a consumer may
     * then keep what it derives from the decision (a batch its output line) by that list's identity.
     */
    public static boolean shared(List<String> rules) {
        return rules instanceof Joined;
    }

    // ---- deciding a query ----------------------------------------------------------------------------------------

    /**
     * Whether the table can hold this query's decision: an open of a process or thread, by protection alone or with
     * the caller's token. A duplicate, a debugger attach and a token object go to the rules (which also make their
     * input checks), as does a process of another kind than normal (its explanation facts are the rules').
     */
    public static boolean covers(AccessQuery q) {
        return q.sourceAccess() == null && q.operation() == Operation.OPEN && q.object().hasOpenProcedure() && q.normalKinds()
                && (q.token() != null || (q.sd() == null && q.targetToken() == null));
    }

    /**
     * The same decision as {@link Simulator#decide}. From the table, its trace is made by running the rules when it is
     * first asked for, so an explanation of a table decision is the one the rules give.
     */
    public Decision decide(AccessQuery q) {
        if (!covers(q)) return simulator.decide(q);
        Tables t = tables(q.build());
        KeyRun run = run(q, t);
        AccessEntry a = run == null ? null : accessEntry(q, t);
        CaseOutcome o = a == null ? null : run.outcome(a);
        if (o == null) return learn(q);
        return new Decision(q, o.status(), o.granted(), o.rules(), tracer, Simulator.warnings(q));
    }

    /** Runs the rules for this query and keeps what they derived: its key's run, its access entry and their outcome. */
    private Decision learn(AccessQuery q) {
        Decision d = simulator.decide(q);
        KeyRun run;
        try {
            run = intern(protectionOf(d.trace(), q));
        } catch (InputException e) {
            return d; // the rules decided it, but not as a table can hold: it is answered by the rules each time
        }
        AccessEntry a = accessOf(d.trace());
        if (a == null) return d;
        a = intern(a);
        CaseOutcome o = outcomeOf(d.trace(), run, a);
        if (o == null) return d;
        run.learnt(a, o);
        keep(q, run);
        keep(q, a);
        return d;
    }

    // ---- creations (spec §12) -------------------------------------------------------------------------------------

    /** Creations learnt so far, by request; bounded like the map of odd keys (emptied when full). */
    private final Map<dev.pplsim.model.CreateQuery, dev.pplsim.engine.Creation> creations = new ConcurrentHashMap<>();
    /** The rule lists of learnt creations, each kept once. */
    private final Map<List<String>, List<String>> creationRules = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder creationRuns = new java.util.concurrent.atomic.LongAdder();

    /** {@link #create(dev.pplsim.model.CreateQuery, boolean)}, remembering the answer. */
    public dev.pplsim.engine.Creation create(dev.pplsim.model.CreateQuery q) {
        return create(q, true);
    }

    /**
     * The creation the rules decide for {@code q}: run once and, with {@code remember}, kept for the next time it is
     * asked. Nothing of it is computed here; the kept answer has no trace (its explanation is the rules' own, from
     * {@link Simulator#create}). A proof passes {@code remember=false} for requests it meets once.
     */
    public dev.pplsim.engine.Creation create(dev.pplsim.model.CreateQuery q, boolean remember) {
        dev.pplsim.engine.Creation known = creations.get(q);
        if (known != null) return known;
        dev.pplsim.engine.Creation c = simulator.create(q);
        creationRuns.increment();
        List<String> rules = creationRules.computeIfAbsent(c.rules(), r -> r);
        c = new dev.pplsim.engine.Creation(q, c.status(), c.child(), c.signatureLevel(), c.sectionLevel(), c.processAccess(),
                c.threadAccess(), c.debugPort(), c.reason(), rules, null, c.kind());
        if (remember) {
            if (creations.size() >= MAX_ENTRIES) creations.clear();
            creations.put(q, c);
        }
        return c;
    }

    /** Creations the rules were run for. */
    public long creationRuns() { return creationRuns.sum(); }

    // ---- enumerations: prove, matrices, what-if ------------------------------------------------------------------

    /** Rule runs made so far (keys, access probes and outcomes), and keys whose runs were read from the store. */
    public long engineRuns() { return engineRuns; }

    public long fromStore() { return fromStore; }

    /** What kept a store file from being read, if anything did. */
    public List<String> storeNotes() {
        return stores.values().stream().map(KeyRunStore::note).filter(java.util.Objects::nonNull).toList();
    }

    private synchronized KeyRunStore store(String build) {
        return stores.computeIfAbsent(build, b -> KeyRunStore.open(storeDir, simulator, b, this));
    }


    /** The run of every key whose signer has no row in its build's table: such keys take no room. */
    private final KeyRun noRow = intern(KeyRun.undecidable(Explorer.NO_ROW));
    /** Marks a key {@link #prepare} is running, so a key asked twice in one call runs once. */
    private final KeyRun pending = intern(KeyRun.undecidable("pending"));

    private KeyRun cached(Key k) {
        Tables t = tablesOf(k.build());
        if (k.caller() >= t.side || k.target() >= t.side) return noRow;
        if (k.object().ordinal() >= 2) return run(k.query(0), t);
        // a key has no Pico and no DisallowUserTerminate: its place, without making its query (a proof asks millions)
        int id = t.dense[place(t.side, k.object(), k.caller(), k.target(), k.mode(), k.force(), k.relation())] & 0xFF;
        KeyRun[] all = numbered;
        if (id != 0 && id < all.length) return all[id];
        return sparse.isEmpty() ? null : sparse.get(SparseKey.of(k.query(0)));
    }

    private void cache(Key k, KeyRun r) {
        Tables t = tablesOf(k.build());
        if (k.caller() >= t.side || k.target() >= t.side) return;
        AccessQuery q = k.query(0);
        if (r != null) {
            keep(q, r);
            return;
        }
        if (t.holds(q)) t.dense[t.place(q)] = 0;
        else sparse.remove(SparseKey.of(q));
    }

    /** Runs the rules, in batches on every core, for every key not yet run (nor kept in the store). */
    public synchronized void prepare(List<Key> keys) {
        List<Key> todo = new ArrayList<>();
        try {
            for (Key k : keys) {
                if (cached(k) != null) continue;
                KeyRun stored = storeDir == null ? null : store(k.build()).get(k);
                if (stored != null) {
                    cache(k, stored);
                    fromStore++;
                } else {
                    cache(k, pending);
                    todo.add(k);
                }
            }
            if (todo.isEmpty()) return;
            List<AccessQuery> queries = new ArrayList<>(todo.size());
            for (Key k : todo) queries.add(k.query(0));
            // in input order, each reduced to its run as its chunk fires
            List<KeyRun> results = explorer.runAll(queries, r -> intern(r.inputError() != null ? KeyRun.undecidable(r.inputError())
                    : protectionOf(r.trace(), r.query())));
            for (int i = 0; i < todo.size(); i++) {
                KeyRun r = results.get(i);
                if (r.inputError() == null) engineRuns++;
                cache(todo.get(i), r);
                if (storeDir != null) store(todo.get(i).build()).put(todo.get(i), r);
            }
            todo.clear();
        } finally {
            for (Key k : todo) cache(k, null); // the rules failed: nothing is left marked as running
        }
    }

    /** The key's run, made now when it was not prepared. */
    public KeyRun run(Key key) {
        KeyRun r = cached(key);
        if (r == null || r == pending) {
            prepare(List.of(key));
            synchronized (this) {
                r = cached(key);
            }
        }
        return r;
    }

    /** The access-check stage's result for this mask (no token, no sdGranted), read from a rule run once and kept. */
    public AccessEntry access(String build, ObjectKind object, int desired) {
        AccessKey k = new AccessKey(build, object, desired, null);
        AccessEntry cached = access.get(k);
        if (cached != null) return cached;
        if (storeDir != null) {
            AccessEntry stored = store(build).access(object, desired);
            if (stored != null) {
                access.put(k, stored);
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
        AccessEntry result = accessOf(run.trace());
        if (result == null) throw new IllegalStateException("no single access-check result for " + probe);
        result = intern(result);
        access.put(k, result);
        if (storeDir != null) store(build).putAccess(object, desired, result);
        return result;
    }

    /**
     * Learns, in batches on every core, the outcome of each key's run with each of its masks' access-check results
     * that is not known yet: one rule run per distinct pair, read off its trace. {@code masks.get(i)} are the masks
     * asked of {@code keys.get(i)}.
     */
    public synchronized void prepareOutcomes(List<Key> keys, List<int[]> masks) {
        Map<Long, Key> pairs = new java.util.LinkedHashMap<>();
        Map<Long, Integer> desired = new HashMap<>();
        // the masks' access entries by build, object and masks (the same array object for many keys), looked up once
        record Asked(String build, ObjectKind object, int[] masks) {
        }
        Map<Asked, AccessEntry[]> entries = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            KeyRun r = run(k);
            if (r.inputError() != null) continue;
            int[] ms = masks.get(i);
            AccessEntry[] as = entries.computeIfAbsent(new Asked(k.build(), k.object(), ms), x -> {
                AccessEntry[] e = new AccessEntry[ms.length];
                for (int j = 0; j < ms.length; j++) e[j] = access(k.build(), k.object(), ms[j]);
                return e;
            });
            for (int j = 0; j < ms.length; j++) {
                if (r.outcome(as[j]) != null) continue;
                long pair = ((long) r.id << 32) | as[j].id;
                if (pairs.putIfAbsent(pair, k) == null) desired.put(pair, ms[j]);
            }
        }
        if (pairs.isEmpty()) return;
        List<Long> order = new ArrayList<>(pairs.keySet());
        List<AccessQuery> queries = new ArrayList<>(order.size());
        for (long p : order) queries.add(pairs.get(p).query(desired.get(p)));
        List<Explorer.Run> results = explorer.runAll(queries);
        engineRuns += results.size();
        for (int i = 0; i < order.size(); i++) {
            Key k = pairs.get(order.get(i));
            learnt(k, run(k), access(k.build(), k.object(), desired.get(order.get(i))), results.get(i));
        }
    }

    /** Keeps the outcome a run of the pair's query gave, after checking the run shows the same pair. */
    private void learnt(Key k, KeyRun run, AccessEntry a, Explorer.Run r) {
        if (r.inputError() != null) throw new IllegalStateException(r.inputError());
        // the table's premise, checked on every run it learns from: the key's run and the mask's result are
        // what this query derived too
        if (intern(protectionOf(r.trace(), r.query())) != run || intern(accessOf(r.trace())) != a) {
            throw new IllegalStateException("the rules derived for " + r.query() + " other facts than its key's run and its mask's "
                    + "access check: a stage read what the table assumes it does not (spec §3.1)");
        }
        CaseOutcome o = outcomeOf(r.trace(), run, a);
        if (o == null) throw new IllegalStateException("the rules reached no single decision for " + r.query() + "; pplsim lint shows where");
        run.learnt(a, o);
        if (storeDir != null) store(k.build()).putOutcome(run, k.object(), r.query().desired(), o);
    }

    /** The outcome of a prepared key's run with a mask's access-check result, learnt by a rule run when not yet known. */
    public CaseOutcome outcome(Key k, KeyRun run, AccessEntry a, int desired) {
        CaseOutcome o = run.outcome(a);
        if (o != null) return o;
        prepareOutcomes(List.of(k), List.<int[]>of(new int[]{desired}));
        return run.outcome(a);
    }

    /** The decision for one key and mask (null when the key cannot be decided). */
    public CaseOutcome decide(Key key, int desired) {
        KeyRun run = run(key);
        if (run.inputError() != null) return null;
        return outcome(key, run, access(key.build(), key.object(), desired), desired);
    }

    /**
     * Writes the key runs and outcomes this process added to the store, for the next process; a store that cannot be
     * written only makes the next run slower, and says so on stderr.
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
}
