package dev.pplsim.engine.fact;

import dev.pplsim.model.NtStatus;
import dev.pplsim.model.SdkNames;

/**
 * A check of the open procedure (or, for a debugger attach, of the Dbgk path) that fails the whole operation with
 * {@code status} when the granted mask touches {@code mask} (spec §3.2: never silently stripped; spec §3.4).
 * {@code order} is the check's position in the kernel code; the first touched veto decides.
 */
public record Veto(OpenRequest request, int order, int mask, String check, NtStatus status) implements Derived {

    /** A check of the open procedure, which fails with STATUS_ACCESS_DENIED (spec §3.2). */
    public Veto(OpenRequest request, int order, int mask, String check) {
        this(request, order, mask, check, NtStatus.STATUS_ACCESS_DENIED);
    }

    /** Whether a granted mask holds any right this check refuses. */
    public boolean touches(int granted) {
        return (mask & granted) != 0;
    }

    @Override
    public String describe() {
        return check + ": fails with " + status.name() + " if the granted rights touch " + SdkNames.hex(mask)
                + (mask == 0 ? " (nothing)" : mask == -1 ? " (any right)" : " (" + SdkNames.rightNames(mask, request.object()) + ")");
    }
}
