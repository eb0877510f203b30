package dev.pplsim.engine.fact;

import dev.pplsim.model.NtStatus;
import dev.pplsim.model.SdkNames;

/**
 * GrantedAccess as the security-descriptor stage left it, before the open procedure (spec §3.1): SeAccessCheck,
 * the SeDebugPrivilege path, kernel mode, a duplicated handle's access, or the {@code sdGranted} stand-in.
 * A refusal has a failure {@code status} and granted 0, and says why each refused right was refused: denied
 * by an ACE ({@code deniedByAce}), limited by the integrity label or the trust label, or never granted.
 */
public record AccessCheckResult(OpenRequest request, int granted, String source, NtStatus status, int deniedByAce,
                                int byIntegrity, int byTrustLabel, int neverGranted) implements Derived {

    /** A grant (or, with granted 0 for a non-empty request, the stand-in's refusal). */
    public AccessCheckResult(OpenRequest request, int granted, String source) {
        this(request, granted, source, NtStatus.STATUS_SUCCESS, 0, 0, 0, 0);
    }

    /** Whether the access check failed the open: a failure status, or nothing granted for a non-empty request. */
    public boolean refused() {
        return !status.isSuccess() || (granted == 0 && request.desired() != 0);
    }

    @Override
    public String describe() {
        if (!status.isSuccess()) {
            StringBuilder b = new StringBuilder(status.name() + " (" + status.hex() + "): " + source);
            part(b, "denied by an ACE", deniedByAce);
            part(b, "removed by the integrity label", byIntegrity);
            part(b, "removed by the trust label", byTrustLabel);
            part(b, "never granted", neverGranted);
            return b.toString();
        }
        return "granted " + SdkNames.hex(granted) + " (" + SdkNames.rightNames(granted, request.object()) + ") " + source;
    }

    private void part(StringBuilder b, String what, int mask) {
        if (mask != 0) b.append("; ").append(what).append(": ").append(SdkNames.rightNames(mask, request.object()));
    }
}
