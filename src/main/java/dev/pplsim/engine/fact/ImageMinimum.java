package dev.pplsim.engine.fact;

import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SigningLevel;

/**
 * The minimum-TCB list's say (spec §12.3 item 7), or App-PPL's for a packaged app image (item 8): a protection and a
 * signing level the image is raised to.
 *
 * @param app whether the minimum is App-PPL's, from the image's section flags
 */
public record ImageMinimum(CreateRequest request, PsProtection protection, int signingLevel, String reason, boolean app) implements CreateDerived {
    public ImageMinimum(CreateRequest request, PsProtection protection, int signingLevel, String reason) {
        this(request, protection, signingLevel, reason, false);
    }
    public int type() { return protection.type(); }
    public int signer() { return protection.signer(); }
    @Override public String describe() {
        return "minimum protection " + protection + ", minimum signing level " + SigningLevel.describe(signingLevel) + ": " + reason;
    }
}
