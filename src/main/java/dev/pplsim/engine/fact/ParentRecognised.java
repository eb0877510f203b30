package dev.pplsim.engine.fact;

/** PspIsParentProcess returned TRUE: the caller created the target (spec §3.2). */
public record ParentRecognised(OpenRequest request, String how) implements Derived {
    @Override
    public String describe() {
        return "PspIsParentProcess: the caller is the target's parent (" + how + ")";
    }
}
