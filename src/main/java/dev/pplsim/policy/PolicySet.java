package dev.pplsim.policy;

import dev.pplsim.model.ObjectKind;
import dev.pplsim.request.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every build and the object types, loaded from a policies directory: the working tree's {@code policies/} for
 * what-ifs, or the copy built into the jar.
 */
public final class PolicySet {

    private final Path root;
    private final Map<String, Build> builds;
    private final Map<ObjectKind, ObjectTypeInfo> objectTypes;

    private PolicySet(Path root, Map<String, Build> builds, Map<ObjectKind, ObjectTypeInfo> objectTypes) {
        this.root = root;
        this.builds = builds;
        this.objectTypes = objectTypes;
    }

    /** The policies built into the jar. */
    public static PolicySet builtIn() {
        return load(classpathDir("pplsim/policies"));
    }

    public static PolicySet load(Path root) {
        if (!Files.isDirectory(root)) throw InputException.at(root.toString(), "no such policies directory");
        Path types = root.resolve("object-types.yaml");
        if (!Files.isRegularFile(types)) throw InputException.at(shown(types), "missing: the object types file is required");
        Map<ObjectKind, ObjectTypeInfo> objectTypes = Yaml.read(types, shown(types), ObjectTypesFile.class).toInfo();
        Map<String, Build> builds = new LinkedHashMap<>();
        Path dir = root.resolve("builds");
        if (Files.isDirectory(dir)) {
            for (Path f : yamlFiles(dir)) {
                Build b = loadBuild(f, objectTypes);
                if (builds.containsKey(b.name())) {
                    throw InputException.at(shown(f), "build '" + b.name() + "' is also defined in " + builds.get(b.name()).source());
                }
                builds.put(b.name(), b);
            }
        }
        if (builds.isEmpty()) throw InputException.at(shown(dir), "no build files (*.yaml)");
        return new PolicySet(root, builds, objectTypes);
    }

    /** Loads one build file, e.g. a what-if copy given by path. */
    public static Build loadBuild(Path f, Map<ObjectKind, ObjectTypeInfo> objectTypes) {
        String shown = shown(f);
        Build b = Yaml.read(f, shown, BuildFile.class).toBuild(shown);
        for (ObjectTypeInfo t : objectTypes.values()) {
            if (!t.genericMappings().containsKey(b.switches().genericMapping())) {
                throw InputException.at(shown, "switches.genericMapping: '" + b.switches().genericMapping()
                        + "' is not a mapping of the " + t.kind().id() + " type (known: " + String.join(", ", t.genericMappings().keySet()) + ")");
            }
        }
        return b;
    }

    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path as a user would recognise it: relative to the working directory when it is inside it. */
    public static String shown(Path p) {
        if (p.getFileSystem() != FileSystems.getDefault()) return "<built-in>" + p;
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** A directory of the classpath as a Path, inside the jar when running from one. */
    public static Path classpathDir(String name) {
        URL url = PolicySet.class.getClassLoader().getResource(name);
        if (url == null) throw new IllegalStateException("built-in resource " + name + " is missing from the classpath");
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath("/" + name);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open built-in resource " + name, e);
        }
    }

    /** This set plus one more build (a what-if file given by path); a build of the same name is replaced. */
    public PolicySet with(Build extra) {
        Map<String, Build> all = new LinkedHashMap<>(builds);
        all.put(extra.name(), extra);
        return new PolicySet(root, all, objectTypes);
    }

    public Path root() { return root; }
    public Map<String, Build> builds() { return builds; }
    public Map<ObjectKind, ObjectTypeInfo> objectTypes() { return objectTypes; }

    public Build build(String name) {
        Build b = builds.get(name);
        if (b == null) {
            // a file named where a build name goes: files are given to the command (batch --with), lines name them
            String file = name.endsWith(".yaml") || name.endsWith(".yml") ? "; a build or overlay file is given to the command (batch --with FILE) and named here by its name" : "";
            throw new InputException("unknown build '" + name + "' (known: " + String.join(", ", builds.keySet()) + file + ")");
        }
        return b;
    }
}
