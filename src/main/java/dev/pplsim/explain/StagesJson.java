package dev.pplsim.explain;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.TraceStep;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A decision's explanation as JSON: one object per rule firing the mode keeps, {@code {stage, title,
 * kernelFunction, rule, name, cite, matched: [text], derived: [text]}} (matched: the facts the rule
 * read, the request itself left out), the shape {@code pplsim decide --json --explain} prints
 * (cli Render), so that a batch line and a decide answer explain alike.
 */
public final class StagesJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StagesJson() {
    }

    /** The stages of {@code d}'s trace that {@code mode} keeps; empty for OFF. */
    public static ArrayNode of(Decision d, ExplainMode mode) {
        ArrayNode stages = JSON.createArrayNode();
        for (TraceStep s : mode.filter(d.trace())) {
            ObjectNode st = stages.addObject();
            st.put("stage", s.stage().number()).put("title", s.stage().title()).put("kernelFunction", s.stage().kernelFunction());
            st.put("rule", s.ruleId()).put("name", s.ruleName()).put("cite", s.cite());
            ArrayNode matched = st.putArray("matched");
            dev.pplsim.explain.Facts.matched(s).forEach(matched::add);
            ArrayNode derived = st.putArray("derived");
            for (Object o : s.derived()) derived.add(dev.pplsim.explain.Facts.describe(o));
        }
        return stages;
    }
}
