package dev.pplsim.engine.fact;

import dev.pplsim.model.AccessMode;

/** The AccessMode the open procedure receives (spec §3.1 step 4). */
public record EffectiveMode(OpenRequest request, AccessMode mode) implements Derived {
    @Override
    public String describe() {
        return "the open procedure runs with AccessMode = " + mode.sdkName();
    }
}
