package dev.pplsim.engine;

import java.util.List;

/** One rule firing: which rule, its stage and citation, the facts it matched and the facts it derived. */
public record TraceStep(String ruleId, String ruleName, Stage stage, String cite, List<Object> matched,
                        List<Object> derived) {
}
