package dev.pplsim.engine.fact;

/**
 * Data of policies/security-descriptors.yaml the access check reads: the label an object without a
 * mandatory-label ACE is treated as having (spec §4.2, U).
 */
public record AccessCheckDefaults(long unlabeledIntegrity, int unlabeledPolicy) {
}
