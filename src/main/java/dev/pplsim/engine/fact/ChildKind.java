package dev.pplsim.engine.fact;

import dev.pplsim.model.ProcessKind;

/** The kind of process the creation makes (spec §7.3, §12.7): a trustlet, a packaged process or a normal one. */
public record ChildKind(CreateRequest request, ProcessKind kind, String reason) implements CreateDerived {
    public boolean trustlet() { return kind == ProcessKind.TRUSTLET; }
    @Override public String describe() { return "the child is a " + kind.id() + " process: " + reason; }
}
