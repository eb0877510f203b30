package dev.pplsim.analysis;

import java.util.List;

/**
 * What the rules derived for one key, read from one run: the protection verdict and the rule that gave it, the
 * vetoes in the kernel's order (each with the rule that raised it), and the implied rights. Null verdict: the key
 * cannot be decided ({@code inputError}).
 */
public record KeyRun(Key key, Boolean incompatible, String verdictRule, List<VetoRow> vetoes, List<int[]> implied,
                     String inputError) {

    /** A veto: the open fails if granted touches {@code mask}; {@code rule} raised it. */
    public record VetoRow(int order, int mask, String rule) {
    }
}
