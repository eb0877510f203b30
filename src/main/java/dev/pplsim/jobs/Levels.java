package dev.pplsim.jobs;

import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.Build;

import java.util.ArrayList;
import java.util.List;

/** The protection bytes an analysis ranges over: the named levels (None, PPL and PP of every signer), or all 256. */
public enum Levels {
    NAMED, ALL;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public List<Integer> of(Build build) {
        List<Integer> out = new ArrayList<>();
        if (this == ALL) {
            for (int b = 0; b < 256; b++) out.add(b);
            return out;
        }
        out.add(0);
        for (int type = 1; type <= 2; type++) {
            for (PsProtectedSigner s : PsProtectedSigner.values()) {
                if (s != PsProtectedSigner.NONE && build.hasRow(s.value())) out.add(PsProtection.of(type, false, s.value()).value());
            }
        }
        return out;
    }
}
