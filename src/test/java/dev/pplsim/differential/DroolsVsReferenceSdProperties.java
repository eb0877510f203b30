package dev.pplsim.differential;

import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.model.TokenPrivilege;
import dev.pplsim.reference.ReferenceAccessCheck;
import dev.pplsim.reference.ReferenceInputError;
import dev.pplsim.reference.ReferenceVerdict;
import dev.pplsim.request.Sddl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine's security-descriptor stage (docs/ACCESS-CHECK.md) against the reference's, on at least 20,000 generated
 * (token, descriptor, request) cases ({@link SdGenerators#sdQuery}): same status and granted mask, or an input error on
 * both sides. A plain seeded loop, so every case is counted and none is deduplicated; {@code -Dpplsim.sd.seed=N} and
 * {@code -Dpplsim.sd.cases=N} pick another seed and count.
 *
 * <p>Token objects are opened with an explicit token descriptor and the target's default process descriptor (the
 * {@code system} preset, or a generated creator token), which the reference types in, so the preliminary
 * PROCESS_QUERY_LIMITED_INFORMATION open is compared too.
 *
 * <p>One known disagreement, where the engine departs from the contract's text, is not compared but counted and
 * printed; its minimal reproduction is the disabled test below, to be enabled once engine or contract change.
 */
class DroolsVsReferenceSdProperties {

    static final int EXAMPLES = 20_000;
    static final long DEFAULT_SEED = 0x5D_57A6EL;
    /** Mismatches described in the failure message. */
    static final int SHOWN = 5;

    @Test
    void drools_sd_stage_equals_reference() {
        long seed = Long.getLong("pplsim.sd.seed", DEFAULT_SEED);
        int target = Integer.getInteger("pplsim.sd.cases", EXAMPLES);
        SdGenerators.Rnd r = SdGenerators.Rnd.of(new Random(seed));

        long generated = 0, compared = 0, decided = 0, inputErrors = 0, mismatches = 0;
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byRefusal = new TreeMap<>();
        Map<Operation, Integer> byOperation = new EnumMap<>(Operation.class);
        Map<ObjectKind, Integer> byObject = new EnumMap<>(ObjectKind.class);
        List<String> shown = new ArrayList<>();
        long start = System.nanoTime();

        while (compared < target) {
            AccessQuery q = SdGenerators.sdQuery(r);
            generated++;
            Outcome reference = reference(q);
            Outcome engine = Outcome.ofEngine(q);
            compared++;
            byOperation.merge(q.operation(), 1, Integer::sum);
            byObject.merge(q.object(), 1, Integer::sum);
            if (reference.isDecided()) {
                decided++;
                byStatus.merge(reference.status().name(), 1, Integer::sum);
                refusalOf(reference).ifPresent(k -> byRefusal.merge(k, 1, Integer::sum));
            } else if (reference.kind() == Outcome.Kind.INPUT_ERROR) {
                inputErrors++;
            }
            if (!engine.agreesWith(reference)) {
                mismatches++;
                if (shown.size() < SHOWN) {
                    shown.add("#" + generated + " " + SdGenerators.describe(q)
                            + "\n    engine:    " + engine + "\n    reference: " + reference);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("DroolsVsReference SD stage: %d cases compared (seed %d, %.1f s), %d decided, %d input errors"
                        + " on both sides, %d mismatches%n"
                        + "    by operation %s, by object %s%n    reference statuses %s%n    reference refusals %s%n",
                compared, seed, seconds, decided, inputErrors, mismatches, byOperation, byObject, byStatus,
                byRefusal);
        if (mismatches > 0) {
            fail(mismatches + " of " + compared + " cases disagree; the first " + shown.size() + ":\n"
                    + String.join("\n", shown));
        }
        assertTrue(compared >= EXAMPLES, "compared " + compared + " < " + EXAMPLES);
        // the generator must reach every outcome the contract names
        for (String s : new String[] {"STATUS_SUCCESS", "STATUS_ACCESS_DENIED", "STATUS_PRIVILEGE_NOT_HELD",
                "STATUS_PROCESS_IS_PROTECTED"}) {
            assertTrue(byStatus.getOrDefault(s, 0) > target / 100, "too few " + s + ": " + byStatus);
        }
        for (String k : new String[] {"EXPLICITLY_DENIED", "INTEGRITY", "TRUST_LABEL", "NEVER_GRANTED", "PROTECTION",
                "PICO", "DEBUG", "PRIVILEGE_NOT_HELD"}) {
            assertTrue(byRefusal.getOrDefault(k, 0) > target / 400, "too few " + k + " refusals: " + byRefusal);
        }
        assertTrue(inputErrors > target / 100, "too few input errors: " + inputErrors);
    }

    /** The refusal kind the reference put in its detail ("... [KIND] ..."), if any. */
    static Optional<String> refusalOf(Outcome reference) {
        String d = reference.detail();
        int a = d.indexOf('['), b = d.indexOf(']');
        return a >= 0 && b > a ? Optional.of(d.substring(a + 1, b)) : Optional.empty();
    }

    /** The reference's answer as an {@link Outcome}, its refusal kind and per-right reasons kept in the detail. */
    static Outcome reference(AccessQuery q) {
        try {
            ReferenceVerdict v = ReferenceAccessCheck.decide(q);
            return new Outcome(Outcome.Kind.DECIDED, v.status(), v.granted(), v.refusal() == null ? "" : v.toString());
        } catch (ReferenceInputError e) {
            return new Outcome(Outcome.Kind.INPUT_ERROR, null, 0, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(Outcome.Kind.CRASH, null, 0, e.toString());
        }
    }

    // ---- the reported disagreements, minimal; enable once the engine (or the contract) changes -------------------------

    private static Token user(Privilege... enabled) {
        List<TokenPrivilege> privileges = new ArrayList<>();
        for (Privilege p : enabled) privileges.add(new TokenPrivilege(p, true));
        return new Token(SdGenerators.U1, List.of(new TokenGroup(SdGenerators.WD, 0x7)), privileges,
                Sid.of(16, 0x3000), List.of(), null);
    }

    private static void assertBothSay(NtStatus status, int granted, AccessQuery q) {
        Outcome engine = Outcome.ofEngine(q), reference = reference(q);
        assertEquals(status, reference.status(), () -> "reference: " + reference);
        assertEquals(granted, reference.granted(), () -> "reference: " + reference);
        assertTrue(engine.agreesWith(reference), () -> Outcome.mismatch(q, engine, reference));
    }

    /**
     * D1. ACCESS-CHECK step 7: allowed = DACL ∩ integrity ∩ trust ∩ valid access, and a specific request is granted
     * iff it is inside allowed. 0x200 is no token right (TOKEN_ALL_ACCESS is 0x000F01FF, step 1), and an empty DACL
     * grants nothing; the engine answers STATUS_SUCCESS 0x00000200 (also for SYNCHRONIZE 0x00100000).
     */
    @Test
    void a_token_open_asking_a_bit_outside_token_all_access_is_refused() {
        // the target runs with the caller's own token, so the preliminary process open succeeds
        AccessQuery q = AccessQuery.of(PsProtection.NONE, new PsProtection(0x61), ObjectKind.TOKEN, 0x200)
                .withToken(user()).withTargetToken(user());
        assertBothSay(NtStatus.STATUS_ACCESS_DENIED, 0, q.withSd(Sddl.parse("D:")));
        assertBothSay(NtStatus.STATUS_ACCESS_DENIED, 0, q.withSd(Sddl.parse("D:(A;;0x8;;;WD)")).withDesired(0x100000));
    }

    /**
     * D2, settled in the contract: a duplicate makes no access check at all (ACCESS-CHECK step 3 puts it first), so a
     * handle holding ACCESS_SYSTEM_SECURITY duplicates with it even without SeSecurityPrivilege.
     */
    @Test
    void a_duplicate_keeps_access_system_security_without_the_privilege() {
        AccessQuery q = AccessQuery.of(PsProtection.NONE, PsProtection.NONE, ObjectKind.PROCESS, 0x01001000)
                .withToken(user()).withOperation(Operation.DUPLICATE).withSourceAccess(0x01001000);
        assertBothSay(NtStatus.STATUS_SUCCESS, 0x01001000, q);
    }
}
