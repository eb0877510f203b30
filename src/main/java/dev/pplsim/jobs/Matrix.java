package dev.pplsim.jobs;

import dev.pplsim.engine.table.CaseOutcome;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.engine.table.Key;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * The exhaustive matrix: every caller x target x right (each of the 21 bits of 0x001FFFFF, then MAXIMUM_ALLOWED)
 * for one build, object and mode, as flat rows in a stable order (caller, target, right).
 */
public final class Matrix {

    /**
     * One cell; {@code rule} is the rule whose fact decided it: the veto's or the access check's on a refusal, the
     * protection verdict's on success (null when undecidable).
     */
    public record Cell(String build, ObjectKind object, AccessMode mode, int caller, int target, int desired,
                       NtStatus status, int granted, String rule, boolean undecidable) {
    }

    public static final int[] RIGHTS = rights();

    private static int[] rights() {
        int[] m = new int[22];
        for (int b = 0; b < 21; b++) m[b] = 1 << b;
        m[21] = dev.pplsim.model.StandardRight.MAXIMUM_ALLOWED.mask();
        return m;
    }

    private Matrix() {
    }

    public static List<Cell> cells(DecisionTable d, String build, ObjectKind object, AccessMode mode, Relation relation,
                                   List<Integer> callers, List<Integer> targets) {
        List<Key> keys = new ArrayList<>(callers.size() * targets.size());
        for (int c : callers) {
            for (int t : targets) keys.add(new Key(build, object, c, t, mode, false, relation));
        }
        d.prepare(keys);
        d.prepareOutcomes(keys, java.util.Collections.nCopies(keys.size(), RIGHTS));
        List<Cell> out = new ArrayList<>(keys.size() * RIGHTS.length);
        for (Key k : keys) {
            boolean undecidable = d.run(k).inputError() != null;
            for (int m : RIGHTS) {
                if (undecidable) {
                    out.add(new Cell(build, object, mode, k.caller(), k.target(), m, null, 0, null, true));
                } else {
                    CaseOutcome o = d.decide(k, m);
                    out.add(new Cell(build, object, mode, k.caller(), k.target(), m, o.status(), o.granted(),
                            o.rule() != null ? o.rule() : d.run(k).verdictRule(), false));
                }
            }
        }
        return out;
    }
}
