package dev.pplsim.loading;

import dev.pplsim.TestTrees;
import dev.pplsim.engine.Load;
import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Laws of image loading (spec §6.3, §8, §12.8), each checked on every load of the finite domain: every process byte
 * (types 3-7 are input errors, counted apart) x a stated SectionSignatureLevel (none, 0, 8, 12) x every image (signers
 * 0-8, levels 0-15, four EKU sets) x source x pageHashes x pagesModified x build. A law holds when no load of the
 * domain breaks it, and is VACUOUS if none falls under it. The same laws are shipped for {@code pplsim prove} in
 * policies/properties/loads.yaml; this class states them in Java over a larger domain (stated section levels, EKUs).
 */
class LoadLawsProperties {

    static final Integer[] SECTIONS = {null, 0, 8, 12};

    /** A law: which loads it speaks of, and what each of them must satisfy. */
    record Law(String name, Predicate<LoadQuery> under, BiPredicate<LoadQuery, Load> holds) {
    }

    static boolean before2022(LoadQuery q) {
        return !q.build().equals("windows-10-11");
    }

    static final List<Law> LAWS = List.of(
            // §6.3 DLL rule: the only way below the level is PPLdump's, a \KnownDlls section on a build before July 2022
            new Law("a_ppl_never_loads_below_its_section_level", q -> q.process().type() == 1,
                    (q, l) -> !l.status().isSuccess() || l.sectionLevel() == null || l.imageLevel() >= l.sectionLevel()
                            || (q.source() == ImageSource.KNOWN_DLLS && before2022(q))),
            // §6.3: a PP never used \KnownDlls, so every image it maps went through MiValidateSectionCreate
            new Law("a_pp_never_maps_a_knowndlls_section", q -> q.process().type() == 2,
                    (q, l) -> !l.knownDllsSection() && (!l.status().isSuccess() || l.sectionLevel() == null || l.imageLevel() >= l.sectionLevel())),
            // §12.8: a PP checks every page it reads in
            new Law("modified_pages_never_run_in_a_pp", q -> q.process().type() == 2 && q.pagesModified(),
                    (q, l) -> !l.status().isSuccess() && !l.modifiedBytesRun()),
            // §12.8, §12.9: since February 2024 no protected process runs modified pages read over a network redirector
            new Law("modified_network_pages_never_run_in_a_protected_process_since_february_2024",
                    q -> q.process().type() != 0 && q.pagesModified() && q.source() == ImageSource.NETWORK_REDIRECTOR && !before2022(q),
                    (q, l) -> !l.modifiedBytesRun()),
            // §6.3, stated apart from the signing-level table (so a wrong row is caught): a Windows or WinTcb process
            // (PP or PPL) holding DLLs to its own level never maps an Authenticode image it checks
            new Law("an_authenticode_image_never_loads_into_a_windows_or_wintcb_process",
                    q -> q.process().type() != 0 && (q.process().signer() == 5 || q.process().signer() == 6) && q.sectionSignatureLevel() == null
                            && q.image().signingLevel() == null && q.image().ekus() == null && q.image().signer().value() == 1,
                    (q, l) -> !l.status().isSuccess() || l.knownDllsSection()));

    /** Each law's name and the counterexample that breaks it first, or null; with the loads each constrained. */
    static Map<String, Object[]> check(Simulator sim) {
        Map<String, Object[]> out = new LinkedHashMap<>();
        for (Law law : LAWS) out.put(law.name(), new Object[]{0L, null});
        List<ImageSpec> images = LoadVsReferenceTests.images();
        for (String build : LoadVsReferenceTests.BUILDS) {
            for (int b = 0; b < 256; b++) {
                PsProtection p = new PsProtection(b);
                if (p.type() > 2) continue;
                for (Integer section : SECTIONS) {
                    for (ImageSpec image : images) {
                        for (ImageSource source : ImageSource.values()) {
                            for (int pages = 0; pages < 4; pages++) {
                                LoadQuery q = new LoadQuery(p, section, image, source, (pages & 1) != 0, (pages & 2) != 0, build);
                                Load l = null;
                                for (Law law : LAWS) {
                                    if (!law.under().test(q)) continue;
                                    Object[] r = out.get(law.name());
                                    r[0] = (Long) r[0] + 1;
                                    if (l == null) l = sim.load(q);
                                    if (r[1] == null && !law.holds().test(q, l)) r[1] = q + " -> " + l.status() + " " + l.rules();
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void every_law_of_loading_holds_over_its_whole_domain() {
        long start = System.nanoTime();
        Map<String, Object[]> results = check(Simulator.builtIn());
        long total = 0;
        for (var e : results.entrySet()) {
            long n = (Long) e.getValue()[0];
            total += n;
            System.out.printf(Locale.ROOT, "LoadLawsProperties: %-75s %s over %d loads%n", e.getKey(),
                    e.getValue()[1] == null ? (n == 0 ? "VACUOUS" : "PROVED") : "REFUTED: " + e.getValue()[1], n);
            assertTrue(n > 0, e.getKey() + " is vacuous");
            assertEquals(null, e.getValue()[1], e.getKey());
        }
        System.out.printf(Locale.ROOT, "LoadLawsProperties: %d law cases in %d ms%n", total, (System.nanoTime() - start) / 1_000_000);
    }

    @TempDir
    Path dir;

    @Test
    void a_wrong_wintcb_dll_level_refutes_the_law_stated_apart_from_the_table() throws IOException {
        Path policies = TestTrees.copy("policies", dir);
        TestTrees.edit(policies.resolve("creation.yaml"), "{signer: WinTcb,       exe: 14, dll: 12}", "{signer: WinTcb,       exe: 14, dll: 4}");
        Map<String, Object[]> results = check(new Simulator(PolicySet.load(policies), RuleBase.builtIn()));
        Object counterexample = results.get("an_authenticode_image_never_loads_into_a_windows_or_wintcb_process")[1];
        assertTrue(counterexample != null && counterexample.toString().contains("WinTcb"), String.valueOf(counterexample));
        // the laws that read the levels the rules found still hold: the table, not the check, is wrong
        assertEquals(null, results.get("a_ppl_never_loads_below_its_section_level")[1]);
    }

    @Test
    void pplsim_prove_refutes_the_shipped_authenticode_law_under_a_wrong_wintcb_dll_level() throws IOException {
        Path policies = TestTrees.copy("policies", dir);
        TestTrees.edit(policies.resolve("creation.yaml"), "{signer: WinTcb,       exe: 14, dll: 12}", "{signer: WinTcb,       exe: 14, dll: 4}");
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        int exit;
        try {
            System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = dev.pplsim.cli.Main.run("prove", "policies/properties/loads.yaml", "--policies", policies.toString(), "--json");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, exit, out);
        String law = out.lines().filter(l -> l.contains("\"an_authenticode_image_never_loads_into_a_windows_or_wintcb_process\"")).findFirst().orElseThrow();
        assertTrue(law.contains("\"verdict\":\"REFUTED\"") && law.contains("\"protection\":\"0x61\""), law);
    }

    @Test
    void a_process_type_beyond_pp_is_an_input_error_not_a_load() {
        for (int type = 3; type < 8; type++) {
            LoadQuery q = LoadQuery.of(new PsProtection(0x60 | type), new ImageSpec(LoadQuery.DEFAULT_PATH, null, null, null, 14));
            try {
                Simulator.builtIn().load(q);
                throw new AssertionError(q + " was decided");
            } catch (InputException e) {
                assertTrue(e.getMessage().startsWith("process.protection: "), e.getMessage());
            }
        }
    }
}
