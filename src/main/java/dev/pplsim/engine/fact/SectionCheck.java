package dev.pplsim.engine.fact;

/** MiValidateSectionCreate's verdict, or that it did not run (no section was created). */
public record SectionCheck(LoadRequest request, boolean checked, String reason) implements LoadDerived {
    @Override public String describe() {
        return (checked ? "Code Integrity accepts the section: " : "Code Integrity does not check it: ") + reason;
    }
}
