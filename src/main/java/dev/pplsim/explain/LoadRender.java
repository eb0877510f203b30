package dev.pplsim.explain;

import dev.pplsim.engine.Load;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.SigningLevel;
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
public final class LoadRender extends AnswerRender<LoadQuery, Load> {

    public static final LoadRender LOAD = new LoadRender();

    private LoadRender() {
    }

    /** The single changes that let a refused load map: another image level, another source, other page flags, another build. */
    public List<Change<Load>> whatWouldSucceed(Load l, Function<LoadQuery, Load> decide, List<String> builds) {
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
        return verified(tries, decide);
    }

    @Override
    List<String> lines(Load l) {
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
        return out;
    }

    private static String image(ImageSpec im) {
        return im.signingLevel() != null ? "signing level " + SigningLevel.describe(im.signingLevel())
                : im.ekus() != null ? "EKUs " + String.join(",", im.ekus())
                : "signed as " + im.signer().shortName();
    }

    /** The two levels compared and, for a mapped image, how its section was mapped and its pages checked. */
    @Override
    void fields(ObjectNode n, Load l) {
        n.put("imageSigningLevel", hex2(l.imageLevel()));
        if (l.sectionLevel() != null) n.put("sectionSignatureLevel", hex2(l.sectionLevel()));
        if (l.status().isSuccess()) {
            n.put("knownDllsSection", l.knownDllsSection()).put("pageHashesEnforced", l.pageHashesEnforced()).put("modifiedBytesRun", l.modifiedBytesRun());
        }
    }
}
