package dev.pplsim.laws;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.Counterfactuals.Counterfactual;
import dev.pplsim.explain.Counterfactuals;
import dev.pplsim.explain.Refusal;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.StandardRight;
import dev.pplsim.model.ThreadRight;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenRight;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pplsim.differential.QueryGenerators.between;
import static dev.pplsim.differential.QueryGenerators.chance;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * The explanation's promises (issue #3 item 5): every counterfactual offered for a refusal, applied alone, makes the
 * request succeed when decided afresh; every refusal names at least one cause; and a user-mode refusal always has
 * at least one counterfactual (kernel mode skips both the access check and the protection check).
 */
class CounterfactualProperties {

    private static final Simulator SIM = Simulator.builtIn();
    private static final List<PsProtection> PROTECTIONS = Counterfactuals.namedProtections();
    private static final String[] TOKENS = {null, "admin-elevated", "admin-filtered", "standard-user", "system", "local-service"};
    private static final String[] DESCRIPTORS = {
            null,
            "O:SYD:(D;;0x10;;;WD)(A;;0x1fffff;;;WD)S:(ML;;NW;;;ME)",
            "O:BAD:(D;;0x1;;;BA)(A;;0x1fffff;;;AU)(A;;0x1410;;;OW)",
            "O:SYD:(A;;0x101000;;;WD)S:(TL;;0x101000;;;S-1-19-512-4096)(ML;;NWNR;;;HI)",
            "O:SYD:",
    };
    private static final int[] PROCESS_MASKS = {ProcessRight.VM_READ.mask(), ProcessRight.TERMINATE.mask(),
            ProcessRight.QUERY_INFORMATION.mask() | ProcessRight.VM_READ.mask(), ProcessRight.QUERY_LIMITED_INFORMATION.mask(),
            StandardRight.MAXIMUM_ALLOWED.mask(), StandardRight.GENERIC_READ.mask(), ProcessRight.ALL_ACCESS,
            StandardRight.ACCESS_SYSTEM_SECURITY.mask() | ProcessRight.QUERY_LIMITED_INFORMATION.mask()};

    private static Gen<AccessQuery> refusable() {
        return in -> {
            PsProtection caller = PROTECTIONS.get(between(in, 0, PROTECTIONS.size() - 1));
            PsProtection target = PROTECTIONS.get(between(in, 0, PROTECTIONS.size() - 1));
            String preset = TOKENS[between(in, 0, TOKENS.length - 1)];
            Token token = preset == null ? null : SIM.security().token(preset).token();
            int kind = between(in, 0, 9);
            ObjectKind object = kind < 6 ? ObjectKind.PROCESS : kind < 8 ? ObjectKind.THREAD : ObjectKind.TOKEN;
            int desired = switch (object) {
                case PROCESS -> PROCESS_MASKS[between(in, 0, PROCESS_MASKS.length - 1)];
                case THREAD -> chance(in, 50) ? ThreadRight.SUSPEND_RESUME.mask() : ThreadRight.GET_CONTEXT.mask() | ThreadRight.QUERY_INFORMATION.mask();
                case TOKEN -> chance(in, 50) ? TokenRight.ADJUST_PRIVILEGES.mask() : TokenRight.QUERY.mask();
            };
            AccessQuery q = AccessQuery.of(caller, target, object, desired);
            if (token != null) {
                q = q.withToken(token);
                String sddl = DESCRIPTORS[between(in, 0, DESCRIPTORS.length - 1)];
                if (sddl != null && object != ObjectKind.TOKEN) q = q.withSd(Sddl.parse(sddl));
                if (chance(in, 30)) q = q.withTargetToken(SIM.security().token(TOKENS[between(in, 1, TOKENS.length - 1)]).token());
            }
            if (object == ObjectKind.PROCESS && chance(in, 15)) q = q.withOperation(Operation.DEBUG).withDesired(ProcessRight.SUSPEND_RESUME.mask());
            if (chance(in, 10)) q = q.withForceAccessCheck(true);
            if (chance(in, 10)) q = q.withRelation(Relation.PARENT);
            return q;
        };
    }

    private static Decision decide(AccessQuery q) {
        try {
            return SIM.decide(q);
        } catch (InputException e) {
            return null;
        }
    }

    @Test
    void every_counterfactual_offered_when_applied_succeeds() {
        AtomicLong refusals = new AtomicLong(), offered = new AtomicLong();
        qt().withExamples(1_500).withGenerateAttempts(20_000).forAll(refusable()).checkAssert(q -> {
            Decision d = decide(q);
            if (d == null || d.status().isSuccess()) return;
            refusals.incrementAndGet();
            for (Counterfactual c : Counterfactuals.of(d, SIM::decide)) {
                offered.incrementAndGet();
                assertNotEquals(q, c.query(), "a counterfactual must change the request: " + c.change());
                Decision again = SIM.decide(c.query());
                assertTrue(again.status().isSuccess(), "offered '" + c.change() + "' for " + q + " but deciding it gives " + again.status());
            }
        });
        System.out.printf("counterfactuals: %d refusals, %d counterfactuals offered, each re-decided to success%n", refusals.get(), offered.get());
        assertTrue(refusals.get() >= 300, "refusals seen: " + refusals.get());
        assertTrue(offered.get() >= refusals.get(), "offered: " + offered.get());
    }

    @Test
    void every_refusal_names_a_cause_and_a_user_mode_refusal_a_way_out() {
        AtomicLong refusals = new AtomicLong();
        qt().withExamples(800).withGenerateAttempts(20_000).forAll(refusable()).checkAssert(q -> {
            Decision d = decide(q);
            if (d == null || d.status().isSuccess()) return;
            refusals.incrementAndGet();
            Refusal r = Refusal.of(d);
            assertFalse(r.isEmpty(), "no cause for " + q + " " + d.rules());
            assertTrue(r.refused() != 0, "a cause names no right: " + r);
            if (q.mode() == AccessMode.USER) {
                assertFalse(Counterfactuals.of(d, SIM::decide).isEmpty(), "no way out offered for " + q + " " + d.rules());
            }
        });
        assertTrue(refusals.get() >= 150, "refusals seen: " + refusals.get());
    }
}
