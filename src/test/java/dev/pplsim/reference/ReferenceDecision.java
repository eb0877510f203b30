package dev.pplsim.reference;

import dev.pplsim.model.NtStatus;

/**
 * What the reference decided: the status of the open and the granted mask (0 whenever the open is refused).
 */
public record ReferenceDecision(NtStatus status, int granted) {

    public static ReferenceDecision denied() {
        return new ReferenceDecision(NtStatus.STATUS_ACCESS_DENIED, 0);
    }

    public static ReferenceDecision success(int granted) {
        return new ReferenceDecision(NtStatus.STATUS_SUCCESS, granted);
    }

    @Override
    public String toString() {
        return status + " " + String.format("0x%08X", granted);
    }
}
