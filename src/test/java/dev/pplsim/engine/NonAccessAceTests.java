package dev.pplsim.engine;

import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.explain.Refusal;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenPrivilege;
import dev.pplsim.request.Sddl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ACEs that real descriptors carry besides A, D, ML and TL (docs/ACCESS-CHECK.md, "The descriptor as SDDL"): audit
 * ACEs never grant or deny, object ACEs grant nothing and deny for the whole object (spec §12.10), a conditional
 * ACE's condition is unknown to pplsim (MS-DTYP 2.4.4.17.3), attribute and policy ACEs are kept and noted. Each
 * case is decided by the rules and by the table, which must agree.
 */
class NonAccessAceTests {

    private static final Simulator SIM = Simulator.builtIn();
    private static final DecisionTable TABLE = new DecisionTable(SIM);
    private static final int PROCESS_VM_READ = 0x10, MAXIMUM_ALLOWED = 0x02000000, QUERY_LIMITED = 0x1000;
    private static final String USER_CLASS = "bf967aba-0de6-11d0-a285-00aa003049e2";

    /** The lsass descriptor read off a real machine (spec §12.10), with and without its audit ACE. */
    private static final String LSASS = "O:BAG:SYD:(A;;0x1fffff;;;SY)(A;;0x121411;;;BA)S:(ML;;NWNR;;;SI)(AU;SAFA;0x1fffff;;;WD)";
    private static final String LSASS_WITHOUT_AUDIT = "O:BAG:SYD:(A;;0x1fffff;;;SY)(A;;0x121411;;;BA)S:(ML;;NWNR;;;SI)";

    private static Token preset(String name) {
        return SIM.security().token(name).token();
    }

    /** The elevated admin before a tool enables SeDebugPrivilege: the descriptor decides. */
    private static Token adminWithoutDebug() {
        Token t = preset("admin-elevated");
        List<TokenPrivilege> privileges = new ArrayList<>();
        for (TokenPrivilege p : t.privileges()) privileges.add(p.privilege() == Privilege.SE_DEBUG ? new TokenPrivilege(p.privilege(), false) : p);
        return new Token(t.user(), t.groups(), privileges, t.integrity(), t.restrictedSids(), t.trustSid());
    }

    private static Decision decide(Token token, String sddl, int desired) {
        AccessQuery q = AccessQuery.of(PsProtection.NONE, PsProtection.NONE, ObjectKind.PROCESS, desired).withToken(token).withSd(Sddl.parse(sddl));
        Decision rules = SIM.decide(q), table = TABLE.decide(q);
        assertEquals(rules.status(), table.status(), "the table and the rules disagree on " + sddl);
        assertEquals(rules.granted(), table.granted(), "the table and the rules disagree on " + sddl);
        return rules;
    }

    private static void assertDecision(NtStatus status, int granted, Decision d) {
        assertEquals(status, d.status(), d.rules().toString());
        assertEquals(granted, d.granted(), () -> String.format("granted 0x%08X, rules %s", d.granted(), d.rules()));
    }

    @Test
    void the_real_lsass_descriptor_decides_exactly_as_the_same_descriptor_without_its_audit_ace() {
        Token admin = preset("admin-elevated"), noDebug = adminWithoutDebug();
        assertDecision(NtStatus.STATUS_SUCCESS, PROCESS_VM_READ, decide(admin, LSASS, PROCESS_VM_READ));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFFF, decide(admin, LSASS, MAXIMUM_ALLOWED));
        // without SeDebugPrivilege the descriptor decides: System's NO_READ_UP label takes GENERIC_READ from the High
        // admin, so PROCESS_VM_READ is refused and MAXIMUM_ALLOWED keeps BA's 0x121411 less it, plus the owner's WRITE_DAC
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(noDebug, LSASS, PROCESS_VM_READ));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x00141001, decide(noDebug, LSASS, MAXIMUM_ALLOWED));
        for (Token t : List.of(admin, noDebug)) {
            for (int desired : new int[]{PROCESS_VM_READ, MAXIMUM_ALLOWED, QUERY_LIMITED}) {
                Decision with = decide(t, LSASS, desired), without = decide(t, LSASS_WITHOUT_AUDIT, desired);
                assertEquals(without.status(), with.status());
                assertEquals(without.granted(), with.granted());
                assertEquals(without.rules(), with.rules(), "the audit ACE reaches no rule");
            }
        }
    }

    @Test
    void an_audit_ace_for_everyone_with_every_right_grants_nothing() {
        Token user = preset("standard-user");
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(user, "D:S:(AU;SAFA;GA;;;WD)(AL;SA;GA;;;WD)", MAXIMUM_ALLOWED));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(user, "D:S:(AU;SAFA;GA;;;WD)(OU;FA;GA;" + USER_CLASS + ";;WD)", PROCESS_VM_READ));
        // the same mask in an allow ACE grants it all
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFFF, decide(user, "D:(A;;GA;;;WD)", MAXIMUM_ALLOWED));
    }

    @Test
    void an_object_allow_ace_grants_nothing_and_an_object_deny_ace_denies_for_the_whole_object() {
        Token user = preset("standard-user");
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(user, "D:(OA;;GA;" + USER_CLASS + ";;WD)", MAXIMUM_ALLOWED));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(user, "D:(OA;;GA;" + USER_CLASS + ";;WD)", PROCESS_VM_READ));
        String od = "D:(OD;;0x10;" + USER_CLASS + ";;WD)(A;;GA;;;WD)";
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFEF, decide(user, od, MAXIMUM_ALLOWED));
        Decision refused = decide(user, od, PROCESS_VM_READ);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, refused);
        assertEquals("by DACL ACE #1 (OD;;RP;" + USER_CLASS + ";;WD)", Refusal.of(refused).parts().get(0).by());
        assertEquals(List.of("DACL ACE #1 (OD): object ACE read as a deny ACE for the whole object: a process, thread or token open passes no object type list, and without one a deny object ACE applies to the object itself"),
                Sddl.parse(od).notes());
        assertEquals(List.of("DACL ACE #1 (OA): object ACE grants nothing: a process, thread or token open passes no object type list (spec §12.10)"),
                Sddl.parse("D:(OA;;GA;" + USER_CLASS + ";;WD)").notes());
    }

    @Test
    void an_allow_callback_ace_is_not_applied_and_a_deny_callback_ace_is() {
        Token user = preset("standard-user");
        String xa = "D:(XA;;GA;;;WD;(Member_of {SID(WD)}))";
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(user, xa, MAXIMUM_ALLOWED));
        assertEquals(List.of("DACL ACE #1 (XA): conditional ACE not applied: pplsim evaluates no conditions (it models no claims),"
                + " and an allow ACE whose condition is unknown grants nothing (MS-DTYP 2.4.4.17.3)"), Sddl.parse(xa).notes());
        String xd = "D:(XD;;0x10;;;WD;(Member_of {SID(WD)}))(A;;GA;;;WD)";
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFEF, decide(user, xd, MAXIMUM_ALLOWED));
        Decision refused = decide(user, xd, PROCESS_VM_READ);
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, refused);
        assertEquals("by DACL ACE #1 (XD;;RP;;;WD;(Member_of {SID(WD)}))", Refusal.of(refused).parts().get(0).by());
        assertEquals(List.of("DACL ACE #1 (XD): conditional ACE read as a deny ACE: pplsim evaluates no conditions (it models no claims),"
                + " and a deny ACE whose condition is unknown denies (MS-DTYP 2.4.4.17.3)"), Sddl.parse(xd).notes());
        // a deny callback ACE for a SID the caller lacks, and one that is inherit-only, deny nothing
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFFF, decide(user, "D:(XD;;0x10;;;BA;(Member_of {SID(BA)}))(A;;GA;;;WD)", MAXIMUM_ALLOWED));
        assertDecision(NtStatus.STATUS_SUCCESS, 0x001FFFFF, decide(user, "D:(XD;IO;0x10;;;WD;(Member_of {SID(WD)}))(A;;GA;;;WD)", MAXIMUM_ALLOWED));
        // ACEs the walk passes over keep their positions: the allow ACE after two skipped ones is ACE #3
        Decision after = decide(user, "D:(XA;;GA;;;WD;(a))(ZA;;GA;" + USER_CLASS + ";;WD;(a))(A;;0x1000;;;WD)", MAXIMUM_ALLOWED);
        assertDecision(NtStatus.STATUS_SUCCESS, QUERY_LIMITED, after);
        assertTrue(after.trace().steps().stream().anyMatch(s -> s.ruleId().equals("R26.13")
                && s.matched().stream().anyMatch(o -> o instanceof dev.pplsim.engine.fact.AceEntry a && a.index() == 2)), "R26.13 grants by ACE #3");
    }

    @Test
    void resource_attribute_and_scoped_policy_aces_change_nothing_and_are_noted() {
        Token user = preset("standard-user");
        String sddl = "D:(A;;0x1000;;;WD)S:(RA;CI;;;;WD;(\"Secrecy\",TU,0,3))(SP;;;;;S-1-17-1)";
        assertDecision(NtStatus.STATUS_SUCCESS, QUERY_LIMITED, decide(user, sddl, MAXIMUM_ALLOWED));
        assertDecision(NtStatus.STATUS_SUCCESS, QUERY_LIMITED, decide(user, sddl, QUERY_LIMITED));
        assertDecision(NtStatus.STATUS_ACCESS_DENIED, 0, decide(user, sddl, PROCESS_VM_READ));
        assertEquals(2, Sddl.parse(sddl).notes().size());
    }
}
