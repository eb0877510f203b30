package dev.pplsim.engine.fact;

import dev.pplsim.model.SigningLevel;

/**
 * What the image's signature lets it claim (spec §6.1, §12.3 item 6): its signing level, and whether it may run as
 * a PP (the Protected Process EKU) or only as a PPL.
 */
public record ImageClaim(CreateRequest request, int level, boolean full, String reason) implements CreateDerived {
    @Override public String describe() {
        return "the image's signing level is " + SigningLevel.describe(level) + (full ? "" : ", PPL only") + ": " + reason;
    }
}
