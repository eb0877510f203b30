package dev.pplsim.junit;

import dev.pplsim.api.Create;
import dev.pplsim.api.ImageLoad;
import dev.pplsim.api.Open;
import dev.pplsim.api.Pplsim;
import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Load;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ProcessRight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static dev.pplsim.junit.PplsimAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fluent assertions pass on what was decided, and fail on anything else with what was wanted and the decisive explanation. */
@PplsimOracle
class PplsimAssertionsTests {

    Pplsim pplsim;

    private Decision adminReadsLsass() {
        return pplsim.decide(Open.caller("None").token("admin-elevated").target("Lsa-Light").desired(ProcessRight.VM_READ));
    }

    private Decision tcbQueriesLsass() {
        return pplsim.decide(Open.caller("WinTcb-Light").target("Lsa-Light").desired(ProcessRight.VM_READ, ProcessRight.QUERY_LIMITED_INFORMATION));
    }

    @Test
    void what_was_decided_passes() {
        Decision d = adminReadsLsass();
        assertSame(d, assertThat(d).isDenied().withStatus("STATUS_ACCESS_DENIED").withStatus(NtStatus.STATUS_ACCESS_DENIED).by("R50.5")
                .withMask(0).doesNotGrant(ProcessRight.VM_READ).decision());
        assertThat(tcbQueriesLsass()).isGranted().withStatus("STATUS_SUCCESS").withMask(0x1010)
                .grants(ProcessRight.VM_READ).grants(ProcessRight.VM_READ, ProcessRight.QUERY_LIMITED_INFORMATION).doesNotGrant(ProcessRight.VM_WRITE).by("R40.5");
    }

    @Test
    void a_refusal_asserted_granted_fails_with_its_explanation() {
        String m = failure(() -> assertThat(adminReadsLsass()).isGranted());
        assertTrue(m.startsWith("expected the open to succeed, but it was refused with STATUS_ACCESS_DENIED\n"), m);
        assertTrue(m.contains("decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"), m);
        assertTrue(m.contains("refusal   explicit deny  PROCESS_VM_READ  by the protection table"), m);
        assertTrue(m.contains("explanation (decisive):"), m);
        assertTrue(m.contains("R50.5  veto the denied rights for an incompatible caller"), m);
    }

    @Test
    void each_mismatch_says_what_was_wanted_and_what_was_decided() {
        Decision denied = adminReadsLsass(), granted = tcbQueriesLsass();
        assertTrue(failure(() -> assertThat(granted).isDenied())
                .startsWith("expected the open to be refused, but it succeeded with 0x00001010 PROCESS_VM_READ|PROCESS_QUERY_LIMITED_INFORMATION\n"));
        assertTrue(failure(() -> assertThat(denied).withStatus("STATUS_PROCESS_IS_PROTECTED"))
                .startsWith("expected status STATUS_PROCESS_IS_PROTECTED, but was STATUS_ACCESS_DENIED\n"));
        assertTrue(failure(() -> assertThat(granted).withMask(0x10))
                .startsWith("expected granted 0x00000010 PROCESS_VM_READ, but was 0x00001010 PROCESS_VM_READ|PROCESS_QUERY_LIMITED_INFORMATION\n"));
        assertTrue(failure(() -> assertThat(denied).withMask(0x1010))
                .startsWith("expected granted 0x00001010 PROCESS_VM_READ|PROCESS_QUERY_LIMITED_INFORMATION, but was 0x00000000 (nothing)\n"));
        assertTrue(failure(() -> assertThat(granted).grants(ProcessRight.VM_READ, ProcessRight.VM_WRITE))
                .startsWith("expected PROCESS_VM_READ|PROCESS_VM_WRITE granted, but PROCESS_VM_WRITE is not (granted 0x00001010 "));
        assertTrue(failure(() -> assertThat(granted).doesNotGrant(ProcessRight.VM_READ))
                .startsWith("expected PROCESS_VM_READ not granted, but PROCESS_VM_READ is (granted 0x00001010)\n"));
        assertTrue(failure(() -> assertThat(denied).by("R40.5"))
                .startsWith("expected rule R40.5 to fire, but the rules that fired were [R10.2, R12.2, R20.6, R40.4, R50.1, R50.5, R80.1, R80.2, R80.3, R90.2]\n"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> assertThat(denied).withStatus("STATUS_NOPE")).getMessage().startsWith("unknown NTSTATUS 'STATUS_NOPE' (known: STATUS_SUCCESS, "));
    }

    @Test
    void creations_and_loads_assert_the_same_way() {
        Creation services = pplsim.create(Create.creator("None").token("admin-elevated").image("C:\\Windows\\System32\\services.exe").imageSigner("WinTcb")
                .flags("CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT").protectionLevel("PROTECTION_LEVEL_WINTCB_LIGHT"));
        assertThat(services).succeeds().withStatus("STATUS_SUCCESS").withChild("WinTcb-Light").withChild("0x61")
                .withProcessAccess(0x00103800).withThreadAccess(0x00101C01).by("C50.5");
        String m = failure(() -> assertThat(services).withChild("WinTcb"));
        assertTrue(m.startsWith("expected the child to run as 0x62 WinTcb, but it runs as 0x61 WinTcb-Light\n"), m);
        assertTrue(m.contains("explanation (decisive):"), m);
        assertTrue(failure(() -> assertThat(services).fails()).startsWith("expected the creation to fail, but the child runs as 0x61 WinTcb-Light\n"));
        assertTrue(failure(() -> assertThat(services).withProcessAccess(0x1FFFFF)).startsWith("expected process access 0x001FFFFF, but was 0x00103800\n"));

        Creation notepad = pplsim.create(Create.creator("None").image("C:\\Windows\\System32\\notepad.exe")
                .flags("CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT").protectionLevel("PROTECTION_LEVEL_WINDOWS_LIGHT"));
        assertThat(notepad).fails().withStatus("STATUS_INVALID_IMAGE_HASH").by("C40.3");
        assertTrue(failure(() -> assertThat(notepad).withChild("None")).startsWith("expected the creation to succeed, but it failed with STATUS_INVALID_IMAGE_HASH\n"));

        Load dll = pplsim.load(ImageLoad.into("WinTcb-Light").imageSigner("Authenticode"));
        assertThat(dll).isRefused().withStatus("STATUS_INVALID_IMAGE_HASH").by("L40.1");
        assertTrue(failure(() -> assertThat(dll).isAllowed()).startsWith("expected the image to load, but it was refused with STATUS_INVALID_IMAGE_HASH\n"));
        Load signed = pplsim.load(ImageLoad.into("WinTcb-Light").imageSigner("WinTcb"));
        assertThat(signed).isAllowed().withStatus("STATUS_SUCCESS");
        assertTrue(failure(() -> assertThat(signed).isRefused()).startsWith("expected the image to be refused, but it loads\n"));
        assertTrue(failure(() -> assertThat(signed).by("L40.1")).startsWith("expected rule L40.1 to fire, but the rules that fired were ["));
    }

    @Test
    void null_is_no_answer() {
        assertEquals("expected a decision, got null", assertThrows(AssertionError.class, () -> assertThat((Decision) null)).getMessage());
    }

    private static String failure(Executable assertion) {
        return assertThrows(AssertionError.class, assertion).getMessage();
    }
}
