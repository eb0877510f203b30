package dev.pplsim.engine.fact;

/** No shortcut applies: SeAccessCheck runs the integrity, trust-label and DACL checks (spec §3.1 step 3b). */
public record AccessCheckNeeded(OpenRequest request) implements Derived {
    @Override
    public String describe() {
        return "SeAccessCheck runs: no privilege or mode lets the caller skip the security descriptor";
    }
}
