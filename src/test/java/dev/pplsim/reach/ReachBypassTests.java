package dev.pplsim.reach;

import dev.pplsim.TestTrees;
import dev.pplsim.engine.Load;
import dev.pplsim.jobs.Reach;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.ReachPolicy;
import dev.pplsim.policy.SystemCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The §8 bypasses as reach sees them: PPLdump's path on the early build and its absence on windows-10-11, PPLFault's alone, and the planter assumption. */
class ReachBypassTests {

    static final SystemCatalog W11 = SystemCatalog.resolve(ReachFixture.SIM.policies(), "windows-11");

    static Reach.Result reach(String build, String from, ReachPolicy policy) {
        return Reach.run(ReachFixture.SIM, W11, build, dev.pplsim.jobs.Catalog.one(W11, from, "--from"), policy, 8);
    }

    static Set<String> levels(Reach.Result r) {
        return r.levels().keySet().stream().map(PsProtection::hex).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void on_the_early_build_the_admin_shell_reaches_wintcb_light_by_pplDumps_path() {
        Reach.Result r = reach("windows-10-early", "powershell.exe", ReachFixture.POLICY);
        assertEquals(Set.of("0x00", "0x21", "0x31", "0x41", "0x51", "0x61"), levels(r), "every PPL level, no PP");
        Reach.Node tcb = r.levels().get(new PsProtection(0x61));
        assertEquals("c:services.exe:0x61:admin-elevated", tcb.id());
        List<Reach.Edge> path = r.path(tcb.id());
        assertEquals(2, path.size());
        Reach.Edge create = path.get(0), load = path.get(1);
        assertEquals(Reach.Primitive.CREATE, create.primitive());
        assertEquals("CreateProcess C:\\Windows\\System32\\services.exe at PROTECTION_LEVEL_WINTCB_LIGHT (0x0) (creation as on windows-10-11)", create.request());
        assertEquals(NtStatus.STATUS_SUCCESS, create.status());
        // spec §12.5: an unprotected creator gets what WinTcb leaves open, 0x00103800, and no injection rights
        assertEquals(0x00103800, create.mask());
        assertEquals("C50.5 (C90.2)", create.decidedBy());
        assertEquals(Reach.Primitive.LOAD, load.primitive());
        assertTrue(load.request().startsWith("PPLdump: "), load.request());
        assertEquals("L30.3 (L90.2)", load.decidedBy());
        assertEquals(List.of("L10.5", "L20.2", "L30.3", "L40.3", "L50.3", "L90.2"), load.rules());
        // and from the WinTcb-Light child on, lsass in one more open
        Reach.Node lsass = r.node("p800");
        assertEquals(3, r.distance().get(lsass.id()));
        Reach.Edge open = r.path("p800").get(2);
        assertEquals(Reach.Primitive.OPEN_PROCESS, open.primitive());
        assertEquals("R20.6 R40.5 (R90.3)", open.decidedBy());
        // B-old adds no PROCESS_QUERY_LIMITED_INFORMATION for these rights (impliedRights query-only, spec §3.2): exactly 0x2A
        assertEquals(0x0000002A, open.mask());
    }

    @Test
    void on_windows_10_11_the_admin_shell_stays_unprotected_and_no_load_succeeds() {
        Reach.Result r = reach("windows-10-11", "powershell.exe", ReachFixture.POLICY);
        assertEquals(Set.of("0x00"), levels(r));
        assertTrue(r.edges().stream().noneMatch(e -> e.primitive() == Reach.Primitive.LOAD), "no load edge at all");
        assertTrue(r.edges().stream().anyMatch(e -> e.to().equals("s:services.exe:0x61:admin-elevated:0x00")), "services.exe still starts as WinTcb-Light");
        // the same PPLdump load, put to the engine: refused, the \KnownDlls section ignored since July 2022
        Load l = ReachFixture.SIM.load(new LoadQuery(new PsProtection(0x61), null, new ImageSpec(LoadQuery.DEFAULT_PATH, null, null, null, 1),
                ImageSource.KNOWN_DLLS, false, false, "windows-10-11"));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, l.status());
        assertTrue(l.rules().contains("L30.4"), l.rules().toString());
    }

    @Test
    void pplFault_alone_opens_the_same_ppl_levels_on_the_early_build_and_none_on_windows_10_11(@TempDir Path tmp) throws Exception {
        Path policies = TestTrees.copy("policies", tmp);
        // drop PPLdump: the loads list keeps PPLFault only
        String text = java.nio.file.Files.readString(policies.resolve("reach.yaml"));
        int from = text.indexOf("  - name: PPLdump"), to = text.indexOf("  - name: PPLFault");
        java.nio.file.Files.writeString(policies.resolve("reach.yaml"), text.substring(0, from) + text.substring(to));
        ReachPolicy onlyFault = ReachPolicy.load(policies);
        assertEquals(List.of("PPLFault"), onlyFault.loads().stream().map(ReachPolicy.AttackLoad::name).toList());
        Reach.Result early = reach("windows-10-early", "powershell.exe", onlyFault);
        assertEquals(Set.of("0x00", "0x21", "0x31", "0x41", "0x51", "0x61"), levels(early));
        Reach.Edge load = early.path("c:services.exe:0x61:admin-elevated").get(1);
        assertEquals("L50.3 (L90.2)", load.decidedBy());
        assertEquals(Set.of("0x00"), levels(reach("windows-10-11", "powershell.exe", onlyFault)));
    }

    @Test
    void a_standard_user_plants_nothing_so_the_early_build_gives_it_no_ppl_and_the_reference_agrees() {
        Reach.Result r = reach("windows-10-early", "explorer.exe", ReachFixture.POLICY);
        assertEquals(Set.of("0x00"), levels(r));
    }

    @Test
    void with_everyone_as_planter_the_standard_user_reaches_wintcb_light_and_the_reference_sees_the_difference(@TempDir Path tmp) throws Exception {
        Path policies = TestTrees.copy("policies", tmp);
        TestTrees.edit(policies.resolve("reach.yaml"), "    runs: image\n    plantedBy: [BA, SY]", "    runs: image\n    plantedBy: [BA, SY, WD]");
        ReachPolicy anyone = ReachPolicy.load(policies);
        Reach.Result r = reach("windows-10-early", "explorer.exe", anyone);
        assertTrue(levels(r).contains("0x61"), levels(r).toString());
        assertEquals(2, r.distance().get("c:services.exe:0x61:standard-user"));
        // the reference keeps the shipped assumption (an administrator or SYSTEM plants): the differential catches the edit
        SystemCatalog.Process start = dev.pplsim.jobs.Catalog.one(W11, "explorer.exe", "--from");
        Map<String, Integer> job = new java.util.TreeMap<>();
        for (Reach.Node n : Reach.run(ReachFixture.SIM, W11, "windows-10-early", start, anyone, 4).reached()) job.put(n.id(), r.distance().get(n.id()));
        assertNotEquals(new java.util.TreeMap<>(ReachFixture.reference(W11, "windows-10-early", start, 4)), job);
    }
}
