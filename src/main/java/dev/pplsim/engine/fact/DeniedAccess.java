package dev.pplsim.engine.fact;

import dev.pplsim.model.SdkNames;
import java.util.Locale;

/** The target signer's DeniedProcessAccess or DeniedThreadAccess from the build's table (spec §2.1). */
public record DeniedAccess(OpenRequest request, int signer, int mask) implements Derived {
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "RtlProtectedAccess[%d].Denied%sAccess = %s (%s)", signer,
                request.object() == dev.pplsim.model.ObjectKind.PROCESS ? "Process" : "Thread",
                SdkNames.hex(mask), SdkNames.rightNames(mask, request.object()));
    }
}
