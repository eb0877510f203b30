package dev.pplsim.engine;

import dev.pplsim.engine.fact.CreateDerived;
import dev.pplsim.engine.fact.CreateRequest;
import dev.pplsim.engine.fact.Derived;
import dev.pplsim.engine.fact.LoadDerived;
import dev.pplsim.engine.fact.LoadRequest;
import dev.pplsim.engine.fact.OpenRequest;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records each firing of one session into trace steps: the rule, what it matched and what it derived, by the request
 * the firing was for, so one session may fire many requests at once (the batched runs of {@link Explorer}). Rules
 * never print; this listener is how every decision comes to explain itself.
 */
final class TraceRecorder {

    /** The bucket of a firing that matched no request: none in the shipped rules, and no decision's trace holds one. */
    private static final long NO_REQUEST = -1;

    private final RuleBase rules;
    private final Map<Long, List<TraceStep>> steps = new HashMap<>();
    private List<Object> currentDerived;

    private final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            currentDerived = new ArrayList<>(2);
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            RuleInfo info = rules.byName(event.getMatch().getRule().getName());
            List<Object> matched = List.copyOf(event.getMatch().getObjects());
            steps.computeIfAbsent(requestOf(matched), k -> new ArrayList<>())
                    .add(new TraceStep(info.id(), info.name(), info.stage(), info.cite(), matched, List.copyOf(currentDerived)));
            currentDerived = null;
        }
    };

    private final DefaultRuleRuntimeEventListener runtime = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (currentDerived != null) currentDerived.add(event.getObject());
        }
    };

    TraceRecorder(RuleBase rules, KieSession kie) {
        this.rules = rules;
        kie.addEventListener(agenda);
        kie.addEventListener(runtime);
    }

    void reset() {
        steps.clear();
    }

    /** The firings for this request, in firing order. */
    Trace trace(OpenRequest r) {
        return trace(r.id());
    }

    /** The firings for the request (an open's, a creation's or a load's) with this id, in firing order. */
    Trace trace(long requestId) {
        return new Trace(List.copyOf(steps.getOrDefault(requestId, List.of())));
    }

    private static long requestOf(List<Object> objects) {
        for (Object o : objects) {
            if (o instanceof OpenRequest r) return r.id();
            if (o instanceof Derived d) return d.request().id();
            if (o instanceof CreateRequest r) return r.id();
            if (o instanceof CreateDerived d) return d.request().id();
            if (o instanceof LoadRequest r) return r.id();
            if (o instanceof LoadDerived d) return d.request().id();
        }
        return NO_REQUEST;
    }
}
