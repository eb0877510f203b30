package dev.pplsim.loading;

import dev.pplsim.engine.Load;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked loads of spec §6.3, §8 (PPLdump, PPLFault) and §12.8, each with its status and the rules that fired. */
class LoadWorkedCasesTests {

    static final Simulator SIM = Simulator.builtIn();
    static final PsProtection WINTCB_LIGHT = new PsProtection(0x61), LSA_LIGHT = new PsProtection(0x41), WINTCB = new PsProtection(0x62);

    static ImageSpec level(int l) {
        return new ImageSpec(LoadQuery.DEFAULT_PATH, null, null, null, l);
    }

    static ImageSpec signer(PsProtectedSigner s) {
        return new ImageSpec(LoadQuery.DEFAULT_PATH, s, null, null, null);
    }

    @Test
    void ppldump_maps_an_unsigned_knowndlls_section_into_wintcb_light_before_july_2022_only() {
        LoadQuery q = new LoadQuery(WINTCB_LIGHT, null, level(1), ImageSource.KNOWN_DLLS, false, false, "windows-10-early");
        Load early = SIM.load(q);
        assertEquals(NtStatus.STATUS_SUCCESS, early.status());
        assertTrue(early.knownDllsSection());
        assertEquals(List.of("L10.5", "L20.2", "L30.3", "L40.3", "L50.3", "L90.2"), early.rules());

        Load now = SIM.load(q.withBuild("windows-10-11"));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, now.status());
        assertEquals(List.of("L10.5", "L20.2", "L30.4", "L40.1", "L50.3", "L90.1"), now.rules());
        assertEquals(12, now.sectionLevel());
    }

    @Test
    void an_authenticode_dll_is_refused_by_wintcb_light_and_a_microsoft_dll_loads_into_lsa_light() {
        Load refused = SIM.load(LoadQuery.of(WINTCB_LIGHT, signer(PsProtectedSigner.AUTHENTICODE)));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, refused.status());
        assertEquals(List.of("L10.1", "L20.2", "L30.1", "L40.1", "L50.3", "L90.1"), refused.rules());
        assertEquals(4, refused.imageLevel());

        Load microsoft = SIM.load(LoadQuery.of(LSA_LIGHT, level(8)));
        assertEquals(NtStatus.STATUS_SUCCESS, microsoft.status());
        assertEquals(8, microsoft.sectionLevel());
        assertEquals(List.of("L10.5", "L20.2", "L30.1", "L40.2", "L50.3", "L90.2"), microsoft.rules());
        // Microsoft (8) is below Windows (12): the same DLL is refused by WinTcb-Light
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, SIM.load(LoadQuery.of(WINTCB_LIGHT, level(8))).status());
    }

    @Test
    void ppl_fault_modified_pages_over_smb_run_before_february_2024_and_fail_after() {
        LoadQuery q = new LoadQuery(WINTCB_LIGHT, null, signer(PsProtectedSigner.WINDOWS), ImageSource.NETWORK_REDIRECTOR, true, true, "windows-10-rs");
        Load before = SIM.load(q);
        assertEquals(NtStatus.STATUS_SUCCESS, before.status());
        assertTrue(before.modifiedBytesRun());
        assertFalse(before.pageHashesEnforced());
        assertEquals(List.of("L10.1", "L20.2", "L30.1", "L40.2", "L50.3", "L90.2"), before.rules());

        Load after = SIM.load(q.withBuild("windows-10-11"));
        assertEquals(NtStatus.STATUS_IN_PAGE_ERROR, after.status());
        assertEquals(List.of("L10.1", "L20.2", "L30.1", "L40.2", "L50.2", "L50.6", "L90.1"), after.rules());

        // the same modified pages from a local file still run in a PPL after the fix: only redirectors were closed
        Load local = SIM.load(q.withBuild("windows-10-11").withSource(ImageSource.LOCAL));
        assertEquals(NtStatus.STATUS_SUCCESS, local.status());
        assertTrue(local.modifiedBytesRun());
    }

    @Test
    void a_pp_never_maps_knowndlls_and_checks_every_page() {
        Load l = SIM.load(new LoadQuery(WINTCB, null, level(1), ImageSource.KNOWN_DLLS, true, false, "windows-10-early"));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, l.status());
        assertEquals(List.of("L10.5", "L20.2", "L30.5", "L40.1", "L50.1", "L90.1"), l.rules());

        Load modified = SIM.load(new LoadQuery(WINTCB, null, level(12), ImageSource.LOCAL, true, true, "windows-10-early"));
        assertEquals(NtStatus.STATUS_IN_PAGE_ERROR, modified.status());
        assertEquals(List.of("L10.5", "L20.2", "L30.1", "L40.2", "L50.1", "L50.6", "L90.1"), modified.rules());

        Load unhashed = SIM.load(new LoadQuery(WINTCB, null, level(12), ImageSource.LOCAL, false, false, null));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, unhashed.status());
        assertEquals(List.of("L10.5", "L20.2", "L30.1", "L40.2", "L50.1", "L50.5", "L90.1"), unhashed.rules());
    }

    @Test
    void an_unprotected_process_loads_anything_unless_it_states_a_level() {
        Load unsigned = SIM.load(new LoadQuery(PsProtection.NONE, null, level(1), ImageSource.NETWORK_REDIRECTOR, false, true, null));
        assertEquals(NtStatus.STATUS_SUCCESS, unsigned.status());
        assertTrue(unsigned.modifiedBytesRun());
        assertEquals(List.of("L10.5", "L20.4", "L30.1", "L40.2", "L50.4", "L90.2"), unsigned.rules());

        Load stated = SIM.load(LoadQuery.of(PsProtection.NONE, level(4)).withSectionSignatureLevel(8));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, stated.status());
        assertEquals(List.of("L10.5", "L20.1", "L30.1", "L40.1", "L50.4", "L90.1"), stated.rules());
    }

    @Test
    void ekus_give_the_level_of_the_signer_creation_gives_them() {
        Load windows = SIM.load(LoadQuery.of(WINTCB_LIGHT, new ImageSpec(LoadQuery.DEFAULT_PATH, null, null, List.of("1.3.6.1.4.1.311.10.3.6"), null)));
        assertEquals(NtStatus.STATUS_SUCCESS, windows.status());
        assertEquals(12, windows.imageLevel());
        assertEquals("L10.3", windows.rules().get(0));
        Load plain = SIM.load(LoadQuery.of(WINTCB_LIGHT, new ImageSpec(LoadQuery.DEFAULT_PATH, null, null, List.of("1.3.6.1.5.5.7.3.3"), null)));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, plain.status());
        assertEquals(List.of("L10.4", "L20.2", "L30.1", "L40.1", "L50.3", "L90.1"), plain.rules());
    }

    @Test
    void a_signer_without_a_dll_level_refuses_and_an_odd_type_is_an_input_error() {
        Load app = SIM.load(LoadQuery.of(new PsProtection(0x81), level(14)));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, app.status());
        assertEquals("L20.3", app.rules().get(1));
        assertEquals(NtStatus.STATUS_SUCCESS, SIM.load(LoadQuery.of(new PsProtection(0x81), level(14)).withSectionSignatureLevel(12)).status());
        InputException e = assertThrows(InputException.class, () -> SIM.load(LoadQuery.of(new PsProtection(0x63), level(14))));
        assertTrue(e.getMessage().contains("process.protection"), e.getMessage());
        e = assertThrows(InputException.class, () -> SIM.load(LoadQuery.of(WINTCB_LIGHT, level(14)).withBuild("windows-12")));
        assertTrue(e.getMessage().startsWith("build"), e.getMessage());
    }
}
