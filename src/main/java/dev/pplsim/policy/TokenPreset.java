package dev.pplsim.policy;

import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Token;

/**
 * A named token from {@code policies/tokens.yaml}: an account preset ({@code admin-elevated}) or the token of a
 * well-known protected process ({@code lsass}), with the protection its trust SID was derived from (spec §4.3,
 * §5) and the assumptions it rests on.
 */
public record TokenPreset(String name, PsProtection protection, Token token, String assumptions, String cite, String source) {
}
