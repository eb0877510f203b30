package dev.pplsim.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.RuleInfo;
import dev.pplsim.engine.Stage;
import dev.pplsim.model.Ascii;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code pplsim rules}: the rule set as a catalog, each rule with its stage, cite, the DRL text it was compiled from
 * and the scenarios whose expectations name it. The metadata is the compiled rule base's ({@link RuleBase}, the
 * checked {@code @id}/{@code @cite}); the text and line are read from the same rules directory.
 */
public final class RuleCatalog {

    /** The kind of question a rule answers: the rule base's own (one KieBase each). */
    public static RuleBase.Kind kindOf(Stage s) { return s.creation() ? RuleBase.Kind.CREATE : s.load() ? RuleBase.Kind.LOAD : RuleBase.Kind.OPEN; }

    /** Where a rule is written: the DRL file as shown to users, the line of its {@code rule "..."}, and its text. */
    public record Source(String file, int line, String text) {
    }

    /** A scenario expectation that names the rule: the file as shown and the line of its {@code rules:} list. */
    public record Use(String file, int line) {
    }

    /** One rule of the catalog; {@code source} is null when the DRL text could not be matched to the rule's name. */
    public record Entry(RuleInfo rule, RuleBase.Kind kind, Source source, List<Use> scenarios) {
        /** The confidence marks (C, S, I, U) the cite's parentheses carry, in order, or an empty list. */
        public List<String> confidence() { return RuleCatalog.confidence(rule.cite()); }
    }

    /** The filters of the listing; null means any. */
    public record Filter(String stage, RuleBase.Kind kind, String grep) {
        boolean accepts(RuleInfo r) {
            // 50: every kind's stage 50; R50, C50, L50: an open's, a creation's, a load's
            if (stage != null && !Ascii.equalsIgnoreCase(r.stage().label(), stage) && !Integer.toString(r.stage().number()).equals(stage)
                    && !(r.stage().open() && Ascii.equalsIgnoreCase("R" + r.stage().number(), stage))) return false;
            if (kind != null && kindOf(r.stage()) != kind) return false;
            if (grep == null) return true;
            String g = grep.toLowerCase(Locale.ROOT);
            return Stream.of(r.id(), r.name(), r.cite(), r.stage().title(), r.stage().kernelFunction())
                    .anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(g));
        }
    }

    private static final Pattern RULE = Pattern.compile("^rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern END = Pattern.compile("^end\\s*(//.*)?$");
    private static final Pattern RULES_LIST = Pattern.compile("\\brules:\\s*\\[([^\\]]*)]");
    private static final Pattern PAREN = Pattern.compile("\\(([^()]*)\\)");
    private static final Pattern MARK = Pattern.compile("(?<![\\w-])([CSIU])(?![\\w-])");

    private final RuleBase rules;
    private final Map<String, Source> sources;
    private final Map<String, List<Use>> uses;

    /**
     * @param rulesDir     the directory {@code rules} was built from (its DRL text is shown)
     * @param scenariosDir the scenarios whose {@code rules:} expectations are searched, or null for none
     */
    public RuleCatalog(RuleBase rules, Path rulesDir, Path scenariosDir) {
        this.rules = rules;
        this.sources = sources(rulesDir);
        this.uses = scenariosDir == null || !Files.isDirectory(scenariosDir) ? Map.of() : uses(scenariosDir);
    }

    /** Every rule the filter accepts, ordered by id. */
    public List<Entry> list(Filter filter) {
        return rules.rules().stream().filter(filter::accepts).map(this::entry).toList();
    }

    /**
     * The rule of an id in any case ({@code r50.5}); an unknown id is bad input naming the nearest ids by edit
     * distance.
     */
    public Entry rule(String id) {
        RuleInfo r = rules.byId(id.toUpperCase(Locale.ROOT));
        if (r == null) {
            List<String> near = nearest(id.toUpperCase(Locale.ROOT), rules.rules().stream().map(RuleInfo::id).toList());
            throw new InputException("unknown rule " + InputException.quoted(id)
                    + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?"));
        }
        return entry(r);
    }

    private Entry entry(RuleInfo r) {
        return new Entry(r, kindOf(r.stage()), sources.get(r.name()), uses.getOrDefault(r.id(), List.of()));
    }

    /**
     * The names at the least edit distance from {@code id} (at most 3 of them, and only when close: half the id's
     * length); also how the CLI narrows picocli's suggestions for a misspelt command or option.
     */
    public static List<String> nearest(String id, List<String> known) {
        int best = Integer.MAX_VALUE;
        List<String> out = new ArrayList<>();
        for (String k : known) {
            int d = distance(id, k);
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best) out.add(k);
        }
        if (best > Math.max(1, id.length() / 2)) return List.of();
        return out.size() > 3 ? out.subList(0, 3) : out;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The confidence marks in a cite's parentheses: "(U)", "(I: ...)", "(OWNER RIGHTS, I)", "(the status is U: ...)". */
    static List<String> confidence(String cite) {
        List<String> marks = new ArrayList<>();
        Matcher p = PAREN.matcher(cite);
        while (p.find()) {
            Matcher m = MARK.matcher(p.group(1));
            while (m.find()) if (!marks.contains(m.group(1))) marks.add(m.group(1));
        }
        return marks;
    }

    /** Each rule's DRL text by rule name: from its {@code rule "name"} line to its {@code end}. */
    private static Map<String, Source> sources(Path dir) {
        Map<String, Source> out = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>(drl(dir));
        for (String sub : List.of(RuleBase.CREATE_DIR, RuleBase.LOAD_DIR)) files.addAll(drl(dir.resolve(sub)));
        for (Path f : files) {
            List<String> lines = read(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = RULE.matcher(lines.get(i));
                if (!m.find()) continue;
                int end = i;
                while (end < lines.size() && !END.matcher(lines.get(end)).matches()) end++;
                String text = String.join("\n", lines.subList(i, Math.min(end + 1, lines.size())));
                out.putIfAbsent(m.group(1).replace("\\\"", "\""), new Source(PolicySet.shown(f), i + 1, text));
                i = end;
            }
        }
        return out;
    }

    /** The scenario lines whose {@code rules: [...]} name each id. */
    private static Map<String, List<Use>> uses(Path dir) {
        Map<String, List<Use>> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            List<String> lines = read(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = RULES_LIST.matcher(lines.get(i));
                while (m.find()) {
                    for (String id : m.group(1).split(",")) {
                        String t = id.strip().replace("\"", "").replace("'", "");
                        if (!t.isEmpty()) out.computeIfAbsent(t, k -> new ArrayList<>()).add(new Use(PolicySet.shown(f), i + 1));
                    }
                }
            }
        }
        return out;
    }

    private static List<Path> drl(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InputException.at(PolicySet.shown(f), "cannot be read: " + e.getMessage());
        }
    }

    /** The listing: an aligned table (id, stage, kind, name, cite) and a count, or a JSON array. */
    public static void printList(List<Entry> entries, ReportFormat format, PrintWriter out) {
        if (format == ReportFormat.JSON) {
            ArrayNode a = JSON.createArrayNode();
            for (Entry e : entries) a.add(summary(e));
            out.println(json(a));
            out.flush();
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ID", "STAGE", "KIND", "NAME", "CITE"});
        for (Entry e : entries) {
            Stage s = e.rule().stage();
            rows.add(new String[]{e.rule().id(), s.label() + " " + s.title(), e.kind().id(), e.rule().name(), e.rule().cite()});
        }
        int[] w = new int[4];
        for (String[] r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r[i].length());
        for (String[] r : rows) {
            out.printf(Locale.ROOT, "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %-" + w[3] + "s  %s%n", (Object[]) r);
        }
        out.printf(Locale.ROOT, "%d rules%n", entries.size());
        out.flush();
    }

    /** One rule: what it does, where it sits and where it is written, and the scenarios that expect it. */
    public static void printRule(Entry e, ReportFormat format, PrintWriter out) {
        RuleInfo r = e.rule();
        Stage s = r.stage();
        if (format == ReportFormat.JSON) {
            ObjectNode n = summary(e);
            n.put("kernelFunction", s.kernelFunction());
            n.put("stageCite", s.cite());
            ArrayNode c = n.putArray("confidence");
            e.confidence().forEach(c::add);
            if (e.source() != null) {
                n.putObject("source").put("file", e.source().file()).put("line", e.source().line()).put("text", e.source().text());
            } else {
                n.putNull("source");
            }
            ArrayNode u = n.putArray("scenarios");
            for (Use x : e.scenarios()) u.addObject().put("file", x.file()).put("line", x.line());
            out.println(json(n));
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "%s  %s%n", r.id(), r.name());
        out.printf(Locale.ROOT, "  stage       %s %s (%s rules)%n", s.label(), s.title(), e.kind().id());
        out.printf(Locale.ROOT, "  kernel      %s%n", s.kernelFunction());
        out.printf(Locale.ROOT, "  cite        %s%n", r.cite());
        List<String> conf = e.confidence();
        out.printf(Locale.ROOT, "  confidence  %s%n", conf.isEmpty() ? "not marked in the cite (see the spec section)" : String.join(", ", conf) + " (from the cite)");
        if (e.source() != null) {
            out.printf(Locale.ROOT, "  source      %s:%d%n", e.source().file(), e.source().line());
        } else {
            out.printf(Locale.ROOT, "  source      not found in the rules directory's DRL text%n");
        }
        if (e.scenarios().isEmpty()) {
            out.printf(Locale.ROOT, "  scenarios   none name it in their rules: expectations%n");
        } else {
            out.printf(Locale.ROOT, "  scenarios   %d expectation%s:%n", e.scenarios().size(), e.scenarios().size() == 1 ? " names it" : "s name it");
            for (Use x : e.scenarios()) out.printf(Locale.ROOT, "              %s:%d%n", x.file(), x.line());
        }
        if (e.source() != null) {
            out.println();
            e.source().text().lines().forEach(l -> out.println("    " + l));
        }
        out.flush();
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static ObjectNode summary(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", e.rule().id());
        n.put("name", e.rule().name());
        n.put("kind", e.kind().id());
        n.putObject("stage").put("label", e.rule().stage().label()).put("number", e.rule().stage().number()).put("title", e.rule().stage().title());
        n.put("cite", e.rule().cite());
        return n;
    }

    private static String json(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
