package dev.pplsim.engine.fact;

import dev.pplsim.model.ImageSource;

/**
 * Where the mapped section comes from (spec §6.3, §12.8): a section the loader creates now from a file (so Code
 * Integrity's MiValidateSectionCreate runs), or an existing {@code \KnownDlls} section it maps as it is.
 *
 * @param newSection whether an image section is created for this load
 * @param file       where the file is read from when a section is created (a PP reads a KnownDll from System32)
 */
public record SectionSource(LoadRequest request, boolean newSection, ImageSource file, String reason) implements LoadDerived {
    @Override public String describe() {
        return (newSection ? "a new image section from " + file.kernelName() : "the existing \\KnownDlls section is mapped") + ": " + reason;
    }
}
