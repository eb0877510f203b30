package dev.pplsim.request;

import dev.pplsim.model.GroupAttribute;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.policy.SecurityPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A token spelled as a preset name or an inline object: what it resolves to, and the one-line errors with paths. */
class TokenSpellingTests {

    private static final SecurityPolicy SEC = SecurityPolicy.builtIn();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Sid STANDARD_USER = SidSpelling.parse("S-1-5-21-1111111111-2222222222-3333333333-1002");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static Token resolve(String text, PsProtection protection) throws Exception {
        return TokenSpelling.read(json(text), "caller.token").resolve(SEC, protection);
    }

    private static String error(String text) {
        return assertThrows(InputException.class, () -> resolve(text, PsProtection.NONE)).getMessage();
    }

    @Test
    void a_preset_name_is_the_preset_with_the_trust_sid_of_the_process_protection() throws Exception {
        Token admin = resolve("\"admin-elevated\"", PsProtection.NONE);
        assertEquals(SEC.token("admin-elevated").token(), admin);
        assertTrue(admin.hasEnabled(Privilege.SE_DEBUG));
        // the trust SID comes from the holder's protection (spec §4.3), not from the preset: 0x61 -> S-1-19-512-8192
        Token asTcb = resolve("\"admin-elevated\"", Spelling.protection("WinTcb-Light"));
        assertEquals(SidSpelling.parse("S-1-19-512-8192"), asTcb.trustSid());
        assertNull(resolve("\"msmpeng\"", Spelling.protection("Lsa-Light")).trustSid(), "0x41 has no trust SID");
    }

    @Test
    void an_inline_token_with_a_base_overrides_field_by_field() throws Exception {
        Token t = resolve("{\"base\":\"standard-user\",\"integrity\":\"LW\",\"restrictedSids\":[\"RC\",\"WD\"]}", PsProtection.NONE);
        Token base = SEC.token("standard-user").token();
        assertEquals(base.user(), t.user());
        assertEquals(base.groups(), t.groups());
        assertEquals(base.privileges(), t.privileges());
        assertEquals(Sid.of(16, 0x1000), t.integrity());
        assertEquals(List.of(Sid.of(5, 12), Sid.of(1, 0)), t.restrictedSids());
    }

    @Test
    void an_inline_token_without_a_base_names_every_field() throws Exception {
        Token t = resolve("{\"user\":\"S-1-5-21-1111111111-2222222222-3333333333-1002\",\"integrity\":\"ME\","
                + "\"groups\":[{\"sid\":\"BU\",\"attributes\":\"MANDATORY|ENABLED_BY_DEFAULT|ENABLED\"},{\"sid\":\"BA\",\"attributes\":16}],"
                + "\"privileges\":[{\"name\":\"sedebugprivilege\",\"enabled\":false}]}", PsProtection.NONE);
        assertEquals(STANDARD_USER, t.user());
        assertEquals(List.of(new TokenGroup(Sid.of(5, 32, 545), 0x7), new TokenGroup(Sid.of(5, 32, 544), GroupAttribute.USE_FOR_DENY_ONLY.mask())), t.groups());
        assertFalse(t.hasEnabled(Privilege.SE_DEBUG), "held but disabled");
        assertEquals(Privilege.SE_DEBUG, t.privileges().get(0).privilege());
        assertTrue(t.restrictedSids().isEmpty());
        assertNull(t.trustSid());
    }

    @Test
    void errors_name_the_field_path() {
        assertTrue(error("{\"base\":\"standard-user\",\"privileges\":[{\"name\":\"SeChangeNotifyPrivilege\",\"enabled\":true},"
                + "{\"name\":\"SeShutdownPrivilege\",\"enabled\":false},{\"name\":\"SeDebugPrivlege\",\"enabled\":true}]}")
                .startsWith("caller.token.privileges[2].name: 'SeDebugPrivlege' is not a privilege (known: SeCreateTokenPrivilege, "));
        assertTrue(error("{\"base\":\"standard-user\",\"groups\":[{\"sid\":\"BU\",\"attributes\":\"ENABLED\"},{\"sid\":\"XX\",\"attributes\":\"ENABLED\"}]}")
                .startsWith("caller.token.groups[1].sid: unknown SID alias 'XX' (known: WD, "));
        assertTrue(error("{\"base\":\"standard-user\",\"groups\":[{\"sid\":\"BU\",\"attributes\":\"ENABLED|DENY_ONLY\"}]}")
                .startsWith("caller.token.groups[0].attributes: unknown group attribute 'DENY_ONLY' (known: SE_GROUP_MANDATORY, "));
        assertTrue(error("{\"base\":\"standard-user\",\"groups\":[{\"sid\":\"BU\"}]}").startsWith("caller.token.groups[0].attributes: required"));
        assertTrue(error("{\"base\":\"standard-user\",\"groups\":[{\"sid\":\"BU\",\"attributes\":7,\"colour\":1}]}")
                .startsWith("caller.token.groups[0].colour: unknown field (expected one of: sid, attributes)"));
        assertEquals("caller.token.integrity: 'SY' is not an integrity SID S-1-16-* or ME, HI, SI... (spec §4.2)",
                error("{\"base\":\"standard-user\",\"integrity\":\"SY\"}"));
        assertTrue(error("{\"base\":\"standard-user\",\"privileges\":[{\"name\":\"SeDebugPrivilege\",\"enabled\":true},{\"name\":\"SeDebugPrivilege\",\"enabled\":false}]}")
                .startsWith("caller.token.privileges[1].name: SeDebugPrivilege is listed twice"));
        assertTrue(error("{\"base\":\"standard-user\",\"privileges\":[{\"name\":\"SeDebugPrivilege\",\"enabled\":\"yes\"}]}")
                .startsWith("caller.token.privileges[0].enabled: expected true or false"));
        assertTrue(error("{\"user\":\"SY\",\"integrity\":\"SI\"}").startsWith("caller.token: missing groups, privileges (required without a base preset"));
        assertTrue(error("{\"base\":\"standard-user\",\"colour\":\"red\"}")
                .startsWith("caller.token.colour: unknown field (expected one of: base, user, integrity, groups, privileges, restrictedSids)"));
        assertTrue(error("{\"base\":\"standard-usr\"}").startsWith("caller.token.base: unknown token 'standard-usr' (known: admin-elevated, "));
        assertTrue(error("\"admin-elevatd\"").startsWith("caller.token: unknown token 'admin-elevatd' (known: "));
        assertTrue(error("42").startsWith("caller.token: expected a preset name (\"admin-elevated\") or an object"));
        assertTrue(error("{\"base\":\"standard-user\",\"restrictedSids\":[\"RC\",\"S-1-5-x\"]}").startsWith("caller.token.restrictedSids[1]: malformed SID 'S-1-5-x'"));
    }

    @Test
    void a_trust_sid_or_a_protection_inside_a_token_is_refused() {
        assertEquals("caller.token.trustSid: a token's trust SID is not given: it is derived from the process's protection (SepSidFromProcessProtection, spec §4.3)",
                error("{\"base\":\"standard-user\",\"trustSid\":\"S-1-19-512-8192\"}"));
        assertTrue(error("{\"base\":\"standard-user\",\"protection\":\"WinTcb-Light\"}").startsWith("caller.token.protection: not part of a token"));
    }

    @Test
    void the_preset_file_and_inline_tokens_share_the_leaf_spellings() {
        // tokens.yaml rows are read with the same functions (TokensFile): the same names, the same refusals
        assertEquals(0x7, TokenSpelling.groupAttributes("SE_GROUP_MANDATORY|enabled_by_default|ENABLED"));
        assertEquals(0xC0000004, TokenSpelling.groupAttributes("LOGON_ID|ENABLED"));
        assertEquals(Privilege.SE_SECURITY, TokenSpelling.privilege("SeSecurityPrivilege"));
        assertEquals(Sid.of(16, 0x3000), TokenSpelling.integrity("HI"));
    }
}
