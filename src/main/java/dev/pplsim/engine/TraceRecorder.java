package dev.pplsim.engine;

import dev.pplsim.engine.fact.OpenOutcome;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Records each firing of one session into trace steps: the rule, what it matched and what it derived. Rules
 * never print; this listener is how a decision comes to explain itself.
 */
final class TraceRecorder {

    private final RuleBase rules;
    private final List<TraceStep> steps = new ArrayList<>();
    private final List<OpenOutcome> outcomes = new ArrayList<>();
    private List<Object> currentDerived;

    final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            currentDerived = new ArrayList<>(2);
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            RuleInfo info = rules.byName(event.getMatch().getRule().getName());
            steps.add(new TraceStep(info.id(), info.name(), info.stage(), info.cite(),
                    List.copyOf(event.getMatch().getObjects()), List.copyOf(currentDerived)));
            currentDerived = null;
        }
    };

    final DefaultRuleRuntimeEventListener runtime = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            Object o = event.getObject();
            if (currentDerived != null) currentDerived.add(o);
            if (o instanceof OpenOutcome outcome) outcomes.add(outcome);
        }
    };

    TraceRecorder(RuleBase rules) {
        this.rules = rules;
    }

    void reset() {
        steps.clear();
        outcomes.clear();
    }

    Trace trace() {
        return new Trace(List.copyOf(steps));
    }

    List<OpenOutcome> outcomes() {
        return outcomes;
    }
}
