package dev.pplsim.request;

import dev.pplsim.model.Ace;
import dev.pplsim.model.Ascii;
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
            "S:P(Q;;KR;;;S-1-19-512-1536)#SDDL at 5: unknown ACE type 'Q' (supported: A, D, OA, OD, AU, AL, OU, OL, XA, XD, XU, ZA, ML, TL, RA, SP, FL)",
            "D:(AU;;GA;;;SY)#SDDL at 4: AU ACE in the DACL (D:); audit and alarm ACEs belong in S:",
            "D:(A;;GA;;;SY#SDDL at 3: unterminated ACE (no ')')",
            "D:(A;;GA;;SY)#SDDL at 3: an ACE has 6 fields 'type;flags;rights;object;inherited-object;sid', found 5",
            "D:(A;XX;GA;;;SY)#SDDL at 6: unknown ACE flag 'XX' (supported: OI CI NP IO ID CR SA FA TP)",
            "D:(A;CIO;GA;;;SY)#SDDL at 6: malformed ACE flags 'CIO': two-letter codes OI CI NP IO ID CR SA FA TP",
            "D:(A;;GAQQ;;;SY)#SDDL at 9: unknown access right 'QQ'",
            "D:(A;;GAR;;;SY)#SDDL at 7: malformed access rights 'GAR': two-letter codes or 0x hex",
            "D:(A;;0x123456789;;;SY)#SDDL at 7: malformed access mask '0x123456789': expected 0x and 1-8 hex digits",
            "D:(A;;;;;SY)#SDDL at 7: missing access rights",
            "D:(A;;NW;;;SY)#SDDL at 7: 'NW' is a mandatory-label right, valid in ML ACEs only",
            "D:(A;;GA;;;XY)#SDDL at 12: unknown SID alias 'XY' (known: WD, CO, OW, NU, IU, SU, AN, AU, RC, SY, LS, NS, WR, BA, BU, AC, LW, ME, MP, HI, SI)",
            "D:(A;;GA;;;)#SDDL at 12: missing ACE SID",
            "D:(A;;GA;x;;SY)#SDDL at 10: object GUIDs are for object ACEs (OA, OD, OU, OL, ZA), not A",
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

    // ---- every ACE type Windows writes (ACE Strings; MS-DTYP 2.5.1.1) ------------------------------------------------

    /** The user class and the change-password extended right, GUIDs that real object ACEs carry. */
    private static final String USER = "bf967aba-0de6-11d0-a285-00aa003049e2", CHANGE_PASSWORD = "ab721a53-1e2f-11d0-9819-00aa0040529b";

    @Test
    void the_real_lsass_descriptor_with_its_audit_ace_parses_and_keeps_the_ace() {
        SecurityDescriptor sd = Sddl.parse("O:BAG:SYD:(A;;0x1fffff;;;SY)(A;;0x121411;;;BA)S:(ML;;NWNR;;;SI)(AU;SAFA;0x1fffff;;;WD)");
        assertEquals(new Ace(AceType.SYSTEM_AUDIT, AceFlag.SUCCESSFUL_ACCESS.mask() | AceFlag.FAILED_ACCESS.mask(), 0x1FFFFF, Sid.of(1, 0)),
                sd.sacl().get(1));
        assertEquals("O:BAG:SYD:(A;;0x1fffff;;;SY)(A;;0x121411;;;BA)S:(ML;;NWNR;;;SI)(AU;SAFA;0x1fffff;;;WD)", Sddl.print(sd));
        assertEquals(List.of(), sd.notes(), "an audit ACE never grants or denies: nothing to note");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "D:(OA;;CR;" + CHANGE_PASSWORD + ";;WD)(OA;CIIO;RPWP;;" + USER + ";BU)(OD;;CR;" + CHANGE_PASSWORD + ";" + USER + ";BU)",
            "S:(AU;SA;0x1fffff;;;WD)(AL;FA;0x121411;;;BA)(OU;CISAFA;WP;" + USER + ";;WD)(OL;;CR;;" + USER + ";AN)",
            "D:(XA;;0x1fffff;;;WD;(Member_of {SID(BA)}))(XD;;0x1fffff;;;WD;(@User.department == \"R(D)\"))"
                    + "(ZA;;CR;" + CHANGE_PASSWORD + ";;WD;(@Device.managed == 1))",
            "S:(XU;SA;0x121411;;;WD;(Member_of {SID(BA)}))(RA;CI;;;;WD;(\"Project\",TS,0x0,\"Windows\",\"SQL\"))(RA;;;;;WD;(\"Secrecy\",TU,0,3))",
            "S:(SP;;;;;S-1-17-1)(FL;IOTP;0x1000;;;WD;(WIN://SYSAPPID Contains \"x\"))",
            "D:(A;CR;0x1000;;;WD)(A;OICINPIOID;0x1000;;;WD)"})
    void every_ace_type_windows_writes_parses_and_prints_back(String sddl) {
        assertEquals(sddl, Sddl.print(Sddl.parse(sddl)));
    }

    @Test
    void object_aces_keep_their_guids_and_audit_aces_their_flags() {
        SecurityDescriptor sd = Sddl.parse("D:(OD;;CR;" + Ascii.upper(CHANGE_PASSWORD) + ";" + USER + ";BU)S:(OU;CISAFA;WP;;" + USER + ";WD)");
        Ace od = sd.dacl().get(0);
        assertEquals(AceType.ACCESS_DENIED_OBJECT, od.type());
        assertEquals(CHANGE_PASSWORD, od.objectType(), "GUIDs are kept in lower case, as UuidToString writes them");
        assertEquals(USER, od.inheritedObjectType());
        assertEquals(0x100, od.mask());
        Ace ou = sd.sacl().get(0);
        assertEquals(0x02 | 0x40 | 0x80, ou.flags(), "CI SA FA");
        assertNull(ou.objectType());
        // the ACE's size: header 4, mask 4, flags 4, one GUID 16, WD 12
        assertEquals(40, ou.byteSize());
    }

    @Test
    void an_object_allow_ace_without_guids_is_an_allow_ace_as_windows_converts_it() {
        SecurityDescriptor sd = Sddl.parse("D:(OA;;GA;;;WD)");
        assertEquals(new Ace(AceType.ACCESS_ALLOWED, 0, 0x10000000, Sid.of(1, 0)), sd.dacl().get(0));
        assertEquals("D:(A;;GA;;;WD)", Sddl.print(sd));
    }

    @Test
    void a_condition_may_hold_parentheses_in_strings_and_nested_calls() {
        String cond = "((@User.dept == \"R)(D\") && (Member_of {SID(BA), SID(S-1-5-32-545)}))";
        Ace xa = Sddl.parse("D:(XA;;FA;;;WD;" + cond + ")").dacl().get(0);
        assertEquals(cond, xa.data());
        assertEquals(0x001F01FF, xa.mask());
    }

    @Test
    void a_malformed_condition_is_a_one_line_error_naming_the_unclosed_parenthesis() {
        // the outer '(' of the condition, at 18, is never closed: SID(BA) and the inner group are
        InputException e = assertThrows(InputException.class, () -> Sddl.parse("D:(XA;;0x10;;;WD;((Member_of {SID(BA)})"));
        assertEquals("SDDL at 18: the XA ACE's condition has an unbalanced parenthesis: this '(' is never closed", e.getMessage());
        e = assertThrows(InputException.class, () -> Sddl.parse("D:(XD;;0x10;;;WD;(@User.dept == \"R)D))"));
        assertEquals("SDDL at 33: the XD ACE's condition has a string that is never closed (no '\"')", e.getMessage());
    }

    @Test
    void resource_attribute_and_scoped_policy_aces_parse_with_a_note_each() {
        SecurityDescriptor sd = Sddl.parse("D:(A;;0x1000;;;WD)S:(RA;CI;;;;WD;(\"Secrecy\",TU,0,3))(SP;;;;;S-1-17-1)");
        assertEquals(AceType.SYSTEM_RESOURCE_ATTRIBUTE, sd.sacl().get(0).type());
        assertEquals("(\"Secrecy\",TU,0,3)", sd.sacl().get(0).data());
        assertEquals(new Ace(AceType.SYSTEM_SCOPED_POLICY_ID, 0, 0, Sid.of(17, 1)), sd.sacl().get(1));
        assertEquals(List.of(
                "SACL ACE #1 (RA): resource attribute kept, not read: pplsim evaluates no conditions that could refer to it",
                "SACL ACE #2 (SP): central access policy not applied: pplsim models none, and a policy's rules could only remove rights the DACL grants"),
                sd.notes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "D:(XA;;0x10;;;WD)#SDDL at 17: XA ACEs need their condition as a seventh field: (XA;flags;rights;;;sid;(condition))",
            "D:(XA;;0x10;;;WD;())#SDDL at 18: the XA ACE's condition is empty",
            "D:(XA;;0x10;;;WD;x)#SDDL at 18: expected '(' to start the XA ACE's condition",
            "D:(XA;;0x10;;;WD;(a)x)#SDDL at 21: expected ')' to end the XA ACE after its condition",
            "D:(A;;GA;;;WD;(a))#SDDL at 14: an ACE has 6 fields 'type;flags;rights;object;inherited-object;sid': a seventh is for callback (XA, XD, XU, ZA, FL) and resource-attribute (RA) ACEs, not A",
            "D:(OA;;CR;ab721a53-1e2f-11d0-9819;;WD)#SDDL at 11: malformed GUID 'ab721a53-1e2f-11d0-9819': expected 8-4-4-4-12 hex digits",
            "S:(RA;;;;;WD;(Secrecy,TU,0,3))#SDDL at 15: a resource attribute's name is a quoted string, found 'Secrecy'",
            "S:(RA;;;;;WD;(\"Secrecy\",TQ,0,3))#SDDL at 25: unknown resource attribute type 'TQ' (supported: TI TU TS TD TX TB)",
            "S:(RA;;;;;WD;(\"Secrecy\",TU,0))#SDDL at 14: a resource attribute is (\"name\",type,flags,value,...): found 3 part(s)",
            "S:(RA;;;;;WD;(\"Secrecy\",TU,0,x3))#SDDL at 30: malformed TU value 'x3' in a resource attribute",
            "S:(FL;;0x1;;;WD;(x))#SDDL at 4: access filter ACEs (FL) are not modelled: Windows limits access to the ACE's mask unless its condition holds, and pplsim evaluates no conditions (an inherit-only FL ACE is accepted)",
            "S:(AU;SA;0x1;;;WD)(XA;;0x1;;;WD;(a))#SDDL at 20: XA ACE in the SACL (S:); callback ACEs belong in D:"})
    void malformed_seventh_fields_and_guids_are_one_line_errors_naming_the_position(String sddl, String message) {
        InputException e = assertThrows(InputException.class, () -> Sddl.parse(sddl));
        assertEquals(message, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    // ---- the 16-bit AclSize (winnt.h ACL; MS-DTYP 2.4.5) ---------------------------------------------------------------

    private static String aces(String ace, int n) {
        return ace.repeat(n);
    }

    @Test
    void an_acl_beyond_its_16_bit_size_is_refused_at_the_ace_that_overflows_it() {
        // (A;;0x1;;;WD) is 4 + 4 + 12 = 20 bytes: 8 + 20 * 3276 = 65528 fits, ACE 3277 makes 65548
        assertEquals(3276, Sddl.parse("D:" + aces("(A;;0x1;;;WD)", 3276)).dacl().size());
        InputException e = assertThrows(InputException.class, () -> Sddl.parse("D:" + aces("(A;;0x1;;;WD)", 3277)));
        assertEquals("SDDL at " + (3 + 13 * 3276) + ": the DACL would exceed 65,535 bytes (an ACL's size is 16 bits) at ACE 3277", e.getMessage());
        e = assertThrows(InputException.class, () -> Sddl.parse("D:(A;;0x1;;;WD)S:" + aces("(AU;SA;0x1;;;WD)", 5000)));
        assertEquals("SDDL at " + (18 + 16 * 3276) + ": the SACL would exceed 65,535 bytes (an ACL's size is 16 bits) at ACE 3277", e.getMessage());
    }

    @Test
    void a_hundred_thousand_ace_sddl_is_refused_at_the_first_ace_past_the_limit() {
        // S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14 has 15 sub-authorities: 8 + 60 bytes, so each ACE is 76
        String ace = "(A;;0x1;;;S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14)";
        long start = System.nanoTime();
        InputException e = assertThrows(InputException.class, () -> Sddl.parse("D:" + aces(ace, 100_000)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 8 + 76 * 862 = 65520 fits, ACE 863 makes 65596
        assertEquals("SDDL at " + (3 + ace.length() * 862) + ": the DACL would exceed 65,535 bytes (an ACL's size is 16 bits) at ACE 863", e.getMessage());
        assertTrue(millis < 5_000, "refused in " + millis + " ms");
    }
}
