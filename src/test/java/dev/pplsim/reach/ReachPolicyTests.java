package dev.pplsim.reach;

import dev.pplsim.TestTrees;
import dev.pplsim.policy.ReachPolicy;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** policies/reach.yaml as read: the shipped questions, and a mistake in it refused in one line naming the field. */
class ReachPolicyTests {

    @TempDir
    Path tmp;

    @Test
    void the_shipped_file_asks_the_injection_rights_the_nine_levels_seven_images_and_two_loads() {
        ReachPolicy p = ReachFixture.POLICY;
        assertEquals(0x2A, p.injectProcess());
        assertEquals(0x10, p.injectThread());
        assertEquals(0x000C0000, p.createFlags());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), p.levels());
        assertEquals(List.of("services.exe", "wininit.exe", "WerFaultSecure.exe", "sppsvc.exe", "svchost.exe", "MsMpEng.exe", "notepad.exe"),
                p.images().stream().map(ReachPolicy.Image::name).toList());
        assertEquals(List.of("PPLdump", "PPLFault"), p.loads().stream().map(ReachPolicy.AttackLoad::name).toList());
        assertEquals("windows-10-11", p.creationBuild("windows-10-early"));
        assertEquals("windows-10-rs", p.creationBuild("windows-10-rs"));
    }

    private int copies;

    private InputException broken(String from, String to) throws Exception {
        Path policies = TestTrees.copy("policies", tmp.resolve("copy" + copies++));
        TestTrees.edit(policies.resolve("reach.yaml"), from, to);
        return assertThrows(InputException.class, () -> ReachPolicy.load(policies));
    }

    @Test
    void a_misspelt_field_an_unknown_level_or_sid_is_one_line_naming_it() throws Exception {
        InputException e = broken("    pageHashes: false\n", "    pageHash: false\n");
        assertTrue(e.getMessage().contains("reach.yaml") && e.getMessage().contains("pageHash"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        e = broken("PROTECTION_LEVEL_PPL_APP]", "PROTECTION_LEVEL_PPL_APPX]");
        assertTrue(e.getMessage().endsWith("reach.yaml: create.levels: unknown protection level 'PROTECTION_LEVEL_PPL_APPX'"), e.getMessage());
        e = broken("    runs: image\n    plantedBy: [BA, SY]", "    runs: image\n    plantedBy: [BA, S-1-x]");
        assertTrue(e.getMessage().contains("reach.yaml: loads[0].plantedBy: "), e.getMessage());
        e = broken("    runs: modified-pages", "    runs: sometimes");
        assertTrue(e.getMessage().contains("reach.yaml: loads[1].runs: expected image or modified-pages, got 'sometimes'"), e.getMessage());
    }

    @Test
    void a_creation_as_entry_must_name_a_build_and_one_with_a_creation_model() throws Exception {
        for (String[] c : new String[][]{
                {"  windows-10-early: windows-10-11", "  windows-10-erly: windows-10-11",
                        "creationAs.windows-10-erly: unknown build 'windows-10-erly' (known: windows-10-11, windows-10-early, windows-10-rs)"},
                {"  windows-10-early: windows-10-11", "  windows-10-early: windows-10-early",
                        "creationAs.windows-10-early: build 'windows-10-early' has no creation switches in creation.yaml (listed: windows-10-11)"}}) {
            Path policies = TestTrees.copy("policies", tmp.resolve("copy" + copies++));
            TestTrees.edit(policies.resolve("reach.yaml"), c[0], c[1]);
            dev.pplsim.engine.Simulator sim = new dev.pplsim.engine.Simulator(dev.pplsim.policy.PolicySet.load(policies), dev.pplsim.engine.RuleBase.builtIn());
            var system = dev.pplsim.policy.SystemCatalog.resolve(sim.policies(), "windows-11");
            var start = dev.pplsim.jobs.Catalog.one(system, "powershell.exe", "--from");
            InputException e = assertThrows(InputException.class,
                    () -> dev.pplsim.jobs.Reach.run(sim, system, "windows-10-early", start, ReachPolicy.load(policies), 1));
            assertTrue(e.getMessage().endsWith(c[2]), e.getMessage());
        }
    }
}
