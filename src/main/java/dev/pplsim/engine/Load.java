package dev.pplsim.engine;

import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.SigningLevel;

import java.util.List;

/**
 * The answer to one {@link LoadQuery}: the status; the image's signing level and the process's SectionSignatureLevel
 * the rules found; and, on success, whether a {@code \KnownDlls} section was mapped unchecked, whether page hashes
 * were enforced and whether bytes other than those Code Integrity hashed run; with the rules that fired and the trace.
 *
 * @param sectionLevel null when no SectionSignatureLevel is known for the process (the load is refused)
 */
public record Load(LoadQuery query, NtStatus status, int imageLevel, Integer sectionLevel, boolean knownDllsSection,
                   boolean pageHashesEnforced, boolean modifiedBytesRun, String reason, List<String> rules, Trace trace)
        implements Answer<LoadQuery> {

    public Load {
        rules = List.copyOf(rules);
    }

    @Override
    public String toString() {
        return "Load[" + query + " -> " + status + " image " + SigningLevel.describe(imageLevel)
                + (sectionLevel == null ? "" : " section " + SigningLevel.describe(sectionLevel)) + " " + rules + "]";
    }
}
