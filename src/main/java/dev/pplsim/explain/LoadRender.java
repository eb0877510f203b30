package dev.pplsim.explain;

import dev.pplsim.engine.Load;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.SigningLevel;
import dev.pplsim.request.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An image load for people (an aligned block, stages in the kernel's terms) and for programs (the batch contract's
 * JSON, plus the stages when explained); for a refused load, the single changes that would let it map, each verified
 * by deciding it. The explanation is a filter over the recorded trace, as for opens and creations.
 */
public final class LoadRender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadRender() {
    }

    /** One change to a refused load and what deciding it gave. */
    public record Change(String change, Load load) {
    }

    /** The single changes that let a refused load map: another image level, another source, other page flags, another build. */
    public static List<Change> whatWouldSucceed(Load l, Function<LoadQuery, Load> decide, List<String> builds) {
        if (l.status().isSuccess()) return List.of();
        LoadQuery q = l.query();
        Map<String, LoadQuery> tries = new LinkedHashMap<>();
        for (int level : new int[]{4, 7, 8, 12, 14}) {
            if (level != l.imageLevel()) {
                tries.put("an image of " + SigningLevel.describe(level), new LoadQuery(q.process(), q.sectionSignatureLevel(),
                        new ImageSpec(q.image().path(), null, null, null, level), q.source(), q.pageHashes(), q.pagesModified(), q.build()));
            }
        }
        for (ImageSource s : ImageSource.values()) {
            if (s != q.source()) tries.put("the image from " + s.kernelName(), q.withSource(s));
        }
        if (!q.pageHashes()) tries.put("an image with page hashes", q.withPages(true, q.pagesModified()));
        if (q.pagesModified()) tries.put("pages served unmodified", q.withPages(q.pageHashes(), false));
        for (String b : builds) {
            if (!b.equals(q.build())) tries.put("build " + b, q.withBuild(b));
        }
        List<Change> out = new ArrayList<>();
        tries.forEach((what, t) -> {
            try {
                Load d = decide.apply(t);
                if (d.status().isSuccess()) out.add(new Change(what, d));
            } catch (InputException e) {
                // a build without a load model is no counterfactual
            }
        });
        return out;
    }

    public static List<String> text(Load l, ExplainMode mode, List<Change> whatWouldSucceed) {
        LoadQuery q = l.query();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "request   load %s into a %s process%s, build %s", q.image().path(), q.process(),
                q.sectionSignatureLevel() == null ? "" : " with SectionSignatureLevel " + SigningLevel.describe(q.sectionSignatureLevel()), q.build()));
        out.add("          image " + image(q.image()) + ", from " + q.source().kernelName() + ", "
                + (q.pageHashes() ? "with" : "without") + " page hashes" + (q.pagesModified() ? ", pages served modified" : ""));
        out.add(String.format(Locale.ROOT, "decision  %s (%s)", l.status().name(), l.status().hex()));
        out.add("levels    image " + SigningLevel.describe(l.imageLevel()) + ", process SectionSignatureLevel "
                + (l.sectionLevel() == null ? "unknown" : SigningLevel.describe(l.sectionLevel())));
        if (l.status().isSuccess()) {
            out.add("mapped    " + (l.knownDllsSection() ? "the \\KnownDlls section, unchecked" : "a new image section")
                    + ", page hashes " + (l.pageHashesEnforced() ? "enforced" : "not enforced")
                    + (l.modifiedBytesRun() ? ", the modified bytes run" : ""));
        }
        out.add("because   " + l.reason());
        out.add("rules     " + String.join(" ", l.rules()));
        if (mode != ExplainMode.OFF) {
            if (!whatWouldSucceed.isEmpty()) {
                out.add("would succeed (each change alone, verified by deciding it):");
                for (Change ch : whatWouldSucceed) out.add("  - " + ch.change());
            }
            out.add("explanation (" + mode.id() + "):");
            out.addAll(TextExplainer.render(mode.filter(l.trace()), Render::describe, mode == ExplainMode.FULL));
        }
        return out;
    }

    private static String image(ImageSpec im) {
        return im.signingLevel() != null ? "signing level " + SigningLevel.describe(im.signingLevel())
                : im.ekus() != null ? "EKUs " + String.join(",", im.ekus())
                : "signed as " + im.signer().shortName();
    }

    /** The batch contract's output fields (BatchProtocol#loadLine). */
    public static ObjectNode json(Load l) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", l.status().name()).put("ntstatus", l.status().hex());
        n.put("imageSigningLevel", String.format(Locale.ROOT, "0x%02X", l.imageLevel()));
        if (l.sectionLevel() != null) n.put("sectionSignatureLevel", String.format(Locale.ROOT, "0x%02X", l.sectionLevel()));
        if (l.status().isSuccess()) {
            n.put("knownDllsSection", l.knownDllsSection()).put("pageHashesEnforced", l.pageHashesEnforced()).put("modifiedBytesRun", l.modifiedBytesRun());
        }
        ArrayNode rules = n.putArray("rules");
        l.rules().forEach(rules::add);
        return n;
    }

    /** {@link #json(Load)} with the reason and, when explained, the stages and the counterfactuals. */
    public static ObjectNode json(Load l, ExplainMode mode, List<Change> whatWouldSucceed) {
        ObjectNode n = json(l);
        n.put("reason", l.reason());
        if (mode != ExplainMode.OFF) {
            ArrayNode cf = n.putArray("counterfactuals");
            for (Change ch : whatWouldSucceed) cf.addObject().put("change", ch.change()).put("status", ch.load().status().name());
            ArrayNode stages = n.putArray("stages");
            for (var s : mode.filter(l.trace())) {
                ObjectNode st = stages.addObject();
                st.put("stage", s.stage().label()).put("title", s.stage().title()).put("kernelFunction", s.stage().kernelFunction())
                        .put("rule", s.ruleId()).put("name", s.ruleName()).put("cite", s.cite());
                ArrayNode derived = st.putArray("derived");
                for (Object d : s.derived()) derived.add(Render.describe(d));
            }
        }
        return n;
    }
}
