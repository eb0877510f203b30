package dev.pplsim.jobs;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Load;
import dev.pplsim.engine.RuleInfo;
import dev.pplsim.engine.Simulator;
import dev.pplsim.io.Outputs;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.Yaml;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Runs scenario files against the rules: each case passes when the decision is what it wants. */
public final class ScenarioRunner {

    /** One case's result: an open's decision, a creation or an image load; {@code failure} is null when it passed. */
    public record Result(String file, ScenarioFile.Case scenario, Decision decision, Creation creation, Load load, String failure, long millis) {
        public boolean passed() { return failure == null; }

        /** The rules that fired for the case. */
        public List<String> rules() { return decision != null ? decision.rules() : creation != null ? creation.rules() : load.rules(); }
    }

    private ScenarioRunner() {
    }

    /** Every case of every YAML file under the paths (files sorted, cases in order); input errors stop the run. */
    public static List<Result> run(Simulator sim, List<Path> paths) {
        List<Result> out = new ArrayList<>();
        java.util.Map<String, Alt> overlays = new java.util.HashMap<>();
        for (Path p : paths) {
            for (Path f : Yaml.nonEmptyFiles(p, "scenario")) {
                String shown = PolicySet.shown(f);
                ScenarioFile file = Yaml.read(f, shown, ScenarioFile.class);
                for (int i = 0; i < file.scenarios().size(); i++) {
                    ScenarioFile.Case c = file.scenarios().get(i);
                    if (c.want().rules() != null) {
                        for (String id : c.want().rules()) {
                            if (sim.rules().byId(id) == null) {
                                throw InputException.at(shown + ": scenarios[" + i + "].want.rules", "no rule has the id '" + id + "'");
                            }
                        }
                    }
                    long start = System.nanoTime();
                    try {
                        if (c.load() != null) {
                            Load l = load(sim, c.load().toQuery(), overlays);
                            out.add(new Result(shown, c, null, null, l, check(c.want(), l), (System.nanoTime() - start) / 1_000_000));
                        } else if (c.create() != null) {
                            Creation cr = create(sim, c.create().toQuery(), overlays);
                            out.add(new Result(shown, c, null, cr, null, check(c.want(), cr), (System.nanoTime() - start) / 1_000_000));
                        } else {
                            Decision d = decide(sim, c.request(), overlays);
                            out.add(new Result(shown, c, d, null, null, check(c.want(), d), (System.nanoTime() - start) / 1_000_000));
                        }
                    } catch (InputException e) {
                        throw InputException.at(shown + ": scenarios[" + i + "] (" + c.note() + ")", e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /**
     * An open whose build names a what-if overlay ({@code whatif/NAME.yaml}, under the policies directory) is decided
     * on that overlay's build: how a scenario pins the alternative of a U fact that a switch models (spec §7.3).
     */
    private static Decision decide(Simulator sim, ScenarioFile.Request r, java.util.Map<String, Alt> overlays) {
        if (r.system() != null && yaml(r.system())) {
            // a system overlay (whatif/edr-agent.yaml) or a catalog file: its processes, on its world's build
            Alt alt = overlay(sim, r.system(), overlays);
            if (alt.world().system() == null) throw InputException.at("system", "'" + r.system() + "' is a build, not a system");
            return alt.sim().decide(r.toQuery(alt.sim(), alt.world().system()));
        }
        dev.pplsim.model.AccessQuery q = r.toQuery(sim);
        if (!yaml(q.build())) return sim.decide(q);
        Alt alt = overlay(sim, q.build(), overlays);
        return alt.sim().decide(q.withBuild(alt.world().build().name()));
    }

    /** A load whose build names a what-if overlay is decided on its build, which loads as the build it changes. */
    private static Load load(Simulator sim, dev.pplsim.model.LoadQuery q, java.util.Map<String, Alt> overlays) {
        if (!yaml(q.build())) return sim.load(q);
        Alt alt = overlay(sim, q.build(), overlays);
        return alt.sim().load(q.withBuild(alt.world().build().name()));
    }

    private static boolean yaml(String ref) {
        return ref.endsWith(".yaml") || ref.endsWith(".yml");
    }

    /**
     * A creation whose build names a what-if overlay is decided on its build, with the overlay's {@code creation:}
     * switches (spec §12.7: {@code whatif/vbs-off.yaml}).
     */
    private static Creation create(Simulator sim, dev.pplsim.model.CreateQuery q, java.util.Map<String, Alt> overlays) {
        if (!yaml(q.build())) return sim.create(q);
        Alt alt = overlay(sim, q.build(), overlays);
        return alt.sim().create(q.withBuild(alt.world().build().name()));
    }

    /** A what-if world of a scenario and the simulator that decides on it (Simulator.withWorld). */
    private record Alt(Simulator sim, dev.pplsim.policy.Overlay.World world) {
    }

    /** The world of a what-if file under the policies directory (an overlay, a build or a catalog file); made once a run. */
    private static Alt overlay(Simulator sim, String file, java.util.Map<String, Alt> overlays) {
        return overlays.computeIfAbsent(file, b -> {
            var world = dev.pplsim.policy.Overlay.resolve(sim.policies(), sim.policies().root().resolve(b));
            return new Alt(sim.withWorld(world), world);
        });
    }

    static String check(ScenarioFile.Want want, Decision d) {
        List<String> wrong = new ArrayList<>();
        if (!d.status().name().equals(want.status())) wrong.add("status: want " + want.status() + ", got " + d.status().name());
        if (want.granted() != null) {
            int g = (int) Spelling.number(want.granted(), "granted mask");
            if (g != d.granted()) wrong.add("granted: want " + SdkNames.hex(g) + ", got " + d.grantedHex());
        }
        if (want.rules() != null) {
            List<String> missing = want.rules().stream().filter(r -> !d.rules().contains(r)).toList();
            if (!missing.isEmpty()) wrong.add("rules: want " + missing + " among those fired " + d.rules());
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    static String check(ScenarioFile.Want want, Creation c) {
        List<String> wrong = new ArrayList<>();
        if (!c.status().name().equals(want.status())) wrong.add("status: want " + want.status() + ", got " + c.status().name());
        if (c.status().isSuccess()) {
            if (want.child() != null) {
                var p = Spelling.protection(want.child());
                if (p.value() != c.child().value()) wrong.add("child: want " + p + ", got " + c.child());
            }
            level(wrong, "signatureLevel", want.signatureLevel(), c.signatureLevel());
            level(wrong, "sectionSignatureLevel", want.sectionSignatureLevel(), c.sectionLevel());
            mask(wrong, "processAccess", want.processAccess(), c.processAccess());
            mask(wrong, "threadAccess", want.threadAccess(), c.threadAccess());
            if (want.debugPort() != null && want.debugPort() != c.debugPort()) wrong.add("debugPort: want " + want.debugPort() + ", got " + c.debugPort());
            if (want.kind() != null && !want.kind().equals(c.kind().id())) wrong.add("kind: want " + want.kind() + ", got " + c.kind().id());
        }
        if (want.rules() != null) {
            List<String> missing = want.rules().stream().filter(r -> !c.rules().contains(r)).toList();
            if (!missing.isEmpty()) wrong.add("rules: want " + missing + " among those fired " + c.rules());
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    static String check(ScenarioFile.Want want, Load l) {
        List<String> wrong = new ArrayList<>();
        if (!l.status().name().equals(want.status())) wrong.add("status: want " + want.status() + ", got " + l.status().name());
        level(wrong, "imageSigningLevel", want.imageSigningLevel(), l.imageLevel());
        if (want.sectionSignatureLevel() != null) {
            if (l.sectionLevel() == null) wrong.add("sectionSignatureLevel: want " + want.sectionSignatureLevel() + ", got none known");
            else level(wrong, "sectionSignatureLevel", want.sectionSignatureLevel(), l.sectionLevel());
        }
        if (l.status().isSuccess()) {
            flag(wrong, "knownDllsSection", want.knownDllsSection(), l.knownDllsSection());
            flag(wrong, "pageHashesEnforced", want.pageHashesEnforced(), l.pageHashesEnforced());
            flag(wrong, "modifiedBytesRun", want.modifiedBytesRun(), l.modifiedBytesRun());
        }
        if (want.rules() != null) {
            List<String> missing = want.rules().stream().filter(r -> !l.rules().contains(r)).toList();
            if (!missing.isEmpty()) wrong.add("rules: want " + missing + " among those fired " + l.rules());
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    private static void flag(List<String> wrong, String field, Boolean want, boolean got) {
        if (want != null && want != got) wrong.add(field + ": want " + want + ", got " + got);
    }

    private static void level(List<String> wrong, String field, String want, int got) {
        if (want == null) return;
        int w = (int) Spelling.number(want, field);
        if (w != got) wrong.add(String.format(java.util.Locale.ROOT, "%s: want 0x%02X, got 0x%02X", field, w, got));
    }

    private static void mask(List<String> wrong, String field, String want, int got) {
        if (want == null) return;
        int w = (int) Spelling.number(want, field);
        if (w != got) wrong.add(field + ": want " + SdkNames.hex(w) + ", got " + SdkNames.hex(got));
    }

    /**
     * Prints one line per case and the closing "N passed, M failed", with the rules' coverage and a JUnit XML report
     * when asked; the exit code: 0 all passed, 1 some failed.
     */
    public static int report(Simulator sim, List<Result> results, boolean coverage, Path junit, PrintWriter out) {
        return report(sim, results, coverage, junit, Format.TEXT, out);
    }

    /** The {@code --format} of {@code test}: lines for people, one JSON document, or the JUnit XML report. */
    public enum Format {
        TEXT, JSON, JUNIT;

        public String id() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * As {@link #report(Simulator, List, boolean, Path, PrintWriter)}, in {@code format}: JSON gives each case with
     * its file, note, outcome, failure, the rules that fired and (failed) the decisive explanation, then the counts
     * and, with {@code coverage}, each rule's count; JUnit is the XML {@code --junit FILE} writes.
     */
    public static int report(Simulator sim, List<Result> results, boolean coverage, Path junit, Format format, PrintWriter out) {
        if (format != Format.TEXT) {
            int failed = (int) results.stream().filter(r -> !r.passed()).count();
            if (junit != null) writeJunit(junit, results, results.size() - failed, failed);
            if (format == Format.JUNIT) {
                out.print(junitXml(results, results.size() - failed, failed));
            } else {
                out.println(json(sim, results, coverage).toPrettyString());
            }
            out.flush();
            return failed == 0 ? 0 : 1;
        }
        int passed = 0, failed = 0;
        for (Result r : results) {
            if (r.passed()) {
                passed++;
                out.printf(Locale.ROOT, "PASS  %s: %s%n", r.file(), r.scenario().note());
            } else {
                failed++;
                out.printf(Locale.ROOT, "FAIL  %s: %s%n      %s%n", r.file(), r.scenario().note(), r.failure());
                // what the model did decide, and why: the decisive stages, as opa test --explain fails shows its trace
                for (String line : explanation(r)) out.printf(Locale.ROOT, "      %s%n", line);
            }
        }
        if (coverage) coverage(sim, results, out);
        if (junit != null) writeJunit(junit, results, passed, failed);
        out.printf(Locale.ROOT, "%d passed, %d failed%n", passed, failed);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(Simulator sim, List<Result> results, boolean coverage) {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        var cases = n.putArray("scenarios");
        int failed = 0;
        for (Result r : results) {
            var c = cases.addObject().put("file", r.file()).put("note", r.scenario().note())
                    .put("kind", r.decision() != null ? "open" : r.creation() != null ? "create" : "load").put("passed", r.passed()).put("failure", r.failure());
            r.rules().forEach(c.putArray("rules")::add);
            if (!r.passed()) {
                failed++;
                c.set("explanation", r.decision() != null ? dev.pplsim.explain.Render.json(r.decision(), dev.pplsim.explain.ExplainMode.DECISIVE)
                        : r.creation() != null ? dev.pplsim.explain.CreationRender.CREATION.json(r.creation(), dev.pplsim.explain.ExplainMode.DECISIVE, List.of())
                        : dev.pplsim.explain.LoadRender.LOAD.json(r.load(), dev.pplsim.explain.ExplainMode.DECISIVE, List.of()));
            }
        }
        n.put("passed", results.size() - failed).put("failed", failed);
        if (coverage) {
            Map<String, Integer> fired = new LinkedHashMap<>();
            for (Result r : results) for (String id : r.rules()) fired.merge(id, 1, Integer::sum);
            var cov = n.putArray("coverage");
            List<RuleInfo> rules = new java.util.ArrayList<>(sim.rules().rules(false));
            if (results.stream().anyMatch(r -> r.creation() != null)) rules.addAll(sim.rules().rules(true));
            if (results.stream().anyMatch(r -> r.load() != null)) rules.addAll(sim.rules().loadRules());
            for (RuleInfo rule : rules) cov.addObject().put("id", rule.id()).put("name", rule.name()).put("fired", fired.getOrDefault(rule.id(), 0));
        }
        return n;
    }

    private static List<String> explanation(Result r) {
        if (r.decision() != null) return dev.pplsim.explain.Render.text(r.decision(), dev.pplsim.explain.ExplainMode.DECISIVE);
        if (r.creation() != null) return dev.pplsim.explain.CreationRender.CREATION.text(r.creation(), dev.pplsim.explain.ExplainMode.DECISIVE, List.of());
        return dev.pplsim.explain.LoadRender.LOAD.text(r.load(), dev.pplsim.explain.ExplainMode.DECISIVE, List.of());
    }

    /** The cases whose "file: note" the pattern finds (a regular expression, case-insensitive); null keeps all. */
    public static List<Result> only(List<Result> results, String pattern) {
        if (pattern == null) return results;
        java.util.regex.Pattern p;
        try {
            p = java.util.regex.Pattern.compile(pattern, java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw InputException.at("--run", "not a regular expression: " + e.getDescription());
        }
        List<Result> kept = results.stream().filter(r -> p.matcher(r.file() + ": " + r.scenario().note()).find()).toList();
        if (kept.isEmpty()) throw InputException.at("--run", "no scenario matches " + InputException.quoted(pattern));
        return kept;
    }

    /** The checkout's scenarios, for a run that names none. */
    public static Path defaultScenarios() {
        String home = System.getProperty("pplsim.home");
        Path p = home != null ? Path.of(home, "policies", "scenarios") : Path.of("policies", "scenarios");
        if (!Files.isDirectory(p)) throw InputException.at(p.toString(), "no scenarios directory; name scenario files or directories");
        return p;
    }

    /** The rules of opens, then (when a creation case ran) those of creation, each with the cases it fired in. */
    private static void coverage(Simulator sim, List<Result> results, PrintWriter out) {
        Map<String, Integer> fired = new LinkedHashMap<>();
        for (Result r : results) {
            for (String id : r.rules()) fired.merge(id, 1, Integer::sum);
        }
        out.println("coverage (scenarios in which each rule fired):");
        coverage(sim.rules().rules(false), fired, "rules", out);
        if (results.stream().anyMatch(r -> r.creation() != null)) coverage(sim.rules().rules(true), fired, "creation rules", out);
        if (results.stream().anyMatch(r -> r.load() != null)) coverage(sim.rules().loadRules(), fired, "load rules", out);
    }

    private static void coverage(List<RuleInfo> rules, Map<String, Integer> fired, String what, PrintWriter out) {
        int never = 0;
        for (RuleInfo rule : rules) {
            int n = fired.getOrDefault(rule.id(), 0);
            if (n == 0) never++;
            out.printf(Locale.ROOT, "  %-6s %5s  %s%n", rule.id(), n == 0 ? "NEVER" : n, rule.name());
        }
        out.printf(Locale.ROOT, "%d of %d %s fired%n", rules.size() - never, rules.size(), what);
    }

    /** Whole or not at all ({@link Outputs#writeAtomically}): a failed or killed run leaves the previous report. */
    private static void writeJunit(Path junit, List<Result> results, int passed, int failed) {
        byte[] bytes = junitXml(results, passed, failed).getBytes(StandardCharsets.UTF_8);
        Outputs.writeAtomically(junit, out -> out.write(bytes));
    }

    private static String junitXml(List<Result> results, int passed, int failed) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT, "<testsuite name=\"pplsim scenarios\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">%n", passed + failed, failed));
        for (Result r : results) {
            x.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">", xml(r.file()), xml(r.scenario().note()), r.millis() / 1000.0));
            if (!r.passed()) x.append(String.format(Locale.ROOT, "<failure message=\"%s\"/>", xml(r.failure())));
            x.append("</testcase>\n");
        }
        x.append("</testsuite>\n");
        return x.toString();
    }

    /**
     * Text as an XML 1.0 attribute value: markup escaped, tab and line breaks as character references (an attribute
     * would fold them to spaces), and the characters XML 1.0 cannot carry at all (other controls, lone surrogates,
     * U+FFFE, U+FFFF) shown as {@code \\uXXXX}, so a note with a stray control character still gives a parsable report.
     */
    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pair) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
