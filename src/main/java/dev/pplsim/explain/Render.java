package dev.pplsim.explain;

import dev.pplsim.engine.Decision;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.SdkNames;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.SidSpelling;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A decision for people (aligned text, SDK names, hex masks) and for tools (JSON). */
public final class Render {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Render() {
    }

    public static String describe(Object fact) {
        return dev.pplsim.explain.Facts.describe(fact);
    }

    public static List<String> text(Decision d, ExplainMode mode) {
        return text(d, mode, List.of());
    }

    /** The decision, and with an explanation: the refusal's causes and the verified counterfactuals. */
    public static List<String> text(Decision d, ExplainMode mode, List<Counterfactuals.Counterfactual> whatWouldSucceed) {
        AccessQuery q = d.query();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "request   caller %s -> %s%s %s%s, build %s", q.caller(),
                q.operation() == Operation.OPEN ? "" : q.operation().id() + " ", q.object().id(),
                q.object() == dev.pplsim.model.ObjectKind.PROCESS ? "" : "of ", q.target(), q.build()));
        if (q.hasToken()) {
            out.add(String.format(Locale.ROOT, "          token user %s, integrity %s%s%s", SidSpelling.print(q.token().user()),
                    SidSpelling.print(q.token().integrity()), q.token().hasEnabled(Privilege.SE_DEBUG) ? ", SeDebugPrivilege enabled" : "",
                    q.token().isRestricted() ? ", restricted" : ""));
            out.add("          object descriptor " + (q.sd() != null ? Sddl.print(q.sd()) : "the default of policies/security-descriptors.yaml"));
        }
        out.add(String.format(Locale.ROOT, "          desired %s %s, %s%s%s%s", SdkNames.hex(q.desired()), SdkNames.rightNames(q.desired(), q.object()),
                q.mode().sdkName(), q.forceAccessCheck() ? " + OBJ_FORCE_ACCESS_CHECK" : "",
                q.relation() == dev.pplsim.model.Relation.NONE ? "" : ", relation " + q.relation().id(),
                // each part stands alone: the source handle of a duplicate shows with or without sdGranted
                (q.sdGranted() == null ? "" : ", sdGranted " + SdkNames.hex(q.sdGranted()))
                        + (q.sourceAccess() == null ? "" : ", source handle " + SdkNames.hex(q.sourceAccess()))));
        if (!q.normalKinds()) {
            // spec §7, §12.7: what the handle reaches, and whether ObDuplicateObject refuses, depend on them
            out.add("          kinds   caller " + q.callerKind().id() + ", target " + q.targetKind().id());
        }
        if (d.prerequisite() != null) {
            Decision p = d.prerequisite();
            out.add(String.format(Locale.ROOT, "first     the process handle NtOpenProcessToken needs: %s %s -> %s, granted %s",
                    SdkNames.hex(p.query().desired()), SdkNames.rightNames(p.query().desired(), p.query().object()),
                    p.status().name(), p.grantedHex()));
        }
        out.add(String.format(Locale.ROOT, "decision  %s (%s), granted %s%s", d.status().name(), d.status().hex(), d.grantedHex(),
                d.granted() == 0 ? "" : " " + SdkNames.rightNames(d.granted(), q.object())));
        out.add("rules     " + String.join(" ", d.rules()));
        for (String w : d.warnings()) out.add("warning   " + w);
        // what the descriptor holds that pplsim keeps but does not apply (conditions, policies, object types)
        if (q.sd() != null) for (String n : q.sd().notes()) out.add("note      " + n);
        if (mode != ExplainMode.OFF) {
            Refusal refusal = Refusal.of(d);
            if (!refusal.isEmpty()) {
                ObjectKind kind = d.prerequisite() != null && !d.prerequisite().status().isSuccess() ? ObjectKind.PROCESS : q.object();
                int width = refusal.parts().stream().mapToInt(p -> SdkNames.rightNames(p.rights(), kind).length()).max().orElse(0);
                String label = "refusal   ";
                for (Refusal.Part p : refusal.parts()) {
                    out.add(String.format(Locale.ROOT, "%s%-13s  %-" + width + "s  %s (%s)", label, p.kind().category(),
                            SdkNames.rightNames(p.rights(), kind), p.by(), p.rule()));
                    label = "          ";
                }
            }
            if (!whatWouldSucceed.isEmpty()) {
                out.add("would succeed (each change alone, verified by deciding it):");
                for (Counterfactuals.Counterfactual c : whatWouldSucceed) {
                    out.add(String.format(Locale.ROOT, "  - %s -> granted %s", c.change(), c.decision().grantedHex()));
                }
            }
            out.add("explanation (" + mode.name().toLowerCase(java.util.Locale.ROOT) + "):");
            if (d.prerequisite() != null && d.prerequisite() != d && d.prerequisite().status().isSuccess()) {
                out.add("  the process handle first (PROCESS_QUERY_LIMITED_INFORMATION):");
                out.addAll(TextExplainer.render(mode.filter(d.prerequisite().trace()), Render::describe, mode == ExplainMode.FULL));
                out.add("  then the token:");
            }
            out.addAll(TextExplainer.render(mode.filter(d.trace()), Render::describe, mode == ExplainMode.FULL));
        }
        return out;
    }

    public static ObjectNode json(Decision d, ExplainMode mode) {
        return json(d, mode, List.of());
    }

    public static ObjectNode json(Decision d, ExplainMode mode, List<Counterfactuals.Counterfactual> whatWouldSucceed) {
        AccessQuery q = d.query();
        ObjectNode n = JSON.createObjectNode();
        ObjectNode caller = n.putObject("caller");
        caller.put("protection", q.caller().hex()).put("name", q.caller().name());
        if (q.hasToken()) {
            ObjectNode t = caller.putObject("token");
            t.put("user", SidSpelling.print(q.token().user())).put("integrity", SidSpelling.print(q.token().integrity()))
                    .put("seDebugPrivilege", q.token().hasEnabled(Privilege.SE_DEBUG)).put("restricted", q.token().isRestricted());
        }
        ObjectNode target = n.putObject("target");
        target.put("protection", q.target().hex()).put("name", q.target().name()).put("object", q.object().id());
        if (q.sd() != null) {
            target.put("sd", Sddl.print(q.sd()));
            List<String> notes = q.sd().notes();
            if (!notes.isEmpty()) notes.forEach(target.putArray("sdNotes")::add);
        }
        if (!q.normalKinds()) n.putObject("kinds").put("caller", q.callerKind().id()).put("target", q.targetKind().id());
        n.put("operation", q.operation().id());
        if (q.sourceAccess() != null) n.put("sourceAccess", SdkNames.hex(q.sourceAccess()));
        n.put("desired", SdkNames.hex(q.desired()));
        n.put("mode", q.mode().id()).put("forceAccessCheck", q.forceAccessCheck()).put("relation", q.relation().id()).put("build", q.build());
        n.put("status", d.status().name()).put("ntstatus", d.status().hex()).put("granted", d.grantedHex());
        ArrayNode names = n.putArray("grantedRights");
        if (d.granted() != 0) for (String s : SdkNames.rightNames(d.granted(), q.object()).split("\\|")) names.add(s);
        ArrayNode rules = n.putArray("rules");
        d.rules().forEach(rules::add);
        ArrayNode warnings = n.putArray("warnings");
        d.warnings().forEach(warnings::add);
        if (d.prerequisite() != null) {
            Decision p = d.prerequisite();
            n.putObject("prerequisite").put("object", p.query().object().id()).put("desired", SdkNames.hex(p.query().desired()))
                    .put("status", p.status().name()).put("granted", p.grantedHex());
        }
        if (mode != ExplainMode.OFF) {
            Refusal refusal = Refusal.of(d);
            ObjectKind kind = d.prerequisite() != null && !d.prerequisite().status().isSuccess() ? ObjectKind.PROCESS : q.object();
            ArrayNode causes = n.putArray("refusal");
            for (Refusal.Part p : refusal.parts()) {
                causes.addObject().put("category", p.kind().category()).put("kind", p.kind().id()).put("rights", SdkNames.hex(p.rights()))
                        .put("rightNames", SdkNames.rightNames(p.rights(), kind)).put("by", p.by()).put("rule", p.rule());
            }
            ArrayNode cf = n.putArray("counterfactuals");
            for (Counterfactuals.Counterfactual c : whatWouldSucceed) {
                cf.addObject().put("kind", c.kind()).put("change", c.change()).put("status", c.decision().status().name())
                        .put("granted", c.decision().grantedHex());
            }
            n.set("stages", dev.pplsim.explain.StagesJson.of(d, mode));
        }
        return n;
    }
}
