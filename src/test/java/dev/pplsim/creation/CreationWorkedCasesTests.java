package dev.pplsim.creation;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.NativeCreateFlag;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every worked example of spec §12, with its status, child protection, signature levels and returned masks. */
class CreationWorkedCasesTests {

    static final Simulator SIM = Simulator.builtIn();
    static final int PROTECTED_EXT = CreationFlag.CREATE_PROTECTED_PROCESS.value() | CreationFlag.EXTENDED_STARTUPINFO_PRESENT.value();

    static ImageSpec system32(String name, PsProtectedSigner signer) {
        return new ImageSpec("C:\\Windows\\System32\\" + name, signer, null, null, null);
    }

    static Creation create(int creator, ImageSpec image, int flags, ProtectionLevel level) {
        return SIM.create(CreateQuery.of(new PsProtection(creator), image, flags, level == null ? null : level.value()));
    }

    static void assertChild(Creation c, int protection, int signature, int section, int process, int thread) {
        assertEquals(NtStatus.STATUS_SUCCESS, c.status(), c::toString);
        assertEquals(protection, c.child().value(), "child protection");
        assertEquals(signature, c.signatureLevel(), "SignatureLevel");
        assertEquals(section, c.sectionLevel(), "SectionSignatureLevel");
        assertEquals(process, c.processAccess(), "hProcess access");
        assertEquals(thread, c.threadAccess(), "hThread access");
    }

    static void assertRefused(Creation c, NtStatus status, String rule) {
        assertEquals(status, c.status(), c::toString);
        assertNull(c.child());
        assertTrue(c.rules().contains(rule), () -> rule + " not among " + c.rules());
    }

    @Test
    void an_elevated_admin_starts_services_as_wintcb_light_and_gets_0x00103800_back() {
        // §12.3 item 5 and §12.5: no dominance test of the creator; the returned process handle is what WinTcb leaves open
        Creation c = SIM.create(CreateQuery.of(PsProtection.NONE, system32("services.exe", PsProtectedSigner.WINTCB), PROTECTED_EXT,
                ProtectionLevel.PROTECTION_LEVEL_WINTCB_LIGHT.value()).withTokens("admin-elevated", null));
        assertChild(c, 0x61, 0x3E, 0x0C, 0x00103800, 0x00101C01);
        assertTrue(c.rules().containsAll(List.of("C30.8", "C50.1", "C60.1", "C70.2", "C90.2")), c.rules()::toString);
    }

    @Test
    void notepad_as_windows_pp_fails_with_invalid_image_hash() {
        // §12.3 item 6: Microsoft-signed, but no protected-process EKU
        Creation c = create(0x00, system32("notepad.exe", PsProtectedSigner.NONE), PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_WINDOWS);
        assertRefused(c, NtStatus.STATUS_INVALID_IMAGE_HASH, "C50.8");
        assertEquals(0xC0000428, c.status().code());
    }

    @Test
    void msmpeng_starts_a_same_level_child_as_antimalware_light_with_full_handles() {
        // §12.3 item 4: SAME is the creator's byte; §12.5: a creator that dominates the child gets full handles
        ImageSpec image = new ImageSpec("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\MsMpEngCP.exe", PsProtectedSigner.ANTIMALWARE, null, null, null);
        assertChild(create(0x31, image, PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_SAME), 0x31, 0x37, 0x07, 0x001FFFFF, 0x001FFFFF);
    }

    @Test
    void lsass_as_lsa_light_records_the_observed_signature_levels() {
        // §12.4 observed 0x41 / 0x08 / 0x3C; the minimum-TCB list raises only the EXE level (to Windows, 12)
        assertChild(create(0x00, system32("lsass.exe", PsProtectedSigner.LSA), PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_LSA_LIGHT),
                0x41, 0x3C, 0x08, 0x001FFFFF & ~0x000FC7FF, 0x001FFFFF & ~0x000FE3FF | 0x1);
    }

    @Test
    void a_windows_light_child_records_0x51_0x0c_0x3c() {
        ImageSpec image = new ImageSpec("C:\\Windows\\WaaSMedicAgent.exe", PsProtectedSigner.WINDOWS, null, null, null);
        assertChild(create(0x00, image, PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_WINDOWS_LIGHT),
                0x51, 0x3C, 0x0C, 0x001FFFFF & ~0x000FC7FE, 0x001FFFFF & ~0x000FE3FD | 0x1);
    }

    @Test
    void a_protection_level_without_the_protected_flag_is_an_invalid_parameter() {
        // §12.3 item 1
        Creation c = create(0x00, system32("services.exe", PsProtectedSigner.WINTCB), CreationFlag.EXTENDED_STARTUPINFO_PRESENT.value(),
                ProtectionLevel.PROTECTION_LEVEL_WINTCB_LIGHT);
        assertRefused(c, NtStatus.STATUS_INVALID_PARAMETER, "C30.4");
    }

    @Test
    void the_protected_flag_with_no_level_asks_for_pp_authenticode() {
        // §12.3 item 3: 0x12; a PP adds 0x10 to both levels (§12.4)
        ImageSpec image = new ImageSpec("C:\\Tools\\probe.exe", PsProtectedSigner.AUTHENTICODE, null, null, null);
        assertChild(create(0x00, image, CreationFlag.CREATE_PROTECTED_PROCESS.value(), null),
                0x12, 0x14, 0x14, 0x001FFFFF & ~0x000FC7FE, 0x001FFFFF & ~0x000FE3FD | 0x1);
    }

    @Test
    void without_extended_startup_info_the_level_is_not_read() {
        // §12.1: the attribute list is read only with EXTENDED_STARTUPINFO_PRESENT, so the flag alone asks for 0x12
        ImageSpec image = new ImageSpec("C:\\Tools\\probe.exe", PsProtectedSigner.WINTCB, null, null, null);
        Creation c = create(0x00, image, CreationFlag.CREATE_PROTECTED_PROCESS.value(), ProtectionLevel.PROTECTION_LEVEL_WINTCB_LIGHT);
        assertEquals(0x12, c.child().value());
        assertTrue(c.rules().containsAll(List.of("C30.1", "C30.9")), c.rules()::toString);
    }

    @Test
    void a_level_byte_of_zero_drops_the_flag_and_the_child_is_unprotected() {
        // §12.3 item 2
        Creation c = create(0x00, system32("notepad.exe", PsProtectedSigner.NONE), PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_NONE);
        assertChild(c, 0x00, 0x00, 0x00, 0x001FFFFF, 0x001FFFFF);
    }

    @Test
    void an_unnamed_level_is_an_invalid_parameter() {
        Creation c = SIM.create(CreateQuery.of(PsProtection.NONE, system32("services.exe", PsProtectedSigner.WINTCB), PROTECTED_EXT, 9L));
        assertRefused(c, NtStatus.STATUS_INVALID_PARAMETER, "C30.5");
    }

    @Test
    void a_protected_creator_may_not_leak_its_handles_into_a_weaker_child() {
        // §12.6: WinTcb-Light creator, inherit handles, unprotected child
        Creation c = SIM.create(CreateQuery.of(new PsProtection(0x61), system32("cmd.exe", PsProtectedSigner.NONE), 0, null).withInheritHandles(true));
        assertRefused(c, NtStatus.STATUS_INVALID_PARAMETER, "C60.3");
    }

    @Test
    void a_protected_creator_may_inherit_handles_into_a_same_level_child() {
        ImageSpec image = new ImageSpec("C:\\ProgramData\\Vendor\\agent.exe", PsProtectedSigner.ANTIMALWARE, null, null, null);
        Creation c = SIM.create(CreateQuery.of(new PsProtection(0x31), image, PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_SAME.value()).withInheritHandles(true));
        assertChild(c, 0x31, 0x37, 0x07, 0x001FFFFF, 0x001FFFFF);
    }

    @Test
    void debugging_a_protected_child_the_creator_does_not_dominate_fails() {
        // §12.6 (U, default fail): STATUS_PROCESS_IS_PROTECTED
        Creation c = create(0x00, system32("services.exe", PsProtectedSigner.WINTCB), PROTECTED_EXT | CreationFlag.DEBUG_PROCESS.value(),
                ProtectionLevel.PROTECTION_LEVEL_WINTCB_LIGHT);
        assertRefused(c, NtStatus.STATUS_PROCESS_IS_PROTECTED, "C60.4");
    }

    @Test
    void werfaultsecure_asked_as_wintcb_light_starts_as_0x61_on_current_builds() {
        // §12.3 item 7 note (S): the WinTcb (PP) minimum is not enforced
        Creation c = create(0x00, system32("WerFaultSecure.exe", PsProtectedSigner.WINTCB), PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_WINTCB_LIGHT);
        assertEquals(0x61, c.child().value());
    }

    @Test
    void services_started_without_any_protection_request_is_raised_to_wintcb_light() {
        // §12.3 item 7 (WI7: regardless of the caller's request)
        Creation c = create(0x00, system32("services.exe", PsProtectedSigner.WINTCB), 0, null);
        assertChild(c, 0x61, 0x3E, 0x0C, 0x00103800, 0x00101C01);
    }

    @Test
    void a_native_flag_outside_the_builds_valid_set_is_an_invalid_parameter() {
        // §12.2: 0x80000 is valid on 26100 only; the default build models 22631
        Creation c = SIM.create(new CreateQuery(PsProtection.NONE, null, CreateApi.NT_CREATE_USER_PROCESS, null,
                system32("cmd.exe", PsProtectedSigner.NONE), NativeCreateFlag.IMAGE_EXPANSION_MITIGATION_DISABLE.value(), null, false, null));
        assertRefused(c, NtStatus.STATUS_INVALID_PARAMETER, "C20.3");
    }

    @Test
    void an_auxiliary_process_that_forces_breakaway_is_an_invalid_parameter_mix() {
        Creation c = SIM.create(new CreateQuery(PsProtection.NONE, null, CreateApi.NT_CREATE_USER_PROCESS, null,
                system32("cmd.exe", PsProtectedSigner.NONE), NativeCreateFlag.AUXILIARY_PROCESS.value() | NativeCreateFlag.FORCE_BREAKAWAY.value(),
                null, false, null));
        assertRefused(c, NtStatus.STATUS_INVALID_PARAMETER_MIX, "C20.4");
        assertEquals(0xC0000030, c.status().code());
    }

    @Test
    void an_admin_without_seassignprimarytoken_cannot_hand_another_token_to_createprocessasuser() {
        Creation c = SIM.create(new CreateQuery(PsProtection.NONE, "admin-elevated", CreateApi.CREATE_PROCESS_AS_USER, "standard-user",
                system32("cmd.exe", PsProtectedSigner.NONE), 0, null, false, null));
        assertRefused(c, NtStatus.STATUS_PRIVILEGE_NOT_HELD, "C10.3");
        assertEquals(0xC0000061, c.status().code());
    }

    @Test
    void system_may_hand_another_token_to_createprocessasuser() {
        Creation c = SIM.create(new CreateQuery(PsProtection.NONE, "system", CreateApi.CREATE_PROCESS_AS_USER, "standard-user",
                system32("cmd.exe", PsProtectedSigner.NONE), 0, null, false, null));
        assertChild(c, 0x00, 0x00, 0x00, 0x001FFFFF, 0x001FFFFF);
    }

    @Test
    void a_native_image_is_refused_by_createprocess_but_not_by_rtlcreateuserprocess() {
        ImageSpec autochk = new ImageSpec("C:\\Windows\\System32\\autochk.exe", null, ImageSpec.Subsystem.NATIVE, null, 12);
        assertRefused(SIM.create(CreateQuery.of(PsProtection.NONE, autochk, 0, null)), NtStatus.STATUS_INVALID_IMAGE_FORMAT, "C10.1");
        Creation c = SIM.create(CreateQuery.of(PsProtection.NONE, autochk, 0, null).withApi(CreateApi.RTL_CREATE_USER_PROCESS));
        assertChild(c, 0x00, 0x0C, 0x0C, 0x001FFFFF, 0x001FFFFF);
    }

    @Test
    void an_unsigned_lsass_is_refused_by_its_minimum_signing_level() {
        Creation c = create(0x00, system32("lsass.exe", PsProtectedSigner.NONE), 0, null);
        assertRefused(c, NtStatus.STATUS_INVALID_IMAGE_HASH, "C50.11");
    }

    @Test
    void ekus_claim_the_signer_as_the_eku_rules_say() {
        // §6.1: wininit carries TCB + PPL EKUs: WinTcb-Light, but not WinTcb (PP)
        ImageSpec wininit = new ImageSpec("C:\\Tools\\wininit-copy.exe", null, null,
                List.of("1.3.6.1.4.1.311.10.3.22", "1.3.6.1.4.1.311.10.3.23"), null);
        assertEquals(0x61, create(0x00, wininit, PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_WINTCB_LIGHT).child().value());
        assertRefused(create(0x00, wininit, PROTECTED_EXT, ProtectionLevel.PROTECTION_LEVEL_WINTCB), NtStatus.STATUS_INVALID_IMAGE_HASH, "C50.9");
    }
}
