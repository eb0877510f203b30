package dev.pplsim.engine.fact;

import dev.pplsim.model.NtStatus;

/**
 * A check that fails the load with {@code status} (spec §12.8). {@code order} is the check's place in the code
 * path (stage number times 100 plus the check); the first refusal decides.
 */
public record LoadRefusal(LoadRequest request, int order, NtStatus status, String reason) implements LoadDerived {
    @Override
    public String describe() {
        return "fails with " + status.name() + " (" + status.hex() + "): " + reason;
    }
}
