package dev.pplsim.engine.fact;

import dev.pplsim.model.SdkNames;

/** After a successful check, holding every right of {@code trigger} adds {@code adds} (spec §3.2, §3.3). */
public record ImpliedRight(OpenRequest request, int trigger, int adds) implements Derived {
    /** Whether a granted mask holds every right of the trigger. */
    public boolean heldBy(int granted) {
        return (trigger & granted) == trigger;
    }

    @Override
    public String describe() {
        return SdkNames.rightNames(trigger, request.object()).replace("|", " with ") + " implies "
                + SdkNames.rightNames(adds, request.object());
    }
}
