package dev.pplsim.engine.fact;

/** A fact a rule derived for one request (and that goes when the request goes). */
public interface Derived extends Described {
    OpenRequest request();
}
