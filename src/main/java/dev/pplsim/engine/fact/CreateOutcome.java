package dev.pplsim.engine.fact;

import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.PsProtection;

/**
 * What the creation returns: the status and, on success, the child's protection and signature levels, the access of
 * the two handles returned in PROCESS_INFORMATION, whether a debug port is attached and the child's kind (null when
 * refused).
 */
public record CreateOutcome(CreateRequest request, NtStatus status, PsProtection protection, int signatureLevel,
                            int sectionLevel, int processAccess, int threadAccess, boolean debugPort, String reason,
                            ProcessKind kind) implements CreateDerived {

    public static CreateOutcome refused(CreateRequest request, NtStatus status, String reason) {
        return new CreateOutcome(request, status, null, 0, 0, 0, 0, false, reason, null);
    }

    @Override
    public String describe() {
        return status.name() + " (" + status.hex() + ")" + (status.isSuccess()
                ? ", " + kind.id() + " child " + protection + ", hProcess " + dev.pplsim.model.SdkNames.hex(processAccess)
                  + ", hThread " + dev.pplsim.model.SdkNames.hex(threadAccess) : "") + ": " + reason;
    }
}
