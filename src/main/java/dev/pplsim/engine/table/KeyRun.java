package dev.pplsim.engine.table;

import dev.pplsim.model.NtStatus;

import java.util.List;
import java.util.Objects;

/**
 * What the rules derived for a protection key (everything of a query but the access asked and the token): the
 * protection verdict and the rule that gave it, the vetoes in the kernel's order (each with its status and the rule
 * that raised it), the implied rights, and the ids of the rules of stages 12 and 40-85 that fired. Stages 12 and
 * 40-85 never read the access asked, so one run serves every mask. Null verdict: the key cannot be decided
 * ({@code inputError}). Interned: a build's keys share a few dozen distinct runs, each one object, which also holds
 * the outcomes the rules decided for it with each access-check result met so far ({@link DecisionTable}).
 */
public final class KeyRun {

    /** A veto: the open fails with {@code status} if granted touches {@code mask}; {@code rule} raised it. */
    public record VetoRow(int order, int mask, NtStatus status, String rule) {
    }

    /** An implied right: holding every right of {@code trigger} also grants {@code adds}. */
    public record Implied(int trigger, int adds) {
    }

    private final Boolean incompatible;
    private final String verdictRule;
    private final List<VetoRow> vetoes;
    private final List<Implied> implied;
    private final List<String> modeRules, protectionRules;
    private final String inputError;
    /** Its number in the table (1 up; 0 before interning), and the outcomes by access entry number. */
    int id;
    volatile CaseOutcome[] outcomes = new CaseOutcome[0];

    public KeyRun(Boolean incompatible, String verdictRule, List<VetoRow> vetoes, List<Implied> implied, List<String> modeRules,
                  List<String> protectionRules, String inputError) {
        this.incompatible = incompatible;
        this.verdictRule = verdictRule;
        this.vetoes = List.copyOf(vetoes);
        this.implied = List.copyOf(implied);
        this.modeRules = List.copyOf(modeRules);
        this.protectionRules = List.copyOf(protectionRules);
        this.inputError = inputError;
    }

    static KeyRun undecidable(String inputError) {
        return new KeyRun(null, null, List.of(), List.of(), List.of(), List.of(), inputError);
    }

    public Boolean incompatible() { return incompatible; }
    public String verdictRule() { return verdictRule; }
    public List<VetoRow> vetoes() { return vetoes; }
    public List<Implied> implied() { return implied; }
    public List<String> modeRules() { return modeRules; }
    public List<String> protectionRules() { return protectionRules; }
    public String inputError() { return inputError; }

    /** The outcome the rules gave this run with that access-check result, or null when not learnt yet. */
    CaseOutcome outcome(AccessEntry access) {
        CaseOutcome[] o = outcomes;
        return access.id < o.length ? o[access.id] : null;
    }

    synchronized void learnt(AccessEntry access, CaseOutcome outcome) {
        CaseOutcome[] o = outcomes;
        if (access.id < o.length && o[access.id] != null) return;
        CaseOutcome[] grown = java.util.Arrays.copyOf(o, Math.max(o.length, access.id + 1));
        grown[access.id] = outcome;
        outcomes = grown;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRun k && Objects.equals(incompatible, k.incompatible) && Objects.equals(verdictRule, k.verdictRule)
                && vetoes.equals(k.vetoes) && implied.equals(k.implied) && modeRules.equals(k.modeRules)
                && protectionRules.equals(k.protectionRules) && Objects.equals(inputError, k.inputError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(incompatible, verdictRule, vetoes, implied, modeRules, protectionRules, inputError);
    }
}
