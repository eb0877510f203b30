package dev.pplsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.fact.Described;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.TextExplainer;
import dev.pplsim.explain.TraceStep;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.policy.Spelling;

import java.util.ArrayList;
import java.util.List;

/** A decision for people (aligned text, SDK names, hex masks) and for tools (JSON). */
final class Render {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Render() {
    }

    static String describe(Object fact) {
        return fact instanceof Described d ? d.describe() : String.valueOf(fact);
    }

    static List<String> text(Decision d, ExplainMode mode) {
        AccessQuery q = d.query();
        List<String> out = new ArrayList<>();
        out.add(String.format("request   caller %s -> %s %s%s, build %s", q.caller(), q.object().id(),
                q.object() == dev.pplsim.model.ObjectKind.THREAD ? "of " : "", q.target(), q.build()));
        out.add(String.format("          desired %s %s, %s%s%s%s", Spelling.hex(q.desired()), Spelling.rightNames(q.desired(), q.object()),
                q.mode().sdkName(), q.forceAccessCheck() ? " + OBJ_FORCE_ACCESS_CHECK" : "",
                q.relation() == dev.pplsim.model.Relation.NONE ? "" : ", relation " + q.relation().id(),
                q.sdGranted() == null ? "" : ", sdGranted " + Spelling.hex(q.sdGranted())));
        out.add(String.format("decision  %s (%s), granted %s%s", d.status().name(), d.status().hex(), d.grantedHex(),
                d.granted() == 0 ? "" : " " + Spelling.rightNames(d.granted(), q.object())));
        out.add("rules     " + String.join(" ", d.rules()));
        for (String w : d.warnings()) out.add("warning   " + w);
        if (mode != ExplainMode.OFF) {
            out.add("explanation (" + mode.name().toLowerCase() + "):");
            out.addAll(TextExplainer.render(mode.filter(d.trace()), Render::describe));
        }
        return out;
    }

    static ObjectNode json(Decision d, ExplainMode mode) {
        AccessQuery q = d.query();
        ObjectNode n = JSON.createObjectNode();
        ObjectNode caller = n.putObject("caller");
        caller.put("protection", q.caller().hex()).put("name", q.caller().name());
        ObjectNode target = n.putObject("target");
        target.put("protection", q.target().hex()).put("name", q.target().name()).put("object", q.object().id());
        n.put("desired", Spelling.hex(q.desired()));
        n.put("mode", q.mode().id()).put("forceAccessCheck", q.forceAccessCheck()).put("relation", q.relation().id()).put("build", q.build());
        n.put("status", d.status().name()).put("ntstatus", d.status().hex()).put("granted", d.grantedHex());
        ArrayNode names = n.putArray("grantedRights");
        if (d.granted() != 0) for (String s : Spelling.rightNames(d.granted(), q.object()).split("\\|")) names.add(s);
        ArrayNode rules = n.putArray("rules");
        d.rules().forEach(rules::add);
        ArrayNode warnings = n.putArray("warnings");
        d.warnings().forEach(warnings::add);
        if (mode != ExplainMode.OFF) {
            ArrayNode stages = n.putArray("stages");
            for (TraceStep s : mode.filter(d.trace())) {
                ObjectNode st = stages.addObject();
                st.put("stage", s.stage().number()).put("title", s.stage().title()).put("kernelFunction", s.stage().kernelFunction());
                st.put("rule", s.ruleId()).put("name", s.ruleName()).put("cite", s.cite());
                ArrayNode derived = st.putArray("derived");
                s.derived().forEach(o -> derived.add(describe(o)));
            }
        }
        return n;
    }
}
