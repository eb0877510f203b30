package dev.pplsim.request;

import dev.pplsim.model.Ace;
import dev.pplsim.model.AceFlag;
import dev.pplsim.model.AceType;
import dev.pplsim.model.SdControl;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SddlTests {

    @Test
    void the_waasmedic_registry_label_of_spec_4_3_parses_and_prints_back() {
        SecurityDescriptor sd = Sddl.parse("S:AI(TL;;KR;;;S-1-19-512-4096)");
        assertNull(sd.owner());
        assertNull(sd.dacl(), "no D: part: no DACL");
        assertEquals(SdControl.SACL_AUTO_INHERITED.mask(), sd.control());
        assertEquals(List.of(new Ace(AceType.SYSTEM_PROCESS_TRUST_LABEL, 0, 0x00020019, Sid.of(19, 512, 4096))), sd.sacl());
        assertEquals("S:AI(TL;;KR;;;S-1-19-512-4096)", Sddl.print(sd));
    }

    @Test
    void the_defender_service_label_of_spec_4_3_parses_and_prints_back() {
        SecurityDescriptor sd = Sddl.parse("S:P(TL;;CCLCSWRPLOCRRC;;;S-1-19-512-1536)");
        assertEquals(SdControl.SACL_PROTECTED.mask(), sd.control());
        // CC 0x1 | LC 0x4 | SW 0x8 | RP 0x10 | LO 0x80 | CR 0x100 | RC 0x20000
        assertEquals(0x0002019D, sd.sacl().get(0).mask());
        assertEquals(Sid.of(19, 512, 1536), sd.sacl().get(0).sid());
        assertEquals("S:P(TL;;CCLCSWRPLOCRRC;;;S-1-19-512-1536)", Sddl.print(sd));
    }

    @Test
    void a_full_descriptor_parses_every_part() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:PAI(A;;0x1fffff;;;SY)(D;CIIO;0x1;;;WD)(A;ID;GRGX;;;S-1-5-21-1-2-3-1001)S:(ML;;NWNR;;;SI)(TL;IO;0x1000;;;S-1-19-1024-8192)");
        assertEquals(Sid.of(5, 32, 544), sd.owner());
        assertEquals(Sid.of(5, 18), sd.group());
        assertEquals(SdControl.DACL_PROTECTED.mask() | SdControl.DACL_AUTO_INHERITED.mask(), sd.control());
        assertEquals(new Ace(AceType.ACCESS_ALLOWED, 0, 0x001FFFFF, Sid.of(5, 18)), sd.dacl().get(0));
        assertEquals(new Ace(AceType.ACCESS_DENIED, AceFlag.CONTAINER_INHERIT.mask() | AceFlag.INHERIT_ONLY.mask(), 1, Sid.of(1, 0)), sd.dacl().get(1));
        assertEquals(0xA0000000, sd.dacl().get(2).mask());
        assertTrue(sd.dacl().get(2).has(AceFlag.INHERITED));
        assertEquals(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, 0x3, Sid.of(16, 0x4000)), sd.sacl().get(0));
        assertTrue(sd.sacl().get(1).inheritOnly());
        assertEquals("O:BAG:SYD:PAI(A;;0x1fffff;;;SY)(D;CIIO;CC;;;WD)(A;ID;GRGX;;;S-1-5-21-1-2-3-1001)S:(ML;;NWNR;;;SI)(TL;IO;0x1000;;;S-1-19-1024-8192)",
                Sddl.print(sd));
    }

    @Test
    void no_dacl_an_empty_dacl_and_a_null_dacl_are_told_apart() {
        assertNull(Sddl.parse("O:SY").dacl());
        assertEquals(List.of(), Sddl.parse("O:SYD:").dacl());
        assertNull(Sddl.parse("D:NO_ACCESS_CONTROL").dacl());
        assertEquals("O:SYD:", Sddl.print(Sddl.parse("O:SYD:")));
        assertEquals("D:PNO_ACCESS_CONTROL", Sddl.print(Sddl.parse("D:PNO_ACCESS_CONTROL")));
        assertEquals("", Sddl.print(Sddl.parse("")));
    }

    @ParameterizedTest
    @CsvSource({
            "GA, 0x10000000, GA", "FA, 0x001F01FF, FA", "FR, 0x00120089, FR", "FW, 0x00120116, FW", "FX, 0x001200A0, FX",
            "KA, 0x000F003F, KA", "KR, 0x00020019, KR", "KW, 0x00020006, KW", "KX, 0x00020019, KR",
            "CCDCLCSWRPWPDTLOCR, 0x000001FF, CCDCLCSWRPWPDTLOCR", "SDRCWDWO, 0x000F0000, SDRCWDWO",
            "WORC, 0x000A0000, RCWO", "0x1FFFFF, 0x001FFFFF, 0x1fffff", "0x121411, 0x00121411, 0x121411",
            "0x0, 0x00000000, 0x0", "gr, 0x80000000, GR"})
    void rights_parse_and_print_canonically(String codes, String hex, String printed) {
        SecurityDescriptor sd = Sddl.parse("D:(A;;" + codes + ";;;WD)");
        assertEquals((int) Long.parseLong(hex.substring(2), 16), sd.dacl().get(0).mask());
        assertEquals("D:(A;;" + printed + ";;;WD)", Sddl.print(sd));
    }

    @Test
    void label_rights_are_nw_nr_nx() {
        assertEquals(0x7, Sddl.parse("S:(ML;;NXNRNW;;;HI)").sacl().get(0).mask());
        assertEquals("S:(ML;;NWNRNX;;;HI)", Sddl.print(Sddl.parse("S:(ML;;NXNRNW;;;HI)")));
        assertEquals("S:(ML;;NW;;;S-1-16-20480)", Sddl.print(Sddl.parse("S:(ML;;0x1;;;S-1-16-20480)")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "S:P(Q;;KR;;;S-1-19-512-1536)#SDDL at 5: unknown ACE type 'Q' (supported: A, D, ML, TL)",
            "D:(AU;;GA;;;SY)#SDDL at 4: unknown ACE type 'AU' (supported: A, D, ML, TL)",
            "D:(A;;GA;;;SY#SDDL at 3: unterminated ACE (no ')')",
            "D:(A;;GA;;SY)#SDDL at 3: an ACE has 6 fields 'type;flags;rights;object;inherited-object;sid', found 5",
            "D:(A;XX;GA;;;SY)#SDDL at 6: unknown ACE flag 'XX' (supported: OI CI NP IO ID)",
            "D:(A;CIO;GA;;;SY)#SDDL at 6: malformed ACE flags 'CIO': two-letter codes OI CI NP IO ID",
            "D:(A;;GAQQ;;;SY)#SDDL at 9: unknown access right 'QQ'",
            "D:(A;;GAR;;;SY)#SDDL at 7: malformed access rights 'GAR': two-letter codes or 0x hex",
            "D:(A;;0x123456789;;;SY)#SDDL at 7: malformed access mask '0x123456789': expected 0x and 1-8 hex digits",
            "D:(A;;;;;SY)#SDDL at 7: missing access rights",
            "D:(A;;NW;;;SY)#SDDL at 7: 'NW' is a mandatory-label right, valid in ML ACEs only",
            "D:(A;;GA;;;XY)#SDDL at 12: unknown SID alias 'XY' (known: WD, CO, OW, NU, IU, SU, AN, AU, RC, SY, LS, NS, WR, BA, BU, AC, LW, ME, MP, HI, SI)",
            "D:(A;;GA;;;)#SDDL at 12: missing ACE SID",
            "D:(A;;GA;x;;SY)#SDDL at 10: object ACE GUIDs are not supported",
            "D:(ML;;NW;;;HI)#SDDL at 4: ML ACE in the DACL (D:); label ACEs belong in S:",
            "S:(A;;GA;;;SY)#SDDL at 4: A ACE in the SACL (S:); allow and deny ACEs belong in D:",
            "S:(ML;;0x8;;;HI)#SDDL at 8: ML ACE mask 0x8 has bits outside NO_WRITE_UP|NO_READ_UP|NO_EXECUTE_UP (0x7) (spec §4.2)",
            "S:(ML;;NW;;;SY)#SDDL at 13: an ML ACE needs an integrity SID (S-1-16-*), got S-1-5-18 (spec §4.2)",
            "S:(TL;;KR;;;HI)#SDDL at 13: a TL ACE needs a trust SID (S-1-19-*), got S-1-16-12288 (spec §4.3)",
            "S:(TL;;GA;;;S-1-19-512-1536)#SDDL at 8: TL ACE mask 0x10000000 has bits outside SYSTEM_PROCESS_TRUST_LABEL_VALID_MASK 0x00FFFFFF (spec §4.3)",
            "S:(TL;;KR;;;S-1-19-512-1000)#SDDL at 13: trust SID 'S-1-19-512-1000': level RID 1000 is not 0, 1024, 1536, 2048, 4096 or 8192 (spec §4.3)",
            "O:SYO:BA#SDDL at 5: O: appears twice",
            "X:SY#SDDL at 1: unknown part 'X:' (expected O:, G:, D: or S:)",
            "O:#SDDL at 3: missing owner SID",
            "O:XYD:#SDDL at 3: unknown SID alias 'XY' (known: WD, CO, OW, NU, IU, SU, AN, AU, RC, SY, LS, NS, WR, BA, BU, AC, LW, ME, MP, HI, SI)",
            "D:ZZ(A;;GA;;;SY)#SDDL at 3: unknown control code 'ZZ(A;;GA;;;S...' (expected P, AI, AR or an ACE)",
            "D:(A;;GA;;;SY)junk#SDDL at 15: expected '(' to start an ACE, found 'junk'",
            "D:NO_ACCESS_CONTROL(A;;GA;;;SY)#SDDL at 20: a NULL DACL (NO_ACCESS_CONTROL) cannot have ACEs",
            "O:SY G:SY#SDDL at 5: expected O:, G:, D: or S:, found ' G:SY'"})
    void malformed_sddl_is_a_one_line_error_naming_the_position(String sddl, String message) {
        InputException e = assertThrows(InputException.class, () -> Sddl.parse(sddl));
        assertEquals(message, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"O:BAG:SYD:(A;;0x1fffff;;;SY)(A;;0x121411;;;BA)S:(ML;;NWNR;;;SI)",
            "D:PAI(A;OICI;FA;;;SY)(A;OICIIO;GA;;;CO)", "G:S-1-5-21-1-2-3-513", "S:AR(TL;NP;0x0;;;S-1-19-0-0)"})
    void canonical_sddl_prints_back_unchanged(String sddl) {
        assertEquals(sddl, Sddl.print(Sddl.parse(sddl)));
    }
}
