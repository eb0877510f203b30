package dev.pplsim.engine.fact;

import dev.pplsim.model.SigningLevel;

/** The signing level Code Integrity gives the image from its certificate (spec §6.1-§6.3). */
public record LoadImageLevel(LoadRequest request, int level, String reason) implements LoadDerived {
    @Override public String describe() {
        return "the image's signing level is " + SigningLevel.describe(level) + ": " + reason;
    }
}
