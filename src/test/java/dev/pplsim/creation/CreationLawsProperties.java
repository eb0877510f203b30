package dev.pplsim.creation;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.SigningLevelRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The laws of creation (spec §12), each checked by the rules over a finite domain: the 144 creator bytes with a
 * table row x every named level x every image signer x the protected flags, for an image on the minimum-TCB list
 * and one off it. Each test counts the cases the law constrained, so a law that held vacuously would fail.
 */
class CreationLawsProperties {

    static final Simulator SIM = Simulator.builtIn();
    static final int EXT = CreationFlag.CREATE_PROTECTED_PROCESS.value() | CreationFlag.EXTENDED_STARTUPINFO_PRESENT.value();
    static final String[] PATHS = {"C:\\Windows\\System32\\services.exe", "C:\\Program Files\\Vendor\\agent.exe"};

    interface Law {
        /** Checks one creation; returns whether the law constrained it. */
        boolean check(CreateQuery q, Creation c, List<String> broken);
    }

    static long forAll(boolean inherit, Law law) {
        List<String> broken = new ArrayList<>();
        long constrained = IntStream.range(0, 0x90).parallel().mapToLong(creator -> {
            long n = 0;
            List<String> mine = new ArrayList<>();
            for (ProtectionLevel level : ProtectionLevel.values()) {
                for (PsProtectedSigner signer : PsProtectedSigner.values()) {
                    for (String path : PATHS) {
                        CreateQuery q = new CreateQuery(new PsProtection(creator), null, CreateApi.CREATE_PROCESS, null,
                                new ImageSpec(path, signer, null, null, null), EXT, level.value(), inherit, null);
                        if (law.check(q, SIM.create(q), mine)) n++;
                    }
                }
            }
            synchronized (broken) {
                broken.addAll(mine);
            }
            return n;
        }).sum();
        assertEquals(List.of(), broken.subList(0, Math.min(5, broken.size())), broken.size() + " cases break the law");
        System.out.printf(java.util.Locale.ROOT, "creation law: %,d cases constrained, none broken%n", constrained);
        return constrained;
    }

    @Test
    void creator_never_needs_to_dominate_the_child() {
        // spec §12.3 item 5: what an unprotected creator may start, any creator may, with the same child
        long n = forAll(false, (q, c, broken) -> {
            if (q.protectionLevel() == ProtectionLevel.PROTECTION_LEVEL_SAME.value()) return false;
            Creation none = SIM.create(new CreateQuery(PsProtection.NONE, null, q.api(), null, q.image(), q.flags(), q.protectionLevel(), false, null));
            if (!none.status().isSuccess()) return false;
            if (!c.status().isSuccess() || c.child().value() != none.child().value()) broken.add(q + " -> " + c + " but None -> " + none);
            return true;
        });
        assertTrue(n > 6_000, "constrained: " + n);
    }

    @Test
    void a_child_is_never_more_protected_than_its_image_may_claim() {
        // spec §12.3 item 6: a protected child's signer needs an EXE level the image has
        List<SigningLevelRow> rows = SIM.creation().signingLevels();
        long n = forAll(false, (q, c, broken) -> {
            if (!c.status().isSuccess() || !c.child().isProtected()) return false;
            int needed = rows.stream().filter(r -> r.signer() == c.child().signer()).mapToInt(SigningLevelRow::exeLevel).findFirst().orElse(99);
            int has = rows.stream().filter(r -> r.signer() == q.image().signer().value()).mapToInt(SigningLevelRow::exeLevel).findFirst().orElse(0);
            if (has < needed) broken.add(q + " -> " + c.child() + ": the image claims level " + has + ", the child needs " + needed);
            return true;
        });
        assertTrue(n > 1_000, "constrained: " + n);
    }

    @Test
    void a_protected_creator_never_leaks_handles_into_a_weaker_child() {
        // spec §12.6: with bInheritHandles, a protected creator's child dominates it
        long n = forAll(true, (q, c, broken) -> {
            if (!c.status().isSuccess() || !q.creator().isProtected()) return false;
            int denied = SIM.policies().build(q.build()).row(q.creator().signer()).deniedProcessAccess();
            if ((denied & 0x40) == 0) return false;
            boolean childDominates = c.child().type() >= q.creator().type()
                    && SIM.policies().build(q.build()).row(c.child().signer()).dominates(q.creator().signer());
            if (!childDominates) broken.add(q + " -> " + c.child() + " inherits the handles of a creator it does not dominate");
            return true;
        });
        assertTrue(n > 100, "constrained: " + n);
    }

    @Test
    void returned_handles_never_exceed_what_an_open_would_grant() {
        // spec §12.5 against §3.2: each right of hProcess / hThread is one the creator, as the child's parent, could open
        long n = forAll(false, (q, c, broken) -> {
            if (!c.status().isSuccess() || c.child().type() == 0) return false;
            for (ObjectKind object : List.of(ObjectKind.PROCESS, ObjectKind.THREAD)) {
                int returned = object == ObjectKind.PROCESS ? c.processAccess() : c.threadAccess();
                for (int bit = 0; bit < 21; bit++) {
                    if ((returned & (1 << bit)) == 0) continue;
                    var open = SIM.decide(AccessQuery.of(q.creator(), c.child(), object, 1 << bit).withRelation(Relation.PARENT));
                    if (!open.status().isSuccess()) broken.add(q + ": " + object.id() + " bit 0x" + Integer.toHexString(1 << bit) + " returned, but an open is " + open.status());
                }
            }
            return true;
        });
        assertTrue(n > 1_000, "constrained: " + n);
    }

    @Test
    void same_level_child_equals_creator() {
        // spec §12.3 item 4: PROTECTION_LEVEL_SAME, when it succeeds, gives the creator's own byte
        long n = forAll(false, (q, c, broken) -> {
            if (q.protectionLevel() != ProtectionLevel.PROTECTION_LEVEL_SAME.value() || !c.status().isSuccess() || q.image().path().contains("System32")) return false;
            if (c.child().value() != q.creator().value()) broken.add(q + " -> " + c.child());
            return true;
        });
        assertTrue(n > 100, "constrained: " + n);
    }
}
