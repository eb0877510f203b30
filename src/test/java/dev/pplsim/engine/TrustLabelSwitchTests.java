package dev.pplsim.engine;

import dev.pplsim.TestTrees;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.SecurityPolicy;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The what-if switch for spec §4.3's open question: whether a protected process's default descriptor carries a
 * trust-label ACE (processTrustLabelMask in policies/security-descriptors.yaml; none by default).
 */
class TrustLabelSwitchTests {

    /** A standard user's own App-PPL process (0x81, trust SID S-1-19-512-2048), asked for PROCESS_SET_INFORMATION. */
    private static AccessQuery query(Simulator sim) {
        var user = sim.security().token("standard-user").token();
        return AccessQuery.of(PsProtection.NONE, new PsProtection(0x81), ObjectKind.PROCESS, ProcessRight.SET_LIMITED_INFORMATION.mask())
                .withToken(user).withTargetToken(user);
    }

    @Test
    void a_process_trust_label_limits_a_caller_that_does_not_dominate_it(@TempDir Path tmp) throws IOException {
        // default: no TL ACE on process objects, so the user's own DACL grants PROCESS_SET_LIMITED_INFORMATION
        Decision plain = Simulator.builtIn().decide(query(Simulator.builtIn()));
        assertEquals(NtStatus.STATUS_SUCCESS, plain.status());
        assertEquals(0x00002000, plain.granted());

        Path policies = TestTrees.copy("policies", tmp);
        TestTrees.edit(policies.resolve("security-descriptors.yaml"), "processTrustLabelMask: none", "processTrustLabelMask: 0x00101000");
        Simulator sim = new Simulator(dev.pplsim.policy.PolicySet.load(policies), Simulator.builtIn().rules());
        Decision labelled = sim.decide(query(sim));
        // an unprotected caller has no trust SID, so it keeps at most SYNCHRONIZE|PROCESS_QUERY_LIMITED_INFORMATION
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, labelled.status());
        assertTrue(labelled.rules().contains("R24.5"), labelled.rules().toString());
        Decision query = sim.decide(query(sim).withDesired(ProcessRight.QUERY_LIMITED_INFORMATION.mask()));
        assertEquals(NtStatus.STATUS_SUCCESS, query.status());
        assertEquals(0x00001000, query.granted());
        // a caller whose trust SID dominates S-1-19-512-2048 (Windows-Light: 512, 4096) is not limited
        Decision dominating = sim.decide(query(sim).withCaller(new PsProtection(0x51)));
        assertEquals(NtStatus.STATUS_SUCCESS, dominating.status());
    }

    @Test
    void a_misspelt_switch_value_is_a_one_line_error(@TempDir Path tmp) throws IOException {
        Path policies = TestTrees.copy("policies", tmp);
        TestTrees.edit(policies.resolve("security-descriptors.yaml"), "processTrustLabelMask: none", "processTrustLabelMask: nothing");
        InputException e = assertThrows(InputException.class, () -> SecurityPolicy.load(policies));
        assertTrue(e.getMessage().contains("processTrustLabelMask: 'nothing' is neither none nor a mask"), e.getMessage());
    }
}
