package dev.pplsim.engine.fact;

/** Whether Code Integrity compares each page read in with the image's page hashes (spec §12.8). */
public record PageHashPolicy(LoadRequest request, boolean enforced, String reason) implements LoadDerived {
    @Override public String describe() {
        return (enforced ? "page hashes are enforced: " : "page hashes are not enforced: ") + reason;
    }
}
