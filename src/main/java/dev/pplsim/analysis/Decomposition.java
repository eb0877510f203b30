package dev.pplsim.analysis;

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
    private final Map<Key, KeyRun> runs = new ConcurrentHashMap<>();
    private record AccessKey(String build, ObjectKind object, int desired) {
    }

    private record AccessResult(int granted, String rule) {
    }

    private final Map<AccessKey, AccessResult> accessStage = new ConcurrentHashMap<>();
    private long engineRuns;

    public Decomposition(Simulator simulator) {
        this.simulator = simulator;
        this.explorer = new Explorer(simulator);
    }

    public Simulator simulator() { return simulator; }

    /** Rule runs made so far (keys plus access-stage probes). */
    public long engineRuns() { return engineRuns; }

    /** Runs the rules for every key not yet run, in batches. */
    public void prepare(List<Key> keys) {
        java.util.LinkedHashSet<Key> unique = new java.util.LinkedHashSet<>();
        for (Key k : keys) if (!runs.containsKey(k)) unique.add(k);
        List<Key> todo = new ArrayList<>(unique);
        if (todo.isEmpty()) return;
        List<AccessQuery> queries = new ArrayList<>(todo.size());
        Map<AccessQuery, Key> keyOf = new java.util.IdentityHashMap<>();
        for (Key k : todo) {
            AccessQuery q = k.query(0);
            queries.add(q);
            keyOf.put(q, k);
        }
        long t0 = System.nanoTime();
        List<KeyRun> results = explorer.runAll(queries, r -> summarise(keyOf.get(r.query()), r));
        for (KeyRun r : results) if (r.inputError() == null) engineRuns++;
        for (int i = 0; i < todo.size(); i++) runs.put(todo.get(i), results.get(i));
        if (Boolean.getBoolean("pplsim.timing")) { // -Dpplsim.timing=true: where an analysis spends its time
            System.err.printf("prepare: %d keys in %.2f s%n", todo.size(), (System.nanoTime() - t0) / 1e9);
        }
    }

    static KeyRun summarise(Key key, Explorer.Run run) {
        if (run.inputError() != null) return new KeyRun(key, null, null, List.of(), List.of(), run.inputError());
        List<ProtectionVerdict> verdicts = run.derived(ProtectionVerdict.class);
        if (verdicts.size() != 1) {
            throw new dev.pplsim.policy.InputException("the rules give " + verdicts.size() + " protection verdicts (expected one) for "
                    + run.query().caller() + " -> " + key.object().id() + " " + run.query().target() + ", " + key.mode().id()
                    + (key.force() ? "+force" : "") + ", " + key.relation().id() + ", build " + key.build()
                    + ": the rule set is incomplete or not deterministic; pplsim lint shows where");
        }
        List<KeyRun.VetoRow> vetoes = new ArrayList<>();
        for (Veto v : run.derived(Veto.class)) vetoes.add(new KeyRun.VetoRow(v.order(), v.mask(), ruleOf(run, v)));
        vetoes.sort(Comparator.comparingInt(KeyRun.VetoRow::order));
        List<int[]> implied = new ArrayList<>();
        for (ImpliedRight r : run.derived(ImpliedRight.class)) implied.add(new int[]{r.trigger(), r.adds()});
        ProtectionVerdict v = verdicts.get(0);
        return new KeyRun(key, v.incompatible(), ruleOf(run, v), List.copyOf(vetoes), List.copyOf(implied), null);
    }

    /** The rule that derived a fact ({@link Explorer.Run#derivedBy()} runs parallel to the derived facts). */
    private static String ruleOf(Explorer.Run run, Object fact) {
        int i = run.derived().indexOf(fact);
        return i >= 0 && i < run.derivedBy().size() ? run.derivedBy().get(i) : "?";
    }

    public KeyRun run(Key key) {
        KeyRun r = runs.get(key);
        if (r == null) {
            prepare(List.of(key));
            r = runs.get(key);
        }
        return r;
    }

    /** What the access-check stage grants for this mask (no sdGranted), read from a rule run. */
    public int accessCheck(String build, ObjectKind object, int desired) {
        return access(build, object, desired).granted();
    }

    private AccessResult access(String build, ObjectKind object, int desired) {
        AccessKey k = new AccessKey(build, object, desired);
        AccessResult cached = accessStage.get(k);
        if (cached != null) return cached;
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
        return result;
    }

    /** The decision for one key and mask, by the decision stage's arithmetic over the key's derived facts. */
    public CaseOutcome decide(Key key, int desired) {
        KeyRun run = run(key);
        if (run.inputError() != null) return null;
        AccessResult access = access(key.build(), key.object(), desired);
        int granted = access.granted();
        if (granted == 0 && desired != 0) {
            return new CaseOutcome(NtStatus.STATUS_ACCESS_DENIED, 0, run.incompatible(), access.rule());
        }
        for (KeyRun.VetoRow v : run.vetoes()) {
            if ((v.mask() & granted) != 0) return new CaseOutcome(NtStatus.STATUS_ACCESS_DENIED, 0, run.incompatible(), v.rule());
        }
        int out = granted;
        for (int[] imp : run.implied()) {
            if ((granted & imp[0]) == imp[0]) out |= imp[1];
        }
        return new CaseOutcome(NtStatus.STATUS_SUCCESS, out, run.incompatible(), null);
    }
}
