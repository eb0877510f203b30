package dev.pplsim.model;

/**
 * The two ACCESS_MASK fields of {@code PS_PICO_PROVIDER_ROUTINES} that bound what a non-Pico user-mode caller
 * may open on a Pico process or thread (spec §7.2).
 */
public record PicoProvider(int openProcess, int openThread) {
}
