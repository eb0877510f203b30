package dev.pplsim.policy;

import dev.pplsim.request.InputException;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an image load reads (spec §12.8), loaded from {@code policies/loads.yaml}: each build's switches. The signing levels are {@link CreationPolicy}'s rows, not a copy of them.
 */
public record LoadPolicy(Map<String, LoadSwitches> builds, String source) implements BuildModels<LoadSwitches> {

    public static final String FILE = "loads.yaml";

    public static LoadPolicy load(Path root) {
        return BuildModels.load(root, FILE, "decide an image load", File.class);
    }

    @Override
    public String kind() {
        return "load";
    }

    /** This policy with {@code build}'s load switches these (a build the file does not list gets them). */
    public LoadPolicy withSwitches(String build, LoadSwitches switches) {
        Map<String, LoadSwitches> bs = new LinkedHashMap<>(builds);
        bs.put(build, switches);
        return new LoadPolicy(java.util.Collections.unmodifiableMap(bs), source);
    }

    /** The YAML shape of {@code policies/loads.yaml}. */
    public record File(
            @JsonProperty(required = true) String cite,
            @JsonProperty(required = true) Map<String, BuildEntry> builds) implements BuildModels.Shape<LoadPolicy> {

        public File {
            if (builds.isEmpty()) throw new InputException("builds is empty");
        }

        @Override
        public LoadPolicy toPolicy(String source) {
            Map<String, LoadSwitches> bs = new LinkedHashMap<>();
            builds.forEach((name, b) -> bs.put(name, new LoadSwitches(name, b.knownDllsForLight, b.networkPageHashes,
                    b.unhashedWhereEnforced)));
            return new LoadPolicy(java.util.Collections.unmodifiableMap(bs), source);
        }
    }

    public record BuildEntry(
            @JsonProperty(required = true) Boolean knownDllsForLight,
            @JsonProperty(required = true) Boolean networkPageHashes,
            @JsonProperty(required = true) LoadSwitches.UnhashedImage unhashedWhereEnforced) {
    }
}
