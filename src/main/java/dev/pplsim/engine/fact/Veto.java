package dev.pplsim.engine.fact;

import dev.pplsim.policy.Spelling;

/**
 * A check of the open procedure that fails the whole open with STATUS_ACCESS_DENIED when the granted mask touches
 * {@code mask} (spec §3.2: never silently stripped). {@code order} is the check's position in the kernel code;
 * the first touched veto decides.
 */
public record Veto(OpenRequest request, int order, int mask, String check) implements Derived {
    /** Whether a granted mask holds any right this check refuses. */
    public boolean touches(int granted) {
        return (mask & granted) != 0;
    }

    @Override
    public String describe() {
        return check + ": the open fails if the granted rights touch " + Spelling.hex(mask)
                + (mask == 0 ? " (nothing)" : " (" + Spelling.rightNames(mask, request.object()) + ")");
    }
}
