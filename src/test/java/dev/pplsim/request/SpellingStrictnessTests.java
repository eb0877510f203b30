package dev.pplsim.request;

import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtectedSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Spellings are ASCII (issue #14): digits are 0-9, names match ignoring ASCII case only, and every term between
 * '|' is a term. Each case here was accepted before, and each could flip a decision without a word.
 */
class SpellingStrictnessTests {

    private static String error(Runnable r) {
        return assertThrows(InputException.class, r::run).getMessage();
    }

    @Test
    void an_empty_term_between_bars_is_an_error_not_a_smaller_mask() {
        assertEquals("malformed desired access '|': empty term between '|'", error(() -> Spelling.desiredMask("|", ObjectKind.PROCESS)));
        assertEquals("malformed desired access 'PROCESS_VM_READ|': empty term between '|'",
                error(() -> Spelling.desiredMask("PROCESS_VM_READ|", ObjectKind.PROCESS)));
        assertEquals("malformed desired access '|PROCESS_VM_READ': empty term between '|'",
                error(() -> Spelling.desiredMask("|PROCESS_VM_READ", ObjectKind.PROCESS)));
        assertEquals("malformed granted mask 'PROCESS_VM_READ||SYNCHRONIZE': empty term between '|'",
                error(() -> Spelling.grantedMask("PROCESS_VM_READ||SYNCHRONIZE", ObjectKind.PROCESS)));
    }

    @Test
    void a_megabyte_of_garbage_is_quoted_short() {
        String e = error(() -> Spelling.number("9".repeat(1 << 20), "desired access"));
        assertEquals("malformed desired access '" + "9".repeat(60) + "...': expected a hex (0x10) or decimal number of at most 32 bits", e);
    }

    @Test
    void group_attributes_refuse_an_empty_term_too() {
        assertEquals("malformed group attributes 'SE_GROUP_ENABLED|': empty term between '|'", error(() -> TokenSpelling.groupAttributes("SE_GROUP_ENABLED|")));
        assertEquals(0x4, TokenSpelling.groupAttributes("enabled"));
    }

    @Test
    void text_of_only_control_characters_is_empty_not_a_crash() {
        // found by the fuzz tests: isBlank kept the NUL that trim removed, and charAt(0) threw, ending the whole batch
        assertEquals("empty protection", error(() -> Spelling.protection("\u0000")));
        assertEquals("empty protection", error(() -> Spelling.protection("\u0001\u001F")));
        assertEquals("empty desired access", error(() -> Spelling.desiredMask("\u0000", ObjectKind.PROCESS)));
        assertEquals("empty SID", error(() -> SidSpelling.parse("\u0000")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x+10", "0x-10", "+16", "-0", "0x", "0x 10", "1 6", "0b10000", "0o20", "16.0", "1e1", "0x_10", "16_",
            "٩٧", "0x١٠", "１６", "0110", "00", "1_000", "0x1F_FFFF", "4294967296", "0x100000000", "0xFFFFFFFFFFFFFFFFFF", "99999999999999999999"})
    void numbers_are_ascii_hex_or_decimal_of_at_most_32_bits(String text) {
        assertEquals("malformed desired access '" + text + "': expected a hex (0x10) or decimal number of at most 32 bits",
                error(() -> Spelling.number(text, "desired access")));
    }

    @Test
    void the_numbers_that_are_numbers_still_are() {
        assertEquals(0x10, Spelling.number("0x10", "n"));
        assertEquals(0x10, Spelling.number("0X10", "n"));
        assertEquals(0x10, Spelling.number("0x0000000010", "n"));
        assertEquals(16, Spelling.number("16", "n"));
        assertEquals(0, Spelling.number("0", "n"));
        assertEquals(0x1FFFFF, Spelling.number("0x1fffff", "n"));
        assertEquals(0xFFFFFFFFL, Spelling.number("0xFFFFFFFF", "n"));
        assertEquals(4294967295L, Spelling.number("4294967295", "n"));
        assertEquals(0x1FFFFF, Spelling.desiredMask("PROCESS_ALL_ACCESS", ObjectKind.PROCESS));
        assertEquals(0x10, Spelling.desiredMask(" process_vm_read ", ObjectKind.PROCESS));
    }

    @Test
    void digits_of_other_scripts_are_not_a_protection_byte() {
        // '٩٧' is Arabic-Indic 97: Character.isDigit and Long.parseLong took it for 0x61 WinTcb-Light
        String e = error(() -> Spelling.protection("٩٧"));
        assertEquals("unknown protection '٩٧': expected None, a byte (0x61), <Signer> or <Signer>-Light with Signer one of "
                + "Authenticode, CodeGen, Antimalware, Lsa, Windows, WinTcb, WinSystem, App", e);
        String mask = error(() -> Spelling.desiredMask("٩٧", ObjectKind.PROCESS));
        assertEquals("desired access: unknown right name '٩٧'", mask.substring(0, mask.indexOf(" (expected")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lſa-Light", "WİnTcb-Light", "wınTcb", "Lsa-Lıght", "NＯnE", "Type1/Lſa", "PsProtectedSıgnerLsa",
            "Lsa-Light+Audıt", "Signer٩"})
    void case_folding_look_alikes_are_not_names(String text) {
        // Java's equalsIgnoreCase folds U+017F to s and U+0130, U+0131 to i: each of these named a signer before
        String e = error(() -> Spelling.protection(text));
        assertEquals("unknown protection '" + text + "'", e.substring(0, e.indexOf(':')));
    }

    @Test
    void ascii_case_is_still_ignored() {
        assertEquals(0x41, Spelling.protection("lsa-light").value());
        assertEquals(0x41, Spelling.protection("LSA-LIGHT").value());
        assertEquals(0x49, Spelling.protection("lsa-light+AUDIT").value());
        assertEquals(0x00, Spelling.protection("none").value());
    }

    @Test
    void signer_privilege_and_right_names_refuse_look_alikes_everywhere() {
        assertNull(PsProtectedSigner.byName("Lſa"));
        assertEquals(PsProtectedSigner.LSA, PsProtectedSigner.byName("LSA"));
        assertNull(Privilege.byName("SeDebugPrıvilege"));
        assertEquals(Privilege.SE_DEBUG, Privilege.byName("sedebugprivilege"));
        String e = error(() -> Spelling.desiredMask("process_vm_reaſ", ObjectKind.PROCESS));
        assertEquals("desired access: unknown right name 'process_vm_reaſ'", e.substring(0, e.indexOf(" (expected")));
        String sid = error(() -> SidSpelling.parse("ſ-1-5-18"));
        assertEquals("malformed SID 'ſ-1-5-18'", sid.substring(0, sid.indexOf(':')));
    }
}
