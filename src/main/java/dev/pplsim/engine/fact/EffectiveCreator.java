package dev.pplsim.engine.fact;

import dev.pplsim.model.PsProtection;

/** Who creates the child in the kernel's eyes: the caller, or the secondary-logon service (spec §12.1). */
public record EffectiveCreator(CreateRequest request, PsProtection protection, String reason) implements CreateDerived {
    public int type() { return protection.type(); }
    public int signer() { return protection.signer(); }
    @Override public String describe() { return "the creator is " + protection + ": " + reason; }
}
