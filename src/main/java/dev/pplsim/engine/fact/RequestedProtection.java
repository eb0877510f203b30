package dev.pplsim.engine.fact;

import dev.pplsim.model.PsProtection;

/** The PS_PROTECTION byte the request asks for before the image has its say (spec §12.3 items 1-4). */
public record RequestedProtection(CreateRequest request, PsProtection protection, String reason) implements CreateDerived {
    public int type() { return protection.type(); }
    public int signer() { return protection.signer(); }
    @Override public String describe() { return "requested protection " + protection + ": " + reason; }
}
