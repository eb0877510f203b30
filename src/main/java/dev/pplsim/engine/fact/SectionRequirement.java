package dev.pplsim.engine.fact;

import dev.pplsim.model.SigningLevel;

/** The process's SectionSignatureLevel, the minimum every image mapped into it must have (spec §6.3, §12.4). */
public record SectionRequirement(LoadRequest request, int level, String reason) implements LoadDerived {
    @Override public String describe() {
        return "SectionSignatureLevel " + SigningLevel.describe(level) + ": " + reason;
    }
}
