package dev.pplsim.reference;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference alone: every spec §9 worked case (inherited from {@link SpecWorkedCases}), plus the tables and the
 * individual stages checked against the spec's own arithmetic (§2.1 "dominates" column, §2.2 surviving rights).
 */
class ReferenceDeciderTests extends SpecWorkedCases {

    @Override
    protected ReferenceDecision open(AccessQuery q) {
        return ReferenceDecider.decide(q);
    }

    private static PsProtection p(int b) {
        return new PsProtection(b);
    }

    private static void assertDecision(NtStatus status, int granted, AccessQuery q) {
        ReferenceDecision d = ReferenceDecider.decide(q);
        assertEquals(new ReferenceDecision(status, granted), d, () -> "for " + q);
    }

    // ---- tables -------------------------------------------------------------------------------------------------

    /** Spec §2.2: 0x1FFFFF & ~DeniedProcessAccess per signer. */
    @Test
    void process_rights_that_survive_protection_match_spec_2_2() {
        int[] expected = {0x001FFFFF, 0x00103801, 0x00103801, 0x00103800, 0x00103800, 0x00103801, 0x00103800,
                0x00103800, 0x00103901};
        for (int s = 0; s < 9; s++) {
            assertEquals(expected[s], 0x001FFFFF & ~ReferenceDecider.deniedProcessAccess(s), "signer " + s);
        }
    }

    /** Spec §2.2: 0x1FFFFF & ~DeniedThreadAccess per signer. */
    @Test
    void thread_rights_that_survive_protection_match_spec_2_2() {
        int[] expected = {0x001FFFFF, 0x00101C02, 0x00101C02, 0x00101C00, 0x00101C00, 0x00101C02, 0x00101C00,
                0x00100800, 0x00101C02};
        for (int s = 0; s < 9; s++) {
            assertEquals(expected[s], 0x001FFFFF & ~ReferenceDecider.deniedThreadAccess(s), "signer " + s);
        }
    }

    /** Spec §2.1 "dominates signers" column. */
    @Test
    void dominate_masks_match_the_dominates_column_of_spec_2_1() {
        int[][] dominated = {{}, {1}, {2}, {3, 8}, {4, 8}, {1, 2, 3, 4, 5, 8}, {1, 2, 3, 4, 5, 6, 8},
                {1, 2, 3, 4, 5, 6, 7, 8}, {}};
        for (int s = 0; s < 9; s++) {
            List<Integer> actual = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                if ((ReferenceDecider.dominateMask(s) & (1 << t)) != 0) actual.add(t);
            }
            List<Integer> want = new ArrayList<>();
            for (int t : dominated[s]) want.add(t);
            assertEquals(want, actual, "signer " + s);
        }
    }

    // ---- RtlTestProtectedAccess (§3.2) ----------------------------------------------------------------------------

    @Test
    void rtl_test_protected_access_follows_type_then_dominate_mask() {
        // unprotected target: always reachable, even by an unprotected caller
        assertTrue(ReferenceDecider.rtlTestProtectedAccess(p(0x00), p(0x70)));
        // PPL never reaches PP
        assertFalse(ReferenceDecider.rtlTestProtectedAccess(p(0x71), p(0x12)));
        // Lsa does not dominate Antimalware (§2.3), WinTcb does
        assertFalse(ReferenceDecider.rtlTestProtectedAccess(p(0x41), p(0x31)));
        assertTrue(ReferenceDecider.rtlTestProtectedAccess(p(0x61), p(0x31)));
        // types 3..7 compare as numbers: type 3 WinSystem reaches PP WinTcb; type 1 never reaches type 5
        assertTrue(ReferenceDecider.rtlTestProtectedAccess(p(0x73), p(0x62)));
        assertFalse(ReferenceDecider.rtlTestProtectedAccess(p(0x61), p(0x45)));
        // type 7 with signer None dominates nothing
        assertFalse(ReferenceDecider.rtlTestProtectedAccess(p(0x07), p(0x41)));
        // audit bit ignored on both sides
        assertTrue(ReferenceDecider.rtlTestProtectedAccess(p(0x69), p(0x49)));
        assertFalse(ReferenceDecider.rtlTestProtectedAccess(p(0x49), p(0x39)));
    }

    @Test
    void parent_exemption_depends_on_build() {
        assertTrue(ReferenceDecider.pspIsParentProcess(ReferenceBuild.WINDOWS_10_11, Relation.PARENT));
        assertFalse(ReferenceDecider.pspIsParentProcess(ReferenceBuild.WINDOWS_10_11, Relation.STALE_PARENT));
        assertTrue(ReferenceDecider.pspIsParentProcess(ReferenceBuild.WINDOWS_10_RS, Relation.PARENT));
        assertTrue(ReferenceDecider.pspIsParentProcess(ReferenceBuild.WINDOWS_10_RS, Relation.STALE_PARENT));
        assertFalse(ReferenceDecider.pspIsParentProcess(ReferenceBuild.WINDOWS_10_EARLY, Relation.PARENT));
        assertFalse(ReferenceDecider.pspIsParentProcess(ReferenceBuild.WINDOWS_10_11, Relation.NONE));
        assertFalse(ReferenceDecider.pspIsParentProcess(ReferenceBuild.WINDOWS_10_RS, Relation.SELF));
    }

    @Test
    void stale_parent_is_exempt_on_rs_but_not_on_windows_10_11() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x31), ObjectKind.PROCESS, 0x1).withRelation(Relation.STALE_PARENT);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1, q.withBuild("windows-10-rs"));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q.withBuild("windows-10-early"));
    }

    @Test
    void parent_exemption_clears_thread_terminate_only() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x41), ObjectKind.THREAD, 0x1).withRelation(Relation.PARENT);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1, q);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q.withDesired(0x3));
    }

    @Test
    void self_open_is_never_refused_by_protection() {
        AccessQuery q = AccessQuery.of(p(0x41), p(0x41), ObjectKind.PROCESS, 0x001FFFFF).withRelation(Relation.SELF);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFFF, q);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFFF, q.withObject(ObjectKind.THREAD));
    }

    // ---- generic mapping and the SD stage (§3.1, §4.4) -----------------------------------------------------------

    /** §4.4: observed process GENERIC_EXECUTE = 0x121001 holds TERMINATE and READ_CONTROL. */
    @Test
    void generic_execute_on_process_maps_to_the_observed_row() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x31), ObjectKind.PROCESS, 0x20000000);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00121001, q.withTarget(p(0x00)));
        // a Windows-Light target allows TERMINATE but still denies READ_CONTROL (0xF0000 of 0xFC7FE)
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q.withTarget(p(0x51)));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00101001, q.withTarget(p(0x51)).withSdGranted(0x00101001));
    }

    @Test
    void generic_read_on_thread_maps_and_adds_query_limited() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x00), ObjectKind.THREAD, 0x80000000);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00020848, q);
        assertEquals(0x00020BEA | 0x00000010, ReferenceDecider.rtlMapGenericMask(0x40000010, ObjectKind.PROCESS));
        assertEquals(0x001FFFFF, ReferenceDecider.rtlMapGenericMask(0x10000000, ObjectKind.THREAD));
        assertEquals(0x00121800, ReferenceDecider.rtlMapGenericMask(0x20000000, ObjectKind.THREAD));
    }

    @Test
    void maximum_allowed_resolves_to_all_access_and_keeps_access_system_security() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x00), ObjectKind.PROCESS, 0x03000000);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x011FFFFF, q);
    }

    @Test
    void access_system_security_is_outside_every_denied_mask() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x72), ObjectKind.PROCESS, 0x01001000);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x01001000, q);
    }

    @Test
    void sd_granted_replaces_the_request() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x41), ObjectKind.PROCESS, 0x02000000).withSdGranted(0x00101000);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00101000, q);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q.withSdGranted(0x00101010));
    }

    @Test
    void empty_sd_result_is_access_denied_unless_nothing_was_asked() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x00), ObjectKind.PROCESS, 0x1000).withSdGranted(0);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q);
        assertDecision(NtStatus.STATUS_SUCCESS, 0, q.withDesired(0));
        assertDecision(NtStatus.STATUS_SUCCESS, 0, q.withDesired(0).withSdGranted(null));
    }

    // ---- implied rights (§3.2, §3.3) -----------------------------------------------------------------------------

    @Test
    void implied_process_rights_full_versus_query_only() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x00), ObjectKind.PROCESS, 0x0028);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1028, q);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x0028, q.withBuild("windows-10-early"));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x0008, q.withDesired(0x0008));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x2200, q.withDesired(0x0200));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x0200, q.withDesired(0x0200).withBuild("windows-10-early"));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1400, q.withDesired(0x0400).withBuild("windows-10-early"));
    }

    @Test
    void implied_thread_rights_full_versus_query_only() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x00), ObjectKind.THREAD, 0x0062);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1C62, q);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x0862, q.withBuild("windows-10-early"));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1C62, q.withBuild("windows-10-rs"));
    }

    // ---- Pico (§7.2) and DisallowUserTerminate (§3.2) ------------------------------------------------------------

    @Test
    void pico_target_limits_a_non_pico_user_caller_to_the_provider_masks() {
        PicoProvider provider = new PicoProvider(0x00101000, 0x00100800);
        AccessQuery q = AccessQuery.of(p(0x00), p(0x00), ObjectKind.PROCESS, 0x1000).withPico(false, provider);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1000, q);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q.withDesired(0x1400));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1400, q.withDesired(0x1400).withMode(AccessMode.KERNEL));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0,
                q.withDesired(0x1400).withMode(AccessMode.KERNEL).withForceAccessCheck(true));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1400, q.withDesired(0x1400).withPico(true, provider));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1400, q.withDesired(0x1400).withBuild("windows-10-early"));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q.withDesired(0x1400).withBuild("windows-10-rs"));
        AccessQuery t = q.withObject(ObjectKind.THREAD);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x800, t.withDesired(0x800));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, t.withDesired(0x1000));
    }

    @Test
    void disallow_user_terminate_refuses_user_mode_terminate_on_windows_10_11_only() {
        AccessQuery q = AccessQuery.of(p(0x00), p(0x00), ObjectKind.PROCESS, 0x1001).withDisallowUserTerminate(true);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, q.withRelation(Relation.SELF));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1001, q.withMode(AccessMode.KERNEL));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1001, q.withBuild("windows-10-rs"));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1001, q.withBuild("windows-10-early"));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1000, q.withDesired(0x1000));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1001, q.withObject(ObjectKind.THREAD));
    }

    // ---- input errors (agreed rule 2) ----------------------------------------------------------------------------

    @Test
    void undecidable_input_is_rejected() {
        AccessQuery ok = AccessQuery.of(p(0x00), p(0x41), ObjectKind.PROCESS, 0x1000);
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1000, ok);
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(ok.withCaller(p(0x91))));
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(ok.withTarget(p(0xF0))));
        assertThrows(ReferenceInputError.class,
                () -> ReferenceDecider.decide(ok.withTarget(p(0x90)).withMode(AccessMode.KERNEL)));
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(ok.withDesired(0x04000000)));
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(ok.withDesired(0x00200000)));
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(ok.withSdGranted(0x02000000)));
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(ok.withSdGranted(0x80000000)));
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(ok.withBuild("windows-8.1")));
        AccessQuery self = ok.withCaller(p(0x41)).withRelation(Relation.SELF);
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(self.withPico(true, null)));
        assertThrows(ReferenceInputError.class,
                () -> ReferenceDecider.decide(self.withPico(false, new PicoProvider(0x1FFFFF, 0x1FFFFF))));
        // the consistent SELF + Pico combination is decidable
        assertDecision(NtStatus.STATUS_SUCCESS, 0x1000, self.withPico(true, new PicoProvider(0, 0)));
        // the widest valid values are accepted
        assertDecision(NtStatus.STATUS_SUCCESS, 0x011FFFFF, ok.withTarget(p(0x80)).withDesired(0xF3000000));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x011FFFFF, ok.withTarget(p(0x80)).withSdGranted(0x011FFFFF));
    }
}
