package dev.pplsim.engine.fact;

/**
 * The result of PsTestProtectedProcessIncompatibility (spec §3.2): whether the caller's protection is
 * incompatible with the target's, and why.
 */
public record ProtectionVerdict(OpenRequest request, boolean incompatible, String reason) implements Derived {
    @Override
    public String describe() {
        return (incompatible ? "incompatible: " : "compatible: ") + reason;
    }
}
