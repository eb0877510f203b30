package dev.pplsim.engine.fact;

/**
 * RtlTestProtectedAccess between the creator and its child (spec §3.2, §12.5, §12.6): {@code ofCreator} for
 * (creator, child), the test the returned handles and the debug port make; otherwise (child, creator), the test
 * handle inheritance makes.
 */
public record ProtectedAccessTest(CreateRequest request, boolean ofCreator, boolean dominates, String reason) implements CreateDerived {
    @Override
    public String describe() {
        return "RtlTestProtectedAccess(" + (ofCreator ? "creator, child" : "child, creator") + ") "
                + (dominates ? "succeeds" : "fails") + ": " + reason;
    }
}
