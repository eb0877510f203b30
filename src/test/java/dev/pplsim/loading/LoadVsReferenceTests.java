package dev.pplsim.loading;

import dev.pplsim.engine.Load;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.fact.LoadRefusal;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.reference.ReferenceInputError;
import dev.pplsim.reference.ReferenceLoad;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The load rules against the plain-Java reference of spec §6.3 / §12.8 over the whole finite domain: every process
 * protection byte (256; types 3-7 are input errors to both) x a stated SectionSignatureLevel (none, 0, 4, 8, 12, 15)
 * x every image (signers 0-8, levels 0-15, four EKU sets) x source (3) x pageHashes x pagesModified x build (3).
 * Status and the deciding reason (the rule that refused, or how it succeeded) must agree, and on success whether page
 * hashes were enforced and whether modified bytes run.
 */
class LoadVsReferenceTests {

    static final Simulator SIM = Simulator.builtIn();
    static final Integer[] SECTION_LEVELS = {null, 0, 4, 8, 12, 15};
    static final List<String> BUILDS = List.of("windows-10-early", "windows-10-rs", "windows-10-11");

    /** The reference's reason for each rule that can decide a load. */
    static final Map<String, ReferenceLoad.Reason> REFUSED_BY = Map.of("L20.3", ReferenceLoad.Reason.NO_SECTION_LEVEL,
            "L40.1", ReferenceLoad.Reason.BELOW_SECTION_LEVEL, "L50.5", ReferenceLoad.Reason.NO_PAGE_HASHES,
            "L50.6", ReferenceLoad.Reason.PAGE_HASH_MISMATCH);

    static List<ImageSpec> images() {
        List<ImageSpec> out = new ArrayList<>();
        for (PsProtectedSigner s : PsProtectedSigner.values()) out.add(new ImageSpec(LoadQuery.DEFAULT_PATH, s, null, null, null));
        for (int l = 0; l < 16; l++) out.add(new ImageSpec(LoadQuery.DEFAULT_PATH, null, null, null, l));
        for (List<String> ekus : List.of(List.<String>of(), List.of("1.3.6.1.4.1.311.10.3.6"),
                List.of("1.3.6.1.4.1.311.76.11.1", "1.3.6.1.4.1.311.10.3.23"), List.of("1.3.6.1.4.1.311.76.11.1"))) {
            out.add(new ImageSpec(LoadQuery.DEFAULT_PATH, null, null, ekus, null));
        }
        return out;
    }

    /** How the engine's load ended, in the reference's terms. */
    static ReferenceLoad.Reason reason(Load l) {
        if (l.status().isSuccess()) return l.knownDllsSection() ? ReferenceLoad.Reason.KNOWN_DLLS_UNCHECKED : ReferenceLoad.Reason.CHECKED;
        LoadRefusal first = l.trace().derived(LoadRefusal.class).stream().min(Comparator.comparingInt(LoadRefusal::order)).orElseThrow();
        return REFUSED_BY.get(l.trace().derivedBy(first));
    }

    static long compare(Simulator sim, Map<String, ReferenceLoad.Switches> builds, List<String> mismatches) {
        long cases = 0;
        List<ImageSpec> images = images();
        for (String build : BUILDS) {
            for (int b = 0; b < 256; b++) {
                PsProtection p = new PsProtection(b);
                for (Integer section : (p.type() > 2 ? new Integer[]{null} : SECTION_LEVELS)) {
                    for (ImageSpec image : images) {
                        for (ImageSource source : ImageSource.values()) {
                            for (int pages = 0; pages < 4; pages++) {
                                LoadQuery q = new LoadQuery(p, section, image, source, (pages & 1) != 0, (pages & 2) != 0, build);
                                cases++;
                                ReferenceLoad.Result want;
                                try {
                                    want = ReferenceLoad.load(q, builds.get(build));
                                } catch (ReferenceInputError e) {
                                    try {
                                        sim.load(q);
                                        mismatches.add(q + ": the reference refuses the input (" + e.getMessage() + "), the engine decides");
                                    } catch (InputException expected) {
                                        // both refuse it
                                    }
                                    continue;
                                }
                                Load got = sim.load(q);
                                String g = got.status() + " " + reason(got) + " " + got.pageHashesEnforced() + " " + got.modifiedBytesRun();
                                String w = want.status() + " " + want.reason() + " " + want.pageHashesEnforced() + " " + want.modifiedBytesRun();
                                // the page-hash flags describe what a mapped image does: a refusal has status and reason only
                                if (!got.status().isSuccess() || !want.status().isSuccess()) {
                                    g = got.status() + " " + reason(got);
                                    w = want.status() + " " + want.reason();
                                }
                                if (!g.equals(w) && mismatches.size() < 5) mismatches.add(q + ": engine " + g + " " + got.rules() + ", reference " + w);
                            }
                        }
                    }
                }
            }
        }
        return cases;
    }

    @Test
    void the_rules_agree_with_the_reference_over_the_whole_domain() {
        List<String> mismatches = new ArrayList<>();
        long start = System.nanoTime();
        long cases = compare(SIM, ReferenceLoad.BUILDS, mismatches);
        System.out.printf(java.util.Locale.ROOT, "LoadVsReferenceTests: %d load cases agree (%d ms)%n", cases, (System.nanoTime() - start) / 1_000_000);
        if (!mismatches.isEmpty()) fail(mismatches.size() + " mismatches, first: \n" + String.join("\n", mismatches));
        assertTrue(cases > 500_000, "cases: " + cases);
    }
}
