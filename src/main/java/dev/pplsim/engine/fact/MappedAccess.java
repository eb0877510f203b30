package dev.pplsim.engine.fact;

import dev.pplsim.model.SdkNames;

/** DesiredAccess after the type's GenericMapping (spec §3.1 step 3a). */
public record MappedAccess(OpenRequest request, int mask) implements Derived {
    @Override
    public String describe() {
        return "desired access " + SdkNames.hex(mask) + " (" + SdkNames.rightNames(mask, request.object()) + ")";
    }
}
