package dev.pplsim.engine;

import java.util.ArrayList;
import java.util.List;

/** Every rule firing for one decision, in firing order. The explanation modes filter this, nothing else. */
public record Trace(List<TraceStep> steps) {

    public List<String> ruleIds() {
        return steps.stream().map(TraceStep::ruleId).toList();
    }

    /** Every fact of this type the firings derived, in firing order. */
    public <T> List<T> derived(Class<T> type) {
        List<T> out = new ArrayList<>(2);
        for (TraceStep s : steps) {
            for (Object o : s.derived()) if (type.isInstance(o)) out.add(type.cast(o));
        }
        return out;
    }

    /** The rule that derived this fact (compared by identity), or null when no firing here derived it. */
    public String derivedBy(Object fact) {
        for (TraceStep s : steps) {
            for (Object o : s.derived()) if (o == fact) return s.ruleId();
        }
        return null;
    }
}
