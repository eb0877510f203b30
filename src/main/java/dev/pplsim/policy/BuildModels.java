package dev.pplsim.policy;

import dev.pplsim.request.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A policy file that models a kind of request per build ({@code creation.yaml}, {@code loads.yaml}): each build it
 * lists has its switches, and a build it does not list has no model of that kind.
 */
public interface BuildModels<S> {

    Map<String, S> builds();

    /** The file as errors show it. */
    String source();

    /** What the switches are of, as an error names them: {@code creation}, {@code load}. */
    String kind();

    /** The build's switches; a build the file does not list has no model. */
    default S switches(String build) {
        S s = builds().get(build);
        if (s == null) {
            throw new InputException("build '" + build + "' has no " + kind() + " switches in " + source() + " (listed: "
                    + String.join(", ", builds().keySet()) + ")");
        }
        return s;
    }

    /** The YAML shape of such a file, which becomes the policy once read. */
    interface Shape<P> {
        P toPolicy(String source);
    }

    /** {@code file} under {@code root}, which must exist: it is {@code needed} (the words of the error when it does not). */
    static <P> P load(Path root, String file, String needed, Class<? extends Shape<P>> shape) {
        Path f = root.resolve(file);
        String shown = PolicySet.shown(f);
        if (!Files.isRegularFile(f)) throw InputException.at(shown, "missing: " + file + " is required to " + needed);
        return Yaml.read(f, shown, shape).toPolicy(shown);
    }
}
