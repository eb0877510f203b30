package dev.pplsim.policy;

import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.SidSpelling;
import dev.pplsim.request.Spelling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityPolicyTests {

    private static final SecurityPolicy BUILT_IN = SecurityPolicy.builtIn();

    @TempDir
    Path tmp;

    // ---- trust levels (spec §4.3) ------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "0x12, S-1-19-1024-1024", "0x31, S-1-19-512-1536", "0x51, S-1-19-512-4096", "0x52, S-1-19-1024-4096",
            "0x61, S-1-19-512-8192", "0x62, S-1-19-1024-8192", "0x72, S-1-19-1024-8192", "0x81, S-1-19-512-2048"})
    void each_byte_of_the_spec_table_has_its_trust_sid(String protection, String sid) {
        assertEquals(sid, BUILT_IN.trustLevels().trustSid(Spelling.protection(protection)).toString());
    }

    @ParameterizedTest
    @CsvSource({"0x41", "0x00", "0x11", "0x21", "0x22", "0x32", "0x42", "0x71", "0x82", "0x69", "0x39", "0x7A"})
    void every_other_byte_has_none(String protection) {
        // 0x41 Lsa-Light: no Lsa RID; 0x69, 0x39, 0x7A: the audit bit breaks the exact byte match
        assertNull(BUILT_IN.trustLevels().trustSid(Spelling.protection(protection)));
    }

    @Test
    void exactly_eight_bytes_of_the_256_have_a_trust_sid() {
        int with = 0;
        for (int b = 0; b < 256; b++) {
            if (BUILT_IN.trustLevels().trustSid(new PsProtection(b)) != null) with++;
        }
        assertEquals(8, with);
    }

    // ---- token presets ----------------------------------------------------------------------------------------------

    @Test
    void the_presets_are_the_six_accounts_and_the_eleven_protected_processes() {
        assertEquals(List.of("admin-elevated", "admin-filtered", "standard-user", "system", "local-service", "network-service",
                "system-process", "smss", "csrss", "wininit", "services", "lsass", "msmpeng", "nissrv", "werfaultsecure",
                "sppsvc", "waasmedic-svchost"), List.copyOf(BUILT_IN.tokens().keySet()));
    }

    @Test
    void admin_elevated_is_high_with_sedebugprivilege_enabled() {
        Token t = BUILT_IN.token("admin-elevated").token();
        assertEquals("S-1-16-12288", t.integrity().toString());
        assertTrue(t.hasEnabled(Privilege.SE_DEBUG));
        assertTrue(group(t, "BA").enabled());
        assertFalse(group(t, "BA").denyOnly());
        assertNull(t.trustSid());
        assertFalse(t.isRestricted());
    }

    @Test
    void admin_filtered_is_medium_without_sedebugprivilege_and_with_administrators_deny_only() {
        Token t = BUILT_IN.token("admin-filtered").token();
        assertEquals("S-1-16-8192", t.integrity().toString());
        assertFalse(t.hasEnabled(Privilege.SE_DEBUG));
        assertNull(t.privilege(Privilege.SE_DEBUG));
        assertTrue(group(t, "BA").denyOnly());
        assertFalse(group(t, "BA").enabled());
        assertEquals(BUILT_IN.token("admin-elevated").token().user(), t.user());
    }

    @Test
    void standard_user_is_medium_without_administrators() {
        Token t = BUILT_IN.token("standard-user").token();
        assertEquals(Sid.of(16, 0x2000), t.integrity());
        assertTrue(t.groups().stream().noneMatch(g -> g.sid().equals(SidSpelling.parse("BA"))));
        assertEquals(5, t.privileges().size());
        assertTrue(t.hasEnabled(Privilege.SE_CHANGE_NOTIFY));
        assertFalse(t.hasEnabled(Privilege.SE_SHUTDOWN));
        assertTrue(t.privilege(Privilege.SE_SHUTDOWN) != null, "held but disabled");
    }

    @ParameterizedTest
    @CsvSource({"system, SY, true", "local-service, LS, false", "network-service, NS, false"})
    void service_accounts_run_at_system_integrity(String name, String user, boolean debug) {
        Token t = BUILT_IN.token(name).token();
        assertEquals(SidSpelling.parse(user), t.user());
        assertEquals("S-1-16-16384", t.integrity().toString());
        assertEquals(debug, t.hasEnabled(Privilege.SE_DEBUG));
    }

    @Test
    void network_service_inherits_its_integrity_from_its_base() {
        Token t = BUILT_IN.token("network-service").token();
        assertNull(t.privilege(Privilege.SE_SYSTEMTIME));
        assertTrue(BUILT_IN.token("local-service").token().privilege(Privilege.SE_SYSTEMTIME) != null);
    }

    @ParameterizedTest
    @CsvSource({
            "system-process, 0x72, SY, S-1-19-1024-8192", "smss, 0x61, SY, S-1-19-512-8192", "csrss, 0x61, SY, S-1-19-512-8192",
            "wininit, 0x61, SY, S-1-19-512-8192", "services, 0x61, SY, S-1-19-512-8192", "lsass, 0x41, SY, ",
            "msmpeng, 0x31, SY, S-1-19-512-1536", "nissrv, 0x31, LS, S-1-19-512-1536", "werfaultsecure, 0x62, SY, S-1-19-1024-8192",
            "sppsvc, 0x52, NS, S-1-19-1024-4096", "waasmedic-svchost, 0x51, SY, S-1-19-512-4096"})
    void protected_process_tokens_carry_the_trust_sid_of_their_byte(String name, String protection, String user, String trust) {
        TokenPreset p = BUILT_IN.token(name);
        assertEquals(Spelling.protection(protection), p.protection());
        assertEquals(SidSpelling.parse(user), p.token().user());
        if (trust == null) assertNull(p.token().trustSid());
        else assertEquals(trust, p.token().trustSid().toString());
    }

    @Test
    void an_unknown_preset_name_lists_the_known_ones() {
        InputException e = assertThrows(InputException.class, () -> BUILT_IN.token("admin"));
        assertTrue(e.getMessage().startsWith("unknown token 'admin' (known: admin-elevated, admin-filtered, "), e.getMessage());
    }

    private static TokenGroup group(Token t, String alias) {
        Sid sid = SidSpelling.parse(alias);
        return t.groups().stream().filter(g -> g.sid().equals(sid)).findFirst().orElseThrow();
    }

    // ---- default descriptors ----------------------------------------------------------------------------------------

    @Test
    void a_users_process_is_owned_by_the_user_and_labelled_with_its_integrity() {
        Token admin = BUILT_IN.token("admin-elevated").token();
        SecurityDescriptor sd = BUILT_IN.descriptors().forCreator(ObjectKind.PROCESS, admin);
        assertEquals(admin.user(), sd.owner());
        assertEquals(List.of(new Ace(AceType.ACCESS_ALLOWED, 0, 0x001FFFFF, admin.user()),
                new Ace(AceType.ACCESS_ALLOWED, 0, 0x001FFFFF, Sid.of(5, 18))), sd.dacl());
        assertEquals(List.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, 0x3, Sid.of(16, 0x3000))), sd.sacl());
    }

    @Test
    void lsass_gets_the_system_template() {
        SecurityDescriptor sd = BUILT_IN.descriptors().forCreator(ObjectKind.PROCESS, BUILT_IN.token("lsass").token());
        assertEquals("O:BAD:(A;;0x1fffff;;;SY)(A;;0x121411;;;BA)S:(ML;;NWNR;;;SI)", Sddl.print(sd));
        SecurityDescriptor thread = BUILT_IN.descriptors().forCreator(ObjectKind.THREAD, BUILT_IN.token("lsass").token());
        assertEquals(0x00121848, thread.dacl().get(1).mask());
    }

    @Test
    void templates_keep_the_creator_owner_placeholder_until_instantiated() {
        SecurityDescriptor t = BUILT_IN.descriptors().template(ObjectKind.THREAD, "user");
        assertEquals(DefaultDescriptors.CREATOR_OWNER, t.owner());
        Token user = BUILT_IN.token("standard-user").token();
        SecurityDescriptor sd = BUILT_IN.descriptors().forCreator(ObjectKind.THREAD, user);
        assertTrue(sd.dacl().stream().noneMatch(a -> a.sid().equals(DefaultDescriptors.CREATOR_OWNER)));
        assertEquals(user.user(), sd.dacl().get(0).sid());
    }

    // ---- errors in the YAML: one line, file:line, field -------------------------------------------------------------

    private Path copyPolicies() throws IOException {
        return dev.pplsim.TestTrees.copy("policies", tmp);
    }

    private String loadError(String file, String from, String to) throws IOException {
        return dev.pplsim.TestTrees.policyError(tmp, file, from, to, SecurityPolicy::load);
    }

    @Test
    void the_working_tree_copy_loads_like_the_built_in_one() throws IOException {
        SecurityPolicy p = SecurityPolicy.load(copyPolicies());
        assertEquals(BUILT_IN.tokens().keySet(), p.tokens().keySet());
        assertEquals(BUILT_IN.trustLevels(), p.trustLevels());
    }

    @Test
    void an_unknown_privilege_names_file_line_and_field() throws IOException {
        String m = loadError("tokens.yaml", "{name: SeDebugPrivilege,                enabled: true}",
                "{name: SeDebugPrivlege,                enabled: true}");
        assertTrue(m.matches(".*tokens\\.yaml:\\d+:\\d+: tokens\\[0\\]\\.privileges\\[12\\]: name: 'SeDebugPrivlege' is not a privilege \\(known: SeCreateTokenPrivilege, .*SeDebugPrivilege, .*\\)"), m);
    }

    @Test
    void an_unknown_yaml_field_names_file_line_and_field() throws IOException {
        String m = loadError("tokens.yaml", "    integrity: HI ", "    integrity: HI\n    integrty: HI ");
        assertTrue(m.matches(".*tokens\\.yaml:\\d+:\\d+: tokens\\[0\\]\\.integrty: unknown field 'integrty' \\(expected one of: .*"), m);
    }

    @Test
    void an_unknown_sid_alias_in_a_token_names_the_field() throws IOException {
        String m = loadError("tokens.yaml", "    user: SY ", "    user: SX ");
        assertTrue(m.matches(".*tokens\\.yaml:\\d+:\\d+: tokens\\[3\\]: user: unknown SID alias 'SX' \\(known: .*"), m);
    }

    @Test
    void an_unknown_group_attribute_is_an_error() throws IOException {
        String m = loadError("tokens.yaml", "{sid: BA,           attributes: \"USE_FOR_DENY_ONLY\"}",
                "{sid: BA,           attributes: \"DENY_ONLY\"}");
        assertTrue(m.matches(".*tokens\\.yaml:\\d+:\\d+: tokens\\[1\\]\\.groups\\[2\\]: attributes: unknown group attribute 'DENY_ONLY' .*"), m);
    }

    @Test
    void a_base_that_is_not_an_earlier_token_is_an_error() throws IOException {
        String m = loadError("tokens.yaml", "    base: local-service\n    protection: 0x31", "    base: local-servce\n    protection: 0x31");
        assertTrue(m.contains("tokens.yaml:"), m);
        assertTrue(m.endsWith("tokens[13] (nissrv): base 'local-servce' is not an earlier token"), m);
    }

    @Test
    void malformed_sddl_in_the_descriptors_file_names_file_line_and_position() throws IOException {
        String m = loadError("security-descriptors.yaml", "(A;;0x121411;;;BA)S:(ML;;NWNR;;;SI)", "(A;;0x121411;;;BA)S:(ML;;NWNQ;;;SI)");
        assertTrue(m.matches(".*security-descriptors\\.yaml:\\d+:\\d+: descriptors\\[1\\]: sddl: SDDL at 52: unknown access right 'NQ'"), m);
    }

    @Test
    void a_duplicate_trust_byte_is_an_error() throws IOException {
        String m = loadError("trust-levels.yaml", "{protection: 0x81,", "{protection: 0x12,");
        assertTrue(m.matches(".*trust-levels\\.yaml:\\d+:\\d+: table\\[7\\]: protection 0x12 is also in table\\[0\\]"), m);
    }

    @Test
    void a_non_trust_sid_in_the_trust_table_is_an_error() throws IOException {
        String m = loadError("trust-levels.yaml", "sid: S-1-19-512-2048,", "sid: S-1-16-2048,");
        assertTrue(m.matches(".*trust-levels\\.yaml:\\d+:\\d+: table\\[7\\]: sid S-1-16-2048 is not a trust SID S-1-19-<type>-<level> \\(spec §4\\.3\\)"), m);
    }

    @Test
    void a_missing_file_is_an_error() throws IOException {
        Path root = copyPolicies();
        Files.delete(root.resolve("tokens.yaml"));
        String m = assertThrows(InputException.class, () -> SecurityPolicy.load(root)).getMessage();
        assertTrue(m.endsWith("tokens.yaml: missing: tokens.yaml is required"), m);
    }

    @Test
    void trust_sids_of_the_builtin_table_are_all_distinct_sids_of_19() {
        Map<Integer, Sid> m = BUILT_IN.trustLevels().sids();
        assertTrue(m.values().stream().allMatch(Sid::isTrust));
        assertEquals(7, m.values().stream().distinct().count(), "0x62 and 0x72 share SeProcTrustWinTcbSid");
    }
}
