package dev.pplsim.engine.fact;

import dev.pplsim.model.NativeCreateFlag;

/** The PROCESS_CREATE_FLAGS_* NtCreateUserProcess receives (spec §12.2). */
public record NativeFlags(CreateRequest request, int flags, String reason) implements CreateDerived {
    public boolean has(NativeCreateFlag f) { return f.in(flags); }
    @Override public String describe() { return "native flags " + dev.pplsim.model.SdkNames.hex(flags) + " (" + NativeCreateFlag.names(flags) + "): " + reason; }
}
