package dev.pplsim.policy;

import java.util.List;

/**
 * One Windows build's protection policy: its {@code RtlProtectedAccess} table (row i is signer i) and switches.
 *
 * @param source where it was loaded from, for messages
 */
public record Build(String name, String description, String kernel, List<SignerAccess> table,
                    BuildSwitches switches, String source) {

    public boolean hasRow(int signer) {
        return signer >= 0 && signer < table.size();
    }

    public SignerAccess row(int signer) {
        return table.get(signer);
    }
}
