package dev.pplsim.jobs;

import dev.pplsim.engine.Load;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.Domains;
import dev.pplsim.policy.LoadPolicy;
import dev.pplsim.policy.PropertyFile;
import dev.pplsim.request.Form;
import dev.pplsim.request.InputException;
import dev.pplsim.request.LoadField;
import dev.pplsim.request.LoadReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proves a law of image loads (spec §6.3, §12.8) over its whole finite domain: every combination of the domain's
 * lists, each request read by the one load reader and decided by the rules, or refutes it with the minimal failing
 * request (fewest fields off their first value, then the simplest process byte). Clauses other than {@code status}
 * and {@code noModifiedBytesRun} (a refused load runs nothing) constrain mapped images only, so each result counts the loads a law constrained; a law that constrained none is
 * VACUOUS. Process bytes whose type is no PS_PROTECTED_TYPE (3-7) cannot be loaded into and are counted apart.
 */
final class LoadProver {

    private final Simulator sim;
    private final List<String> defaultBuilds;
    private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();

    /** The loads decided so far, for the report's count of rule runs. */
    long runs() { return runs.get(); }

    LoadProver(Simulator sim, List<String> defaultBuilds) {
        this.sim = sim;
        this.defaultBuilds = defaultBuilds;
    }

    /** One request of the domain without its process and build, and how many of its fields are off their first value. */
    private record Rest(LoadQuery query, int offFirst) {
    }

    Prover.Result prove(String file, PropertyFile.LoadEntry p) {
        long start = System.nanoTime();
        String where = file + ": property " + p.name();
        PropertyFile.LoadDomain d = p.forall();
        LoadPolicy policy = sim.loading();
        List<String> builds = Prover.builds(sim, d.builds(), defaultBuilds, policy, where);
        List<Integer> processes = Prover.simplestFirst(Domains.filter(d.process(), "process"));

        Map<LoadField, List<JsonNode>> lists = new EnumMap<>(LoadField.class);
        lists.put(LoadField.SECTION_LEVEL, d.sectionSignatureLevels() != null ? d.sectionSignatureLevels() : List.of(NullNode.instance));
        if (d.imageSigners() != null && d.imageSigningLevels() != null) throw InputException.at(where, "give one of imageSigners and imageSigningLevels");
        List<JsonNode> images = new ArrayList<>();
        LoadField imageField = d.imageSigningLevels() != null ? LoadField.IMAGE_SIGNING_LEVEL : LoadField.IMAGE_SIGNER;
        if (d.imageSigners() != null) images.addAll(d.imageSigners());
        else if (d.imageSigningLevels() != null) images.addAll(d.imageSigningLevels());
        else Arrays.stream(PsProtectedSigner.values()).forEach(s -> images.add(TextNode.valueOf(s.shortName())));
        lists.put(imageField, images);
        lists.put(LoadField.IMAGE_SOURCE, d.sources() != null ? d.sources()
                : Arrays.stream(ImageSource.values()).map(s -> (JsonNode) TextNode.valueOf(s.id())).toList());
        lists.put(LoadField.PAGE_HASHES, d.pageHashes() != null ? d.pageHashes() : List.of(BooleanNode.TRUE, BooleanNode.FALSE));
        lists.put(LoadField.PAGES_MODIFIED, d.pagesModified() != null ? d.pagesModified() : List.of(BooleanNode.FALSE, BooleanNode.TRUE));

        List<Rest> rests = new ArrayList<>();
        combine(where, new ArrayList<>(lists.entrySet()), new EnumMap<>(LoadField.class), 0, 0, rests);

        long cases = 0, constrained = 0, undecidable = 0;
        Object[] worst = null; // {offFirst, index, query, failure}
        long index = 0;
        dev.pplsim.io.Progress.expect((long) builds.size() * processes.size() * rests.size());
        for (String build : builds) {
            for (int pi = 0; pi < processes.size(); pi++) {
                PsProtection process = new PsProtection(processes.get(pi));
                if (process.type() > 2) {
                    undecidable++;
                    continue;
                }
                for (Rest r : rests) {
                    LoadQuery q = new LoadQuery(process, r.query().sectionSignatureLevel(), r.query().image(), r.query().source(),
                            r.query().pageHashes(), r.query().pagesModified(), build);
                    Load l;
                    try {
                        l = sim.load(q);
                    } catch (InputException e) {
                        throw InputException.at(where, e.getMessage());
                    }
                    cases++;
                    index++;
                    runs.incrementAndGet();
                    dev.pplsim.io.Progress.done(1);
                    PropertyFile.LoadThen t = p.then();
                    String failure = null;
                    boolean c = false;
                    if (t.status() != null) {
                        c = true;
                        if (!l.status().name().equals(t.status())) failure = "expected " + t.status() + ", got " + l.status().name();
                    }
                    if (t.noModifiedBytesRun() != null) {
                        // a refused load runs nothing: the clause constrains every load
                        c = true;
                        if (failure == null && l.modifiedBytesRun()) failure = "the modified bytes run";
                    }
                    if (l.status().isSuccess()) {
                        if (t.imageAtLeastSectionLevel() != null) {
                            c = true;
                            if (failure == null && l.sectionLevel() != null && l.imageLevel() < l.sectionLevel()) {
                                failure = String.format(Locale.ROOT, "mapped an image of level %d below SectionSignatureLevel %d", l.imageLevel(), l.sectionLevel());
                            }
                        }
                        if (t.noKnownDllsSection() != null) {
                            c = true;
                            if (failure == null && l.knownDllsSection()) failure = "mapped a \\KnownDlls section unchecked";
                        }
                    }
                    if (c) constrained++;
                    if (failure != null) {
                        int off = r.offFirst() + (pi == 0 ? 0 : 1) + (build.equals(builds.get(0)) ? 0 : 1);
                        if (worst == null || off < (int) worst[0]) worst = new Object[]{off, index, q, failure};
                    }
                }
            }
        }
        return new Prover.Result(file, p.name(), p.why(), p.cite(), p.expected(), worst == null ? Prover.Verdict.PROVED : Prover.Verdict.REFUTED,
                cases, undecidable, (System.nanoTime() - start) / 1_000_000, null, worst == null ? null : (String) worst[3],
                constrained, false, null, null, true, worst == null ? null : (LoadQuery) worst[2]);
    }

    private static void combine(String where, List<Map.Entry<LoadField, List<JsonNode>>> lists, Map<LoadField, JsonNode> chosen,
                                int at, int offFirst, List<Rest> out) {
        if (at == lists.size()) {
            // the process is given so the reader accepts the request; the enumeration puts each byte in its place
            Map<LoadField, JsonNode> fields = new EnumMap<>(chosen);
            fields.put(LoadField.PROCESS, IntNode.valueOf(0));
            try {
                out.add(new Rest(LoadReader.read(Form.SCENARIO, fields::get), offFirst));
            } catch (InputException e) {
                throw InputException.at(where + ": forall", e.getMessage());
            }
            return;
        }
        var e = lists.get(at);
        if (e.getValue().isEmpty()) throw InputException.at(where + ": forall", e.getKey().scenario() + ": an empty list quantifies over nothing");
        for (int i = 0; i < e.getValue().size(); i++) {
            JsonNode v = e.getValue().get(i);
            // "none": the process states no SectionSignatureLevel (its signer's own is taken)
            boolean none = e.getKey() == LoadField.SECTION_LEVEL && v.isTextual() && v.asText().equals("none");
            chosen.put(e.getKey(), none ? NullNode.instance : v);
            combine(where, lists, chosen, at + 1, offFirst + (i == 0 ? 0 : 1), out);
        }
        chosen.remove(e.getKey());
    }

    /** A request as {@code pplsim load}'s options spell it, for a counterexample. */
    static String describe(LoadQuery q) {
        var im = q.image();
        return "build " + q.build() + ", process " + q.process()
                + (q.sectionSignatureLevel() == null ? "" : " with SectionSignatureLevel " + q.sectionSignatureLevel())
                + ", image " + (im.signingLevel() != null ? "of level " + im.signingLevel() : im.ekus() != null ? "with EKUs " + im.ekus() : "signed as " + im.signer().shortName())
                + " from " + q.source().id() + (q.pageHashes() ? "" : ", no page hashes") + (q.pagesModified() ? ", pages modified" : "");
    }

    /** A request as a batch line with {@code "op":"load"} spells it. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(LoadQuery q) {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        n.put("id", 1).put("op", "load");
        var process = n.putObject("process").put("protection", q.process().hex());
        if (q.sectionSignatureLevel() != null) process.put("sectionSignatureLevel", q.sectionSignatureLevel());
        var image = n.putObject("image");
        if (q.image().signingLevel() != null) image.put("signingLevel", q.image().signingLevel());
        else if (q.image().ekus() != null) q.image().ekus().forEach(image.putArray("ekus")::add);
        else image.put("signer", q.image().signer().shortName());
        image.put("source", q.source().id()).put("pageHashes", q.pageHashes()).put("pagesModified", q.pagesModified());
        n.put("build", q.build());
        return n;
    }
}
