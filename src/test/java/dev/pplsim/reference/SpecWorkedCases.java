package dev.pplsim.reference;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The worked cases of spec §9, written once and run against any decider: {@link ReferenceDeciderTests} runs them
 * against the reference, {@code dev.pplsim.differential.WorkedCasesTests} against the engine.
 *
 * <p>§9 assumptions unless a case says otherwise: the caller is an unprotected admin holding SeDebugPrivilege
 * (caller byte 0x00, sdGranted null, so the SD stage grants what is asked), UserMode, no force, not the parent.
 */
public abstract class SpecWorkedCases {

    protected static final PsProtection UNPROTECTED = new PsProtection(0x00);
    protected static final PsProtection LSASS_LSA_LIGHT = new PsProtection(0x41);
    protected static final PsProtection MSMPENG_ANTIMALWARE_LIGHT = new PsProtection(0x31);
    protected static final PsProtection WINDOWS_LIGHT = new PsProtection(0x51);
    protected static final PsProtection CSRSS_WINTCB_LIGHT = new PsProtection(0x61);
    protected static final PsProtection WERFAULTSECURE_WINTCB = new PsProtection(0x62);
    protected static final PsProtection WINTCB_LIGHT_CHILD = new PsProtection(0x61);

    protected static final int PROCESS_TERMINATE = 0x0001;
    protected static final int PROCESS_VM_READ = 0x0010;
    protected static final int PROCESS_QUERY_INFORMATION = 0x0400;
    protected static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    protected static final int PROCESS_ALL_ACCESS = 0x001FFFFF;
    protected static final int THREAD_SUSPEND_RESUME = 0x0002;
    protected static final int THREAD_RESUME = 0x1000;
    protected static final int MAXIMUM_ALLOWED = 0x02000000;

    /** Decide one open with the implementation under test. */
    protected abstract ReferenceDecision open(AccessQuery q);

    protected static AccessQuery adminOpens(PsProtection target, ObjectKind object, int desired) {
        return AccessQuery.of(UNPROTECTED, target, object, desired);
    }

    private void expect(AccessQuery q, NtStatus status, int granted) {
        ReferenceDecision d = open(q);
        assertEquals(status, d.status(), () -> "status for " + q);
        assertEquals(granted, d.granted(),
                () -> String.format("granted for %s: expected 0x%08X, got 0x%08X", q, granted, d.granted()));
    }

    private void expectDenied(AccessQuery q) {
        expect(q, NtStatus.STATUS_ACCESS_DENIED, 0);
    }

    /** §9.1: lsass 0x41, VM_READ|QUERY_INFORMATION (0x410) touches 0xFC7FF. */
    @Test
    void case01_lsass_vm_read_and_query_information_is_denied() {
        expectDenied(adminOpens(LSASS_LSA_LIGHT, ObjectKind.PROCESS, PROCESS_VM_READ | PROCESS_QUERY_INFORMATION));
    }

    /** §9.2: lsass 0x41, QUERY_LIMITED_INFORMATION survives protection. */
    @Test
    void case02_lsass_query_limited_is_granted() {
        expect(adminOpens(LSASS_LSA_LIGHT, ObjectKind.PROCESS, PROCESS_QUERY_LIMITED_INFORMATION),
                NtStatus.STATUS_SUCCESS, 0x00001000);
    }

    /** §9.3: MsMpEng 0x31, TERMINATE is in 0xFC7FF. */
    @Test
    void case03_msmpeng_terminate_is_denied() {
        expectDenied(adminOpens(MSMPENG_ANTIMALWARE_LIGHT, ObjectKind.PROCESS, PROCESS_TERMINATE));
    }

    /** §9.4: Windows-Light 0x51, TERMINATE is not in 0xFC7FE. */
    @Test
    void case04_windows_light_terminate_is_granted() {
        expect(adminOpens(WINDOWS_LIGHT, ObjectKind.PROCESS, PROCESS_TERMINATE), NtStatus.STATUS_SUCCESS, 0x00000001);
    }

    /** §9.5: csrss 0x61 dominates lsass 0x41 (type 1 >= 1, 0x17E has bit 4), so only the DACL decides. */
    @Test
    void case05_csrss_opens_lsass_with_all_access() {
        AccessQuery q = AccessQuery.of(CSRSS_WINTCB_LIGHT, LSASS_LSA_LIGHT, ObjectKind.PROCESS, PROCESS_ALL_ACCESS);
        expect(q, NtStatus.STATUS_SUCCESS, 0x001FFFFF);
    }

    /** §9.6: lsass 0x41 does not dominate MsMpEng 0x31 (0x110 lacks bit 3; spec §2.3). */
    @Test
    void case06_lsass_cannot_read_msmpeng_memory() {
        AccessQuery q = AccessQuery.of(LSASS_LSA_LIGHT, MSMPENG_ANTIMALWARE_LIGHT, ObjectKind.PROCESS,
                PROCESS_VM_READ);
        expectDenied(q);
    }

    /** §9.7: a PPL (WinTcb-Light 0x61) never reaches a PP (WerFaultSecure 0x62): type 1 < 2. */
    @Test
    void case07_wintcb_light_cannot_read_wintcb_full() {
        AccessQuery q = AccessQuery.of(CSRSS_WINTCB_LIGHT, WERFAULTSECURE_WINTCB, ObjectKind.PROCESS,
                PROCESS_VM_READ);
        expectDenied(q);
    }

    private static AccessQuery parentTerminatesWinTcbLightChild(String build) {
        return adminOpens(WINTCB_LIGHT_CHILD, ObjectKind.PROCESS, PROCESS_TERMINATE)
                .withRelation(Relation.PARENT).withBuild(build);
    }

    /** §9.8 on B-w11: the parent exemption clears TERMINATE from 0xFC7FF. */
    @Test
    void case08_parent_terminates_protected_child_on_windows_10_11() {
        expect(parentTerminatesWinTcbLightChild("windows-10-11"), NtStatus.STATUS_SUCCESS, 0x00000001);
    }

    /** §9.8 on B-rs: same exemption (by pid). */
    @Test
    void case08_parent_terminates_protected_child_on_windows_10_rs() {
        expect(parentTerminatesWinTcbLightChild("windows-10-rs"), NtStatus.STATUS_SUCCESS, 0x00000001);
    }

    /** §9.8 on B-old: no parent exemption. */
    @Test
    void case08_parent_terminates_protected_child_on_windows_10_early_is_denied() {
        expectDenied(parentTerminatesWinTcbLightChild("windows-10-early"));
    }

    /** §9.9: kernel-mode open without OBJ_FORCE_ACCESS_CHECK is not checked; implied QUERY_LIMITED is added. */
    @Test
    void case09_kernel_handle_to_lsass_is_not_checked() {
        AccessQuery q = adminOpens(LSASS_LSA_LIGHT, ObjectKind.PROCESS, PROCESS_VM_READ | PROCESS_QUERY_INFORMATION)
                .withMode(AccessMode.KERNEL);
        expect(q, NtStatus.STATUS_SUCCESS, 0x00001410);
        expect(q.withDesired(PROCESS_ALL_ACCESS), NtStatus.STATUS_SUCCESS, 0x001FFFFF);
    }

    /** §9.9 converse: OBJ_FORCE_ACCESS_CHECK makes the same kernel open a UserMode one, which is refused. */
    @Test
    void case09_kernel_handle_with_force_access_check_is_denied() {
        AccessQuery q = adminOpens(LSASS_LSA_LIGHT, ObjectKind.PROCESS, PROCESS_VM_READ | PROCESS_QUERY_INFORMATION)
                .withMode(AccessMode.KERNEL).withForceAccessCheck(true);
        expectDenied(q);
    }

    /** §9.10: a thread of lsass: SUSPEND_RESUME (0x2) is in 0xFE3FF. */
    @Test
    void case10_lsass_thread_suspend_resume_is_denied() {
        expectDenied(adminOpens(LSASS_LSA_LIGHT, ObjectKind.THREAD, THREAD_SUSPEND_RESUME));
    }

    /** §9.10: a thread of lsass: RESUME (0x1000) is not in 0xFE3FF. */
    @Test
    void case10_lsass_thread_resume_is_granted() {
        expect(adminOpens(LSASS_LSA_LIGHT, ObjectKind.THREAD, THREAD_RESUME), NtStatus.STATUS_SUCCESS, 0x00001000);
    }

    /** §9.11: MAXIMUM_ALLOWED with SeDebugPrivilege becomes 0x1FFFFF, which touches 0xFC7FF. */
    @Test
    void case11_lsass_maximum_allowed_is_denied() {
        expectDenied(adminOpens(LSASS_LSA_LIGHT, ObjectKind.PROCESS, MAXIMUM_ALLOWED));
    }
}
