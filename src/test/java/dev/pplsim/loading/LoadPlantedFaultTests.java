package dev.pplsim.loading;

import dev.pplsim.TestTrees;
import dev.pplsim.engine.Load;
import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.reference.ReferenceLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load differential is not vacuous: a policies copy whose Lsa row gives a DLL level of Authenticode (4) instead
 * of Microsoft (8), and one whose windows-10-11 still lets a PPL use \KnownDlls, each disagree with the reference, and
 * a load decided with them follows the edit.
 */
class LoadPlantedFaultTests {

    @TempDir
    Path dir;

    @Test
    void a_wrong_section_level_in_the_policies_is_caught() throws IOException {
        Path policies = TestTrees.copy("policies", dir);
        TestTrees.edit(policies.resolve("creation.yaml"), "{signer: Lsa,          exe: 12, dll: 8}", "{signer: Lsa,          exe: 12, dll: 4}");
        Simulator planted = new Simulator(PolicySet.load(policies), RuleBase.builtIn());
        List<String> mismatches = new ArrayList<>();
        LoadVsReferenceTests.compare(planted, ReferenceLoad.BUILDS, mismatches);
        assertTrue(!mismatches.isEmpty(), "the planted Lsa DLL level is caught");
        // an Authenticode DLL now passes into Lsa-Light, which the spec refuses
        LoadQuery q = LoadQuery.of(PsProtection.of(1, false, 4), new ImageSpec(LoadQuery.DEFAULT_PATH, null, null, null, 4));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, Simulator.builtIn().load(q).status());
        Load l = planted.load(q);
        assertEquals(NtStatus.STATUS_SUCCESS, l.status());
        assertEquals(List.of("L10.5", "L20.2", "L30.1", "L40.2", "L50.3", "L90.2"), l.rules());
    }

    @Test
    void a_build_switch_put_back_before_july_2022_is_caught() throws IOException {
        Path policies = TestTrees.copy("policies", dir);
        TestTrees.edit(policies.resolve("loads.yaml"), "  windows-10-11:\n    # §6.3 (C): since 19044.1806 (Feature_Servicing_2206c_38427506) every protected process ignores \\KnownDlls.\n    knownDllsForLight: false",
                "  windows-10-11:\n    knownDllsForLight: true");
        Simulator planted = new Simulator(PolicySet.load(policies), RuleBase.builtIn());
        List<String> mismatches = new ArrayList<>();
        LoadVsReferenceTests.compare(planted, ReferenceLoad.BUILDS, mismatches);
        assertTrue(!mismatches.isEmpty(), "the planted switch is caught");
    }
}
