package dev.pplsim.engine;

import dev.pplsim.explain.ExplainMode;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Specific behaviours of the rules, one per spec statement, with the exact status, mask and deciding rules. */
class EngineTests {

    private static final Simulator SIM = Simulator.builtIn();
    private static final PsProtection NONE = PsProtection.NONE, LSA_L = new PsProtection(0x41), TCB_L = new PsProtection(0x61),
            WIN_L = new PsProtection(0x51), AM_L = new PsProtection(0x31);

    private static Decision decide(AccessQuery q) {
        return SIM.decide(q);
    }

    private static void assertDecision(NtStatus status, int granted, Decision d) {
        assertEquals(status, d.status(), d.rules().toString());
        assertEquals(granted, d.granted(), () -> String.format("granted 0x%08X, rules %s", d.granted(), d.rules()));
    }

    @Test
    void parent_may_terminate_its_wintcb_light_child_on_w11_but_not_on_early_builds() {
        AccessQuery q = AccessQuery.of(NONE, TCB_L, ObjectKind.PROCESS, 0x1).withRelation(Relation.PARENT);
        Decision w11 = decide(q);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1, w11);
        assertTrue(w11.rules().containsAll(List.of("R50.4", "R50.6", "R90.3")), w11.rules().toString());
        Decision early = decide(q.withBuild("windows-10-early"));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, early);
        assertTrue(early.rules().containsAll(List.of("R50.5", "R90.2")), early.rules().toString());
    }

    @Test
    void the_parent_exemption_covers_terminate_only() {
        Decision d = decide(AccessQuery.of(NONE, TCB_L, ObjectKind.PROCESS, 0x11).withRelation(Relation.PARENT));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, d);
        Decision t = decide(AccessQuery.of(NONE, TCB_L, ObjectKind.THREAD, 0x1).withRelation(Relation.PARENT));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1, t);
    }

    @Test
    void a_reused_parent_pid_is_exempt_by_pid_only_not_by_sequence_number() {
        AccessQuery q = AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x1).withRelation(Relation.STALE_PARENT);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(q));
        Decision rs = decide(q.withBuild("windows-10-rs"));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1, rs);
        assertTrue(rs.rules().contains("R50.3"), rs.rules().toString());
    }

    @Test
    void kernel_mode_skips_protection_unless_force_access_check() {
        AccessQuery q = AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x001FFFFF).withMode(AccessMode.KERNEL);
        Decision k = decide(q);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFFF, k);
        assertTrue(k.rules().contains("R40.2"));
        Decision forced = decide(q.withForceAccessCheck(true));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, forced);
        assertTrue(forced.rules().containsAll(List.of("R12.1", "R40.4")), forced.rules().toString());
    }

    @Test
    void a_process_may_open_itself_whatever_its_protection() {
        Decision d = decide(AccessQuery.of(LSA_L, LSA_L, ObjectKind.PROCESS, 0x10).withRelation(Relation.SELF));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x10, d);
        assertTrue(d.rules().contains("R40.1"));
        assertThrows(InputException.class, () -> decide(AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x10).withRelation(Relation.SELF)));
    }

    @Test
    void a_denied_bit_fails_the_whole_open_rather_than_being_stripped() {
        // SYNCHRONIZE survives the Lsa mask, VM_READ does not: together they fail (spec §3.2)
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x00100010)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00100000, decide(AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x00100000)));
    }

    @Test
    void implied_rights_are_added_after_success() {
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1428, decide(AccessQuery.of(TCB_L, LSA_L, ObjectKind.PROCESS, 0x428)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1028, decide(AccessQuery.of(TCB_L, LSA_L, ObjectKind.PROCESS, 0x28)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x2200, decide(AccessQuery.of(TCB_L, LSA_L, ObjectKind.PROCESS, 0x200)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1002, decide(AccessQuery.of(WIN_L, WIN_L, ObjectKind.THREAD, 0x2)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x0C60, decide(AccessQuery.of(NONE, NONE, ObjectKind.THREAD, 0x60)));
        // B-old adds only QUERY_INFORMATION -> QUERY_LIMITED
        assertDecision(NtStatus.STATUS_SUCCESS, 0x0228, decide(AccessQuery.of(NONE, NONE, ObjectKind.PROCESS, 0x228).withBuild("windows-10-early")));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1400, decide(AccessQuery.of(NONE, NONE, ObjectKind.PROCESS, 0x400).withBuild("windows-10-early")));
    }

    @Test
    void generic_rights_map_through_the_observed_rows() {
        // GENERIC_EXECUTE on a process is 0x00121001 (observed), which holds PROCESS_TERMINATE (spec §4.4)
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(AccessQuery.of(NONE, AM_L, ObjectKind.PROCESS, 0x20000000)));
        // and READ_CONTROL, which every signer's mask denies: GENERIC_EXECUTE fails even on Windows-Light
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(AccessQuery.of(NONE, WIN_L, ObjectKind.PROCESS, 0x20000000)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00121001, decide(AccessQuery.of(NONE, NONE, ObjectKind.PROCESS, 0x20000000)));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(AccessQuery.of(NONE, LSA_L, ObjectKind.THREAD, 0x20000000)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00121800, decide(AccessQuery.of(NONE, NONE, ObjectKind.THREAD, 0x20000000)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00020848, decide(AccessQuery.of(NONE, NONE, ObjectKind.THREAD, 0x80000000)));
    }

    @Test
    void maximum_allowed_with_sedebug_becomes_all_access_and_fails_on_a_protected_target() {
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x02000000)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFFF, decide(AccessQuery.of(NONE, NONE, ObjectKind.PROCESS, 0x02000000)));
    }

    @Test
    void sd_granted_is_what_the_protection_stage_sees() {
        AccessQuery q = AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x02000000);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00101000, decide(q.withSdGranted(0x00101000)));
        Decision nothing = decide(q.withSdGranted(0));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, nothing);
        assertEquals("R90.1", nothing.rules().get(nothing.rules().size() - 1));
    }

    @Test
    void pico_provider_masks_bound_a_non_pico_user_caller() {
        PicoProvider lx = new PicoProvider(0x00101000, 0x00100800);
        AccessQuery q = AccessQuery.of(NONE, NONE, ObjectKind.PROCESS, 0x10).withPico(false, lx);
        Decision d = decide(q);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, d);
        assertTrue(d.rules().contains("R60.1"));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1000, decide(q.withDesired(0x1000)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x10, decide(q.withPico(true, lx)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x10, decide(q.withMode(AccessMode.KERNEL)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x10, decide(q.withBuild("windows-10-early")));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(q.withObject(ObjectKind.THREAD).withDesired(0x1000)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x0800, decide(q.withObject(ObjectKind.THREAD).withDesired(0x0800)));
    }

    @Test
    void disallow_user_terminate_refuses_even_the_process_itself_on_w11() {
        AccessQuery q = AccessQuery.of(NONE, NONE, ObjectKind.PROCESS, 0x1).withDisallowUserTerminate(true);
        Decision d = decide(q);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, d);
        assertTrue(d.rules().contains("R70.1"));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(q.withRelation(Relation.SELF)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1, decide(q.withMode(AccessMode.KERNEL)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1, decide(q.withBuild("windows-10-rs")));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1, decide(q.withObject(ObjectKind.THREAD)));
    }

    @Test
    void the_first_veto_in_kernel_order_decides() {
        // protection (order 1) and DisallowUserTerminate (order 3) both refuse TERMINATE on lsass
        Decision d = decide(AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x1).withDisallowUserTerminate(true));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, d);
        TraceStep last = d.trace().steps().get(d.trace().steps().size() - 1);
        assertTrue(last.matched().stream().anyMatch(o -> o.toString().contains("order=1")), last.matched().toString());
    }

    @Test
    void a_signer_without_a_table_row_cannot_be_decided() {
        InputException e = assertThrows(InputException.class, () -> decide(AccessQuery.of(NONE, new PsProtection(0x91), ObjectKind.PROCESS, 0x10)));
        assertTrue(e.getMessage().startsWith("target.protection: 0x91 Signer9-Light has signer 9, which has no row in build windows-10-11's RtlProtectedAccess table (rows 0..8)"), e.getMessage());
        assertThrows(InputException.class, () -> decide(AccessQuery.of(new PsProtection(0xF2), NONE, ObjectKind.THREAD, 0x10).withMode(AccessMode.KERNEL)));
    }

    @Test
    void an_unknown_build_is_an_input_error_listing_the_known_ones() {
        InputException e = assertThrows(InputException.class, () -> decide(AccessQuery.of(NONE, NONE, ObjectKind.PROCESS, 1).withBuild("windows-12")));
        assertEquals("build: unknown build 'windows-12' (known: windows-10-11, windows-10-early, windows-10-rs)", e.getMessage());
    }

    @Test
    void odd_type_values_are_compared_as_numbers_with_a_warning() {
        Decision d = decide(AccessQuery.of(new PsProtection(0x63), new PsProtection(0x62), ObjectKind.PROCESS, 0x10));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x10, d);
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("type 3"), d.warnings().get(0));
    }

    @Test
    void each_side_warns_of_its_own_odd_byte_every_time_it_is_asked() {
        // warnings are made on a byte's first use and kept per side: asked twice, in both roles, they must not mix
        for (int round = 0; round < 2; round++) {
            Decision both = decide(AccessQuery.of(new PsProtection(0x05), new PsProtection(0x50), ObjectKind.PROCESS, 0x1000));
            assertEquals(2, both.warnings().size(), both.warnings().toString());
            assertTrue(both.warnings().get(0).startsWith("caller protection 0x05") && both.warnings().get(0).contains("type 5"), both.warnings().get(0));
            assertTrue(both.warnings().get(1).startsWith("target protection 0x50") && both.warnings().get(1).contains("type None"), both.warnings().get(1));
            Decision swapped = decide(AccessQuery.of(new PsProtection(0x50), new PsProtection(0x05), ObjectKind.PROCESS, 0x1000));
            assertTrue(swapped.warnings().get(0).startsWith("caller protection 0x50"), swapped.warnings().toString());
            assertTrue(swapped.warnings().get(1).startsWith("target protection 0x05"), swapped.warnings().toString());
            assertEquals(List.of(), decide(AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x1000)).warnings());
        }
    }

    @Test
    void the_decisive_explanation_is_a_filter_over_the_full_trace() {
        Decision d = decide(AccessQuery.of(NONE, LSA_L, ObjectKind.PROCESS, 0x410));
        List<TraceStep> full = ExplainMode.FULL.filter(d.trace());
        List<TraceStep> decisive = ExplainMode.DECISIVE.filter(d.trace());
        assertEquals(d.trace().steps(), full);
        assertTrue(full.containsAll(decisive));
        assertEquals(List.of("R10.2", "R12.2", "R20.2", "R40.4", "R50.1", "R50.5", "R90.2"), decisive.stream().map(TraceStep::ruleId).toList());
        assertEquals(List.of(), ExplainMode.OFF.filter(d.trace()));
    }
}
