package dev.pplsim.policy;

import dev.pplsim.request.InputException;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an image load reads (spec §12.8), loaded from {@code policies/loads.yaml}: each build's switches. The signing levels are {@link CreationPolicy}'s rows, not a copy of them.
 */
public record LoadPolicy(Map<String, LoadSwitches> builds, String source) {

    public static final String FILE = "loads.yaml";

    public static LoadPolicy load(Path root) {
        Path f = root.resolve(FILE);
        String shown = PolicySet.shown(f);
        if (!Files.isRegularFile(f)) throw InputException.at(shown, "missing: " + FILE + " is required to decide an image load");
        return Yaml.read(f, shown, File.class).toPolicy(shown);
    }

    /** The build's switches; a build the file does not list has no load model. */
    public LoadSwitches switches(String build) {
        LoadSwitches s = builds.get(build);
        if (s == null) {
            throw new InputException("build '" + build + "' has no load switches in " + source + " (listed: "
                    + String.join(", ", builds.keySet()) + ")");
        }
        return s;
    }

    /** The YAML shape of {@code policies/loads.yaml}. */
    public record File(
            @JsonProperty(required = true) String cite,
            @JsonProperty(required = true) Map<String, BuildEntry> builds) {

        public File {
            if (builds.isEmpty()) throw new InputException("builds is empty");
        }

        LoadPolicy toPolicy(String source) {
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
