package dev.pplsim.policy;

import java.util.List;

/** An EKU rule: an image carrying all of {@code ekus} (beside a protected-process EKU) may claim {@code signer} (spec §6.1). */
public record EkuSigner(int order, List<String> ekus, int signer) {

    // not matches(): that is a DRL operator, and a constraint calling it does not compile
    public boolean heldBy(List<String> carried) {
        return carried.containsAll(ekus);
    }
}
