package dev.pplsim.engine;

import dev.pplsim.explain.Stage;
import dev.pplsim.policy.InputException;
import dev.pplsim.policy.PolicySet;
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

    private final KieBase kieBase;
    private final Map<String, RuleInfo> byName;
    private final Map<String, RuleInfo> byId;
    private final String source;

    private RuleBase(KieBase kieBase, Map<String, RuleInfo> byName, String source) {
        this.kieBase = kieBase;
        this.byName = byName;
        Map<String, RuleInfo> ids = new LinkedHashMap<>();
        byName.values().stream().sorted((a, b) -> compareIds(a.id(), b.id())).forEach(r -> ids.put(r.id(), r));
        this.byId = ids;
        this.source = source;
    }

    /** The rules built into the jar. */
    public static RuleBase builtIn() {
        return compile(PolicySet.classpathDir("pplsim/rules"));
    }

    public static RuleBase compile(Path dir) {
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
            String resource = "src/main/resources/dev/pplsim/rules/" + name;
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
        KieBase kieBase = ks.newKieContainer(release).getKieBase();
        return new RuleBase(kieBase, index(kieBase, dir), PolicySet.shown(dir));
    }

    private static Map<String, RuleInfo> index(KieBase kieBase, Path dir) {
        Map<String, RuleInfo> byName = new LinkedHashMap<>();
        Map<String, String> seenIds = new LinkedHashMap<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                String id = meta(r, "id");
                String cite = meta(r, "cite");
                String where = PolicySet.shown(dir) + ": rule \"" + r.getName() + "\"";
                if (id == null) throw InputException.at(where, "has no @id");
                if (cite == null || !cite.contains("spec §")) throw InputException.at(where, "needs @cite(\"spec §...\")");
                Stage stage = Stage.ofRuleId(id);
                if (stage == null) throw InputException.at(where, "@id(\"" + id + "\") must be R<stage>.<n> with a known stage number");
                if (seenIds.put(id, r.getName()) != null) {
                    throw InputException.at(where, "@id(\"" + id + "\") is also the id of \"" + seenIds.get(id) + "\"");
                }
                byName.put(r.getName(), new RuleInfo(id, r.getName(), cite, stage));
            }
        }
        return byName;
    }

    private static String meta(Rule r, String key) {
        Object v = r.getMetaData().get(key);
        if (v == null) return null;
        String s = v.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s;
    }

    private static List<Path> drlFiles(Path dir) {
        if (!Files.isDirectory(dir)) throw InputException.at(PolicySet.shown(dir), "no such rules directory");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int compareIds(String a, String b) {
        String[] x = a.substring(1).split("\\."), y = b.substring(1).split("\\.");
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    public KieBase kieBase() { return kieBase; }

    public RuleInfo byName(String name) { return byName.get(name); }

    public RuleInfo byId(String id) { return byId.get(id); }

    /** Every rule, ordered by id (stage, then number). */
    public List<RuleInfo> rules() { return List.copyOf(byId.values()); }

    public String source() { return source; }
}
