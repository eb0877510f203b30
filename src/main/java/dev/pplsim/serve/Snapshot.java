package dev.pplsim.serve;

import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.jobs.ScenarioRunner;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything one request is answered from, loaded whole from a private copy of the policies and rules that nobody
 * edits (see {@link Snapshots}), and never changed after: the simulator (the builds, plus each what-if overlay's
 * build under the overlay's name), the table learnt from its rules, the system catalogs and system overlays, and
 * the answers already worked out for it (matrices, what-ifs, lessons), which are therefore never stale.
 */
final class Snapshot {

    /** A system by name: a catalog of policies/systems, or an overlay of one (its build then named after the overlay). */
    record SystemEntry(String name, SystemCatalog catalog, Overlay.World world, boolean overlay, String note) {
    }

    /** A build by name: a build file, or a build overlay of policies/whatif. */
    record BuildEntry(String name, Build build, boolean overlay, String base, String note) {
    }

    final String digest;
    final Instant loaded;
    final Simulator sim;
    final DecisionTable table;
    final RuleBase rules;
    final String rulesDigest;
    /** The builds of the build files, in their order: what a property that names none is proved for. */
    final List<String> buildNames;
    final Map<String, BuildEntry> builds;
    final Map<String, SystemEntry> systems;
    /** What of the policies could not be loaded without stopping the rest (a broken catalog or overlay), one line each. */
    final List<String> problems;
    /** Each overlay file, as a scenario names it ({@code whatif/NAME.yaml}), to the name its build has here. */
    final Map<String, String> overlayFiles;
    /** The private copy's root, its policies and rules folders inside; shown paths are mapped back to the user's. */
    final Path copy;
    private final Map<String, String> shownPaths;
    private final ConcurrentHashMap<String, CompletableFuture<Object>> memo = new ConcurrentHashMap<>();

    private Snapshot(String digest, Simulator sim, RuleBase rules, String rulesDigest, List<String> buildNames, Map<String, BuildEntry> builds,
                     Map<String, SystemEntry> systems, List<String> problems, Map<String, String> overlayFiles, Path copy,
                     Map<String, String> shownPaths) {
        this.digest = digest;
        this.loaded = Instant.now();
        this.sim = sim;
        this.table = new DecisionTable(sim);
        this.rules = rules;
        this.rulesDigest = rulesDigest;
        this.buildNames = buildNames;
        this.builds = builds;
        this.systems = systems;
        this.problems = problems;
        this.overlayFiles = overlayFiles;
        this.copy = copy;
        this.shownPaths = shownPaths;
    }

    /**
     * Loads the copy under {@code copy} (its {@code policies} and {@code rules} folders); {@code reuse} is the rule
     * base of the snapshot before when the rules' digest is unchanged (an edited build then reloads in a fraction of a
     * second, not the seconds a KieBase takes). Input errors name the user's files, not the copy's.
     */
    static Snapshot load(String digest, Path copy, Map<String, String> shownPaths, RuleBase reuse, String rulesDigest) {
        try {
            Path policiesDir = copy.resolve("policies"), rulesDir = copy.resolve("rules");
            PolicySet base = PolicySet.load(policiesDir);
            RuleBase rules = reuse;
            if (rules == null) {
                rules = RuleBase.prebuilt(rulesDir);
                if (rules == null) {
                    System.err.println("pplsim: " + shownPaths.getOrDefault(PolicySet.shown(rulesDir), PolicySet.shown(rulesDir))
                            + " differs from the rules built into the jar; compiling it (a few seconds)");
                    rules = RuleBase.compile(rulesDir);
                }
            }
            // built now, on the loading thread: no request waits for it, and a broken rule fails the load, not a request
            rules.buildAll();
            List<String> problems = new ArrayList<>();
            Map<String, BuildEntry> builds = new LinkedHashMap<>();
            for (Build b : base.builds().values()) builds.put(b.name(), new BuildEntry(b.name(), b, false, null, b.description()));
            Map<String, SystemEntry> systems = new LinkedHashMap<>();
            try {
                for (SystemCatalog c : SystemCatalog.load(policiesDir).values()) {
                    systems.put(c.name(), new SystemEntry(c.name(), c, new Overlay.World(c.name(), c, base.build(c.build())), false, c.description()));
                }
            } catch (InputException e) {
                problems.add("systems: " + shown(e.getMessage(), shownPaths));
            }
            Map<String, String> overlayFiles = new LinkedHashMap<>();
            Simulator sim = new Simulator(base, rules);
            Path whatif = policiesDir.resolve("whatif");
            if (Files.isDirectory(whatif)) {
                for (Path f : dev.pplsim.policy.Yaml.files(whatif)) {
                    try {
                        Overlay.World w = Overlay.resolve(base, f.toString());
                        if (builds.containsKey(w.name()) || systems.containsKey(w.name())) {
                            problems.add(shown(PolicySet.shown(f), shownPaths) + ": overlay '" + w.name() + "' has the name of a build or system; left out");
                            continue;
                        }
                        Build b = w.build();
                        // under the overlay's name, creating and loading as its base build does, with its creation changes
                        sim = sim.withWorld(w.name(), w);
                        Build named = sim.policies().build(w.name());
                        overlayFiles.put(policiesDir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"), w.name());
                        String note = overlayNote(f);
                        if (w.system() == null) {
                            builds.put(w.name(), new BuildEntry(w.name(), named, true, b.name(), note));
                        } else {
                            SystemCatalog s = w.system();
                            SystemCatalog renamed = new SystemCatalog(w.name(), s.description(), w.name(), s.cite(), s.processes());
                            systems.put(w.name(), new SystemEntry(w.name(), renamed, new Overlay.World(w.name(), s, b, w.creation()), true, note));
                        }
                    } catch (InputException e) {
                        problems.add(shown(e.getMessage(), shownPaths));
                    }
                }
            }
            // the data the security-descriptor, creation and load stages read, loaded now from the copy
            sim.security();
            sim.creation();
            sim.loading();
            return new Snapshot(digest, sim, rules, rulesDigest, List.copyOf(base.builds().keySet()), builds, systems, List.copyOf(problems),
                    overlayFiles, copy, shownPaths);
        } catch (InputException e) {
            throw new InputException(shown(e.getMessage(), shownPaths));
        }
    }

    /** An overlay's note (its {@code note:} field), read again for the listing; null when it has none readable. */
    private static String overlayNote(Path f) {
        try {
            return dev.pplsim.policy.Yaml.read(f, f.toString(), Overlay.class).note();
        } catch (InputException e) {
            return null;
        }
    }

    /** A message with the private copy's paths replaced by the user's. */
    static String shown(String message, Map<String, String> shownPaths) {
        String out = message;
        for (var e : shownPaths.entrySet()) out = out.replace(e.getKey(), e.getValue());
        return out;
    }

    String shown(String message) {
        return shown(message, shownPaths);
    }

    /** The build's entry, or a 422 naming the known ones. */
    BuildEntry build(String name, String param) {
        BuildEntry b = builds.get(name);
        if (b == null) throw HttpError.unprocessable(param + ": unknown build '" + name + "' (known: " + String.join(", ", builds.keySet()) + ")");
        return b;
    }

    SystemEntry system(String name, String param) {
        SystemEntry s = systems.get(name);
        if (s == null) throw HttpError.unprocessable(param + ": unknown system '" + name + "' (known: " + String.join(", ", systems.keySet()) + ")");
        return s;
    }

    /**
     * An answer worked out once for this snapshot and kept with it: the same question asked again (the page asks for
     * a matrix on every visit) is answered from memory, and a new snapshot starts with none.
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> memo(String key, Supplier<T> work) {
        CompletableFuture<Object> f = memo.get(key);
        if (f != null) return (CompletableFuture<T>) (CompletableFuture<?>) f;
        CompletableFuture<Object> mine = new CompletableFuture<>();
        f = memo.putIfAbsent(key, mine);
        if (f != null) return (CompletableFuture<T>) (CompletableFuture<?>) f;
        try {
            mine.complete(work.get());
        } catch (RuntimeException | Error e) {
            // a failure is not kept: the next request tries again (a timeout, say, is not the question's answer)
            memo.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return (CompletableFuture<T>) (CompletableFuture<?>) mine;
    }

    /** The scenarios' results for the lessons, worked out on first use. */
    List<ScenarioRunner.Result> lessons() {
        Path dir = copy.resolve("policies").resolve("scenarios");
        try {
            return this.<List<ScenarioRunner.Result>>memo("lessons", () -> Files.isDirectory(dir) ? ScenarioRunner.run(sim, List.of(dir)) : List.of()).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof InputException ie) throw HttpError.unprocessable("lessons: " + shown(ie.getMessage()));
            throw e;
        }
    }
}
