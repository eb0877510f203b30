package dev.pplsim.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK values of the security model, typed in again from winnt.h and spec §4.2-§4.3, and its bit helpers. */
class SecurityModelTests {

    @ParameterizedTest
    @CsvSource({
            "SeCreateTokenPrivilege, 2", "SeAssignPrimaryTokenPrivilege, 3", "SeTcbPrivilege, 7", "SeSecurityPrivilege, 8",
            "SeTakeOwnershipPrivilege, 9", "SeLoadDriverPrivilege, 10", "SeBackupPrivilege, 17", "SeRestorePrivilege, 18",
            "SeDebugPrivilege, 20", "SeChangeNotifyPrivilege, 23", "SeImpersonatePrivilege, 29", "SeRelabelPrivilege, 32",
            "SeCreateSymbolicLinkPrivilege, 35", "SeDelegateSessionUserImpersonatePrivilege, 36"})
    void privileges_have_their_winnt_h_luids(String name, int luid) {
        assertEquals(luid, Privilege.byName(name).luid());
        assertEquals(name, Privilege.byName(name.toLowerCase()).sdkName());
    }

    @Test
    void the_privileges_are_luids_2_to_36_each_once() {
        Set<Integer> luids = new HashSet<>();
        for (Privilege p : Privilege.values()) {
            assertTrue(luids.add(p.luid()), p.sdkName());
            assertTrue(p.sdkName().matches("Se[A-Za-z]+Privilege"), p.sdkName());
        }
        assertEquals(35, luids.size());
        assertEquals(2, luids.stream().mapToInt(i -> i).min().orElseThrow());
        assertEquals(36, luids.stream().mapToInt(i -> i).max().orElseThrow());
        assertNull(Privilege.byName("SeDebugPrivlege"));
    }

    @Test
    void group_attributes_have_their_winnt_h_values() {
        assertEquals(0x1, GroupAttribute.MANDATORY.mask());
        assertEquals(0x2, GroupAttribute.ENABLED_BY_DEFAULT.mask());
        assertEquals(0x4, GroupAttribute.ENABLED.mask());
        assertEquals(0x8, GroupAttribute.OWNER.mask());
        assertEquals(0x10, GroupAttribute.USE_FOR_DENY_ONLY.mask());
        assertEquals(0x20, GroupAttribute.INTEGRITY.mask());
        assertEquals(0x40, GroupAttribute.INTEGRITY_ENABLED.mask());
        assertEquals(0xC0000000, GroupAttribute.LOGON_ID.mask());
        // LOGON_ID is two bits: one of them alone is not a logon SID
        assertFalse(GroupAttribute.LOGON_ID.in(0x80000000));
        assertTrue(GroupAttribute.LOGON_ID.in(0xC0000007));
    }

    @Test
    void a_deny_only_group_is_not_enabled() {
        TokenGroup denyOnly = new TokenGroup(Sid.of(5, 32, 544), 0x10);
        assertTrue(denyOnly.denyOnly());
        assertFalse(denyOnly.enabled());
        TokenGroup normal = new TokenGroup(Sid.of(1, 0), GroupAttribute.DEFAULT_ENABLED);
        assertTrue(normal.enabled());
        assertFalse(normal.denyOnly());
    }

    @Test
    void ace_types_flags_and_label_bits_have_their_sdk_values() {
        assertEquals(0x00, AceType.ACCESS_ALLOWED.value());
        assertEquals(0x01, AceType.ACCESS_DENIED.value());
        assertEquals(0x11, AceType.SYSTEM_MANDATORY_LABEL.value());
        assertEquals(0x14, AceType.SYSTEM_PROCESS_TRUST_LABEL.value());
        // winnt.h: audit, alarm, object, callback, resource-attribute, scoped-policy and access-filter ACE types
        assertEquals(List.of(0x02, 0x03, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0D, 0x12, 0x13, 0x15),
                List.of(AceType.SYSTEM_AUDIT, AceType.SYSTEM_ALARM, AceType.ACCESS_ALLOWED_OBJECT, AceType.ACCESS_DENIED_OBJECT,
                        AceType.SYSTEM_AUDIT_OBJECT, AceType.SYSTEM_ALARM_OBJECT, AceType.ACCESS_ALLOWED_CALLBACK, AceType.ACCESS_DENIED_CALLBACK,
                        AceType.ACCESS_ALLOWED_CALLBACK_OBJECT, AceType.SYSTEM_AUDIT_CALLBACK, AceType.SYSTEM_RESOURCE_ATTRIBUTE,
                        AceType.SYSTEM_SCOPED_POLICY_ID, AceType.SYSTEM_ACCESS_FILTER).stream().map(AceType::value).toList());
        // OI CI NP IO ID, CRITICAL, SUCCESSFUL_ACCESS and TRUST_PROTECTED_FILTER (one bit), FAILED_ACCESS
        assertEquals(List.of(0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x40, 0x80), List.of(AceFlag.values()).stream().map(AceFlag::mask).toList());
        assertEquals(List.of(0x1, 0x2, 0x4), List.of(MandatoryPolicy.values()).stream().map(MandatoryPolicy::mask).toList());
        assertEquals(0x1000, SdControl.DACL_PROTECTED.mask());
        assertEquals(0x2000, SdControl.SACL_PROTECTED.mask());
        assertEquals(0x0800, SdControl.SACL_AUTO_INHERITED.mask());
    }

    @Test
    void trust_and_integrity_rids_are_those_of_spec_4_2_and_4_3() {
        assertEquals("S-1-19-512-8192", ProcessTrustLevel.sid(ProcessTrustType.LITE, ProcessTrustLevel.WINTCB).toString());
        assertEquals("S-1-19-1024-1536", ProcessTrustLevel.sid(ProcessTrustType.FULL, ProcessTrustLevel.ANTIMALWARE).toString());
        assertEquals(List.of(0, 0x400, 0x600, 0x800, 0x1000, 0x2000), List.of(ProcessTrustLevel.values()).stream().map(ProcessTrustLevel::rid).toList());
        assertEquals("S-1-16-20480", IntegrityLevel.PROTECTED_PROCESS.sid().toString());
        assertEquals("S-1-16-8448", IntegrityLevel.MEDIUM_PLUS.sid().toString());
    }

    @Test
    void sids_print_their_authority_in_decimal_below_2_pow_32_and_in_hex_above() {
        assertEquals("S-1-5-32-544", Sid.of(5, 32, 544).toString());
        assertEquals("S-1-4294967295", Sid.of(0xFFFF_FFFFL).toString());
        assertEquals("S-1-0x000100000000", Sid.of(0x1_0000_0000L).toString());
        assertThrows(IllegalArgumentException.class, () -> Sid.of(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> Sid.of(5, 1L << 32));
        assertEquals(544, Sid.of(5, 32, 544).rid());
        assertTrue(Sid.of(16, 0x3000).isIntegrity());
        assertFalse(Sid.of(16, 1, 2).isIntegrity());
        assertTrue(Sid.of(19, 512, 1536).isTrust());
    }

    @Test
    void a_token_knows_enabled_from_present_but_disabled_privileges() {
        Token t = new Token(Sid.of(5, 18), List.of(), List.of(new TokenPrivilege(Privilege.SE_DEBUG, false),
                new TokenPrivilege(Privilege.SE_TCB, true)), Sid.of(16, 0x4000), List.of(), Sid.of(19, 512, 8192));
        assertFalse(t.hasEnabled(Privilege.SE_DEBUG));
        assertFalse(t.privilege(Privilege.SE_DEBUG).enabled());
        assertTrue(t.hasEnabled(Privilege.SE_TCB));
        assertNull(t.privilege(Privilege.SE_RELABEL));
        assertThrows(IllegalArgumentException.class, () -> new Token(Sid.of(5, 18), List.of(), List.of(), Sid.of(5, 18), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Token(Sid.of(5, 18), List.of(), List.of(), Sid.of(16, 0), List.of(), Sid.of(16, 0)));
    }

    @Test
    void an_ace_carries_guids_and_a_seventh_field_only_where_its_type_has_them() {
        Sid wd = Sid.of(1, 0);
        String guid = "bf967aba-0de6-11d0-a285-00aa003049e2";
        assertThrows(IllegalArgumentException.class, () -> new Ace(AceType.ACCESS_ALLOWED, 0, 1, wd, guid, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Ace(AceType.ACCESS_ALLOWED_CALLBACK, 0, 1, wd));
        assertThrows(IllegalArgumentException.class, () -> new Ace(AceType.SYSTEM_AUDIT, 0, 1, wd, null, null, "(a)"));
        // AceSize: header 4 + mask 4 + flags 4 + two GUIDs 32 + WD 12; a condition counts at least 8
        assertEquals(56, new Ace(AceType.ACCESS_DENIED_OBJECT, 0, 1, wd, guid, guid, null).byteSize());
        assertEquals(28, new Ace(AceType.ACCESS_ALLOWED_CALLBACK, 0, 1, wd, null, null, "(a)").byteSize());
        assertEquals(20, new Ace(AceType.ACCESS_ALLOWED, 0, 1, wd).byteSize());
    }

    @Test
    void a_null_dacl_differs_from_an_empty_one() {
        SecurityDescriptor none = new SecurityDescriptor(null, null, null, null, 0);
        SecurityDescriptor empty = new SecurityDescriptor(null, null, List.of(), List.of(), 0);
        assertNull(none.dacl());
        assertEquals(List.of(), empty.dacl());
        assertEquals(List.of(), none.sacl());
        assertFalse(none.equals(empty));
        assertThrows(IllegalArgumentException.class, () -> new Ace(AceType.ACCESS_ALLOWED, 0x100, 1, Sid.of(1, 0)));
    }
}
