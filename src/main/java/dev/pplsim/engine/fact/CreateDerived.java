package dev.pplsim.engine.fact;

/** A fact a creation rule derived for one creation (and that goes when the creation goes). */
public interface CreateDerived extends Described {
    CreateRequest request();
}
