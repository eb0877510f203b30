package dev.pplsim.bench;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.StandardRight;

import java.util.SplittableRandom;

/** A fixed, mixed set of decidable queries: all builds, objects, modes, relations, single rights and specials. */
final class Workload {

    private Workload() {
    }

    static AccessQuery[] mixed(int n, long seed) {
        String[] builds = {"windows-10-11", "windows-10-rs", "windows-10-early"};
        int[] special = {StandardRight.MAXIMUM_ALLOWED.mask(), StandardRight.GENERIC_READ.mask(), 0x410, 0x001FFFFF};
        SplittableRandom r = new SplittableRandom(seed);
        AccessQuery[] out = new AccessQuery[n];
        for (int i = 0; i < n; i++) {
            int caller = r.nextInt(0x90), target = r.nextInt(0x90);
            Relation rel = Relation.values()[r.nextInt(4)];
            if (rel == Relation.SELF) target = caller;
            int desired = r.nextInt(5) == 0 ? special[r.nextInt(special.length)] : 1 << r.nextInt(21);
            out[i] = new AccessQuery(new PsProtection(caller), false, new PsProtection(target), ObjectKind.PROTECTED.get(r.nextInt(2)),
                    desired, AccessMode.values()[r.nextInt(2)], r.nextInt(8) == 0, rel, builds[r.nextInt(3)], null, null, false);
        }
        return out;
    }
}
