package dev.pplsim.request;

import dev.pplsim.model.Sid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SidSpellingTests {

    @ParameterizedTest
    @CsvSource({
            "SY, S-1-5-18", "BA, S-1-5-32-544", "WD, S-1-1-0", "AU, S-1-5-11", "LS, S-1-5-19", "NS, S-1-5-20",
            "IU, S-1-5-4", "OW, S-1-3-4", "CO, S-1-3-0", "NU, S-1-5-2", "SU, S-1-5-6", "AN, S-1-5-7", "RC, S-1-5-12",
            "WR, S-1-5-33", "BU, S-1-5-32-545", "AC, S-1-15-2-1",
            "LW, S-1-16-4096", "ME, S-1-16-8192", "MP, S-1-16-8448", "HI, S-1-16-12288", "SI, S-1-16-16384"})
    void every_alias_parses_to_its_sid_and_prints_back(String alias, String literal) {
        Sid sid = SidSpelling.parse(alias);
        assertEquals(literal, sid.toString());
        assertEquals(sid, SidSpelling.parse(literal));
        assertEquals(sid, SidSpelling.parse(alias.toLowerCase()));
        assertEquals(alias, SidSpelling.print(sid));
    }

    @Test
    void the_alias_table_is_exactly_the_tested_one() {
        assertEquals(21, SidSpelling.aliases().size());
    }

    @ParameterizedTest
    @CsvSource({
            "S-1-16-20480, 16, 20480",        // protected process RID 0x5000 (spec §4.2)
            "S-1-19-512-8192, 19, 8192",      // SeProcTrustLiteWinTcbSid (spec §4.3)
            "S-1-19-1024-4096, 19, 4096",
            "S-1-19-0-0, 19, 0",
            "s-1-5-21-1-2-3-500, 5, 500"})
    void literals_parse_with_their_authority_and_rid(String text, long authority, long rid) {
        Sid sid = SidSpelling.parse(text);
        assertEquals(authority, sid.authority());
        assertEquals(rid, sid.rid());
        assertEquals(text.toUpperCase().replace("S-", "S-"), sid.toString().toUpperCase());
    }

    @Test
    void a_48_bit_authority_prints_in_hex() {
        Sid sid = Sid.of(0x1234_5678_9ABCL, 7);
        assertEquals("S-1-0x123456789ABC-7", sid.toString());
        assertEquals(sid, SidSpelling.parse("S-1-0x123456789abc-7"));
    }

    @Test
    void integrity_and_trust_sids_print_as_literals_where_sddl_has_no_alias() {
        assertEquals("S-1-16-20480", SidSpelling.print(Sid.of(16, 0x5000)));
        assertEquals("S-1-19-512-1536", SidSpelling.print(Sid.of(19, 512, 1536)));
    }

    @Test
    void an_unknown_alias_is_a_one_line_error_listing_the_known_ones() {
        InputException e = assertThrows(InputException.class, () -> SidSpelling.parse("XY"));
        assertEquals("unknown SID alias 'XY' (known: WD, CO, OW, NU, IU, SU, AN, AU, RC, SY, LS, NS, WR, BA, BU, AC, LW, ME, MP, HI, SI)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "S-2-5-18|malformed SID 'S-2-5-18': expected S-1-<authority>-<sub-authority>...",
            "S-1-5-x|malformed SID 'S-1-5-x': sub-authority 'x' is not a 32-bit decimal number",
            "S-1-5-4294967296|malformed SID 'S-1-5-4294967296': sub-authority '4294967296' is not a 32-bit decimal number",
            "S-1-5--3|malformed SID 'S-1-5--3': sub-authority '' is not a 32-bit decimal number",
            "S-1-a-3|malformed SID 'S-1-a-3': authority 'a' is not a number",
            "S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16|malformed SID 'S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16': 16 sub-authorities, at most 15",
            "S-1-16-1-2|malformed integrity SID 'S-1-16-1-2': expected S-1-16-<rid> (spec §4.2)",
            "S-1-19-512|malformed trust SID 'S-1-19-512': expected S-1-19-<type>-<level> (spec §4.3)",
            "S-1-19-256-8192|trust SID 'S-1-19-256-8192': type RID 256 is not 0, 512 (lite) or 1024 (full) (spec §4.3)",
            "S-1-19-512-8000|trust SID 'S-1-19-512-8000': level RID 8000 is not 0, 1024, 1536, 2048, 4096 or 8192 (spec §4.3)",
            "SYS|malformed SID 'SYS': expected S-1-<authority>-<sub-authority>... or a two-letter alias"})
    void malformed_sids_are_one_line_errors(String text, String message) {
        InputException e = assertThrows(InputException.class, () -> SidSpelling.parse(text));
        assertEquals(message, e.getMessage());
    }
}
