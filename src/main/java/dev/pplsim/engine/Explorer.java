package dev.pplsim.engine;

import dev.pplsim.engine.fact.Derived;
import dev.pplsim.engine.fact.OpenRequest;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.policy.Build;
import dev.pplsim.request.InputException;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs many queries through the rules at once, for the analyses (prove, lint) that enumerate a domain: queries
 * are inserted a chunk at a time and fired together, on one session per worker thread, and each query's
 * firings and derived facts are kept raw, so a request that reaches no decision or two is reported, not
 * thrown.
 */
public final class Explorer {

    private static final int CHUNK = 64;
    /** The input error of a query whose caller or target signer has no row in its build's table. */
    public static final String NO_ROW = "a signer without a row in the build's RtlProtectedAccess table";

    /**
     * What the rules did for one query: every firing, recorded by the same listener as a single decision's, or the
     * input error that kept it from the rules. A run may reach no decision or two (lint reports them), so it is not a
     * {@link Decision}.
     */
    public record Run(AccessQuery query, Trace trace, String inputError) {

        /** The rule ids that fired, in firing order. */
        public List<String> rules() {
            return trace.ruleIds();
        }

        /** Every fact derived for the query, in firing order. */
        public List<Derived> derived() {
            return trace.derived(Derived.class);
        }

        /** The rule that derived each of {@link #derived()}, position by position. */
        public List<String> derivedBy() {
            List<String> out = new ArrayList<>();
            for (TraceStep s : trace.steps()) {
                for (Object o : s.derived()) if (o instanceof Derived) out.add(s.ruleId());
            }
            return out;
        }

        public <T> List<T> derived(Class<T> type) {
            return trace.derived(type);
        }
    }

    private static final Trace NONE = new Trace(List.of());

    private final Simulator simulator;

    public Explorer(Simulator simulator) {
        this.simulator = simulator;
    }

    /** Every query's run, in input order; queries may name different builds. */
    public List<Run> runAll(List<AccessQuery> queries) {
        return runAll(queries, r -> r);
    }

    /**
     * Every query's run, reduced by {@code summary} as soon as its chunk has fired, so that the derived facts of
     * millions of runs are never held at once.
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> runAll(List<AccessQuery> queries, java.util.function.Function<Run, T> summary) {
        Object[] out = new Object[queries.size()];
        // chunks of alike queries (same build, mode, force, relation, object) fire several times faster than mixed
        // ones (measured: 35k against 15k runs/s when user and kernel mode requests share a session); bucket them
        // in one linear pass, keeping input order within a bucket
        Map<List<Object>, List<Integer>> buckets = new java.util.LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            AccessQuery q = queries.get(i);
            buckets.computeIfAbsent(List.of(q.build(), q.mode(), q.forceAccessCheck(), q.relation(), q.object()), k -> new ArrayList<>()).add(i);
        }
        int[] order = new int[queries.size()];
        int next = 0;
        for (List<Integer> b : buckets.values()) for (int i : b) order[next++] = i;
        int chunks = (queries.size() + CHUNK - 1) / CHUNK;
        dev.pplsim.io.Progress.expect(queries.size());
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Map<String, Worker> workers = this.workers.get();
            int from = c * CHUNK, to = Math.min(queries.size(), from + CHUNK);
            Map<String, List<Integer>> byBuild = new HashMap<>();
            for (int o = from; o < to; o++) {
                int i = order[o];
                AccessQuery q = queries.get(i);
                try {
                    Build b = simulator.policies().build(q.build());
                    if (!Simulator.hasRows(q, b)) {
                        // most of an enumerated domain: say it without building a message per query
                        out[i] = summary.apply(new Run(q, NONE, NO_ROW));
                        continue;
                    }
                    Simulator.check(q, b);
                    byBuild.computeIfAbsent(b.name(), n -> new ArrayList<>()).add(i);
                } catch (InputException e) {
                    out[i] = summary.apply(new Run(q, NONE, e.getMessage()));
                }
            }
            byBuild.forEach((name, idx) -> workers.computeIfAbsent(name, n -> new Worker(simulator.policies().build(n))).run(queries, idx, out, summary));
            dev.pplsim.io.Progress.done(to - from);
        });
        return (List<T>) java.util.Arrays.asList(out);
    }

    /** Each thread's sessions of this explorer, one per build; they go with the explorer (no static cache). */
    private final ThreadLocal<Map<String, Worker>> workers = ThreadLocal.withInitial(HashMap::new);

    /** One thread's session for one build, recording firings per request. */
    private final class Worker {
        private final KieSession kie;
        private final TraceRecorder recorder;

        Worker(Build build) {
            kie = simulator.rules().kieBase(RuleBase.Kind.OPEN).newKieSession();
            recorder = new TraceRecorder(simulator.rules(), kie);
            simulator.insertPolicy(kie, build);
        }

        <T> void run(List<AccessQuery> queries, List<Integer> idx, Object[] out, java.util.function.Function<Run, T> summary) {
            List<FactHandle> handles = new ArrayList<>(idx.size());
            List<OpenRequest> requests = new ArrayList<>(idx.size());
            for (int i : idx) {
                OpenRequest r = simulator.toRequest(queries.get(i));
                requests.add(r);
                handles.add(kie.insert(r));
            }
            kie.fireAllRules();
            for (FactHandle h : handles) kie.delete(h);
            kie.fireAllRules();
            for (int k = 0; k < idx.size(); k++) {
                out[idx.get(k)] = summary.apply(new Run(queries.get(idx.get(k)), recorder.trace(requests.get(k)), null));
            }
            recorder.reset();
        }
    }
}
