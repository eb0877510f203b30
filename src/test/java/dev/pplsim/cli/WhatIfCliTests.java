package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.WhatIf;
import dev.pplsim.policy.Overlay;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim whatif} through the CLI, and system what-ifs with the shipped overlays. */
class WhatIfCliTests {

    private static final Simulator SIM = Simulator.builtIn();

    private static WhatIf.Result<WhatIf.Pair> systems(String a, String b) {
        return WhatIf.systems(SIM.policies(), SIM.rules(), Overlay.resolve(SIM.policies(), a), Overlay.resolve(SIM.policies(), b));
    }

    private static Set<String> cells(List<WhatIf.Changed<WhatIf.Pair>> cs, boolean gained) {
        Set<String> out = new TreeSet<>();
        for (WhatIf.Changed<WhatIf.Pair> c : cs) out.add(c.row().caller().label() + ">" + c.row().target().label() + ">" + c.row().object() + ">" + c.desired() + ">" + (gained ? c.gained() : c.lost()));
        return out;
    }

    @Test
    void builds_through_the_cli_with_fail_on_gained() {
        CliTests.Result r = CliTests.run("", "whatif", "--base", "windows-10-early", "--change", "windows-10-11", "--fail-on", "gained");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("76,296 cells compared: 4,041 gained access, 0 lost access"), r.out());
        CliTests.Result lost = CliTests.run("", "whatif", "--base", "windows-10-early", "--change", "windows-10-11", "--fail-on", "lost");
        assertEquals(0, lost.exit());
        CliTests.Result same = CliTests.run("", "whatif", "--base", "windows-10-11", "--change", "windows-10-11", "--fail-on", "any");
        assertEquals(0, same.exit());
        assertTrue(same.out().contains("differences: none"), same.out());
    }

    @Test
    void a_table_overlay_names_its_one_field() {
        CliTests.Result r = CliTests.run("", "whatif", "--base", "windows-10-11", "--change", "policies/whatif/lsa-dominates-antimalware.yaml", "--fail-on", "gained");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("  signers[4].dominateMask 0x110 -> 0x118\n"), r.out());
        assertTrue(r.out().contains("because of signers[4].dominateMask 0x110 -> 0x118:"), r.out());
        assertTrue(r.out().contains(" 0 lost access"), r.out());
    }

    @Test
    void runasppl_off_as_an_overlay_equals_the_shipped_catalog() {
        WhatIf.Result<WhatIf.Pair> overlay = systems("windows-11", "policies/whatif/lsass-runasppl-off.yaml");
        WhatIf.Result<WhatIf.Pair> catalog = systems("windows-11", "windows-11-no-runasppl");
        assertEquals(cells(catalog.gained(), true), cells(overlay.gained(), true));
        assertEquals(List.of(), overlay.lost());
        assertEquals(List.of("lsass.exe (800) protection 0x41 Lsa-Light -> 0x00 None"), overlay.differences().stream().map(WhatIf.Difference::describe).toList());
        assertTrue(!overlay.gained().isEmpty());
        for (WhatIf.Changed<WhatIf.Pair> c : overlay.gained()) {
            assertEquals("lsass.exe (800)", c.row().target().label(), c.toString());
            assertEquals(List.of("lsass.exe (800) protection 0x41 Lsa-Light -> 0x00 None"), c.causes());
        }
    }

    @Test
    void a_system_against_itself_is_empty_and_swapping_swaps_gained_and_lost() {
        assertEquals(List.of(), systems("windows-11", "windows-11").cells());
        WhatIf.Result<WhatIf.Pair> fwd = systems("policies/whatif/edr-agent.yaml", "policies/whatif/edr-agent-as-antimalware-light.yaml");
        WhatIf.Result<WhatIf.Pair> back = systems("policies/whatif/edr-agent-as-antimalware-light.yaml", "policies/whatif/edr-agent.yaml");
        assertEquals(cells(fwd.gained(), true), cells(back.lost(), false));
        assertEquals(cells(fwd.lost(), false), cells(back.gained(), true));
        // the agent as Antimalware-Light reaches the other Antimalware-Light processes, and unprotected ones lose it
        for (WhatIf.Changed<WhatIf.Pair> c : fwd.gained()) assertEquals("edr-agent.exe (9000)", c.row().caller().label(), c.toString());
        assertTrue(fwd.gained().stream().anyMatch(c -> c.row().target().label().equals("MsMpEng.exe (3880)")));
        for (WhatIf.Changed<WhatIf.Pair> c : fwd.lost()) assertEquals("edr-agent.exe (9000)", c.row().target().label(), c.toString());
    }

    @Test
    void a_system_against_a_build_is_one_line_exit_2() {
        CliTests.assertOneLineError(CliTests.run("", "whatif", "--base", "windows-11", "--change", "windows-10-11"),
                "pplsim: --change: compare a system with a system and a build with a build");
    }

    @Test
    void caller_target_and_right_filters_show_only_those_cells_and_a_misspelt_one_is_bad_input() {
        CliTests.Result r = CliTests.run("", "whatif", "--base", "windows-10-early", "--change", "windows-10-11", "--format", "csv",
                "--caller", "None", "--target", "Antimalware-Light", "--right", "PROCESS_TERMINATE");
        assertEquals(0, r.exit(), r.err());
        // the parent exemption of B-w11 (spec §3.2): terminate on a process and on its thread, both gained
        assertEquals(List.of(
                "gained,process,user,parent,0x00,None,0x31,Antimalware-Light,0x00000001,PROCESS_TERMINATE,STATUS_ACCESS_DENIED,0x00000000,STATUS_SUCCESS,0x00000001,0x00000001,PROCESS_TERMINATE,switches.parentExemption none -> pid-and-sequence",
                "gained,thread,user,parent,0x00,None,0x31,Antimalware-Light,0x00000001,THREAD_TERMINATE,STATUS_ACCESS_DENIED,0x00000000,STATUS_SUCCESS,0x00000001,0x00000001,THREAD_TERMINATE,switches.parentExemption none -> pid-and-sequence"),
                r.outLines().subList(1, r.outLines().size()));
        CliTests.Result table = CliTests.run("", "whatif", "--base", "policies/whatif/edr-agent.yaml", "--change",
                "policies/whatif/edr-agent-as-antimalware-light.yaml", "--caller", "edr-agent.exe", "--target", "3880", "--right", "PROCESS_VM_READ");
        assertTrue(table.out().contains("23,276 cells compared: 2 gained access, 0 lost access (changed cells of caller edr-agent.exe, target 3880, rights 0x00000010)"), table.out());
        CliTests.assertOneLineError(CliTests.run("", "whatif", "--base", "windows-10-early", "--change", "windows-10-11", "--caller", "Lsa-Heavy"),
                "pplsim: --caller: unknown protection 'Lsa-Heavy'");
        CliTests.assertOneLineError(CliTests.run("", "whatif", "--base", "windows-11", "--change", "windows-11-no-runasppl", "--target", "nosuch.exe"),
                "pplsim: --target: no process 'nosuch.exe' in windows-11 or windows-11-no-runasppl");
        CliTests.assertOneLineError(CliTests.run("", "whatif", "--base", "windows-10-early", "--change", "windows-10-11", "--right", "PROCESS_FLY"),
                "pplsim: --right: ");
    }
}
