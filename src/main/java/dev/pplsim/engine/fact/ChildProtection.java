package dev.pplsim.engine.fact;

import dev.pplsim.model.PsProtection;

/** The child's EPROCESS.Protection (spec §12.3). */
public record ChildProtection(CreateRequest request, PsProtection protection, String reason) implements CreateDerived {
    public int type() { return protection.type(); }
    public int signer() { return protection.signer(); }
    public boolean isProtected() { return protection.isProtected(); }
    @Override public String describe() { return "the child's protection is " + protection + ": " + reason; }
}
