package dev.pplsim.policy;

/**
 * One {@code RTL_PROTECTED_ACCESS} entry, indexed by signer (spec §2): which signers this signer dominates, and
 * which process and thread rights a non-dominating caller may not hold on a target of this signer.
 */
public record SignerAccess(int signer, int dominateMask, int deniedProcessAccess, int deniedThreadAccess) {

    public boolean dominates(int targetSigner) {
        return (dominateMask & (1 << targetSigner)) != 0;
    }
}
