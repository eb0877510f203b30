package dev.pplsim.policy;

import dev.pplsim.model.PsProtection;

/**
 * A minimum-TCB entry (spec §12.3 item 7): the protection an image of this name in System32 is raised to, the
 * minimum signing level it gets, and the switch that turns it on (null: always on).
 */
public record MinimumTcb(String image, PsProtection protection, int signingLevel, String switchName) {
}
