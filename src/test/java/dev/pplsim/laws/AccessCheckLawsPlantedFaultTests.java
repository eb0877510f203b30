package dev.pplsim.laws;

import dev.pplsim.differential.SdGenerators;
import dev.pplsim.engine.Decision;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.reference.ReferenceAccessCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each law of {@link AccessCheckLawsProperties} must be able to fail: here it is run against the real engine with one
 * rule of docs/ACCESS-CHECK.md sabotaged (by rewriting the query before the engine sees it), and must report a
 * falsified property, not merely run out of examples.
 */
class AccessCheckLawsPlantedFaultTests {

    /** Enough examples for every planted fault to show up (each shows up within a few dozen). */
    static final int EXAMPLES = 400;

    private static AccessCheckLawsProperties.Decider broken(UnaryOperator<AccessQuery> sabotage) {
        return q -> {
            Decision d = AccessCheckLawsProperties.engine(sabotage.apply(q));
            return new Decision(q, d.status(), d.granted(), d.rules(), d.trace(), d.warnings());
        };
    }

    private static AccessQuery withDacl(AccessQuery q, UnaryOperator<List<Ace>> f) {
        if (q.sd() == null || q.sd().dacl() == null) return q;
        return q.withSd(SdGenerators.withDacl(q.sd(), f.apply(new ArrayList<>(q.sd().dacl()))));
    }

    private static void assertFalsified(Executable law) {
        AssertionError e = assertThrows(AssertionError.class, law);
        assertTrue(String.valueOf(e.getMessage()).contains("Property falsified"),
                () -> "the law failed, but not on a counterexample: " + e.getMessage());
    }

    @Test
    void the_deny_law_catches_an_engine_that_ignores_deny_aces() {
        var fault = broken(q -> withDacl(q, dacl -> {
            dacl.removeIf(a -> a.type() == AceType.ACCESS_DENIED);
            return dacl;
        }));
        assertFalsified(() -> AccessCheckLawsProperties.explicitDenyForTheUserBeforeAnyAllowAlwaysRefusesThoseRights(fault, EXAMPLES));
    }

    @Test
    void the_sedebugprivilege_law_catches_an_engine_where_the_privilege_skips_protection() {
        // the protection check is skipped for KernelMode: what a privilege bypassing PspProcessOpen would do
        var fault = broken(q -> q.token() != null && ReferenceAccessCheck.privilegeEnabled(q.token(), Privilege.SE_DEBUG)
                ? q.withMode(AccessMode.KERNEL).withForceAccessCheck(false) : q);
        assertFalsified(() -> AccessCheckLawsProperties.sedebugprivilegeNeverBypassesProtection(fault, EXAMPLES));
    }

    @Test
    void the_maximum_allowed_law_catches_a_walk_that_stops_at_the_first_ace() {
        var fault = broken(q -> (q.desired() & ReferenceAccessCheck.MAXIMUM_ALLOWED) == 0 ? q
                : withDacl(q, dacl -> dacl.isEmpty() ? dacl : new ArrayList<>(dacl.subList(0, 1))));
        assertFalsified(() -> AccessCheckLawsProperties.maximumAllowedContainsEveryRightThatSucceedsAlone(fault, EXAMPLES / 2));
    }

    @Test
    void the_allow_removal_law_catches_an_engine_where_the_last_allow_ace_wins() {
        var fault = broken(q -> withDacl(q, dacl -> {
            Ace last = null;
            for (Ace a : dacl) if (a.type() == AceType.ACCESS_ALLOWED && !a.inheritOnly()) last = a;
            List<Ace> out = new ArrayList<>();
            for (Ace a : dacl) if (a.type() != AceType.ACCESS_ALLOWED || a == last) out.add(a);
            return out;
        }));
        // five times the examples: with 400 this fault went uncaught in one suite run of several (the seed is fresh each
        // run, and only DACLs with two applicable allow ACEs and a removal among them can show it)
        assertFalsified(() -> AccessCheckLawsProperties.removingAnAllowAceNeverGrantsMore(fault, EXAMPLES * 5));
    }

    @Test
    void the_trust_label_law_catches_an_engine_that_ignores_trust_labels() {
        var fault = broken(q -> {
            if (q.sd() == null) return q;
            SecurityDescriptor sd = q.sd();
            List<Ace> sacl = new ArrayList<>(sd.sacl());
            sacl.removeIf(a -> a.type() == AceType.SYSTEM_PROCESS_TRUST_LABEL);
            return q.withSd(SdGenerators.withSacl(sd, sacl));
        });
        assertFalsified(() -> AccessCheckLawsProperties.aCallerThatDoesNotDominateATrustLabelNeverGetsMoreThanItsMask(fault, EXAMPLES));
    }

    @Test
    void the_desired_law_catches_an_engine_that_answers_a_specific_request_with_everything_allowed() {
        var fault = broken(q -> q.operation() == Operation.OPEN && q.desired() != 0
                ? q.withDesired(q.desired() | ReferenceAccessCheck.MAXIMUM_ALLOWED) : q);
        assertFalsified(() -> AccessCheckLawsProperties.grantedIsNeverMoreThanDesired(fault, EXAMPLES));
    }
}
