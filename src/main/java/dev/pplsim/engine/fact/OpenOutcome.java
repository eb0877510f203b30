package dev.pplsim.engine.fact;

import dev.pplsim.model.NtStatus;
import dev.pplsim.model.SdkNames;

/** What the open returns: the status and the handle's GrantedAccess (0 when refused). */
public record OpenOutcome(OpenRequest request, NtStatus status, int granted, String reason) implements Derived {
    @Override
    public String describe() {
        return status.name() + " (" + status.hex() + ")" + (status.isSuccess()
                ? ", granted " + SdkNames.hex(granted) + " (" + SdkNames.rightNames(granted, request.object()) + ")" : "")
                + ": " + reason;
    }
}
