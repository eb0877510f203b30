package dev.pplsim.engine.fact;

import dev.pplsim.model.NtStatus;
import dev.pplsim.model.PsProtection;

/**
 * What the creation returns: the status and, on success, the child's protection and signature levels, the access of
 * the two handles returned in PROCESS_INFORMATION and whether a debug port is attached.
 */
public record CreateOutcome(CreateRequest request, NtStatus status, PsProtection protection, int signatureLevel,
                            int sectionLevel, int processAccess, int threadAccess, boolean debugPort, String reason)
        implements CreateDerived {

    public static CreateOutcome refused(CreateRequest request, NtStatus status, String reason) {
        return new CreateOutcome(request, status, null, 0, 0, 0, 0, false, reason);
    }

    @Override
    public String describe() {
        return status.name() + " (" + status.hex() + ")" + (status.isSuccess()
                ? ", child " + protection + ", hProcess " + dev.pplsim.model.SdkNames.hex(processAccess)
                  + ", hThread " + dev.pplsim.model.SdkNames.hex(threadAccess) : "") + ": " + reason;
    }
}
