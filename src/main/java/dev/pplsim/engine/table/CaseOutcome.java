package dev.pplsim.engine.table;

import dev.pplsim.model.NtStatus;

/**
 * The decision for one key and one access mask, computed from a {@link KeyRun} by bit arithmetic; {@code rule} is
 * the rule whose fact decided a refusal (the veto's, or the access check's), null on success.
 */
public record CaseOutcome(NtStatus status, int granted, boolean incompatible, String rule) {
}
