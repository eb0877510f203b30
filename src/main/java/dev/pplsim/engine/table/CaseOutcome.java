package dev.pplsim.engine.table;

import dev.pplsim.model.NtStatus;

import java.util.List;

/**
 * What the decision stage's rules gave for one protection key's run and one access-check result, learnt from a rule
 * run: the status and granted mask, the verdict, {@code rule} the rule whose fact decided a refusal (the veto's, or
 * the access check's; null on success), {@code decisionRule} the stage-90 rule that fired, and {@code rules} every
 * rule id of such a decision in firing order (one list per outcome, shared by its decisions).
 */
public record CaseOutcome(NtStatus status, int granted, boolean incompatible, String rule, String decisionRule, List<String> rules) {
}
