package dev.pplsim.explain;

import dev.pplsim.engine.Answer;
import dev.pplsim.request.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The renderer skeleton of a kind of request whose answer has a reason (a creation, an image load): for people, the
 * kind's lines, the rules and, when explained, the verified single changes and the trace filtered by the mode; for
 * programs, the batch contract's JSON (status, ntstatus, the kind's fields, rules), plus the reason and, when
 * explained, the counterfactuals and the stages. Each kind fills in its own lines and fields.
 */
public abstract class AnswerRender<Q, R extends Answer<Q>> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One change to a refused request and what deciding it gave. */
    public record Change<R>(String change, R answer) {
    }

    /** The request and the answer for people, down to the {@code rules} line. */
    abstract List<String> lines(R r);

    /** What a counterfactual's line says after its change (empty: the change alone). */
    String changed(R r) {
        return "";
    }

    /** The kind's contract fields, between ntstatus and rules. */
    abstract void fields(ObjectNode n, R r);

    /** What the explained JSON adds to the contract's fields besides the reason. */
    void explained(ObjectNode n, R r) {
    }

    /** A counterfactual's fields after its change and status. */
    void counterfactual(ObjectNode cf, R r) {
    }

    /** The tries decided in order; only the successes are kept (a try the request cannot take is no counterfactual). */
    static <Q, R extends Answer<Q>> List<Change<R>> verified(Map<String, Q> tries, Function<Q, R> decide) {
        List<Change<R>> out = new ArrayList<>();
        tries.forEach((what, t) -> {
            try {
                R d = decide.apply(t);
                if (d.status().isSuccess()) out.add(new Change<>(what, d));
            } catch (InputException e) {
                // a change the request cannot take (a child token with CreateProcess, a build without a load model)
            }
        });
        return out;
    }

    public List<String> text(R r, ExplainMode mode, List<Change<R>> whatWouldSucceed) {
        List<String> out = lines(r);
        out.add("rules     " + String.join(" ", r.rules()));
        if (mode != ExplainMode.OFF) {
            if (!whatWouldSucceed.isEmpty()) {
                out.add("would succeed (each change alone, verified by deciding it):");
                for (Change<R> ch : whatWouldSucceed) out.add("  - " + ch.change() + changed(ch.answer()));
            }
            out.add("explanation (" + mode.id() + "):");
            out.addAll(TextExplainer.render(mode.filter(r.trace()), Render::describe, mode == ExplainMode.FULL));
        }
        return out;
    }

    /** The batch contract's output fields. */
    public ObjectNode json(R r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", r.status().name()).put("ntstatus", r.status().hex());
        fields(n, r);
        ArrayNode rules = n.putArray("rules");
        r.rules().forEach(rules::add);
        return n;
    }

    /** {@link #json(Answer)} with the reason and, when explained, the counterfactuals and the stages. */
    public ObjectNode json(R r, ExplainMode mode, List<Change<R>> whatWouldSucceed) {
        ObjectNode n = json(r);
        n.put("reason", r.reason());
        explained(n, r);
        if (mode != ExplainMode.OFF) {
            ArrayNode cf = n.putArray("counterfactuals");
            for (Change<R> ch : whatWouldSucceed) counterfactual(cf.addObject().put("change", ch.change()).put("status", ch.answer().status().name()), ch.answer());
            ArrayNode stages = n.putArray("stages");
            for (var s : mode.filter(r.trace())) {
                ObjectNode st = stages.addObject();
                st.put("stage", s.stage().label()).put("title", s.stage().title()).put("kernelFunction", s.stage().kernelFunction())
                        .put("rule", s.ruleId()).put("name", s.ruleName()).put("cite", s.cite());
                ArrayNode derived = st.putArray("derived");
                for (Object d : s.derived()) derived.add(Render.describe(d));
            }
        }
        return n;
    }

    /** A signing level or a byte as the JSON spells it. */
    static String hex2(int value) {
        return String.format(Locale.ROOT, "0x%02X", value);
    }
}
