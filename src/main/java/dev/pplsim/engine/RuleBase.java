package dev.pplsim.engine;

import dev.pplsim.policy.ContentDigest;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The compiled rule set: every {@code NN-*.drl} of a rules directory, compiled to Drools' executable model, with
 * each rule's {@code @id} / {@code @cite} metadata checked and indexed.
 */
public final class RuleBase {

    private static final AtomicInteger BUILDS = new AtomicInteger();

    /** What a question asks, and so which stages' rules answer it: an open's, a creation's (rules/create/), a load's (rules/load/). */
    public enum Kind {
        OPEN, CREATE, LOAD;

        /** The spelling on the command line ({@code pplsim rules --kind create}). */
        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * The KieBase of each kind of question and the rules' metadata, indexed by name and by id. A prebuilt rule set
     * builds each kind's KieBase from that kind's model on its first question, so a one-shot open does not pay for the
     * creation and load rules; a compiled one has one KieBase for all three.
     */
    private record Built(java.util.function.Function<Kind, KieBase> kieBase, Map<String, RuleInfo> byName, Map<String, RuleInfo> byId) {

        static Built of(java.util.function.Function<Kind, KieBase> kieBase, Map<String, RuleInfo> byName) {
            Map<String, RuleInfo> ids = new LinkedHashMap<>();
            byName.values().stream().sorted((a, b) -> compareIds(a.id(), b.id())).forEach(r -> ids.put(r.id(), r));
            return new Built(kieBase, byName, ids);
        }
    }

    private final java.util.function.Supplier<Built> build;
    private volatile Built built;
    private final String source;
    private final String digest;

    private RuleBase(java.util.function.Supplier<Built> build, String source, String digest) {
        this.build = build;
        this.digest = digest;
        this.source = source;
    }

    /**
     * The KieBase, built on first use: a run that needs no rule run (a proof whose key runs are kept, help) does not
     * pay for it (a third of a second).
     */
    private Built built() {
        Built b = built;
        if (b == null) {
            synchronized (this) {
                b = built;
                if (b == null) built = b = build.get();
            }
        }
        return b;
    }

    /**
     * Starts building the KieBase on another thread, for a command that will run the rules and has other start-up
     * work to do meanwhile: a one-shot decide loads its policies while the KieBase is built on the other core. The
     * first use waits for that build. Should it fail, nothing is reported here: the first use builds again, on its
     * own thread, and meets the same failure with its message.
     */
    public void buildAhead() {
        Thread t = new Thread(() -> {
            try {
                // an open's KieBase: what the commands that build ahead (decide) ask first
                kieBase(Kind.OPEN);
            } catch (RuntimeException | LinkageError e) {
                // left for the first use to meet and report
            }
        }, "pplsim-rules-ahead");
        t.setDaemon(true);
        t.start();
    }

    /** The subdirectory of a rules directory that holds a creation's stages. */
    public static final String CREATE_DIR = "create";

    /** The subdirectory of a rules directory that holds an image load's stages. */
    public static final String LOAD_DIR = "load";

    /** Where the build writes the executable model's index (see {@link RuleCompiler}). */
    static final String PREBUILT_INDEX = "pplsim/prebuilt-rules.properties";

    /** The rules built into the jar, from the executable model compiled at build time. */
    public static RuleBase builtIn() {
        Path dir = PolicySet.classpathDir("pplsim/rules");
        RuleBase prebuilt = prebuilt(dir);
        return prebuilt != null ? prebuilt : compile(dir);
    }

    /**
     * The rules of a directory: the prebuilt executable model when the directory's DRL files are the ones it was
     * built from, else compiled now (seconds; says so on stderr), so an edited rule always takes effect.
     */
    public static RuleBase load(Path dir) {
        RuleBase prebuilt = prebuilt(dir);
        return prebuilt != null ? prebuilt : compileEdited(dir);
    }

    /** A directory whose DRL files are not the prebuilt ones ({@link #prebuilt} gave null), compiled now, saying so. */
    public static RuleBase compileEdited(Path dir) {
        System.err.println("pplsim: " + PolicySet.shown(dir) + " differs from the rules built into the jar; compiling it (a few seconds)");
        return compile(dir);
    }

    /** The prebuilt model if its recorded hash equals the directory's, else null (then {@link #compileEdited}). */
    public static RuleBase prebuilt(Path dir) {
        java.util.Properties index = new java.util.Properties();
        try (var in = RuleBase.class.getClassLoader().getResourceAsStream(PREBUILT_INDEX)) {
            if (in == null) return null;
            index.load(in);
        } catch (IOException e) {
            return null;
        }
        String digest = ContentDigest.ofFiles(dir, drlFiles(dir));
        if (!index.getProperty("hash", "").equals(digest)) return null;
        List<String> names = new java.util.ArrayList<>();
        for (String name : index.getProperty("models", "").split(",")) {
            if (!name.isBlank()) names.add(name.trim());
        }
        if (names.isEmpty()) return null;
        return new RuleBase(() -> {
            Map<Kind, List<org.drools.model.Model>> models = new java.util.EnumMap<>(Kind.class);
            List<org.drools.model.Rule> all = new java.util.ArrayList<>();
            for (String name : names) {
                org.drools.model.Model m;
                try {
                    m = (org.drools.model.Model) Class.forName(name, true, RuleBase.class.getClassLoader()).getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    // a jar whose model classes do not load: the DRL it carries is compiled instead (slow, but right)
                    return compile(dir).built();
                }
                models.computeIfAbsent(kindOf(m.getPackageName()), k -> new java.util.ArrayList<>()).add(m);
                all.addAll(m.getRules());
            }
            Map<Kind, KieBase> bases = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.function.Function<Kind, KieBase> base = k -> bases.computeIfAbsent(k,
                    x -> org.drools.modelcompiler.KieBaseBuilder.createKieBaseFromModel(models.getOrDefault(x, List.of())));
            return Built.of(base, index(all.stream().map(r -> new Named(r.getName(), r.getMetaData())).toList(), dir));
        }, PolicySet.shown(dir) + " (prebuilt)", digest);
    }

    public static RuleBase compile(Path dir) {
        return compile(dir, null);
    }

    /**
     * Compiles a rules directory to the executable model; when {@code out} is given, also writes the generated
     * classes and the index there, for {@link #prebuilt} to load without compiling.
     */
    static RuleBase compile(Path dir, Path out) {
        List<Path> files = drlFiles(dir);
        if (files.isEmpty()) throw InputException.at(PolicySet.shown(dir), "no rule files (NN-*.drl)");
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // a distinct release per compilation, so several rule sets can live in one JVM (what-ifs, tests)
        ReleaseId release = ks.newReleaseId("dev.pplsim", "rules", "1." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(release);
        Map<String, Path> byResource = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!name.matches("\\d{2}-[a-z0-9-]+\\.drl")) {
                throw InputException.at(PolicySet.shown(f), "rule files are named NN-stage-name.drl, in evaluation order");
            }
            String resource = "src/main/resources/dev/pplsim/rules/" + dir.relativize(f).toString().replace('\\', '/');
            byResource.put(resource, f);
            try {
                kfs.write(resource, Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            Message m = errors.get(0);
            String file = m.getPath() == null ? PolicySet.shown(dir) : byResource.entrySet().stream()
                    .filter(e -> e.getKey().endsWith(m.getPath()) || m.getPath().endsWith(e.getValue().getFileName().toString()))
                    .map(e -> PolicySet.shown(e.getValue())).findFirst().orElse(m.getPath());
            String text = m.getText() == null ? "" : m.getText().lines().findFirst().orElse("").trim();
            throw new InputException(file + (m.getLine() > 0 ? ":" + m.getLine() : "") + ": rule compilation failed: " + text
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : ""));
        }
        if (out != null) writePrebuilt(builder, dir, files, out);
        KieBase kieBase = ks.newKieContainer(release).getKieBase();
        List<Named> rules = new java.util.ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) for (Rule r : p.getRules()) rules.add(new Named(r.getName(), r.getMetaData()));
        Built built = Built.of(k -> kieBase, index(rules, dir));
        return new RuleBase(() -> built, PolicySet.shown(dir), ContentDigest.ofFiles(dir, files));
    }

    private static void writePrebuilt(KieBuilder builder, Path dir, List<Path> files, Path out) {
        var module = (org.drools.compiler.kie.builder.impl.InternalKieModule) builder.getKieModule();
        String models = null;
        try {
            // the rules' packages are named by a hash of the rules: an earlier build's would stay in the jar beside them
            Path generated = out.resolve("dev/pplsim/rules");
            if (Files.isDirectory(generated)) {
                try (var old = Files.walk(generated)) {
                    for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
                }
            }
            for (String name : module.getFileNames()) {
                if (name.endsWith(".class")) {
                    Path target = out.resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.write(target, module.getBytes(name));
                } else if (name.endsWith("/drools-model")) {
                    models = new String(module.getBytes(name), java.nio.charset.StandardCharsets.UTF_8).lines()
                            .filter(l -> !l.isBlank() && !l.startsWith("Drools-Model-Version"))
                            .collect(java.util.stream.Collectors.joining(","));
                }
            }
            if (models == null) throw new IllegalStateException("the executable model has no drools-model index");
            Path index = out.resolve(PREBUILT_INDEX);
            Files.createDirectories(index.getParent());
            Files.writeString(index, "# written by the build (RuleCompiler); do not edit\nhash=" + ContentDigest.ofFiles(dir, files) + "\nmodels=" + models + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule's name and metadata, from a KieBase's package or a prebuilt model. */
    private record Named(String name, Map<String, Object> meta) {
    }

    /** The kind of question a rule package answers, by the folder its files are in (rules/create/, rules/load/). */
    private static Kind kindOf(String pkg) {
        return pkg.endsWith("." + CREATE_DIR) ? Kind.CREATE : pkg.endsWith("." + LOAD_DIR) ? Kind.LOAD : Kind.OPEN;
    }

    private static Map<String, RuleInfo> index(List<Named> rules, Path dir) {
        Map<String, RuleInfo> byName = new LinkedHashMap<>();
        Map<String, String> seenIds = new LinkedHashMap<>();
        {
            for (Named r : rules) {
                String id = meta(r, "id");
                String cite = meta(r, "cite");
                String where = PolicySet.shown(dir) + ": rule \"" + r.name() + "\"";
                if (id == null) throw InputException.at(where, "has no @id");
                if (cite == null || !cite.contains("spec §")) throw InputException.at(where, "needs @cite(\"spec §...\")");
                Stage stage = Stage.ofRuleId(id);
                if (stage == null) throw InputException.at(where, "@id(\"" + id + "\") must be R<stage>.<n> with a known stage number");
                if (seenIds.put(id, r.name()) != null) {
                    throw InputException.at(where, "@id(\"" + id + "\") is also the id of \"" + seenIds.get(id) + "\"");
                }
                // the trace finds a rule by its name alone, so a name shared by two packages would credit the wrong one
                RuleInfo before = byName.put(r.name(), new RuleInfo(id, r.name(), cite, stage));
                if (before != null) throw InputException.at(where, "has the name of rule " + before.id() + ": rule names are unique across stages");
            }
        }
        return byName;
    }

    private static String meta(Named r, String key) {
        Object v = r.meta().get(key);
        if (v == null) return null;
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s;
    }

    private static List<Path> drlFiles(Path dir) {
        if (!Files.isDirectory(dir)) throw InputException.at(PolicySet.shown(dir), "no such rules directory");
        // an open's stages, then a creation's (rules/create/), then a load's (rules/load/), each in file-name order
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = new java.util.ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList());
            for (String sub : List.of(CREATE_DIR, LOAD_DIR)) {
                Path d = dir.resolve(sub);
                if (!Files.isDirectory(d)) continue;
                try (Stream<Path> c = Files.list(d)) {
                    files.addAll(c.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList());
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int compareIds(String a, String b) {
        // an open's rules (R), then a creation's (C), then a load's (L), each by stage, then number
        int c = Integer.compare("RCL".indexOf(a.charAt(0)), "RCL".indexOf(b.charAt(0)));
        if (c != 0) return c;
        String[] x = a.substring(1).split("\\."), y = b.substring(1).split("\\.");
        c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    /** The KieBase that answers this kind of question, built on its first use. */
    public KieBase kieBase(Kind kind) { return built().kieBase().apply(kind); }

    /** Builds every kind's KieBase now: for a server, which must not make its first questions wait, or fail on them. */
    public void buildAll() {
        for (Kind k : Kind.values()) kieBase(k);
    }

    public RuleInfo byName(String name) { return built().byName().get(name); }

    public RuleInfo byId(String id) { return built().byId().get(id); }

    /** Every rule, ordered by id (stage, then number). */
    public List<RuleInfo> rules() { return List.copyOf(built().byId().values()); }

    /** The rules of an open's stages ({@code creation} false) or of a creation's, ordered by id. */
    public List<RuleInfo> rules(boolean creation) {
        return built().byId().values().stream().filter(r -> creation ? r.stage().creation() : r.stage().open()).toList();
    }

    /** The rules of an image load's stages, ordered by id. */
    public List<RuleInfo> loadRules() {
        return built().byId().values().stream().filter(r -> r.stage().load()).toList();
    }

    public String source() { return source; }

    /** SHA-256 of the DRL files this rule base was built from: what a result derived from its runs depends on. */
    public String digest() { return digest; }
}
