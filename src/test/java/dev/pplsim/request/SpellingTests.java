package dev.pplsim.request;

import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SdkNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpellingTests {

    @ParameterizedTest
    @CsvSource({
            "0x61, 0x61", "97, 0x61", "WinTcb-Light, 0x61", "wintcb-light, 0x61", "PsProtectedSignerWinTcb-Light, 0x61",
            "WinSystem, 0x72", "None, 0x00", "NONE, 0x00", "Lsa-Light, 0x41", "Antimalware-Light, 0x31",
            "App-Light, 0x81", "Authenticode, 0x12", "CodeGen-Light, 0x21", "0xFF, 0xFF", "Lsa-Light+Audit, 0x49",
            "Type3/Lsa, 0x43", "Type1/Signer9, 0x91"})
    void protection_spellings_parse_to_their_byte(String text, String hex) {
        assertEquals(Integer.decode(hex), Spelling.protection(text).value());
    }

    @Test
    void protection_names_round_trip_for_every_byte() {
        for (int b = 0; b < 256; b++) {
            PsProtection p = new PsProtection(b);
            assertEquals(b, Spelling.protection(p.name()).value(), p.name());
            assertEquals(b, Spelling.protection(p.hex()).value());
        }
    }

    @Test
    void unknown_signer_name_is_an_error_naming_it() {
        InputException e = assertThrows(InputException.class, () -> Spelling.protection("WinTbc-Light"));
        assertTrue(e.getMessage().contains("unknown protection 'WinTbc-Light'"), e.getMessage());
        assertTrue(e.getMessage().contains("WinTcb"), "lists the valid signers: " + e.getMessage());
    }

    @Test
    void protection_beyond_a_byte_is_an_error() {
        InputException e = assertThrows(InputException.class, () -> Spelling.protection("0x100"));
        assertEquals("protection 0x100 is not a byte (0x00..0xFF)", e.getMessage());
    }

    @Test
    void masks_join_names_and_numbers() {
        assertEquals(0x00100010, Spelling.desiredMask("PROCESS_VM_READ|0x10|SYNCHRONIZE", ObjectKind.PROCESS));
        assertEquals(0x410, Spelling.desiredMask("process_vm_read | 1024", ObjectKind.PROCESS));
        assertEquals(0x02000000, Spelling.desiredMask("MAXIMUM_ALLOWED", ObjectKind.THREAD));
        assertEquals(0x80000000, Spelling.desiredMask("GENERIC_READ", ObjectKind.PROCESS));
        assertEquals(0x001FFFFF, Spelling.desiredMask("PROCESS_ALL_ACCESS", ObjectKind.PROCESS));
        assertEquals(0x1002, Spelling.desiredMask("THREAD_SUSPEND_RESUME|THREAD_RESUME", ObjectKind.THREAD));
    }

    @Test
    void unknown_right_name_is_an_error_naming_it() {
        InputException e = assertThrows(InputException.class, () -> Spelling.desiredMask("PROCESS_VM_READ|PROCESS_VM_REED", ObjectKind.PROCESS));
        assertTrue(e.getMessage().startsWith("desired access: unknown right name 'PROCESS_VM_REED'"), e.getMessage());
    }

    @Test
    void a_thread_right_on_a_process_is_an_error() {
        InputException e = assertThrows(InputException.class, () -> Spelling.desiredMask("THREAD_RESUME", ObjectKind.PROCESS));
        assertEquals("desired access: THREAD_RESUME is a thread right, but the object is a process", e.getMessage());
    }

    @Test
    void malformed_numbers_and_reserved_bits_are_errors() {
        assertThrows(InputException.class, () -> Spelling.desiredMask("0xZZ", ObjectKind.PROCESS));
        assertThrows(InputException.class, () -> Spelling.desiredMask("PROCESS_VM_READ||0x1", ObjectKind.PROCESS));
        InputException e = assertThrows(InputException.class, () -> Spelling.desiredMask("0x00400000", ObjectKind.PROCESS));
        assertTrue(e.getMessage().contains("bit 0x00400000 is not an access right"), e.getMessage());
        InputException g = assertThrows(InputException.class, () -> Spelling.grantedMask("GENERIC_READ", ObjectKind.PROCESS));
        assertTrue(g.getMessage().contains("GENERIC_READ cannot appear in a granted mask"), g.getMessage());
    }

    @Test
    void right_names_print_sdk_names_and_leftover_bits_in_hex() {
        assertEquals("PROCESS_VM_READ|PROCESS_QUERY_INFORMATION", SdkNames.rightNames(0x410, ObjectKind.PROCESS));
        assertEquals("PROCESS_ALL_ACCESS", SdkNames.rightNames(0x1FFFFF, ObjectKind.PROCESS));
        assertEquals("THREAD_TERMINATE|THREAD_SUSPEND_RESUME|0x0000C000", SdkNames.rightNames(0xC003, ObjectKind.THREAD));
        assertEquals("0", SdkNames.rightNames(0, ObjectKind.THREAD));
    }
}
