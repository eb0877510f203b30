package dev.pplsim.engine.fact;

/** A fact a load rule derived for one image load (and that goes when the load goes). */
public interface LoadDerived extends Described {
    LoadRequest request();
}
