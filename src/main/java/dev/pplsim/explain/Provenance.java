package dev.pplsim.explain;

import dev.pplsim.engine.Stage;
import dev.pplsim.engine.Trace;
import dev.pplsim.engine.TraceStep;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The firings a decision depends on: start at the last firing (the decision) and follow every fact it matched
 * back to the firing that derived it. The protection stages (40-70) are always kept: a success depends on the
 * vetoes that were never raised or never touched, which a walk over matched facts cannot see.
 */
final class Provenance {

    private Provenance() {
    }

    static List<TraceStep> of(Trace trace) {
        List<TraceStep> steps = trace.steps();
        if (steps.isEmpty()) return List.of();
        Map<Object, TraceStep> derivedBy = new IdentityHashMap<>();
        for (TraceStep s : steps) {
            for (Object o : s.derived()) derivedBy.put(o, s);
        }
        Set<TraceStep> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<TraceStep> todo = new ArrayDeque<>();
        todo.push(steps.get(steps.size() - 1));
        while (!todo.isEmpty()) {
            TraceStep s = todo.pop();
            if (!keep.add(s)) continue;
            for (Object o : s.matched()) {
                if (o instanceof List<?> collected) {
                    for (Object c : collected) enqueue(derivedBy.get(c), todo);
                } else {
                    enqueue(derivedBy.get(o), todo);
                }
            }
        }
        return steps.stream().filter(s -> keep.contains(s) || isProtectionStage(s.stage())).toList();
    }

    private static boolean isProtectionStage(Stage stage) {
        return stage != null && stage.open() && stage.number() >= Stage.PROTECTION.number() && stage.number() <= Stage.DISALLOW_USER_TERMINATE.number();
    }

    private static void enqueue(TraceStep s, Deque<TraceStep> todo) {
        if (s != null) todo.push(s);
    }
}
