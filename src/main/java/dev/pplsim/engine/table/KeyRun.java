package dev.pplsim.engine.table;

import java.util.List;

/**
 * What the rules derived for a key, read from one run: the protection verdict and the rule that gave it, the
 * vetoes in the kernel's order (each with the rule that raised it), and the implied rights. Null verdict: the key
 * cannot be decided ({@code inputError}). A value: the keys of a build share a few dozen distinct runs, which are
 * kept once each.
 */
public record KeyRun(Boolean incompatible, String verdictRule, List<VetoRow> vetoes, List<Implied> implied, String inputError) {

    /** A veto: the open fails if granted touches {@code mask}; {@code rule} raised it. */
    public record VetoRow(int order, int mask, String rule) {
    }

    /** An implied right: holding every right of {@code trigger} also grants {@code adds}. */
    public record Implied(int trigger, int adds) {
    }
}
