package dev.pplsim.engine.fact;

import dev.pplsim.model.PsProtection;

/**
 * The child's EPROCESS.Protection (spec §12.3).
 *
 * @param appPpl whether it is the App-PPL a packaged app image was raised to, whose signing level App-PPL's own
 *               query checks (spec §12.3 item 8)
 */
public record ChildProtection(CreateRequest request, PsProtection protection, String reason, boolean appPpl) implements CreateDerived {
    public ChildProtection(CreateRequest request, PsProtection protection, String reason) {
        this(request, protection, reason, false);
    }
    public int type() { return protection.type(); }
    public int signer() { return protection.signer(); }
    public boolean isProtected() { return protection.isProtected(); }
    @Override public String describe() { return "the child's protection is " + protection + ": " + reason; }
}
