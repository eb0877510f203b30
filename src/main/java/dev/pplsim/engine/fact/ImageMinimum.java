package dev.pplsim.engine.fact;

import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SigningLevel;

/** The minimum-TCB list's say (spec §12.3 item 7): a protection and a signing level the image is raised to. */
public record ImageMinimum(CreateRequest request, PsProtection protection, int signingLevel, String reason) implements CreateDerived {
    public int type() { return protection.type(); }
    public int signer() { return protection.signer(); }
    @Override public String describe() {
        return "minimum protection " + protection + ", minimum signing level " + SigningLevel.describe(signingLevel) + ": " + reason;
    }
}
