package dev.pplsim.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One build's image-load behaviour (spec §6.3, §12.8, §12.9). Each servicing change is a switch, so a what-if can put a build before or after it.
 *
 * @param knownDllsForLight       whether a PPL maps {@code \KnownDlls} sections (before July 2022, §6.3)
 * @param networkPageHashes       whether a protected process checks page hashes of images over a network redirector
 *                                (since February 2024, §12.8)
 * @param unhashedWhereEnforced   an image without page hashes where they are enforced (§12.8, U)
 */
public record LoadSwitches(String build, boolean knownDllsForLight, boolean networkPageHashes,
                           UnhashedImage unhashedWhereEnforced) {

    /** The same switches for a build of another name (a what-if overlay of this one). */
    public LoadSwitches as(String name) {
        return new LoadSwitches(name, knownDllsForLight, networkPageHashes, unhashedWhereEnforced);
    }

    public enum UnhashedImage { @JsonProperty("refused") REFUSED, @JsonProperty("unchecked") UNCHECKED }
}
