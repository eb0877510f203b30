package dev.pplsim.reference;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.model.TokenPrivilege;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.SidSpelling;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference's SD stage alone, on hand-computed cases (docs/ACCESS-CHECK.md; spec §2.2, §3.4, §4.1-§4.4). Every
 * expected mask is worked out in the comment next to it. Inputs are built with the policy's SDDL and SID parsers, which
 * only spell the records; the decisions are the reference's.
 */
class ReferenceAccessCheckTests {

    // ---- SIDs --------------------------------------------------------------------------------------------------------

    static final Sid U1 = sid("S-1-5-21-1-2-3-1001");
    static final Sid U2 = sid("S-1-5-21-1-2-3-1002");
    static final Sid WD = sid("WD");
    static final Sid BA = sid("BA");
    static final Sid BU = sid("BU");
    static final Sid SY = sid("SY");
    static final Sid RC = sid("RC");

    static final int ENABLED = 0x7;      // MANDATORY | ENABLED_BY_DEFAULT | ENABLED
    static final int DENY_ONLY = 0x10;   // USE_FOR_DENY_ONLY
    static final int DISABLED = 0x0;

    static final PsProtection NONE = PsProtection.NONE;
    static final PsProtection LSA_LIGHT = new PsProtection(0x41);
    static final PsProtection WINTCB_LIGHT = new PsProtection(0x61);

    static Sid sid(String s) {
        return SidSpelling.parse(s);
    }

    static SecurityDescriptor sd(String sddl) {
        return Sddl.parse(sddl);
    }

    /** A small token builder: user, integrity, then groups / privileges / restricted SIDs / a (never read) trust SID. */
    static final class T {
        Sid user = U1;
        Sid integrity = sid("ME");
        final List<TokenGroup> groups = new ArrayList<>();
        final List<TokenPrivilege> privileges = new ArrayList<>();
        final List<Sid> restricted = new ArrayList<>();
        Sid trust;

        T user(Sid u) { user = u; return this; }
        T il(String alias) { integrity = sid(alias); return this; }
        T group(Sid s, int attributes) { groups.add(new TokenGroup(s, attributes)); return this; }
        T priv(Privilege p, boolean enabled) { privileges.add(new TokenPrivilege(p, enabled)); return this; }
        T restricted(Sid s) { restricted.add(s); return this; }
        T trust(String s) { trust = sid(s); return this; }
        Token build() { return new Token(user, groups, privileges, integrity, restricted, trust); }
    }

    static T token() {
        return new T().group(WD, ENABLED);
    }

    static AccessQuery open(Token tk, SecurityDescriptor sd, ObjectKind object, int desired) {
        return AccessQuery.of(NONE, NONE, object, desired).withToken(tk).withSd(sd);
    }

    static ReferenceVerdict decide(AccessQuery q) {
        ReferenceVerdict v = ReferenceAccessCheck.decide(q);
        // ReferenceDecider routes the same query here: the two entry points agree
        assertEquals(v.decision(), ReferenceDecider.decide(q));
        return v;
    }

    static void assertGranted(int granted, AccessQuery q) {
        ReferenceVerdict v = decide(q);
        assertEquals(NtStatus.STATUS_SUCCESS, v.status(), () -> "for " + q + " -> " + v);
        assertEquals(granted, v.granted(), () -> String.format("granted 0x%08X, want 0x%08X: %s", v.granted(), granted, v));
    }

    static ReferenceVerdict assertRefused(NtStatus status, RefusalKind kind, AccessQuery q) {
        ReferenceVerdict v = decide(q);
        assertEquals(status, v.status(), () -> "for " + q + " -> " + v);
        assertEquals(0, v.granted());
        assertEquals(kind, v.refusal(), () -> v.toString());
        return v;
    }

    // ---- DACL order -------------------------------------------------------------------------------------------------

    @Test
    void a_deny_ace_before_an_allow_ace_refuses_its_rights() {
        Token tk = token().build();
        SecurityDescriptor s = sd("D:(D;;0x10;;;WD)(A;;0x1fffff;;;WD)");
        ReferenceVerdict v = assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.EXPLICITLY_DENIED,
                open(tk, s, ObjectKind.PROCESS, 0x10));
        assertEquals(Map.of(0x10, RefusalKind.EXPLICITLY_DENIED), v.refusedRights());
        assertGranted(0x1000, open(tk, s, ObjectKind.PROCESS, 0x1000));
        // MAXIMUM_ALLOWED: everything but VM_READ; QUERY_INFORMATION is in it, so QUERY_LIMITED is too (spec §3.2)
        assertGranted(0x001FFFEF, open(tk, s, ObjectKind.PROCESS, 0x02000000));
        // MAXIMUM_ALLOWED with a refused specific right: refused (step 7)
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.EXPLICITLY_DENIED,
                open(tk, s, ObjectKind.PROCESS, 0x02000010));
    }

    @Test
    void an_allow_ace_before_a_deny_ace_grants_its_rights() {
        Token tk = token().build();
        assertGranted(0x10, open(tk, sd("D:(A;;0x10;;;WD)(D;;0x10;;;WD)"), ObjectKind.PROCESS, 0x10));
    }

    @Test
    void maximum_allowed_accumulates_over_the_aces_in_order() {
        Token tk = token().group(BU, ENABLED).build();
        // WD 0x10 -> g 0x10; BU 0x400 -> g 0x410; deny WD 0x20 -> d 0x20; U1 0x30 adds 0x30 & ~0x20 = 0x10 -> g 0x410
        SecurityDescriptor s = sd("D:(A;;0x10;;;WD)(A;;0x400;;;BU)(D;;0x20;;;WD)(A;;0x30;;;S-1-5-21-1-2-3-1001)");
        // 0x410 plus QUERY_LIMITED implied by QUERY_INFORMATION (spec §3.2)
        assertGranted(0x1410, open(tk, s, ObjectKind.PROCESS, 0x02000000));
        // on a thread the same bits mean other rights, and no implication fires for 0x410
        assertGranted(0x410, open(tk, s, ObjectKind.THREAD, 0x02000000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.EXPLICITLY_DENIED, open(tk, s, ObjectKind.PROCESS, 0x20));
    }

    @Test
    void inherit_only_aces_are_skipped_and_disabled_groups_match_nothing() {
        Token tk = token().group(BU, DISABLED).build();
        assertGranted(0x10, open(tk, sd("D:(D;IO;0x10;;;WD)(A;;0x10;;;WD)"), ObjectKind.PROCESS, 0x10));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED,
                open(tk, sd("D:(A;;0x10;;;BU)"), ObjectKind.PROCESS, 0x10));
        assertGranted(0x10, open(tk, sd("D:(D;;0x10;;;BU)(A;;0x10;;;WD)"), ObjectKind.PROCESS, 0x10));
    }

    @Test
    void null_dacl_grants_everything_and_empty_dacl_nothing() {
        Token tk = token().build();
        assertGranted(0x1FFFFF, open(tk, sd("D:NO_ACCESS_CONTROL"), ObjectKind.PROCESS, 0x02000000));
        assertGranted(0x1FFFFF, open(tk, sd(""), ObjectKind.THREAD, 0x02000000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED,
                open(tk, sd("D:"), ObjectKind.PROCESS, 0x02000000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, open(tk, sd("D:"), ObjectKind.PROCESS, 0x1000));
        // DesiredAccess 0 succeeds with 0 (step 7)
        assertGranted(0, open(tk, sd("D:"), ObjectKind.PROCESS, 0));
    }

    @Test
    void generic_bits_of_an_ace_are_mapped_through_the_objects_mapping() {
        Token tk = token().build();
        assertGranted(0x1FFFFF, open(tk, sd("D:(A;;GA;;;WD)"), ObjectKind.PROCESS, 0x02000000));
        // process GENERIC_READ = 0x20410; +QUERY_LIMITED implied by QUERY_INFORMATION
        assertGranted(0x21410, open(tk, sd("D:(A;;GR;;;WD)"), ObjectKind.PROCESS, 0x02000000));
        // thread GENERIC_EXECUTE = 0x121800
        assertGranted(0x121800, open(tk, sd("D:(A;;GX;;;WD)"), ObjectKind.THREAD, 0x02000000));
        // token GENERIC_WRITE = 0x200E0, and a GENERIC_WRITE request maps to it too
        assertGranted(0x200E0, openToken(admin(), sd("D:(A;;GW;;;WD)"), 0x40000000));
    }

    // ---- owner ------------------------------------------------------------------------------------------------------

    @Test
    void the_owner_gets_read_control_and_write_dac_without_an_ace() {
        Token tk = token().build();
        SecurityDescriptor s = sd("O:S-1-5-21-1-2-3-1001D:(A;;0x1000;;;WD)");
        assertGranted(0x60000, open(tk, s, ObjectKind.PROCESS, 0x60000));
        assertGranted(0x61000, open(tk, s, ObjectKind.PROCESS, 0x02000000));
        // not the owner: READ_CONTROL was never granted
        Token other = token().user(U2).build();
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, open(other, s, ObjectKind.PROCESS, 0x20000));
        // an implicit right is taken by the owner before a later deny ACE sees it
        assertGranted(0x20000, open(tk, sd("O:S-1-5-21-1-2-3-1001D:(D;;0x20000;;;WD)"), ObjectKind.PROCESS, 0x20000));
    }

    @Test
    void ownership_through_a_group_needs_the_group_enabled() {
        SecurityDescriptor s = sd("O:BAD:");
        assertGranted(0x60000, open(token().group(BA, ENABLED).build(), s, ObjectKind.PROCESS, 0x02000000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED,
                open(token().group(BA, DENY_ONLY).build(), s, ObjectKind.PROCESS, 0x20000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED,
                open(token().group(BA, DISABLED).build(), s, ObjectKind.PROCESS, 0x20000));
    }

    @Test
    void an_owner_rights_ace_replaces_the_owners_implicit_rights() {
        Token owner = token().build();
        Token other = token().user(U2).build();
        SecurityDescriptor s = sd("O:S-1-5-21-1-2-3-1001D:(A;;0x1000;;;OW)");
        assertGranted(0x1000, open(owner, s, ObjectKind.PROCESS, 0x02000000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, open(owner, s, ObjectKind.PROCESS, 0x20000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, open(other, s, ObjectKind.PROCESS, 0x1000));
        // a deny OWNER RIGHTS ACE applies to the owner only
        SecurityDescriptor deny = sd("O:S-1-5-21-1-2-3-1001D:(D;;0x10;;;OW)(A;;0x1fffff;;;WD)");
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.EXPLICITLY_DENIED, open(owner, deny, ObjectKind.PROCESS, 0x10));
        assertGranted(0x10, open(other, deny, ObjectKind.PROCESS, 0x10));
        // (I) an inherit-only OWNER RIGHTS ACE is skipped like any inherit-only ACE: the implicit rights stay
        assertGranted(0x20000, open(owner, sd("O:S-1-5-21-1-2-3-1001D:(A;IO;0x1000;;;OW)"), ObjectKind.PROCESS, 0x20000));
    }

    // ---- deny-only groups and restricted tokens ------------------------------------------------------------------

    @Test
    void a_deny_only_group_matches_deny_aces_only() {
        Token filtered = token().group(BA, DENY_ONLY).build();
        assertGranted(0x1000, open(filtered, sd("D:(A;;0x1fffff;;;BA)(A;;0x1000;;;WD)"), ObjectKind.PROCESS, 0x02000000));
        SecurityDescriptor deny = sd("D:(D;;0x10;;;BA)(A;;0x1fffff;;;WD)");
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.EXPLICITLY_DENIED, open(filtered, deny, ObjectKind.PROCESS, 0x10));
        assertGranted(0x001FFFEF, open(filtered, deny, ObjectKind.PROCESS, 0x02000000));
    }

    @Test
    void a_restricted_token_gets_what_both_walks_grant() {
        Token restricted = token().restricted(RC).build();
        // walk 1 (user): 0x1FFFFF; walk 2 (RC): 0x1010 -> 0x1010
        SecurityDescriptor s = sd("D:(A;;0x1fffff;;;S-1-5-21-1-2-3-1001)(A;;0x1010;;;RC)");
        assertGranted(0x1010, open(restricted, s, ObjectKind.PROCESS, 0x02000000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, open(restricted, s, ObjectKind.PROCESS, 0x400));
        // the same token unrestricted
        assertGranted(0x1FFFFF, open(token().build(), s, ObjectKind.PROCESS, 0x02000000));
        // a deny ACE for a restricted SID refuses in the second walk; RC is not a group, so walk 1 ignores it
        SecurityDescriptor deny = sd("D:(D;;0x10;;;RC)(A;;0x1fffff;;;WD)(A;;0x1fffff;;;RC)");
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.EXPLICITLY_DENIED, open(restricted, deny, ObjectKind.PROCESS, 0x10));
        assertGranted(0x10, open(token().build(), deny, ObjectKind.PROCESS, 0x10));
    }

    @Test
    void a_restricted_token_keeps_the_owners_implicit_rights_only_when_the_owner_is_restricted() {
        SecurityDescriptor s = sd("O:S-1-5-21-1-2-3-1001D:(A;;0x1000;;;WD)(A;;0x1000;;;RC)");
        assertGranted(0x1000, open(token().restricted(RC).build(), s, ObjectKind.PROCESS, 0x02000000));
        assertGranted(0x61000, open(token().restricted(RC).restricted(U1).build(), s, ObjectKind.PROCESS, 0x02000000));
    }

    // ---- integrity ----------------------------------------------------------------------------------------------

    @Test
    void a_medium_caller_below_a_high_nwnr_label_loses_generic_read_and_write() {
        Token medium = token().build();
        SecurityDescriptor s = sd("D:(A;;0x1fffff;;;WD)S:(ML;;NWNR;;;HI)");
        // 0x1FFFFF & ~(GW 0x20BEA | GR 0x20410) = 0x1DF005; no implied right fires (no 0x400, no 0x28, no 0x200)
        assertGranted(0x1DF005, open(medium, s, ObjectKind.PROCESS, 0x02000000));
        ReferenceVerdict v = assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.INTEGRITY,
                open(medium, s, ObjectKind.PROCESS, 0x10));
        assertEquals(Map.of(0x10, RefusalKind.INTEGRITY), v.refusedRights());
        assertGranted(0x1000, open(medium, s, ObjectKind.PROCESS, 0x1000));
        // High is not below High
        assertGranted(0x10, open(token().il("HI").build(), s, ObjectKind.PROCESS, 0x10));
        // NX on a process: GX 0x121001 holds QUERY_LIMITED and SYNCHRONIZE
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.INTEGRITY,
                open(medium, sd("D:(A;;0x1fffff;;;WD)S:(ML;;NX;;;HI)"), ObjectKind.PROCESS, 0x1000));
    }

    @Test
    void an_unlabeled_object_is_medium_no_write_up() {
        Token low = token().il("LW").build();
        SecurityDescriptor s = sd("D:(A;;0x1fffff;;;WD)");
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.INTEGRITY, open(low, s, ObjectKind.PROCESS, 0x20));
        assertGranted(0x10, open(low, s, ObjectKind.PROCESS, 0x10));
        // thread GW 0x20437: 0x1FFFFF & ~0x20437 = 0x1DFBC8
        assertGranted(0x1DFBC8, open(low, s, ObjectKind.THREAD, 0x02000000));
        assertGranted(0x20, open(token().build(), s, ObjectKind.PROCESS, 0x20));
    }

    @Test
    void the_label_is_the_first_ml_ace_that_is_not_inherit_only() {
        Token medium = token().build();
        // (ML;IO;NWNR;;;SI) is skipped; (ML;;NW;;;HI) applies: VM_READ passes, VM_WRITE does not
        SecurityDescriptor s = sd("D:(A;;0x1fffff;;;WD)S:(ML;IO;NWNR;;;SI)(ML;;NW;;;HI)(ML;;NR;;;SI)");
        assertGranted(0x10, open(medium, s, ObjectKind.PROCESS, 0x10));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.INTEGRITY, open(medium, s, ObjectKind.PROCESS, 0x20));
    }

    // ---- trust label ------------------------------------------------------------------------------------------------

    static final String PROTECTED_TOKEN_SD = "O:SYD:(A;;0xf01ff;;;SY)(A;;0xf01ff;;;BA)S:(TL;;0x2001e;;;S-1-19-512-8192)";

    static AccessQuery openToken(Token tk, SecurityDescriptor s, int desired) {
        return AccessQuery.of(NONE, WINTCB_LIGHT, ObjectKind.TOKEN, desired).withToken(tk).withSd(s);
    }

    static Token admin() {
        return token().group(BA, ENABLED).il("HI").build();
    }

    @Test
    void a_caller_that_does_not_dominate_the_tokens_trust_label_keeps_0x2001e() {
        SecurityDescriptor s = sd(PROTECTED_TOKEN_SD);
        // preliminary open: BA is granted 0x121411 by the system default, QUERY_LIMITED survives NWNR, and protection
        assertGranted(0x2001E, openToken(admin(), s, 0x02000000));
        assertGranted(0x8, openToken(admin(), s, 0x8));
        ReferenceVerdict v = assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.TRUST_LABEL,
                openToken(admin(), s, 0x20));
        assertEquals(Map.of(0x20, RefusalKind.TRUST_LABEL), v.refusedRights());
        // SeDebugPrivilege does not open a token object (step 3)
        Token debugger = token().group(BA, ENABLED).il("HI").priv(Privilege.SE_DEBUG, true).build();
        assertGranted(0x2001E, openToken(debugger, s, 0x02000000));
    }

    @Test
    void the_trust_sid_comes_from_the_callers_protection_byte_not_from_the_token() {
        SecurityDescriptor s = sd(PROTECTED_TOKEN_SD);
        // a WinTcb trust SID written in the token is never read: the unprotected caller has none
        Token lying = token().group(BA, ENABLED).il("HI").trust("S-1-19-1024-8192").build();
        assertGranted(0x2001E, openToken(lying, s, 0x02000000));
        // 0x61 -> S-1-19-512-8192 dominates; 0x62 -> S-1-19-1024-8192 dominates
        assertGranted(0xF01FF, openToken(admin(), s, 0x02000000).withCaller(WINTCB_LIGHT));
        assertGranted(0xF01FF, openToken(admin(), s, 0x02000000).withCaller(new PsProtection(0x62)));
        // 0x51 -> S-1-19-512-4096: level below; 0x41 and 0x69 (audit bit): no trust SID
        for (int b : new int[] {0x51, 0x41, 0x69, 0x31}) {
            assertGranted(0x2001E, openToken(admin(), s, 0x02000000).withCaller(new PsProtection(b)));
        }
    }

    @Test
    void access_system_security_is_outside_the_trust_label() {
        Token tk = token().group(BA, ENABLED).il("HI").priv(Privilege.SE_SECURITY, true).build();
        assertGranted(0x0102001E, openToken(tk, sd(PROTECTED_TOKEN_SD), 0x03000000));
        assertGranted(0x01000000, openToken(tk, sd(PROTECTED_TOKEN_SD), 0x01000000));
    }

    @Test
    void trust_dominance_and_derivation_follow_spec_4_3() {
        assertEquals(sid("S-1-19-512-1536"), ReferenceAccessCheck.sepSidFromProcessProtection(new PsProtection(0x31)));
        assertEquals(sid("S-1-19-1024-8192"), ReferenceAccessCheck.sepSidFromProcessProtection(new PsProtection(0x72)));
        assertEquals(sid("S-1-19-512-2048"), ReferenceAccessCheck.sepSidFromProcessProtection(new PsProtection(0x81)));
        assertEquals(sid("S-1-19-1024-1024"), ReferenceAccessCheck.sepSidFromProcessProtection(new PsProtection(0x12)));
        for (int b : new int[] {0x00, 0x41, 0x11, 0x21, 0x39, 0x7A}) {
            assertNull(ReferenceAccessCheck.sepSidFromProcessProtection(new PsProtection(b)), "byte " + b);
        }
        assertTrue(ReferenceAccessCheck.rtlSidDominatesForTrust(null, null));
        assertTrue(ReferenceAccessCheck.rtlSidDominatesForTrust(null, sid("S-1-19-0-8192")));
        assertFalse(ReferenceAccessCheck.rtlSidDominatesForTrust(null, sid("S-1-19-512-0")));
        assertTrue(ReferenceAccessCheck.rtlSidDominatesForTrust(sid("S-1-19-1024-1024"), sid("S-1-19-512-1024")));
        // PP-Authenticode does not dominate PPL-Antimalware: level 1024 < 1536
        assertFalse(ReferenceAccessCheck.rtlSidDominatesForTrust(sid("S-1-19-1024-1024"), sid("S-1-19-512-1536")));
        assertFalse(ReferenceAccessCheck.rtlSidDominatesForTrust(sid("S-1-19-512-8192"), sid("S-1-19-1024-1024")));
    }

    @Test
    void a_trust_label_on_a_process_limits_a_non_dominating_caller() {
        Token tk = token().build();
        SecurityDescriptor s = sd("D:(A;;0x1fffff;;;WD)S:(TL;;0x101000;;;S-1-19-512-1536)");
        assertGranted(0x101000, open(tk, s, ObjectKind.PROCESS, 0x02000000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.TRUST_LABEL, open(tk, s, ObjectKind.PROCESS, 0x1));
        // an inherit-only TL is skipped
        assertGranted(0x1, open(tk, sd("D:(A;;0x1fffff;;;WD)S:(TL;IO;0x101000;;;S-1-19-512-1536)"), ObjectKind.PROCESS, 0x1));
        // the Antimalware-Light caller dominates its own label
        assertGranted(0x1, open(tk, s, ObjectKind.PROCESS, 0x1).withCaller(new PsProtection(0x31)));
    }

    // ---- privileges ---------------------------------------------------------------------------------------------

    @Test
    void sedebugprivilege_skips_integrity_trust_and_dacl_but_not_protection() {
        Token debugger = token().priv(Privilege.SE_DEBUG, true).build();
        SecurityDescriptor s = sd("D:S:(ML;;NWNR;;;SI)(TL;;0x0;;;S-1-19-1024-8192)");
        assertGranted(0x10, open(debugger, s, ObjectKind.PROCESS, 0x10));
        assertGranted(0x1FFFFF, open(debugger, s, ObjectKind.PROCESS, 0x02000000));
        assertGranted(0x1FFFFF, open(debugger, s, ObjectKind.THREAD, 0x02000000));
        // held but disabled does not count
        Token disabled = token().priv(Privilege.SE_DEBUG, false).build();
        // QUERY_LIMITED survives NWNR but not the TL's empty mask; the trust reason is named before "never granted"
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.TRUST_LABEL, open(disabled, s, ObjectKind.PROCESS, 0x1000));
        // spec §9 case 11: MAXIMUM_ALLOWED on lsass with SeDebugPrivilege is 0x1FFFFF, which protection refuses
        AccessQuery lsass = open(debugger, s, ObjectKind.PROCESS, 0x02000000).withTarget(LSA_LIGHT);
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.PROTECTION, lsass);
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.PROTECTION, lsass.withDesired(0x410));
        assertGranted(0x1000, lsass.withDesired(0x1000));
    }

    @Test
    void access_system_security_needs_sesecurityprivilege_enabled() {
        SecurityDescriptor s = sd("D:(A;;0x1fffff;;;WD)");
        assertRefused(NtStatus.STATUS_PRIVILEGE_NOT_HELD, RefusalKind.PRIVILEGE_NOT_HELD,
                open(token().build(), s, ObjectKind.PROCESS, 0x01000000));
        assertRefused(NtStatus.STATUS_PRIVILEGE_NOT_HELD, RefusalKind.PRIVILEGE_NOT_HELD,
                open(token().priv(Privilege.SE_SECURITY, false).build(), s, ObjectKind.PROCESS, 0x01001000));
        // before SeDebugPrivilege's shortcut
        assertRefused(NtStatus.STATUS_PRIVILEGE_NOT_HELD, RefusalKind.PRIVILEGE_NOT_HELD,
                open(token().priv(Privilege.SE_DEBUG, true).build(), s, ObjectKind.PROCESS, 0x03000000));
        Token security = token().priv(Privilege.SE_SECURITY, true).build();
        assertGranted(0x01001000, open(security, s, ObjectKind.PROCESS, 0x01001000));
        // not limited by the integrity label; protection does not deny it either (spec §2.2)
        assertGranted(0x01000000, open(security, sd("D:S:(ML;;NWNRNX;;;SI)"), ObjectKind.PROCESS, 0x01000000)
                .withTarget(LSA_LIGHT));
        // with the rest refused, the open is refused
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED,
                open(security, sd("D:"), ObjectKind.PROCESS, 0x01000010));
        // KernelMode skips the privilege check with SeAccessCheck
        assertGranted(0x01000000, open(token().build(), s, ObjectKind.PROCESS, 0x01000000).withMode(AccessMode.KERNEL));
    }

    @Test
    void kernel_mode_grants_the_request_and_force_access_check_undoes_that() {
        Token tk = token().build();
        AccessQuery q = open(tk, sd("D:"), ObjectKind.PROCESS, 0x02000000).withMode(AccessMode.KERNEL).withTarget(LSA_LIGHT);
        assertGranted(0x1FFFFF, q);
        assertGranted(0xF01FF, openToken(tk, sd("D:"), 0x02000000).withMode(AccessMode.KERNEL));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, q.withForceAccessCheck(true));
    }

    // ---- operations -------------------------------------------------------------------------------------------------

    @Test
    void debugging_lsass_from_an_unprotected_debugger_is_process_is_protected() {
        Token debugger = admin();
        Token withDebug = token().group(BA, ENABLED).il("HI").priv(Privilege.SE_DEBUG, true).build();
        AccessQuery q = open(withDebug, sd("D:"), ObjectKind.PROCESS, 0x800)
                .withTarget(LSA_LIGHT).withOperation(Operation.DEBUG);
        assertRefused(NtStatus.STATUS_PROCESS_IS_PROTECTED, RefusalKind.DEBUG, q);
        // the open itself is refused first when the descriptor refuses SUSPEND_RESUME
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, q.withToken(debugger));
        // WinTcb-Light dominates Lsa: the debugger attaches
        assertGranted(0x800, q.withCaller(WINTCB_LIGHT));
        // kernel mode is not checked
        assertGranted(0x800, q.withMode(AccessMode.KERNEL));
        // an unprotected target: no Dbgk refusal
        assertGranted(0x800, q.withTarget(NONE));
        assertThrows(ReferenceInputError.class, () -> ReferenceAccessCheck.decide(
                q.withTarget(NONE).withRelation(Relation.SELF)));
        // (S, spec §12.6) DesiredAccess 0 is DebugActiveProcess's own open, 0x00000C3A: VM_READ and the rest lie in
        // Lsa's denied mask, so the open is refused before the Dbgk check; a handle without SUSPEND_RESUME cannot debug
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.PROTECTION, q.withDesired(0));
        assertGranted(0x1C3A, q.withDesired(0).withCaller(WINTCB_LIGHT));   // with the implied QUERY_LIMITED_INFORMATION
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, q.withDesired(0).withToken(debugger));
        assertGranted(0x810, q.withDesired(0x810).withTarget(NONE));
        assertThrows(ReferenceInputError.class, () -> ReferenceAccessCheck.decide(q.withDesired(0x1000)));
        assertThrows(ReferenceInputError.class, () -> ReferenceAccessCheck.decide(q.withObject(ObjectKind.THREAD)));
    }

    @Test
    void duplication_runs_the_protection_check_for_the_receiving_process() {
        Token tk = token().build();
        AccessQuery q = open(tk, null, ObjectKind.PROCESS, 0x10).withTarget(LSA_LIGHT)
                .withOperation(Operation.DUPLICATE).withSourceAccess(0x1FFFFF);
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.PROTECTION, q);
        assertGranted(0x1000, q.withDesired(0x1000));
        // no access check: an empty DACL does not matter
        assertGranted(0x1000, q.withDesired(0x1000).withSd(sd("D:")));
        // a protected receiver that dominates gets it, implied rights added (spec §3.2)
        assertGranted(0x1410, q.withDesired(0x410).withCaller(WINTCB_LIGHT));
        assertThrows(ReferenceInputError.class, () -> ReferenceAccessCheck.decide(q.withSourceAccess(0x1000)));
        assertThrows(ReferenceInputError.class, () -> ReferenceAccessCheck.decide(q.withDesired(0x02000000)));
        assertThrows(ReferenceInputError.class, () -> ReferenceAccessCheck.decide(q.withSourceAccess(null)));
        // (I) DesiredAccess 0 duplicates the source handle's whole access (DUPLICATE_SAME_ACCESS)
        assertGranted(0x1000, q.withDesired(0).withSourceAccess(0x1000));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.PROTECTION, q.withDesired(0).withSourceAccess(0x1010));
        // step 3 puts the DuplicateHandle bullet first: no privilege test, the handle keeps ACCESS_SYSTEM_SECURITY
        assertGranted(0x01001000, q.withDesired(0x01001000).withSourceAccess(0x01001000));
        assertGranted(0x01001000, q.withDesired(0x01001000).withSourceAccess(0x01001000)
                .withToken(token().priv(Privilege.SE_SECURITY, true).build()));
        assertGranted(0x01001000, q.withDesired(0x01001000).withSourceAccess(0x01001000).withMode(AccessMode.KERNEL));
        // (I) a token object is opened, not duplicated
        assertThrows(ReferenceInputError.class, () -> ReferenceAccessCheck.decide(
                q.withObject(ObjectKind.TOKEN).withDesired(0x8).withSourceAccess(0x8)));
    }

    @Test
    void opening_a_token_first_opens_its_process_for_query_limited_information() {
        Token standard = token().user(U2).group(BU, ENABLED).build();
        SecurityDescriptor everyone = sd("D:(A;;0xf01ff;;;WD)");
        // the system default process descriptor grants SY and BA only
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, openToken(standard, everyone, 0x8));
        // a process created by the caller's own token: its default grants the user everything
        assertGranted(0x8, openToken(standard, everyone, 0x8).withTargetToken(standard));
        // SeDebugPrivilege passes the process open but not the token's descriptor
        Token debugger = token().user(U2).priv(Privilege.SE_DEBUG, true).build();
        assertGranted(0x8, openToken(debugger, everyone, 0x8));
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, openToken(debugger, sd("D:"), 0x8));
        // a Pico target refuses QUERY_LIMITED to a non-Pico user-mode caller with an empty OpenProcess mask
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.PICO,
                openToken(admin(), everyone, 0x8).withPico(false, new dev.pplsim.model.PicoProvider(0, 0)));
    }

    @Test
    void a_token_without_its_descriptor_is_not_modelled_and_sdgranted_with_a_token_is_an_input_error() {
        assertThrows(ReferenceUndecidable.class, () -> ReferenceAccessCheck.decide(openToken(admin(), null, 0x8)));
        assertThrows(ReferenceInputError.class, () -> ReferenceAccessCheck.decide(
                open(admin(), sd("D:"), ObjectKind.PROCESS, 0x8).withSdGranted(0x8)));
    }

    /** (I) Where the contract is silent, both sides call these input errors. */
    @Test
    void inputs_the_contract_cannot_decide_are_input_errors() {
        AccessQuery plain = AccessQuery.of(NONE, LSA_LIGHT, ObjectKind.PROCESS, 0x1000);
        // a descriptor is read only with the caller's token
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(plain.withSd(sd("D:"))));
        // a token object needs the caller's token
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(plain.withObject(ObjectKind.TOKEN)));
        // only a duplicate has a source handle, and a duplicate has no access check for sdGranted to stand in for
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(plain.withSourceAccess(0x1000)));
        assertThrows(ReferenceInputError.class, () -> ReferenceDecider.decide(plain.withOperation(Operation.DUPLICATE)
                .withSourceAccess(0x1000).withSdGranted(0x1000)));
        assertEquals(ReferenceDecision.denied(), ReferenceDecider.decide(plain.withOperation(Operation.DUPLICATE)
                .withSourceAccess(0x1010).withDesired(0x10)));
        // without a token the protection-only answer stays
        assertEquals(ReferenceDecision.success(0x1000), ReferenceDecider.decide(plain));
    }

    /** Step 7: a right outside the type's valid access is never granted (TOKEN_ALL_ACCESS 0xF01FF has no 0x200). */
    @Test
    void a_token_right_outside_token_all_access_is_never_granted() {
        ReferenceVerdict v = assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED,
                openToken(admin(), sd("D:NO_ACCESS_CONTROL"), 0x200));
        assertEquals(Map.of(0x200, RefusalKind.NEVER_GRANTED), v.refusedRights());
        assertRefused(NtStatus.STATUS_ACCESS_DENIED, RefusalKind.NEVER_GRANTED, openToken(admin(), sd("D:"), 0x100000));
        // kernel mode grants the request as asked (step 3)
        assertGranted(0x200, openToken(admin(), sd("D:"), 0x200).withMode(AccessMode.KERNEL));
    }

    @Test
    void queries_without_a_token_keep_the_protection_only_answers() {
        AccessQuery q = AccessQuery.of(NONE, LSA_LIGHT, ObjectKind.PROCESS, 0x02000000);
        assertFalse(ReferenceAccessCheck.appliesTo(q));
        assertEquals(ReferenceDecision.denied(), ReferenceDecider.decide(q));
        assertEquals(ReferenceDecision.success(0x1000), ReferenceDecider.decide(q.withDesired(0x1000)));
    }
}
