package dev.pplsim.engine.fact;

/** A derived fact that can say, in the kernel's terms, what it establishes. */
public interface Described {
    String describe();
}
