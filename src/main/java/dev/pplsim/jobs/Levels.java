package dev.pplsim.jobs;

import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.Build;
import dev.pplsim.request.InputException;

import java.util.ArrayList;
import java.util.List;

/** The protection bytes an analysis ranges over: the named levels (None, PPL and PP of every signer), or all 256. */
public final class Levels {

    private Levels() {
    }

    public static List<Integer> of(String which, Build build) {
        List<Integer> out = new ArrayList<>();
        switch (which) {
            case "named" -> {
                out.add(0);
                for (int type = 1; type <= 2; type++) {
                    for (PsProtectedSigner s : PsProtectedSigner.values()) {
                        if (s != PsProtectedSigner.NONE && build.hasRow(s.value())) out.add(PsProtection.of(type, false, s.value()).value());
                    }
                }
            }
            case "all" -> {
                for (int b = 0; b < 256; b++) out.add(b);
            }
            default -> throw InputException.at("--protections", "expected named or all, got '" + which + "'");
        }
        return out;
    }
}
