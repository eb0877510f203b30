package dev.pplsim.engine.fact;

import dev.pplsim.model.SdkNames;
import java.util.Locale;

/**
 * Data of policies/security-descriptors.yaml the access check reads: the label an object without a
 * mandatory-label ACE is treated as having (spec §4.2, U).
 */
public record AccessCheckDefaults(long unlabeledIntegrity, int unlabeledPolicy) implements Described {
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "an object without a mandatory label counts as integrity 0x%04X with %s (policies/security-descriptors.yaml)",
                unlabeledIntegrity, SdkNames.labelPolicy(unlabeledPolicy));
    }
}
