package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.CaseOutcome;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.engine.table.Key;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.BuildSwitches;
import dev.pplsim.policy.Overlay.World;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.SignerAccess;
import dev.pplsim.policy.SystemCatalog.Process;
import dev.pplsim.policy.SystemCatalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.Locale;

/**
 * What-if: the cells two worlds (two builds, or two systems: catalogs or overlays of them) decide differently, in
 * both directions, each attributed to the differences that explain it. A difference is a cause of a cell when
 * applying it alone to the base gives the change's outcome there; every outcome is decided by the rules.
 */
public final class WhatIf {

    /** One thing that differs between the worlds, and how to apply it alone to the base. */
    public record Difference(String describe, UnaryOperator<World> apply) {
    }

    /** What one world decides for a cell; {@link #NONE} when a process of the cell does not exist there. */
    public record Outcome(NtStatus status, int granted) {
        static final Outcome NONE = new Outcome(null, 0);

        boolean success() { return status != null && status.isSuccess(); }

        /** The same answer; a missing process and a refusal both grant nothing. */
        boolean same(Outcome o) {
            return granted == o.granted && success() == o.success() && (status == o.status || status == null || o.status == null);
        }

        String shown() { return status == null ? "(no process)" : success() ? SdkNames.hex(granted) : "ACCESS_DENIED"; }
    }

    /** A changed cell: its row, the right asked and both outcomes; gained and lost are the rights one side has alone. */
    public record Changed<R>(R row, int desired, Outcome base, Outcome change, List<String> causes) {
        public int gained() { return change.granted() & ~base.granted(); }
        public int lost() { return base.granted() & ~change.granted(); }
    }

    /**
     * @param shownBy the filters that picked the changed cells shown, or null when every changed cell is shown
     *                ({@code compared} counts every cell either way)
     */
    public record Result<R>(List<Difference> differences, List<Changed<R>> cells, long compared, String shownBy) {
        public Result(List<Difference> differences, List<Changed<R>> cells, long compared) {
            this(differences, cells, compared, null);
        }

        public List<Changed<R>> gained() { return cells.stream().filter(c -> c.gained() != 0).toList(); }
        public List<Changed<R>> lost() { return cells.stream().filter(c -> c.lost() != 0).toList(); }
    }

    /**
     * Which changed cells to show: a caller and a target (for builds a protection, for systems an image name or a
     * pid), and rights (a cell is shown when the right it asked is among them). A null part keeps every cell.
     */
    public record Filter(String caller, String target, Integer rights) {
        public boolean none() { return caller == null && target == null && rights == null; }

        String describe() {
            List<String> parts = new java.util.ArrayList<>();
            if (caller != null) parts.add("caller " + caller);
            if (target != null) parts.add("target " + target);
            if (rights != null) parts.add("rights " + SdkNames.hex(rights));
            return String.join(", ", parts);
        }

        public Result<Key> builds(Result<Key> r) {
            if (none()) return r;
            Integer c = caller == null ? null : dev.pplsim.request.Spelling.protection(caller).value();
            Integer t = target == null ? null : dev.pplsim.request.Spelling.protection(target).value();
            return keep(r, k -> (c == null || k.caller() == c) && (t == null || k.target() == t));
        }

        public Result<Pair> systems(Result<Pair> r) {
            if (none()) return r;
            return keep(r, p -> (caller == null || names(p.caller(), caller)) && (target == null || names(p.target(), target)));
        }

        private static boolean names(Process p, String ref) {
            return dev.pplsim.model.Ascii.equalsIgnoreCase(p.image(), ref) || String.valueOf(p.pid()).equals(ref);
        }

        private <R> Result<R> keep(Result<R> r, java.util.function.Predicate<R> row) {
            List<Changed<R>> kept = r.cells().stream().filter(x -> row.test(x.row()) && (rights == null || (x.desired() & rights) != 0)).toList();
            return new Result<>(r.differences(), kept, r.compared(), describe());
        }
    }

    /** Which changed cells make a what-if fail (exit 1): CI's {@code --fail-on gained} is the no-new-access check. */
    public enum FailOn {
        GAINED, LOST, ANY;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

        public boolean fails(Result<?> r) {
            return why(r) != null;
        }

        /** The one line that says why the run fails, or null when it does not (exit 1 is never silent). */
        public String why(Result<?> r) {
            int gained = this != LOST ? r.gained().size() : 0, lost = this != GAINED ? r.lost().size() : 0;
            if (gained == 0 && lost == 0) return null;
            String what = gained > 0 && lost > 0 ? String.format(Locale.ROOT, "%,d cells gained and %,d lost access", gained, lost)
                    : gained > 0 ? String.format(Locale.ROOT, "%,d cells gained access", gained) : String.format(Locale.ROOT, "%,d cells lost access", lost);
            return "pplsim: whatif: " + what + " (--fail-on " + id() + ")";
        }
    }

    /** The report's form: grouped by cause for people, or every cell as CSV or JSON ({@link #buildsJson}). */
    public enum Format {
        TABLE, CSV, JSON;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** A row of a system what-if: a caller process, a target process, the object opened. */
    public record Pair(Process caller, Process target, ObjectKind object) {
    }

    /** How a world's table answers a row's right: null when the row cannot be decided there (it is then not compared). */
    private interface Decider<R> {
        Outcome decide(DecisionTable table, World world, R row, int desired);
    }

    /** Every world's build goes by this name in its own simulator, so one key serves them all. */
    private static final String NAME = "compared";

    private WhatIf() {
    }

    // ---- differences ---------------------------------------------------------------------------------------------

    /** Every field by which {@code change}'s build differs from {@code base}'s: a switch, or a signer row's field. */
    public static List<Difference> differences(Build base, Build change) {
        List<Difference> out = new ArrayList<>();
        RecordComponent[] switches = BuildSwitches.class.getRecordComponents();
        for (int i = 0; i < switches.length; i++) {
            Object a = component(base.switches(), switches[i]), b = component(change.switches(), switches[i]);
            if (a.equals(b)) continue;
            int field = i;
            out.add(buildDifference("switches." + switches[i].getName() + " " + shown(a) + " -> " + shown(b), x -> {
                Object[] values = new Object[switches.length];
                for (int j = 0; j < switches.length; j++) values[j] = component(j == field ? change.switches() : x.switches(), switches[j]);
                return new Build(x.name(), x.description(), x.kernel(), x.table(), newSwitches(values), x.source());
            }));
        }
        for (int s = 0; s < Math.max(base.table().size(), change.table().size()); s++) {
            int signer = s;
            SignerAccess ra = base.hasRow(s) ? base.row(s) : null, rb = change.hasRow(s) ? change.row(s) : null;
            if (ra == null || rb == null) {
                out.add(buildDifference("signers[" + s + "] " + (ra == null ? "absent" : "present") + " -> " + (rb == null ? "absent" : "present"),
                        x -> withRow(x, signer, rb)));
                continue;
            }
            rowField(out, s, "dominateMask", ra.dominateMask(), rb.dominateMask(), v -> String.format(Locale.ROOT, "0x%03X", v),
                    (x, v) -> new SignerAccess(signer, v, x.deniedProcessAccess(), x.deniedThreadAccess()));
            rowField(out, s, "deniedProcessAccess", ra.deniedProcessAccess(), rb.deniedProcessAccess(), SdkNames::hex,
                    (x, v) -> new SignerAccess(signer, x.dominateMask(), v, x.deniedThreadAccess()));
            rowField(out, s, "deniedThreadAccess", ra.deniedThreadAccess(), rb.deniedThreadAccess(), SdkNames::hex,
                    (x, v) -> new SignerAccess(signer, x.dominateMask(), x.deniedProcessAccess(), v));
        }
        return out;
    }

    private interface RowEdit {
        SignerAccess with(SignerAccess row, int value);
    }

    private static void rowField(List<Difference> out, int signer, String field, int a, int b, Function<Integer, String> show, RowEdit edit) {
        if (a != b) {
            out.add(buildDifference("signers[" + signer + "]." + field + " " + show.apply(a) + " -> " + show.apply(b),
                    x -> withRow(x, signer, edit.with(x.row(signer), b))));
        }
    }

    private static Difference buildDifference(String describe, UnaryOperator<Build> apply) {
        return new Difference(describe, w -> new World(w.name(), w.system(), apply.apply(w.build())));
    }

    private static Object component(BuildSwitches s, RecordComponent c) {
        try {
            return c.getAccessor().invoke(s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BuildSwitches newSwitches(Object[] values) {
        try {
            Class<?>[] types = java.util.Arrays.stream(BuildSwitches.class.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return BuildSwitches.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A switch's value as its YAML spells it: an enum by its id. */
    private static String shown(Object v) {
        if (!(v instanceof Enum<?>)) return String.valueOf(v);
        try {
            return String.valueOf(v.getClass().getMethod("id").invoke(v));
        } catch (ReflectiveOperationException e) {
            return v.toString();
        }
    }

    /** The build with row {@code signer} replaced (null: removed; only the last row can go, rows stay dense). */
    private static Build withRow(Build b, int signer, SignerAccess row) {
        List<SignerAccess> t = new ArrayList<>(b.table());
        if (row == null) {
            while (t.size() > signer) t.remove(t.size() - 1);
        } else if (signer < t.size()) {
            t.set(signer, row);
        } else {
            t.add(row);
        }
        return new Build(b.name(), b.description(), b.kernel(), List.copyOf(t), b.switches(), b.source());
    }

    /** A system's differences: each added, removed or changed process (protection or flag), then the build's. */
    public static List<Difference> differences(World base, World change) {
        List<Difference> out = new ArrayList<>();
        Map<Long, Process> a = byPid(base.system()), b = byPid(change.system());
        for (var e : b.entrySet()) {
            Process pb = e.getValue(), pa = a.get(e.getKey());
            if (pa == null) {
                out.add(new Difference("added " + pb.label() + " (" + pb.protectionByte() + ")", w -> withProcess(w, pb.pid(), pb)));
            } else if (!pa.protectionByte().equals(pb.protectionByte()) || !Objects.equals(pa.disallowUserTerminate(), pb.disallowUserTerminate())) {
                String what = !pa.protectionByte().equals(pb.protectionByte())
                        ? "protection " + pa.protectionByte() + " -> " + pb.protectionByte()
                        : "disallowUserTerminate " + pa.disallowUserTerminate() + " -> " + pb.disallowUserTerminate();
                out.add(new Difference(pb.label() + " " + what, w -> withProcess(w, pb.pid(), pb)));
            }
        }
        for (var e : a.entrySet()) {
            if (!b.containsKey(e.getKey())) out.add(new Difference("removed " + e.getValue().label(), w -> withProcess(w, e.getKey(), null)));
        }
        out.addAll(differences(base.build(), change.build()));
        return out;
    }

    private static Map<Long, Process> byPid(SystemCatalog s) {
        Map<Long, Process> m = new LinkedHashMap<>();
        for (Process p : s.processes()) m.put(p.pid(), p);
        return m;
    }

    /** The world with process {@code pid} replaced, added (at the end) or removed (null). */
    private static World withProcess(World w, long pid, Process p) {
        List<Process> ps = new ArrayList<>();
        boolean found = false;
        for (Process x : w.system().processes()) {
            if (x.pid() == pid) {
                found = true;
                if (p != null) ps.add(p);
            } else {
                ps.add(x);
            }
        }
        if (!found && p != null) ps.add(p);
        SystemCatalog s = w.system();
        return new World(w.name(), new SystemCatalog(s.name(), s.description(), s.build(), s.cite(), ps), w.build());
    }

    // ---- comparing -----------------------------------------------------------------------------------------------

    /**
     * Two builds cell by cell over the given protections, objects, modes and relations, each right of 0x001FFFFF
     * asked alone and MAXIMUM_ALLOWED. Cells undecidable on either side are skipped.
     */
    public static Result<Key> builds(PolicySet policies, RuleBase rules, Build base, Build change, List<Integer> levels,
                                     List<ObjectKind> objects, List<AccessMode> modes, List<Relation> relations) {
        List<Key> keys = new ArrayList<>();
        for (ObjectKind o : objects) {
            for (AccessMode m : modes) {
                for (Relation r : relations) {
                    for (int c : levels) {
                        for (int t : levels) keys.add(new Key(NAME, o, c, t, m, false, r));
                    }
                }
            }
        }
        World a = new World(base.name(), null, base), b = new World(change.name(), null, change);
        return compare(policies, rules, a, b, differences(base, change), keys, table -> {
            table.prepare(keys);
            table.prepareOutcomes(keys, Collections.nCopies(keys.size(), Matrix.RIGHTS));
        }, (table, world, key, desired) -> {
            CaseOutcome o = table.decide(key, desired);
            return o == null ? null : new Outcome(o.status(), o.granted());
        });
    }

    /**
     * Two systems: every caller process x target process x object x right, user mode. A process missing on one
     * side has no access there.
     */
    public static Result<Pair> systems(PolicySet policies, RuleBase rules, World base, World change) {
        Set<Long> seen = new LinkedHashSet<>();
        List<Process> all = new ArrayList<>();
        for (Process p : base.system().processes()) if (seen.add(p.pid())) all.add(p);
        for (Process p : change.system().processes()) if (seen.add(p.pid())) all.add(p);
        List<Pair> pairs = new ArrayList<>();
        for (Process c : all) {
            for (Process t : all) {
                for (ObjectKind o : ObjectKind.PROTECTED) pairs.add(new Pair(c, t, o));
            }
        }
        return compare(policies, rules, base, change, differences(base, change), pairs, table -> { }, (table, world, pair, desired) -> {
            Process c = find(world.system(), pair.caller()), t = find(world.system(), pair.target());
            if (c == null || t == null) return Outcome.NONE;
            Decision d = table.decide(Catalog.query(world.system(), NAME, c, t, pair.object(), desired, AccessMode.USER));
            return new Outcome(d.status(), d.granted());
        });
    }

    private static Process find(SystemCatalog s, Process p) {
        for (Process x : s.processes()) if (x.pid().equals(p.pid())) return x;
        return null;
    }

    private static <R> Result<R> compare(PolicySet policies, RuleBase rules, World base, World change, List<Difference> diffs,
                                         List<R> rows, java.util.function.Consumer<DecisionTable> prepare, Decider<R> decider) {
        List<World> worlds = new ArrayList<>(List.of(base, change));
        for (Difference d : diffs) worlds.add(d.apply().apply(base));
        List<DecisionTable> tables = new ArrayList<>();
        for (World w : worlds) {
            // under one name, so the tables' keys line up cell for cell: the one what-if path
            tables.add(new DecisionTable(new Simulator(policies, rules).withWorld(NAME, w)));
        }
        prepare.accept(tables.get(0));
        prepare.accept(tables.get(1));
        List<Changed<R>> cells = new ArrayList<>();
        long compared = 0;
        for (R row : rows) {
            for (int desired : Matrix.RIGHTS) {
                Outcome x = decider.decide(tables.get(0), base, row, desired), y = decider.decide(tables.get(1), change, row, desired);
                if (x == null || y == null) continue;
                compared++;
                if (x.same(y)) continue;
                List<String> causes = new ArrayList<>();
                for (int i = 0; i < diffs.size(); i++) {
                    Outcome z = decider.decide(tables.get(i + 2), worlds.get(i + 2), row, desired);
                    if (z != null && z.same(y)) causes.add(diffs.get(i).describe());
                }
                if (causes.isEmpty()) causes.add("the differences together (none alone)");
                cells.add(new Changed<>(row, desired, x, y, List.copyOf(causes)));
            }
        }
        return new Result<>(diffs, cells, compared);
    }

    // ---- JSON ------------------------------------------------------------------------------------------------------

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A build what-if as JSON: {@code whatif --format json} and {@code GET /v1/whatif} alike (openapi.json's WhatIf). */
    public static ObjectNode buildsJson(String base, String change, Result<Key> r) {
        ObjectNode o = head("build", base, change, r);
        ArrayNode cells = o.putArray("cells");
        for (Changed<Key> c : r.cells()) {
            Key k = c.row();
            ObjectNode x = cells.addObject().put("caller", new PsProtection(k.caller()).hex()).put("callerLabel", new PsProtection(k.caller()).name())
                    .put("target", new PsProtection(k.target()).hex()).put("targetLabel", new PsProtection(k.target()).name())
                    .put("object", k.object().id()).put("mode", k.mode().id()).put("relation", k.relation().id());
            changed(x, c, k.object());
        }
        return o;
    }

    /** A system what-if as JSON, as {@link #buildsJson}: callers and targets by pid, with their labels. */
    public static ObjectNode systemsJson(String base, String change, Result<Pair> r) {
        ObjectNode o = head("system", base, change, r);
        ArrayNode cells = o.putArray("cells");
        for (Changed<Pair> c : r.cells()) {
            Pair pr = c.row();
            ObjectNode x = cells.addObject().put("caller", String.valueOf(pr.caller().pid())).put("callerLabel", pr.caller().label())
                    .put("target", String.valueOf(pr.target().pid())).put("targetLabel", pr.target().label())
                    .put("object", pr.object().id()).put("mode", "user").put("relation", "catalog");
            changed(x, c, pr.object());
        }
        return o;
    }

    private static ObjectNode head(String kind, String a, String b, Result<?> r) {
        ObjectNode o = JSON.createObjectNode().put("kind", kind).put("base", a).put("change", b);
        ArrayNode d = o.putArray("differences");
        for (Difference x : r.differences()) d.add(x.describe());
        o.put("compared", r.compared()).put("gained", r.gained().size()).put("lost", r.lost().size());
        // the command line's filters; the API has none, so its answers never carry this field
        if (r.shownBy() != null) o.put("shownBy", r.shownBy());
        return o;
    }

    private static void changed(ObjectNode x, Changed<?> c, ObjectKind k) {
        x.put("desired", SdkNames.hex(c.desired())).put("desiredName", SdkNames.rightNames(c.desired(), k));
        x.set("baseOutcome", outcome(c.base()));
        x.set("changeOutcome", outcome(c.change()));
        x.put("gained", SdkNames.hex(c.gained())).put("gainedNames", c.gained() == 0 ? "" : SdkNames.rightNames(c.gained(), k))
                .put("lost", SdkNames.hex(c.lost())).put("lostNames", c.lost() == 0 ? "" : SdkNames.rightNames(c.lost(), k));
        ArrayNode causes = x.putArray("causes");
        c.causes().forEach(causes::add);
    }

    private static ObjectNode outcome(Outcome o) {
        ObjectNode n = JSON.createObjectNode();
        if (o.status() == null) n.putNull("status");
        else n.put("status", o.status().name());
        return n.put("granted", SdkNames.hex(o.granted()));
    }

    // ---- the report ----------------------------------------------------------------------------------------------

    /** How a kind of row is shown: its leading table columns and CSV fields (the matrix's column family, docs/cli.md). */
    private record Columns<R>(Function<R, ObjectKind> object, String format, Object[] header, Function<R, Object[]> lead, List<String> csvHeader,
                              Function<R, List<Object>> csvLead) {
    }

    /** The columns after a row's own: the right asked, each side's outcome, the rights gained or lost and the causes. */
    private static final List<String> CHANGED_COLUMNS = List.of("desired", "desired_name", "base_status", "base_granted", "change_status",
            "change_granted", "rights", "rights_name", "causes");

    /** The CSV columns of a build what-if: the build matrix's names for the row, then {@link #CHANGED_COLUMNS}. */
    public static final List<String> BUILD_COLUMNS = columns("direction", "object", "mode", "relation", "caller", "caller_name", "target", "target_name");

    /**
     * The CSV columns of a system what-if: the system matrix's names for the row (a process's protection may be what
     * changed, so it is in the causes, not a column), then {@link #CHANGED_COLUMNS}; a status is empty where the
     * process does not exist.
     */
    public static final List<String> SYSTEM_COLUMNS = columns("direction", "object", "mode", "caller", "caller_pid", "target", "target_pid");

    private static List<String> columns(String... lead) {
        List<String> c = new ArrayList<>(List.of(lead));
        c.addAll(CHANGED_COLUMNS);
        return List.copyOf(c);
    }

    private static final Columns<Key> BUILD = new Columns<>(Key::object, "    %-22s %-7s %-6s %-12s %-22s %-34s %-24s %s%n",
            new Object[]{"caller", "object", "mode", "relation", "target"},
            k -> new Object[]{new PsProtection(k.caller()), k.object().id(), k.mode().id(), k.relation().id(), new PsProtection(k.target())},
            BUILD_COLUMNS,
            k -> List.of(k.object().id(), k.mode().id(), k.relation().id(), new PsProtection(k.caller()).hex(), new PsProtection(k.caller()).name(),
                    new PsProtection(k.target()).hex(), new PsProtection(k.target()).name()));

    private static final Columns<Pair> SYSTEM = new Columns<>(Pair::object, "    %-26s %-26s %-7s %-34s %-14s %s%n",
            new Object[]{"caller", "target", "object"},
            p -> new Object[]{p.caller().label(), p.target().label(), p.object().id()},
            SYSTEM_COLUMNS,
            p -> List.of(p.object().id(), AccessMode.USER.id(), p.caller().image(), p.caller().pid(), p.target().image(), p.target().pid()));

    /** A build what-if's report; {@code heading} is its first line. */
    public static void printBuilds(Result<Key> r, String heading, boolean csv, int limit, PrintWriter out) {
        print(r, heading, BUILD, csv, limit, out);
    }

    public static void printSystems(Result<Pair> r, String heading, boolean csv, int limit, PrintWriter out) {
        print(r, heading, SYSTEM, csv, limit, out);
    }

    /** The differences, the counts, and each direction's cells grouped by cause (at most {@code limit} a cause); or every cell as CSV. */
    private static <R> void print(Result<R> r, String heading, Columns<R> columns, boolean csv, int limit, PrintWriter out) {
        if (csv) {
            CsvRows rows = new CsvRows(out, columns.csvHeader());
            for (Changed<R> c : r.cells()) {
                if (c.gained() != 0) rows.row(csv("gained", c, c.gained(), columns));
                if (c.lost() != 0) rows.row(csv("lost", c, c.lost(), columns));
            }
            rows.flush();
        } else {
            out.println(heading);
            out.println(r.differences().isEmpty() ? "differences: none" : "differences:");
            for (Difference d : r.differences()) out.println("  " + d.describe());
            out.printf(Locale.ROOT, "%,d cells compared: %,d gained access, %,d lost access%s%n", r.compared(), r.gained().size(), r.lost().size(),
                    r.shownBy() == null ? "" : " (changed cells of " + r.shownBy() + ")");
            section("GAINED (the change grants rights the base did not)", r.gained(), true, columns, limit, out);
            section("LOST (the base granted rights the change does not)", r.lost(), false, columns, limit, out);
        }
        out.flush();
    }

    private static <R> void section(String title, List<Changed<R>> cells, boolean gained, Columns<R> columns, int limit, PrintWriter out) {
        if (cells.isEmpty()) return;
        out.println();
        out.println(title);
        Map<String, List<Changed<R>>> byCause = new LinkedHashMap<>();
        for (Changed<R> c : cells) byCause.computeIfAbsent(String.join(" + ", c.causes()), k -> new ArrayList<>()).add(c);
        List<Object> header = new ArrayList<>(List.of(columns.header()));
        header.addAll(List.of("asked", "base", "change"));
        for (var e : byCause.entrySet()) {
            out.printf(Locale.ROOT, "  because of %s: %,d cells%n", e.getKey(), e.getValue().size());
            out.printf(Locale.ROOT, columns.format(), header.toArray());
            int shown = 0;
            for (Changed<R> c : e.getValue()) {
                if (shown++ == limit) {
                    out.printf(Locale.ROOT, "    ... %,d more (--limit, or --format csv for all)%n", e.getValue().size() - limit);
                    break;
                }
                ObjectKind o = columns.object().apply(c.row());
                List<Object> row = new ArrayList<>(List.of(columns.lead().apply(c.row())));
                row.addAll(List.of(SdkNames.rightNames(c.desired(), o), c.base().shown(),
                        c.change().shown() + (gained ? "  +" : "  -") + SdkNames.rightNames(gained ? c.gained() : c.lost(), o)));
                out.printf(Locale.ROOT, columns.format(), row.toArray());
            }
        }
    }

    private static <R> Object[] csv(String direction, Changed<R> c, int rights, Columns<R> columns) {
        ObjectKind o = columns.object().apply(c.row());
        List<Object> fields = new ArrayList<>(List.of(direction));
        fields.addAll(columns.csvLead().apply(c.row()));
        fields.addAll(List.of(SdkNames.hex(c.desired()), SdkNames.rightNames(c.desired(), o)));
        for (Outcome x : List.of(c.base(), c.change())) {
            fields.add(x.status() == null ? "" : x.status().name());
            fields.add(SdkNames.hex(x.granted()));
        }
        fields.addAll(List.of(SdkNames.hex(rights), SdkNames.rightNames(rights, o), String.join("; ", c.causes())));
        return fields.toArray();
    }
}
