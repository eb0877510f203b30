package dev.pplsim.engine.fact;

/** The protection-level attribute as NtCreateUserProcess sees it: its DWORD, or null for none (spec §12.1, §12.3). */
public record ProtectionAttribute(CreateRequest request, Long level, String reason) implements CreateDerived {
    public boolean given() { return level != null; }
    public boolean named() { return level != null && dev.pplsim.model.ProtectionLevel.of(level) != null; }
    public boolean same() { return level != null && level == dev.pplsim.model.ProtectionLevel.PROTECTION_LEVEL_SAME.value(); }
    /** The byte a named level other than SAME asks for. */
    public int protection() { return dev.pplsim.model.ProtectionLevel.of(level).protection(); }
    @Override public String describe() {
        return (level == null ? "no protection-level attribute" : "protection-level attribute " + dev.pplsim.model.ProtectionLevel.describe(level)) + ": " + reason;
    }
}
