package dev.pplsim.engine.fact;

import dev.pplsim.model.NtStatus;

/**
 * A check that fails the creation with {@code status} (spec §12). {@code order} is the check's place in the code
 * path (stage number times 100 plus the check); the first refusal decides.
 */
public record CreateRefusal(CreateRequest request, int order, NtStatus status, String reason) implements CreateDerived {
    @Override
    public String describe() {
        return "fails with " + status.name() + " (" + status.hex() + "): " + reason;
    }
}
