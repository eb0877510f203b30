package dev.pplsim.engine.fact;

/** Whether a debug port is attached to the child (spec §12.6). */
public record DebugPort(CreateRequest request, boolean attached, String reason) implements CreateDerived {
    @Override public String describe() { return (attached ? "a debug port is attached" : "no debug port") + ": " + reason; }
}
