package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Explorer;
import dev.pplsim.engine.RuleInfo;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.fact.Derived;
import dev.pplsim.engine.fact.ImpliedRight;
import dev.pplsim.engine.fact.OpenOutcome;
import dev.pplsim.engine.fact.ProtectionVerdict;
import dev.pplsim.engine.fact.Veto;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.model.StandardRight;
import dev.pplsim.model.Token;
import dev.pplsim.policy.Build;
import dev.pplsim.request.InputException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.Locale;

/**
 * Checks the rule set itself, per build: every request reaches exactly one decision (completeness), no two rules
 * give one request different verdicts or outcomes (determinism), and every rule fires for some request (no dead
 * rules). Three domains: (A) every protection key, proved: all 256 x 256 bytes with a table row, process and
 * thread, user, user+force, kernel, kernel+force, and the four relations; (B) the decision stage, proved: each
 * distinct set of derived vetoes and implied rights from (A), with nothing asked, each right bit, MAXIMUM_ALLOWED,
 * each GENERIC_*, and an SD result of nothing and of everything; (C) Pico and DisallowUserTerminate, checked on
 * the spec's named bytes only (bounded).
 */
public final class Linter {

    public enum Kind { INCOMPLETE, CONFLICT, DEAD_RULE }

    /** A problem, with a request that shows it. */
    public record Finding(Kind kind, String build, List<String> rules, String detail, AccessQuery example) {
    }

    /** Per build: how many requests each domain covered, and the dominance relation the rules imply. */
    public record BuildReport(String build, long keys, long undecidable, long decisionRequests, long extensionRequests,
                              Map<Integer, Set<Integer>> dominates) {
    }

    public record Report(List<BuildReport> builds, List<Finding> findings, Map<String, AccessQuery> firedBy, List<RuleInfo> rules,
                         long millis) {
    }

    /** What lint keeps of a run. */
    private record Seen(AccessQuery query, String inputError, List<String> rules, List<String[]> verdicts, List<String[]> outcomes,
                        String signature) {
    }

    private final Simulator simulator;
    /** A rule that no shipped build fires, fired under a shipped what-if overlay of a build by this request. */
    public record OverlayFire(String overlay, AccessQuery query) {
    }

    /** Rules that fired only under a shipped what-if overlay (switch-only alternatives), by rule id. */
    private final Map<String, OverlayFire> overlayFired = new ConcurrentSkipListMap<>();

    public Map<String, OverlayFire> overlayFired() {
        return overlayFired;
    }

    /** The build overlays under {@code whatif/} of the policy set (system overlays are left out). */
    private List<dev.pplsim.policy.Overlay.World> shippedBuildOverlays() {
        java.nio.file.Path dir = simulator.policies().root().resolve("whatif");
        List<dev.pplsim.policy.Overlay.World> out = new ArrayList<>();
        if (!java.nio.file.Files.isDirectory(dir)) return out;
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.filter(x -> x.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                var world = dev.pplsim.policy.Overlay.resolve(simulator.policies(), f.toString());
                if (world.system() == null) out.add(world);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    public Linter(Simulator simulator) {
        this.simulator = simulator;
    }

    public Report lint(List<String> builds) {
        long start = System.nanoTime();
        Explorer explorer = new Explorer(simulator);
        List<Finding> findings = new ArrayList<>();
        Map<String, AccessQuery> firedBy = new ConcurrentSkipListMap<>();
        overlayFired.clear();
        List<BuildReport> reports = new ArrayList<>();
        for (String b : builds) {
            Build build = simulator.policies().build(b);
            // (A) every protection key, nothing asked
            List<AccessQuery> keys = new ArrayList<>();
            for (ObjectKind object : ObjectKind.PROTECTED) {
                for (AccessMode mode : AccessMode.values()) {
                    for (boolean force : new boolean[]{false, true}) {
                        for (Relation rel : Relation.values()) {
                            for (int c = 0; c < 256; c++) {
                                for (int t = 0; t < 256; t++) {
                                    if (rel == Relation.SELF && c != t) continue;
                                    keys.add(new AccessQuery(new PsProtection(c), false, new PsProtection(t), object, 0, mode, force,
                                            rel, b, null, null, false));
                                }
                            }
                        }
                    }
                }
            }
            List<Seen> seen = explorer.runAll(keys, Linter::seen);
            long undecidable = seen.stream().filter(s -> s.inputError() != null).count();
            check(seen, b, findings, firedBy, 3);
            // (B) the decision stage over each distinct derived signature
            Map<String, AccessQuery> signatures = new LinkedHashMap<>();
            for (Seen s : seen) if (s.inputError() == null) signatures.putIfAbsent(s.signature(), s.query());
            List<AccessQuery> decisions = new ArrayList<>();
            for (AccessQuery rep : signatures.values()) {
                for (int desired : masks()) {
                    decisions.add(rep.withDesired(desired));
                    decisions.add(rep.withDesired(desired).withSdGranted(0));
                    decisions.add(rep.withDesired(desired).withSdGranted(ProcessRight.ALL_ACCESS));
                }
            }
            check(explorer.runAll(decisions, Linter::seen), b, findings, firedBy, 3);
            // (C) Pico and DisallowUserTerminate on the named bytes (bounded)
            List<AccessQuery> ext = new ArrayList<>();
            PicoProvider lx = new PicoProvider(0x00101000, 0x00100800);
            for (AccessQuery k : keys) {
                if (!named(k.caller()) || !named(k.target())) continue;
                for (int desired : new int[]{0, ProcessRight.TERMINATE.mask(), ProcessRight.VM_READ.mask(), ProcessRight.QUERY_LIMITED_INFORMATION.mask()}) {
                    AccessQuery q = k.withDesired(desired);
                    ext.add(q.withDisallowUserTerminate(true));
                    ext.add(q.withPico(k.relation() == Relation.SELF, lx));
                    if (k.relation() != Relation.SELF) ext.add(q.withPico(true, lx));
                }
            }
            check(explorer.runAll(ext, Linter::seen), b, findings, firedBy, 3);
            // (D) the security-descriptor stage, duplication and debugging (bounded, like C)
            long sd = accessCheckDomain(b, findings, firedBy);
            reports.add(new BuildReport(b, keys.size(), undecidable, decisions.size(), ext.size() + sd, dominance(explorer, build)));
        }
        // A rule written for a U alternative fires only where a switch is flipped (R65.1 behind secureVmOpenRefused):
        // it is live when it fires under a shipped what-if overlay of a build (policies/whatif), in the bounded domain (D).
        if (simulator.rules().rules(false).stream().anyMatch(r -> !firedBy.containsKey(r.id()))) {
            // only overlays of a build being linted: linting the early build alone must not borrow a later build's rules
            for (var overlay : shippedBuildOverlays()) {
                if (!builds.contains(overlay.build().name())) continue;
                Map<String, AccessQuery> fired = new LinkedHashMap<>();
                new Linter(simulator.withWorld(overlay))
                        .accessCheckDomain(overlay.build().name(), new ArrayList<>(), fired);
                fired.forEach((id, q) -> { if (!firedBy.containsKey(id)) overlayFired.putIfAbsent(id, new OverlayFire(overlay.name(), q)); });
            }
        }
        // lint explores opens; a creation's rules are checked by their own differential tests
        for (RuleInfo r : simulator.rules().rules(false)) {
            if (!firedBy.containsKey(r.id()) && !overlayFired.containsKey(r.id())) {
                findings.add(new Finding(Kind.DEAD_RULE, String.join(", ", builds), List.of(r.id()),
                        "never fires in any domain above: " + r.name(), null));
            }
        }
        return new Report(reports, findings, firedBy, simulator.rules().rules(false), (System.nanoTime() - start) / 1_000_000);
    }

    /** Descriptors that make each step of the SD stage (docs/ACCESS-CHECK.md) happen; null is the default one. */
    private static final String[] DESCRIPTORS = {
            null,
            "O:SYD:(D;;0x10;;;WD)(A;;0x1fffff;;;WD)S:(ML;;NW;;;ME)",
            "O:WDD:(A;;0x1fffff;;;OW)(A;;0x1410;;;WD)(D;;0x1;;;BA)",
            "O:SY",
            "O:SYD:(A;IO;0x1fffff;;;WD)(A;;0x101410;;;WD)(A;;0x1fffff;;;RC)S:(TL;;0x101000;;;S-1-19-512-4096)(ML;;NWNR;;;HI)",
    };

    /**
     * (D) Requests with a token: named callers and targets x token presets (and a restricted token) x the
     * descriptors above x a few masks, plus thread, token, duplicate, debug and kernel-mode variants. Decided one by
     * one; a request that reaches no single decision is a finding. Bounded: it shows the SD rules live, it proves
     * nothing about them (the differential test against the reference does the checking).
     */
    private long accessCheckDomain(String b, List<Finding> findings, Map<String, AccessQuery> firedBy) {
        var sec = simulator.security();
        List<Token> tokens = new ArrayList<>();
        for (String preset : List.of("admin-elevated", "admin-filtered", "standard-user", "system")) tokens.add(sec.token(preset).token());
        Token user = sec.token("standard-user").token();
        tokens.add(new Token(user.user(), user.groups(), user.privileges(), user.integrity(),
                List.of(dev.pplsim.request.SidSpelling.parse("RC"), dev.pplsim.request.SidSpelling.parse("WD")), null));
        int[] bytes = {0x00, 0x31, 0x41, 0x51, 0x61, 0x72, 0x81};
        int[] masks = {ProcessRight.QUERY_LIMITED_INFORMATION.mask(), ProcessRight.VM_READ.mask(), ProcessRight.TERMINATE.mask(),
                dev.pplsim.model.StandardRight.MAXIMUM_ALLOWED.mask(), dev.pplsim.model.StandardRight.ACCESS_SYSTEM_SECURITY.mask() | ProcessRight.QUERY_LIMITED_INFORMATION.mask(), 0};
        List<AccessQuery> qs = new ArrayList<>();
        for (int c : bytes) {
            for (int t : bytes) {
                AccessQuery base = new AccessQuery(new PsProtection(c), false, new PsProtection(t), ObjectKind.PROCESS, 0,
                        AccessMode.USER, false, Relation.NONE, b, null, null, false);
                for (Token token : tokens) {
                    for (String sddl : DESCRIPTORS) {
                        for (int m : masks) {
                            qs.add(base.withToken(token).withSd(sddl == null ? null : dev.pplsim.request.Sddl.parse(sddl)).withDesired(m));
                        }
                    }
                    qs.add(base.withToken(token).withObject(ObjectKind.THREAD).withDesired(dev.pplsim.model.ThreadRight.SUSPEND_RESUME.mask()));
                    qs.add(base.withToken(token).withObject(ObjectKind.TOKEN).withDesired(dev.pplsim.model.TokenRight.ADJUST_PRIVILEGES.mask()));
                    qs.add(base.withToken(token).withOperation(dev.pplsim.model.Operation.DEBUG));
                    qs.add(base.withToken(token).withMode(AccessMode.KERNEL).withDesired(ProcessRight.ALL_ACCESS));
                }
                qs.add(base.withOperation(dev.pplsim.model.Operation.DUPLICATE).withSourceAccess(ProcessRight.ALL_ACCESS));
                // the kinds (spec §3.4, §7.1, §7.3): a duplicate into a trustlet, reads of a trustlet and of a minimal process
                qs.add(base.withOperation(dev.pplsim.model.Operation.DUPLICATE).withSourceAccess(ProcessRight.ALL_ACCESS)
                        .withKinds(dev.pplsim.model.ProcessKind.TRUSTLET, dev.pplsim.model.ProcessKind.NORMAL));
                qs.add(base.withDesired(ProcessRight.VM_READ.mask()).withKinds(dev.pplsim.model.ProcessKind.NORMAL, dev.pplsim.model.ProcessKind.TRUSTLET));
                qs.add(base.withDesired(ProcessRight.VM_READ.mask()).withMode(AccessMode.KERNEL).withKinds(dev.pplsim.model.ProcessKind.NORMAL, dev.pplsim.model.ProcessKind.MINIMAL));
            }
        }
        for (AccessQuery q : qs) {
            try {
                Decision d = simulator.decide(q);
                for (Decision x = d; x != null; x = x.prerequisite() == x ? null : x.prerequisite()) {
                    for (String id : x.rules()) firedBy.putIfAbsent(id, x.query());
                }
            } catch (InputException e) {
                // a combination the contract refuses (e.g. relation or object rules): not a finding
            } catch (IllegalStateException e) {
                findings.add(new Finding(Kind.INCOMPLETE, b, List.of(), e.getMessage(), q));
            }
        }
        return qs.size();
    }

    private static boolean named(PsProtection p) {
        int b = p.value();
        return b == 0x00 || b == 0x11 || b == 0x21 || b == 0x31 || b == 0x41 || b == 0x51 || b == 0x61 || b == 0x72
                || b == 0x81 || b == 0x12 || b == 0x52 || b == 0x62;
    }

    /** Nothing, each right bit, MAXIMUM_ALLOWED, each GENERIC_*. */
    static int[] masks() {
        int[] m = new int[1 + 21 + 1 + 4];
        int i = 0;
        m[i++] = 0;
        for (int b = 0; b < 21; b++) m[i++] = 1 << b;
        m[i++] = StandardRight.MAXIMUM_ALLOWED.mask();
        m[i++] = StandardRight.GENERIC_READ.mask();
        m[i++] = StandardRight.GENERIC_WRITE.mask();
        m[i++] = StandardRight.GENERIC_EXECUTE.mask();
        m[i] = StandardRight.GENERIC_ALL.mask();
        return m;
    }

    private static Seen seen(Explorer.Run r) {
        if (r.inputError() != null) return new Seen(r.query(), r.inputError(), List.of(), List.of(), List.of(), null);
        List<String[]> verdicts = new ArrayList<>(1), outcomes = new ArrayList<>(1);
        StringBuilder sig = new StringBuilder(r.query().object().id()).append('|');
        for (int i = 0; i < r.derived().size(); i++) {
            Derived d = r.derived().get(i);
            String by = r.derivedBy().get(i);
            if (d instanceof ProtectionVerdict v) verdicts.add(new String[]{v.incompatible() ? "incompatible" : "compatible", by});
            if (d instanceof OpenOutcome o) outcomes.add(new String[]{o.status().name() + " " + SdkNames.hex(o.granted()), by});
            if (d instanceof ProtectionVerdict v) sig.append(v.incompatible() ? "I" : "C");
            if (d instanceof Veto v) sig.append(";v").append(v.order()).append(':').append(Integer.toHexString(v.mask()));
            if (d instanceof ImpliedRight m) sig.append(";i").append(Integer.toHexString(m.trigger())).append(':').append(Integer.toHexString(m.adds()));
        }
        return new Seen(r.query(), null, r.rules(), verdicts, outcomes, sig.toString());
    }

    private static void check(List<Seen> seen, String build, List<Finding> findings, Map<String, AccessQuery> firedBy, int maxPerKind) {
        Map<String, Integer> reported = new ConcurrentHashMap<>();
        for (Seen s : seen) {
            if (s.inputError() != null) continue;
            for (String id : s.rules()) firedBy.putIfAbsent(id, s.query());
            if (s.outcomes().isEmpty()) {
                add(findings, reported, maxPerKind, new Finding(Kind.INCOMPLETE, build, s.rules(), "no rule decided the open; rules fired: " + s.rules(), s.query()));
            }
            conflict(s.verdicts(), "protection verdicts", s, build, findings, reported, maxPerKind);
            conflict(s.outcomes(), "outcomes", s, build, findings, reported, maxPerKind);
        }
    }

    private static void conflict(List<String[]> values, String what, Seen s, String build, List<Finding> findings,
                                 Map<String, Integer> reported, int maxPerKind) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String[] v : values) distinct.add(v[0]);
        if (distinct.size() > 1) {
            List<String> rules = new ArrayList<>();
            StringBuilder detail = new StringBuilder("rules disagree on the " + what + ":");
            for (String[] v : values) {
                rules.add(v[1]);
                detail.append(' ').append(v[1]).append(" says ").append(v[0]).append(';');
            }
            add(findings, reported, maxPerKind, new Finding(Kind.CONFLICT, build, rules, detail.substring(0, detail.length() - 1), s.query()));
        }
    }

    /** Keeps a few findings per kind and rule set, so a systematic fault does not flood the report. */
    private static void add(List<Finding> findings, Map<String, Integer> reported, int max, Finding f) {
        String k = f.kind() + "/" + f.rules();
        if (reported.merge(k, 1, Integer::sum) <= max) findings.add(f);
    }

    /** Signer s dominates t when a PPL caller of s passes the protection check on a PPL target of t (user mode). */
    private Map<Integer, Set<Integer>> dominance(Explorer explorer, Build build) {
        List<AccessQuery> qs = new ArrayList<>();
        for (int s = 1; s < build.table().size(); s++) {
            for (int t = 1; t < build.table().size(); t++) {
                qs.add(AccessQuery.of(PsProtection.of(1, false, s), PsProtection.of(1, false, t), ObjectKind.PROCESS, 0).withBuild(build.name()));
            }
        }
        Map<Integer, Set<Integer>> out = new LinkedHashMap<>();
        for (Explorer.Run r : explorer.runAll(qs)) {
            List<ProtectionVerdict> v = r.derived(ProtectionVerdict.class);
            int s = r.query().caller().signer(), t = r.query().target().signer();
            out.computeIfAbsent(s, k -> new LinkedHashSet<>());
            if (v.size() == 1 && !v.get(0).incompatible()) out.get(s).add(t);
        }
        return out;
    }

    /** {@code Lsa} for a signer with a name, {@code Signer9} otherwise. */
    public static String signerName(int s) {
        PsProtectedSigner n = PsProtectedSigner.of(s);
        return n == null ? "Signer" + s : n.shortName();
    }

    /**
     * Lints the rule set for these builds (every build when null) and prints the report: per build the proved
     * domains and the dominance relation, each rule with the first request that fired it, and the findings. Exit code
     * 0 when there is no finding, else 1.
     */
    public static int run(Simulator sim, List<String> builds, PrintWriter out) {
        return run(sim, builds, ReportFormat.TEXT, out);
    }

    /** As {@link #run(Simulator, List, PrintWriter)}, the report as text or as one JSON document ({@link #json}). */
    public static int run(Simulator sim, List<String> builds, ReportFormat format, PrintWriter out) {
        List<String> names = builds != null ? builds : List.copyOf(sim.policies().builds().keySet());
        for (String b : names) sim.policies().build(b);
        Linter linter = new Linter(sim);
        Report report = linter.lint(names);
        if (format == ReportFormat.JSON) {
            out.println(json(sim, names, linter, report).toPrettyString());
            out.flush();
            return report.findings().isEmpty() ? 0 : 1;
        }
        out.printf(Locale.ROOT, "pplsim lint: %d rules from %s, builds %s%n%n", report.rules().size(), sim.rules().source(), String.join(", ", names));
        for (BuildReport b : report.builds()) {
            out.printf(Locale.ROOT, "%s%n", b.build());
            out.printf(Locale.ROOT, "  (A) protection keys, proved:   %,9d requests (%,d undecidable: signer without a table row)%n", b.keys() - b.undecidable(), b.undecidable());
            out.printf(Locale.ROOT, "      all 256 x 256 bytes x process, thread x user, kernel, each +/- OBJ_FORCE_ACCESS_CHECK x none, self, parent, stale-parent%n");
            out.printf(Locale.ROOT, "  (B) decision stage, proved:    %,9d requests: each distinct derived verdict/veto/implied set x 27 masks x 3 SD results%n", b.decisionRequests());
            out.printf(Locale.ROOT, "  (C) Pico, DisallowUserTerminate, checked (bounded): %,d requests on the spec's 12 named bytes%n", b.extensionRequests());
            dominance(b.dominates(), out);
            out.println();
        }
        out.println("Rules (each with the first request that fired it):");
        for (var r : report.rules()) {
            AccessQuery q = report.firedBy().get(r.id());
            OverlayFire w = linter.overlayFired().get(r.id());
            out.printf(Locale.ROOT, "  %-6s %-" + width(report) + "s  %s%n", r.id(), r.name(),
                    q != null ? describe(q) : w != null ? "only under what-if " + w.overlay() + ": " + describe(w.query()) : "NEVER FIRES");
        }
        out.println();
        if (report.findings().isEmpty()) {
            out.printf(Locale.ROOT, "complete, deterministic, no dead rules (%.1f s)%n", report.millis() / 1000.0);
        } else {
            for (Finding f : report.findings()) {
                out.printf(Locale.ROOT, "%-10s %s [%s] %s%s%n", f.kind(), String.join(" ", f.rules()), f.build(), f.detail(),
                        f.example() == null ? "" : "\n           e.g. " + describe(f.example()));
            }
            out.printf(Locale.ROOT, "%d findings (%.1f s)%n", report.findings().size(), report.millis() / 1000.0);
        }
        out.flush();
        return report.findings().isEmpty() ? 0 : 1;
    }

    /**
     * What the text report says, as JSON: the builds with their proved domains and dominance relation, each rule
     * with the first request that fired it (or the what-if under which alone it fires, or null: dead), the findings.
     */
    static com.fasterxml.jackson.databind.node.ObjectNode json(Simulator sim, List<String> names, Linter linter, Report report) {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("source", String.valueOf(sim.rules().source()));
        names.forEach(n.putArray("linted")::add);
        var bs = n.putArray("builds");
        for (BuildReport b : report.builds()) {
            var o = bs.addObject().put("build", b.build()).put("protectionKeys", b.keys() - b.undecidable()).put("undecidable", b.undecidable())
                    .put("decisionRequests", b.decisionRequests()).put("extensionRequests", b.extensionRequests());
            var dom = o.putObject("dominates");
            b.dominates().forEach((signer, over) -> {
                var a = dom.putArray(signerName(signer));
                over.forEach(t -> a.add(signerName(t)));
            });
        }
        var rules = n.putArray("rules");
        for (var r : report.rules()) {
            AccessQuery q = report.firedBy().get(r.id());
            OverlayFire w = linter.overlayFired().get(r.id());
            rules.addObject().put("id", r.id()).put("name", r.name()).put("firedBy", q != null ? describe(q) : w != null ? describe(w.query()) : null)
                    .put("onlyUnderWhatIf", q == null && w != null ? w.overlay() : null).put("dead", q == null && w == null);
        }
        var findings = n.putArray("findings");
        for (Finding f : report.findings()) {
            var o = findings.addObject().put("kind", f.kind().name()).put("build", f.build()).put("detail", f.detail())
                    .put("example", f.example() == null ? null : describe(f.example()));
            f.rules().forEach(o.putArray("rules")::add);
        }
        return n.put("count", report.findings().size()).put("seconds", report.millis() / 1000.0);
    }

    private static int width(Report r) {
        return r.rules().stream().mapToInt(x -> x.name().length()).max().orElse(10);
    }

    private static String describe(AccessQuery q) {
        return String.format(Locale.ROOT, "%s -> %s %s, %s, %s%s, %s%s%s%s", q.caller(), q.object().id(), q.target(),
                SdkNames.rightNames(q.desired(), q.object()), q.mode().id(), q.forceAccessCheck() ? "+force" : "", q.relation().id(),
                q.sdGranted() == null ? "" : ", sdGranted " + SdkNames.hex(q.sdGranted()),
                q.targetPico() == null ? "" : (q.callerPico() ? ", both Pico" : ", Pico target"),
                q.targetDisallowUserTerminate() ? ", DisallowUserTerminate" : "");
    }

    private static void dominance(Map<Integer, Set<Integer>> dom, PrintWriter out) {
        List<Integer> signers = new ArrayList<>(dom.keySet());
        out.println("  dominance (rules' verdict, PPL caller row vs PPL target column, user mode):");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "    %-13s", ""));
        for (int t : signers) h.append(String.format(Locale.ROOT, " %-5.5s", signerName(t)));
        out.println(h);
        for (int s : signers) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "    %-13s", signerName(s)));
            for (int t : signers) row.append(String.format(Locale.ROOT, " %-5s", dom.get(s).contains(t) ? "Y" : "."));
            row.append("  dominates: ").append(dom.get(s).isEmpty() ? "nothing" : String.join(", ", dom.get(s).stream().map(Linter::signerName).toList()));
            out.println(row);
        }
        List<String> notReflexive = new ArrayList<>(), notTransitive = new ArrayList<>(), notAntisymmetric = new ArrayList<>();
        for (int a : signers) {
            if (!dom.get(a).contains(a)) notReflexive.add(signerName(a));
            for (int b : signers) {
                if (a < b && dom.get(a).contains(b) && dom.get(b).contains(a)) notAntisymmetric.add(signerName(a) + "<->" + signerName(b));
                for (int c : signers) {
                    if (dom.get(a).contains(b) && dom.get(b).contains(c) && !dom.get(a).contains(c)) {
                        notTransitive.add(signerName(a) + ">" + signerName(b) + ">" + signerName(c));
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "    reflexive: %s%n", notReflexive.isEmpty() ? "yes" : "no (not dominating itself: " + String.join(", ", notReflexive) + ")");
        out.printf(Locale.ROOT, "    transitive: %s%n", notTransitive.isEmpty() ? "yes" : "no (" + String.join(", ", notTransitive) + ")");
        out.printf(Locale.ROOT, "    antisymmetric: %s%n", notAntisymmetric.isEmpty() ? "yes" : "no (" + String.join(", ", notAntisymmetric) + ")");
    }
}
