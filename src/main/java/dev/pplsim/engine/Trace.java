package dev.pplsim.engine;

import java.util.List;

/** Every rule firing for one decision, in firing order. The explanation modes filter this, nothing else. */
public record Trace(List<TraceStep> steps) {

    public List<String> ruleIds() {
        return steps.stream().map(TraceStep::ruleId).toList();
    }
}
