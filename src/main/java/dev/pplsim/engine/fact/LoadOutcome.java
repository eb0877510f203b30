package dev.pplsim.engine.fact;

import dev.pplsim.model.NtStatus;

/**
 * What the load returns: the status and, on success, whether a \KnownDlls section was mapped, whether page hashes
 * were enforced and whether bytes other than those Code Integrity hashed now run in the process.
 */
public record LoadOutcome(LoadRequest request, NtStatus status, boolean knownDllsSection, boolean pageHashesEnforced,
                          boolean modifiedBytesRun, String reason) implements LoadDerived {

    public static LoadOutcome refused(LoadRequest request, NtStatus status, String reason) {
        return new LoadOutcome(request, status, false, false, false, reason);
    }

    @Override
    public String describe() {
        return status.name() + " (" + status.hex() + ")" + (modifiedBytesRun ? ", the modified bytes run" : "") + ": " + reason;
    }
}
