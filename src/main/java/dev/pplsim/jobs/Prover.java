package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.AccessEntry;
import dev.pplsim.engine.table.CaseOutcome;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.engine.table.Key;
import dev.pplsim.engine.table.KeyRun;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.Domains;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.PropertyFile;
import dev.pplsim.policy.Yaml;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.Locale;

/**
 * Proves properties by enumerating their whole (finite) domain through a {@link DecisionTable}, or refutes them
 * with the minimal failing case: fewest rights, then the simplest protections (named bytes before odd ones, no
 * audit bit, lower values first).
 */
public final class Prover {

    public enum Verdict { PROVED, REFUTED }

    /** One case: a key and the access asked; for a comparison also the changed key. */
    public record Case(Key key, int desired, Key changed) {
    }

    /**
     * @param constrained the cases the law's clauses applied to: all of them for a law of opens; for a law of
     *                    creation, those its clauses constrained (most constrain successful creations only)
     * @param ofCreation  whether the law is one of creation (spec §12)
     * @param creation    a law of creation's minimal failing request, else null ({@code counterexample} is an open's)
     * @param changedCreation the changed request of a compared law of creation, else null
     * @param ofLoad      whether the law is one of image loads (spec §12.8)
     * @param load        a law of image loads' minimal failing request, else null
     */
    public record Result(String file, String name, String why, String cite, String expected, Verdict verdict,
                         long cases, long undecidable, long millis, Case counterexample, String failure,
                         long constrained, boolean ofCreation, CreateQuery creation, CreateQuery changedCreation,
                         boolean ofLoad, dev.pplsim.model.LoadQuery load) {

        Result(String file, String name, String why, String cite, String expected, Verdict verdict,
               long cases, long undecidable, long millis, Case counterexample, String failure) {
            this(file, name, why, cite, expected, verdict, cases, undecidable, millis, counterexample, failure, cases, false, null, null, false, null);
        }

        Result(String file, String name, String why, String cite, String expected, Verdict verdict,
               long cases, long undecidable, long millis, Case counterexample, String failure,
               long constrained, boolean ofCreation, CreateQuery creation, CreateQuery changedCreation) {
            this(file, name, why, cite, expected, verdict, cases, undecidable, millis, counterexample, failure, constrained, ofCreation,
                    creation, changedCreation, false, null);
        }


        /**
         * Whether the verdict is what the property's author declared ({@code expected}, default proved). A property
         * whose domain held no decidable case, or none its clauses constrained, proves nothing, and never counts as declared.
         */
        public boolean asExpected() {
            return cases > 0 && constrained > 0 && verdict == (expected == null || expected.equals("proved") ? Verdict.PROVED : Verdict.REFUTED);
        }
    }

    private final DecisionTable table;
    private final List<String> defaultBuilds;
    private final CreationProver creations;
    private final LoadProver loads;

    /** @param defaultBuilds the builds a property that names none is proved for */
    public Prover(DecisionTable table, List<String> defaultBuilds) {
        this.table = table;
        this.defaultBuilds = defaultBuilds;
        this.creations = new CreationProver(table, defaultBuilds);
        this.loads = new LoadProver(table.simulator(), defaultBuilds);
    }

    /** Every property of every YAML file under the paths, in file and declaration order (a file's opens, then its creations). */
    public static List<Map.Entry<String, PropertyFile.Law>> read(List<Path> paths) {
        List<Map.Entry<String, PropertyFile.Law>> out = new ArrayList<>();
        for (Path p : paths) {
            for (Path f : Yaml.nonEmptyFiles(p, "property")) {
                String shown = PolicySet.shown(f);
                PropertyFile file = Yaml.read(f, shown, PropertyFile.class);
                for (PropertyFile.Entry e : file.properties()) out.add(Map.entry(shown, e));
                for (PropertyFile.CreateEntry e : file.creations()) out.add(Map.entry(shown, e));
                for (PropertyFile.LoadEntry e : file.loads()) out.add(Map.entry(shown, e));
            }
        }
        return out;
    }

    /** A law of opens or of creation, each over its own domain. */
    public Result prove(String file, PropertyFile.Law law) {
        if (law instanceof PropertyFile.LoadEntry l) return loads.prove(file, l);
        return law instanceof PropertyFile.CreateEntry c ? creations.prove(file, c) : prove(file, (PropertyFile.Entry) law);
    }

    public Result prove(String file, PropertyFile.Entry p) {
        long start = System.nanoTime();
        String where = file + ": property " + p.name();
        PropertyFile.Domain d = p.forall();
        List<String> builds = d.builds() != null ? d.builds() : defaultBuilds;
        for (String b : builds) {
            try {
                table.simulator().policies().build(b);
            } catch (InputException e) {
                throw InputException.at(where + ": forall.builds", e.getMessage());
            }
        }
        IntPredicate callers = Domains.filter(d.caller(), "caller").and(images(d, d.caller(), "caller", where)),
                targets = Domains.filter(d.target(), "target").and(images(d, d.target(), "target", where));
        List<Key> keys = new ArrayList<>();
        for (String build : builds) {
            for (ObjectKind object : Domains.objects(d.objects())) {
                for (int c = 0; c < 256; c++) {
                    if (!callers.test(c)) continue;
                    for (int t = 0; t < 256; t++) {
                        if (!targets.test(t) || !where(d.where(), c, t)) continue;
                        for (AccessMode mode : Domains.modes(d.modes())) {
                            for (boolean force : d.forceAccessCheck() == null ? List.of(false) : d.forceAccessCheck()) {
                                for (Relation rel : Domains.relations(d.relations())) {
                                    if (rel == Relation.SELF && c != t) continue; // one process has one protection byte
                                    keys.add(new Key(build, object, c, t, mode, force, rel));
                                }
                            }
                        }
                    }
                }
            }
        }
        if (p.compare() != null && p.compare().change().containsKey("build")) {
            try {
                table.simulator().policies().build(String.valueOf(p.compare().change().get("build")));
            } catch (InputException e) {
                throw InputException.at(where + ": compare.change.build", e.getMessage());
            }
        }
        List<Key> changedKeys = new ArrayList<>();
        if (p.compare() != null) {
            for (Key k : keys) changedKeys.add(change(k, p.compare().change(), where));
        }
        List<Key> all = new ArrayList<>(keys);
        all.addAll(changedKeys);
        table.prepare(all);

        Map<ObjectKind, int[]> rights = new java.util.EnumMap<>(ObjectKind.class);
        for (ObjectKind o : Domains.objects(d.objects())) rights.put(o, Domains.rights(d.rights(), o).stream().mapToInt(Integer::intValue).toArray());
        // the access-check results of a key's (build, object) for the rights asked of an object, in their order: by
        // build, then by the two objects' ordinals, so a key finds them with one lookup of a string and two indexes
        int kinds = ObjectKind.values().length;
        Map<String, AccessEntry[][][]> checks = new java.util.HashMap<>();
        java.util.function.BiFunction<Key, ObjectKind, AccessEntry[]> checksOf = (k, askedOf) -> {
            AccessEntry[][] byObject = checks.computeIfAbsent(k.build(), b -> new AccessEntry[kinds][kinds][])[k.object().ordinal()];
            AccessEntry[] a = byObject[askedOf.ordinal()];
            if (a == null) {
                int[] masks = rights.get(askedOf);
                a = new AccessEntry[masks.length];
                for (int j = 0; j < masks.length; j++) a[j] = table.access(k.build(), k.object(), masks[j]);
                byObject[askedOf.ordinal()] = a;
            }
            return a;
        };
        long cases = 0, undecidable = 0;
        Case worst = null;
        String worstWhy = null;
        Comparator<Case> simpler = Comparator.comparingInt((Case c) -> Integer.bitCount(c.desired()))
                .thenComparingInt(c -> rank(c.key().caller()) + rank(c.key().target()))
                .thenComparingInt(c -> c.key().caller()).thenComparingInt(c -> c.key().target())
                .thenComparing(c -> c.key().object()).thenComparing(c -> c.key().mode())
                .thenComparing(c -> c.key().force()).thenComparing(c -> c.key().relation())
                .thenComparingInt(c -> builds.indexOf(c.key().build())).thenComparingInt(Case::desired);
        // every pair of a key's run and a mask's access-check result is decided once, by the rules, in batches
        List<int[]> asked = new ArrayList<>(all.size());
        for (Key k : keys) asked.add(rights.get(k.object()));
        for (Key k : keys) if (p.compare() != null) asked.add(rights.get(k.object()));
        table.prepareOutcomes(all, asked);
        java.util.Set<Shape> held = new java.util.HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            Key changed = p.compare() == null ? null : changedKeys.get(i);
            KeyRun run = table.run(k), changedRun = changed == null ? null : table.run(changed);
            String error = run.inputError();
            if (error == null && changed != null) error = changedRun.inputError();
            if (error != null) {
                // only a signer without a table row is expected in an enumerated domain; anything else is a bad property
                if (!error.equals(dev.pplsim.engine.Explorer.NO_ROW)) {
                    throw InputException.at(where, "a case cannot be decided: " + error);
                }
                undecidable++;
                continue;
            }
            int[] masks = rights.get(k.object());
            AccessEntry[] access = checksOf.apply(k, k.object());
            // the changed case asks the same masks, even of another object
            AccessEntry[] changedAccess = changed == null ? null : checksOf.apply(changed, k.object());
            // a case's decision depends only on the key's run and the mask's access-check result (DecisionTable):
            // keys with the same runs and results as a key whose cases all held hold too, and are only counted
            Shape shape = new Shape(run, access, changedRun, changedAccess, k.object());
            if (held.contains(shape)) {
                cases += masks.length;
                continue;
            }
            boolean failed = false;
            for (int j = 0; j < masks.length; j++) {
                int desired = masks[j];
                cases++;
                CaseOutcome o = table.outcome(k, run, access[j], desired);
                String failure = p.then() != null ? check(p.then(), o, k.object())
                        : compare(p.compare().expect(), desired, o, table.outcome(changed, changedRun, changedAccess[j], desired), k.object());
                if (failure != null) {
                    failed = true;
                    Case c = new Case(k, desired, changed);
                    if (worst == null || simpler.compare(c, worst) < 0) {
                        worst = c;
                        worstWhy = failure;
                    }
                }
            }
            if (!failed) held.add(shape);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(file, p.name(), p.why(), p.cite(), p.expected(), worst == null ? Verdict.PROVED : Verdict.REFUTED,
                cases, undecidable, millis, worst, worstWhy);
    }

    /**
     * What a key's cases are decided from, compared by identity: runs are kept once per distinct run and the
     * access-check results once per (build, object, rights asked), so equal identities mean equal decisions.
     */
    private record Shape(KeyRun run, AccessEntry[] access, KeyRun changedRun, AccessEntry[] changedAccess,
                         ObjectKind object) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Shape x && x.run == run && x.access == access && x.changedRun == changedRun
                    && x.changedAccess == changedAccess && x.object == object;
        }

        @Override
        public int hashCode() {
            int h = System.identityHashCode(run);
            h = h * 31 + System.identityHashCode(access);
            h = h * 31 + System.identityHashCode(changedRun);
            h = h * 31 + System.identityHashCode(changedAccess);
            return h * 31 + object.ordinal();
        }
    }

    /** The protections of the named processes of the domain's system catalog (windows-11 unless it names one). */
    private IntPredicate images(PropertyFile.Domain d, PropertyFile.Filter f, String field, String where) {
        if (f == null || f.image() == null) return b -> true;
        var policies = table.simulator().policies();
        dev.pplsim.policy.SystemCatalog system;
        try {
            system = dev.pplsim.policy.SystemCatalog.resolve(policies, d.system() == null ? "windows-11" : d.system());
        } catch (InputException e) {
            throw InputException.at(where + ": forall.system", e.getMessage());
        }
        java.util.Set<Integer> bytes = new java.util.HashSet<>();
        for (String image : f.image()) {
            var ps = system.byImage(image);
            if (ps.isEmpty()) throw InputException.at(where + ": forall." + field + ".image", "no process '" + image + "' in system " + system.name());
            ps.forEach(p -> bytes.add(p.protectionByte().value()));
        }
        return bytes::contains;
    }

    /**
     * The builds a law of a kind modelled per build (creation, load) is proved for: the domain's, else the defaults
     * the kind's file models; each checked to exist and have the kind's switches.
     */
    static List<String> builds(Simulator sim, List<String> given, List<String> defaults, dev.pplsim.policy.BuildModels<?> models, String where) {
        List<String> builds = given != null ? given : defaults.stream().filter(models.builds()::containsKey).toList();
        if (builds.isEmpty()) throw InputException.at(where, "no build of " + defaults + " has " + models.kind() + " switches in " + models.source());
        for (String b : builds) {
            try {
                sim.policies().build(b);
                models.switches(b);
            } catch (InputException e) {
                throw InputException.at(where + ": forall.builds", e.getMessage());
            }
        }
        return builds;
    }

    /** The protection bytes {@code filter} keeps, simplest first: the bytes real processes hold, then lower values. */
    static List<Integer> simplestFirst(IntPredicate filter) {
        return java.util.stream.IntStream.range(0, 256).filter(filter).boxed()
                .sorted(Comparator.comparingInt(Prover::rank).thenComparingInt(b -> b)).toList();
    }

    /** 0 for the bytes real processes hold (type 0-2, no audit bit, no signer without a type), more for odd ones. */
    static int rank(int b) {
        int type = b & 7, signer = b >>> 4;
        return ((b & 8) != 0 ? 4 : 0) + (type > 2 ? 2 : 0) + (type == 0 && signer != 0 ? 1 : 0) + (type != 0 && signer == 0 ? 1 : 0);
    }

    private static boolean where(PropertyFile.Where w, int c, int t) {
        if (w == null) return true;
        if (w.sameSigner() != null && ((c >>> 4) == (t >>> 4)) != w.sameSigner()) return false;
        if (w.sameByte() != null && (c == t) != w.sameByte()) return false;
        if (w.callerTypeBelowTarget() != null && ((c & 7) < (t & 7)) != w.callerTypeBelowTarget()) return false;
        return true;
    }

    private Key change(Key k, Map<String, Object> change, String where) {
        Key out = k;
        for (var e : change.entrySet()) {
            String v = String.valueOf(e.getValue());
            switch (e.getKey()) {
                case "build" -> out = new Key(v, out.object(), out.caller(), out.target(), out.mode(), out.force(), out.relation());
                case "relation" -> out = new Key(out.build(), out.object(), out.caller(), out.target(), out.mode(), out.force(),
                        Domains.relations(List.of(v)).get(0));
                case "mode" -> out = new Key(out.build(), out.object(), out.caller(), out.target(), Domains.modes(List.of(v)).get(0), out.force(), out.relation());
                case "forceAccessCheck" -> out = new Key(out.build(), out.object(), out.caller(), out.target(), out.mode(), Boolean.parseBoolean(v), out.relation());
                case "object" -> out = new Key(out.build(), Domains.objects(List.of(v)).get(0), out.caller(), out.target(), out.mode(), out.force(), out.relation());
                case "callerType" -> out = new Key(out.build(), out.object(), (out.caller() & ~7) | type(v, where), out.target(), out.mode(), out.force(), out.relation());
                case "targetType" -> out = new Key(out.build(), out.object(), out.caller(), (out.target() & ~7) | type(v, where), out.mode(), out.force(), out.relation());
                case "flipAudit" -> {
                    boolean caller = v.equals("caller") || v.equals("both"), target = v.equals("target") || v.equals("both");
                    if (!caller && !target) throw InputException.at(where + ": compare.change.flipAudit", "expected caller, target or both, got '" + v + "'");
                    out = new Key(out.build(), out.object(), caller ? out.caller() ^ 8 : out.caller(), target ? out.target() ^ 8 : out.target(),
                            out.mode(), out.force(), out.relation());
                }
                default -> throw InputException.at(where + ": compare.change", "unknown field '" + e.getKey() + "'");
            }
        }
        if (out.relation() == Relation.SELF && out.caller() != out.target()) {
            throw InputException.at(where + ": compare.change", "relation self needs caller and target to be one byte");
        }
        return out;
    }

    private static int type(String v, String where) {
        if (!v.matches("[0-7]")) throw InputException.at(where + ": compare.change", "a type is 0..7, got '" + v + "'");
        return Integer.parseInt(v);
    }

    /** Null when the outcome meets the expectation, else what was wrong. */
    static String check(PropertyFile.Then t, CaseOutcome o, ObjectKind object) {
        if (t.status() != null && !o.status().name().equals(t.status())) return "expected " + t.status() + ", got " + o.status().name();
        if (t.protection() != null && o.incompatible() != t.protection().equals("incompatible")) {
            return "expected protection " + t.protection() + ", got " + (o.incompatible() ? "incompatible" : "compatible");
        }
        if (t.neverGranted() != null) {
            int m = Spelling.desiredMask(t.neverGranted(), object);
            if ((o.granted() & m) != 0) return "granted " + SdkNames.rightNames(o.granted() & m, object) + ", which must never be granted";
        }
        if (t.alwaysGranted() != null) {
            int m = Spelling.desiredMask(t.alwaysGranted(), object);
            if ((o.granted() & m) != m) return "did not grant " + SdkNames.rightNames(m & ~o.granted(), object) + " (status " + o.status().name() + ")";
        }
        if (t.refusedByStage() != null) {
            if (o.status() != NtStatus.STATUS_ACCESS_DENIED) return "expected a refusal by stage " + t.refusedByStage() + ", got " + o.status().name();
            int stage = Integer.parseInt(o.rule().substring(1, 3));
            if (stage != t.refusedByStage()) return "expected a refusal by stage " + t.refusedByStage() + ", refused by " + o.rule();
        }
        return null;
    }

    static String compare(PropertyFile.Expect e, int desired, CaseOutcome base, CaseOutcome changed, ObjectKind object) {
        boolean same = base.status() == changed.status() && base.granted() == changed.granted();
        if (Boolean.TRUE.equals(e.sameOutcome()) && !same) return "outcomes differ: " + show(base, object) + " vs " + show(changed, object);
        if (Boolean.TRUE.equals(e.noAccessGained()) && (changed.granted() & ~base.granted()) != 0) {
            return "access gained: " + show(base, object) + " became " + show(changed, object);
        }
        if (Boolean.TRUE.equals(e.noAccessLost()) && (base.granted() & ~changed.granted()) != 0) {
            return "access lost: " + show(base, object) + " became " + show(changed, object);
        }
        if (e.sameOutcomeExcept() != null) {
            // a request for rights outside the mask must be decided alike; one inside it may differ
            int m = Spelling.desiredMask(e.sameOutcomeExcept(), object);
            if ((desired & ~m) != 0 && !same) {
                return "asking " + SdkNames.rightNames(desired, object) + ", outside " + SdkNames.rightNames(m, object)
                        + ", is decided differently: " + show(base, object) + " vs " + show(changed, object);
            }
        }
        return null;
    }

    static String show(CaseOutcome o, ObjectKind object) {
        return o.status().name() + (o.status().isSuccess() ? " " + SdkNames.hex(o.granted()) : "");
    }

    /**
     * {@code pplsim prove}: each property's verdict as it is proved (a line, or a JSON object, each), then the totals;
     * 0 when every property came out as declared, else 1.
     */
    public static int run(Simulator sim, List<String> builds, List<Path> paths, Path storeDir, boolean json, PrintWriter out, PrintWriter err) {
        List<String> defaults = builds != null ? builds : List.copyOf(sim.policies().builds().keySet());
        for (String b : defaults) sim.policies().build(b);
        List<Map.Entry<String, PropertyFile.Law>> props = read(paths);
        DecisionTable table = new DecisionTable(sim, storeDir);
        Prover prover = new Prover(table, defaults);
        long start = System.nanoTime(), cases = 0;
        int proved = 0, refuted = 0, unexpected = 0;
        int width = props.stream().mapToInt(e -> e.getValue().name().length()).max().orElse(10);
        for (var e : props) {
            Result r = prover.prove(e.getKey(), e.getValue());
            cases += r.cases();
            if (r.verdict() == Verdict.PROVED) proved++;
            else refuted++;
            if (!r.asExpected()) unexpected++;
            if (json) {
                out.println(json(sim, r));
            } else {
                report(sim, r, width, out);
            }
            out.flush();
        }
        table.keep();
        table.storeNotes().forEach(n -> err.println("pplsim: " + n));
        err.flush();
        if (!json) {
            out.printf(Locale.ROOT, "%d proved, %d refuted (%d not as declared): %,d cases from %,d rule runs%s%s in %.2f s%n", proved, refuted, unexpected,
                    cases, table.engineRuns() + table.creationRuns() + prover.loads.runs(),
                    (table.creationRuns() == 0 ? "" : String.format(Locale.ROOT, " (%,d of them creations)", table.creationRuns()))
                            + (prover.loads.runs() == 0 ? "" : String.format(Locale.ROOT, " (%,d of them loads)", prover.loads.runs())),
                    table.fromStore() == 0 ? ""
                            : String.format(Locale.ROOT, " and %,d keys' runs kept from an earlier run of the same rules and build", table.fromStore()),
                    (System.nanoTime() - start) / 1e9);
        }
        out.flush();
        return unexpected == 0 ? 0 : 1;
    }

    private static String describe(Case c) {
        var k = c.key();
        return String.format(Locale.ROOT, "build %s, caller %s -> %s %s, %s, %s%s, relation %s", k.build(), new PsProtection(k.caller()),
                k.object().id(), new PsProtection(k.target()), SdkNames.rightNames(c.desired(), k.object()), k.mode().sdkName(),
                k.force() ? " + OBJ_FORCE_ACCESS_CHECK" : "", k.relation().id());
    }

    private static void report(Simulator sim, Result r, int width, PrintWriter out) {
        String declared = r.cases() == 0 ? " (VACUOUS: no case in the domain could be decided)"
                : r.constrained() == 0 ? (r.ofLoad() ? " (VACUOUS: no load of the domain was constrained by the law)" : " (VACUOUS: no creation of the domain was constrained by the law)")
                : r.expected() != null && r.expected().equals("refuted") ? (r.asExpected() ? " (as declared)" : " (declared refuted)")
                : r.asExpected() ? "" : " (declared proved)";
        out.printf(Locale.ROOT, "%-8s %-" + width + "s %,12d cases %7.2f s%s%s%s%n", r.verdict(), r.name(), r.cases(), r.millis() / 1000.0,
                r.ofCreation() || r.ofLoad() ? String.format(Locale.ROOT, "  (%,d constrained)", r.constrained()) : "",
                r.undecidable() > 0 ? String.format(Locale.ROOT, "  (%,d %s undecidable: signer without a table row)", r.undecidable(),
                        r.ofCreation() ? "creators" : r.ofLoad() ? "process bytes of no PS_PROTECTED_TYPE" : "keys") : "", declared);
        if (r.load() != null) {
            out.println("         minimal counterexample: " + LoadProver.describe(r.load()));
            out.println("         " + r.failure());
            out.println("         " + r.cite() + ": " + r.why().strip().replaceAll("\\s+", " "));
            dev.pplsim.explain.LoadRender.LOAD.text(sim.load(r.load()), ExplainMode.DECISIVE, List.of()).forEach(l -> out.println("           " + l));
            return;
        }
        if (r.creation() != null) {
            out.println("         minimal counterexample: " + CreationProver.describe(r.creation()));
            if (r.changedCreation() != null) out.println("         changed to:             " + CreationProver.describe(r.changedCreation()));
            out.println("         " + r.failure());
            out.println("         " + r.cite() + ": " + r.why().strip().replaceAll("\\s+", " "));
            for (CreateQuery q : r.changedCreation() == null ? List.of(r.creation()) : List.of(r.creation(), r.changedCreation())) {
                dev.pplsim.explain.CreationRender.CREATION.text(sim.create(q), ExplainMode.DECISIVE, List.of()).forEach(l -> out.println("           " + l));
            }
            return;
        }
        if (r.counterexample() == null) return;
        Case c = r.counterexample();
        out.println("         minimal counterexample: " + describe(c));
        if (c.changed() != null) out.println("         changed to:             " + describe(new Case(c.changed(), c.desired(), null)));
        out.println("         " + r.failure());
        out.println("         " + r.cite() + ": " + r.why().strip().replaceAll("\\s+", " "));
        for (var key : c.changed() == null ? List.of(c.key()) : List.of(c.key(), c.changed())) {
            var d = sim.decide(key.query(c.desired()));
            Render.text(d, ExplainMode.DECISIVE).forEach(l -> out.println("           " + l));
        }
    }

    private static String json(Simulator sim, Result r) {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        n.put("file", r.file()).put("property", r.name()).put("verdict", r.verdict().name()).put("asDeclared", r.asExpected());
        n.put("cases", r.cases()).put("undecidableKeys", r.undecidable()).put("millis", r.millis());
        if (r.ofCreation()) n.put("op", "create").put("constrained", r.constrained());
        if (r.ofLoad()) n.put("op", "load").put("constrained", r.constrained());
        if (r.load() != null) {
            var ce = n.putObject("counterexample");
            ce.set("request", LoadProver.json(r.load()));
            ce.put("failure", r.failure());
            ce.set("decision", dev.pplsim.explain.LoadRender.LOAD.json(sim.load(r.load()), ExplainMode.DECISIVE, List.of()));
        }
        if (r.creation() != null) {
            var ce = n.putObject("counterexample");
            ce.set("request", CreationProver.json(r.creation()));
            if (r.changedCreation() != null) ce.set("changed", CreationProver.json(r.changedCreation()));
            ce.put("failure", r.failure());
            ce.set("decision", dev.pplsim.explain.CreationRender.CREATION.json(sim.create(r.creation()), ExplainMode.DECISIVE, List.of()));
        }
        if (r.counterexample() != null) {
            var c = r.counterexample();
            var ce = n.putObject("counterexample");
            ce.put("build", c.key().build()).put("object", c.key().object().id())
                    .put("caller", new PsProtection(c.key().caller()).hex()).put("target", new PsProtection(c.key().target()).hex())
                    .put("desired", SdkNames.hex(c.desired())).put("mode", c.key().mode().id()).put("forceAccessCheck", c.key().force())
                    .put("relation", c.key().relation().id()).put("failure", r.failure());
            ce.set("decision", Render.json(sim.decide(c.key().query(c.desired())), ExplainMode.DECISIVE));
        }
        return n.toString();
    }
}
