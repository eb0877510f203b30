package dev.pplsim.engine.fact;

/** The access of PROCESS_INFORMATION.hProcess and hThread (spec §12.5). */
public record ReturnedHandles(CreateRequest request, int process, int thread, String reason) implements CreateDerived {
    @Override public String describe() {
        return "hProcess " + dev.pplsim.model.SdkNames.hex(process) + ", hThread " + dev.pplsim.model.SdkNames.hex(thread) + ": " + reason;
    }
}
