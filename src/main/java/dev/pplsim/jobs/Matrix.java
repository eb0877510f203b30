package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
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
import dev.pplsim.model.StandardRight;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.SystemCatalog;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The exhaustive matrix: every caller x target x right (each of the 21 bits of 0x001FFFFF, then MAXIMUM_ALLOWED)
 * for one build, object and mode, as flat rows in a stable order (caller, target, right); or every process x process
 * of a system. csv and json write the rows, table, md and html a grid of the rights each caller can obtain.
 */
public final class Matrix {

    public enum Format {
        TABLE, CSV, JSON, MD, HTML;

        public String id() { return name().toLowerCase(Locale.ROOT); }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The CSV columns of a build's matrix. The family (docs/cli.md): {@code caller}/{@code target} are what a row is
     * keyed by (here the protection byte, in a system's tables the image), {@code X_name} the names of {@code X}'s
     * value, {@code X_pid}/{@code X_protection} a process's; {@code status} the NTSTATUS name and {@code ntstatus} its
     * code; masks as 0x001FFFFF.
     */
    public static final List<String> BUILD_COLUMNS = List.of("build", "object", "mode", "relation", "caller", "caller_name", "target", "target_name",
            "desired", "desired_name", "status", "ntstatus", "granted", "rule");

    /** The CSV columns of a system's matrix: the build matrix's, with each process's image, pid and protection. */
    public static final List<String> SYSTEM_COLUMNS = List.of("system", "build", "object", "mode", "relation", "caller", "caller_pid",
            "caller_protection", "caller_name", "target", "target_pid", "target_protection", "target_name", "desired", "desired_name",
            "status", "ntstatus", "granted", "rule");

    /**
     * One cell; {@code rule} is the rule whose fact decided it: the veto's or the access check's on a refusal, the
     * protection verdict's on success (null when undecidable).
     */
    public record Cell(String build, ObjectKind object, AccessMode mode, int caller, int target, int desired,
                       NtStatus status, int granted, String rule, boolean undecidable) {
    }

    public static final int[] RIGHTS = rights();

    private static int[] rights() {
        int[] m = new int[22];
        for (int b = 0; b < 21; b++) m[b] = 1 << b;
        m[21] = StandardRight.MAXIMUM_ALLOWED.mask();
        return m;
    }

    private Matrix() {
    }

    public static List<Cell> cells(DecisionTable d, String build, ObjectKind object, AccessMode mode, Relation relation,
                                   List<Integer> callers, List<Integer> targets) {
        return cells(d, build, object, mode, relation, callers, targets, RIGHTS);
    }

    /** The rights of {@code RIGHTS} whose bits {@code mask} holds (MAXIMUM_ALLOWED's among them), in their order; 0: all. */
    public static int[] rights(int mask) {
        if (mask == 0) return RIGHTS;
        return java.util.Arrays.stream(RIGHTS).filter(r -> (mask & r) != 0).toArray();
    }

    /** The cells of {@code callers} x {@code targets}, each asked for each of {@code rights} alone. */
    public static List<Cell> cells(DecisionTable d, String build, ObjectKind object, AccessMode mode, Relation relation,
                                   List<Integer> callers, List<Integer> targets, int[] rights) {
        List<Key> keys = new ArrayList<>(callers.size() * targets.size());
        for (int c : callers) {
            for (int t : targets) keys.add(new Key(build, object, c, t, mode, false, relation));
        }
        d.prepare(keys);
        d.prepareOutcomes(keys, java.util.Collections.nCopies(keys.size(), rights));
        List<Cell> out = new ArrayList<>(keys.size() * rights.length);
        for (Key k : keys) {
            boolean undecidable = d.run(k).inputError() != null;
            for (int m : rights) {
                if (undecidable) {
                    out.add(new Cell(build, object, mode, k.caller(), k.target(), m, null, 0, null, true));
                } else {
                    CaseOutcome o = d.decide(k, m);
                    out.add(new Cell(build, object, mode, k.caller(), k.target(), m, o.status(), o.granted(),
                            o.rule() != null ? o.rule() : d.run(k).verdictRule(), false));
                }
            }
        }
        return out;
    }

    /** A build's matrix over {@code levels} as callers and targets, in {@code format}. */
    public static void print(DecisionTable table, String build, ObjectKind kind, AccessMode m, Relation r, List<Integer> levels, Format format,
                             PrintWriter out) {
        print(table, build, kind, m, r, levels, levels, RIGHTS, format, out);
    }

    /** A build's matrix of {@code callers} (rows) x {@code targets} (columns), each asked for each of {@code rights} alone. */
    public static void print(DecisionTable table, String build, ObjectKind kind, AccessMode m, Relation r, List<Integer> callers, List<Integer> targets,
                             int[] rights, Format format, PrintWriter out) {
        List<Cell> cells = cells(table, build, kind, m, r, callers, targets, rights);
        switch (format) {
            case CSV -> {
                CsvRows csv = new CsvRows(out, BUILD_COLUMNS);
                for (Cell c : cells) {
                    csv.row(c.build(), kind.id(), m.id(), r.id(), new PsProtection(c.caller()).hex(),
                            new PsProtection(c.caller()).name(), new PsProtection(c.target()).hex(), new PsProtection(c.target()).name(),
                            SdkNames.hex(c.desired()), SdkNames.rightNames(c.desired(), kind),
                            c.undecidable() ? "UNDECIDABLE" : c.status().name(), c.undecidable() ? "" : c.status().hex(),
                            SdkNames.hex(c.granted()), c.rule());
                }
                csv.flush();
            }
            case JSON -> {
                for (Cell c : cells) {
                    out.println(JSON.createObjectNode().put("build", c.build()).put("object", kind.id()).put("mode", m.id()).put("relation", r.id())
                            .put("caller", new PsProtection(c.caller()).hex()).put("target", new PsProtection(c.target()).hex())
                            .put("desired", SdkNames.hex(c.desired())).put("status", c.undecidable() ? "UNDECIDABLE" : c.status().name())
                            .put("granted", SdkNames.hex(c.granted())).put("rule", c.rule()));
                }
            }
            default -> grid(cells, callers, targets, kind, m, r, build, format, out);
        }
        out.flush();
    }

    /** For each caller and target, the union of the rights granted when each is asked alone. */
    private static void grid(List<Cell> cells, List<Integer> callers, List<Integer> targets, ObjectKind kind, AccessMode m, Relation r, String build,
                             Format format, PrintWriter out) {
        Map<Long, Integer> obtainable = new LinkedHashMap<>();
        Map<Long, Boolean> undecidable = new LinkedHashMap<>();
        for (Cell c : cells) {
            long k = (long) c.caller() << 8 | c.target();
            obtainable.merge(k, c.desired() == StandardRight.MAXIMUM_ALLOWED.mask() ? 0 : c.granted(), (a, b) -> a | b);
            undecidable.put(k, c.undecidable());
        }
        String title = String.format(Locale.ROOT, "Rights a caller (row) obtains on a %s target (column), each asked alone; build %s, %s mode, relation %s",
                kind.id(), build, m.id(), r.id());
        List<String> header = new ArrayList<>();
        header.add("caller \\ target");
        for (int t : targets) header.add(new PsProtection(t).hex());
        List<List<String>> rows = new ArrayList<>();
        for (int c : callers) {
            List<String> row = new ArrayList<>();
            row.add(new PsProtection(c).toString());
            for (int t : targets) {
                long k = (long) c << 8 | t;
                row.add(undecidable.get(k) ? "n/a" : String.format(Locale.ROOT, "%06X", obtainable.get(k)));
            }
            rows.add(row);
        }
        String legend = "Cells are hex masks: 1FFFFF every right; smaller masks are what the target signer's denied mask leaves a caller that does not dominate it (spec §2.2); n/a: a signer without a table row.";
        switch (format) {
            case MD -> {
                out.println("**" + title + "**");
                out.println();
                out.println("| " + String.join(" | ", header) + " |");
                out.println("|" + "---|".repeat(header.size()));
                for (List<String> row : rows) out.println("| " + String.join(" | ", row) + " |");
                out.println();
                out.println(legend);
            }
            case HTML -> {
                out.println("<table><caption>" + html(title) + "</caption>");
                out.println("<tr>" + header.stream().map(h -> "<th>" + html(h) + "</th>").reduce("", String::concat) + "</tr>");
                for (List<String> row : rows) out.println("<tr>" + row.stream().map(v -> "<td>" + html(v) + "</td>").reduce("", String::concat) + "</tr>");
                out.println("</table>");
                out.println("<p>" + html(legend) + "</p>");
            }
            default -> {
                out.println(title);
                int w = rows.stream().mapToInt(x -> x.get(0).length()).max().orElse(10);
                StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", header.get(0)));
                for (int i = 1; i < header.size(); i++) h.append(String.format(Locale.ROOT, " %6s", header.get(i).substring(2)));
                out.println(h);
                for (List<String> row : rows) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", row.get(0)));
                    for (int i = 1; i < row.size(); i++) line.append(String.format(Locale.ROOT, " %6s", row.get(i)));
                    out.println(line);
                }
                out.println(legend);
            }
        }
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * One caller x target pair of a system: its relation, the decision for each right asked (in the order asked) and
     * the rights obtained (MAXIMUM_ALLOWED's grant aside: it is not a right of its own).
     */
    public record SystemCell(SystemCatalog.Process caller, SystemCatalog.Process target, Relation relation, List<Decision> decisions, int obtained) {
    }

    /**
     * The cells of a system matrix, callers in order, each with its targets in order: the command line's
     * {@code matrix --system} and the API's system matrix alike, decided on {@code build} by {@code decide}.
     */
    public static List<SystemCell> systemCells(java.util.function.Function<dev.pplsim.model.AccessQuery, Decision> decide, SystemCatalog s, String build,
                                               List<SystemCatalog.Process> callers, List<SystemCatalog.Process> targets, ObjectKind kind, AccessMode m,
                                               List<Integer> rights) {
        List<SystemCell> cells = new ArrayList<>(callers.size() * targets.size());
        for (SystemCatalog.Process c : callers) {
            for (SystemCatalog.Process t : targets) {
                int obtained = 0;
                List<Decision> ds = new ArrayList<>(rights.size());
                for (int desired : rights) {
                    Decision d = decide.apply(Catalog.query(s, build, c, t, kind, desired, m));
                    if (desired != StandardRight.MAXIMUM_ALLOWED.mask() && d.status().isSuccess()) obtained |= d.granted();
                    ds.add(d);
                }
                cells.add(new SystemCell(c, t, Catalog.relation(s, c, t), List.copyOf(ds), obtained));
            }
        }
        return cells;
    }

    /** Every process x process x right of a system world, decided through the table learnt from the rules. */
    public static void print(Simulator base, Overlay.World w, ObjectKind kind, AccessMode m, Format format, PrintWriter out) {
        print(base, w, kind, m, w.system().processes(), w.system().processes(), RIGHTS, format, out);
    }

    /** A system's matrix of {@code callers} (rows) x {@code targets} (columns), each asked for each of {@code asked} alone. */
    public static void print(Simulator base, Overlay.World w, ObjectKind kind, AccessMode m, List<SystemCatalog.Process> callers,
                             List<SystemCatalog.Process> targets, int[] asked, Format format, PrintWriter out) {
        SystemCatalog s = w.system();
        DecisionTable table = new DecisionTable(base.withWorld(w));
        CsvRows csv = format == Format.CSV ? new CsvRows(out, SYSTEM_COLUMNS) : null;
        if (format == Format.TABLE) {
            out.printf(Locale.ROOT, "Rights each process (row) obtains on each process (column) of %s, %s objects, each asked alone; %s mode%n", s.name(), kind.id(), m.id());
        }
        List<String> grid = new ArrayList<>();
        int w0 = Catalog.width(s);
        List<Integer> rights = java.util.Arrays.stream(asked).boxed().toList();
        StringBuilder row = null;
        SystemCatalog.Process rowOf = null;
        for (SystemCell cell : systemCells(table::decide, s, w.build().name(), callers, targets, kind, m, rights)) {
            SystemCatalog.Process c = cell.caller(), t = cell.target();
            if (c != rowOf) {
                if (row != null) grid.add(row.toString());
                row = new StringBuilder(String.format(Locale.ROOT, "%-" + w0 + "s", c.label()));
                rowOf = c;
            }
            for (int i = 0; i < rights.size(); i++) {
                int desired = rights.get(i);
                Decision d = cell.decisions().get(i);
                String rule = d.rules().get(d.rules().size() - 1);
                if (format == Format.CSV) {
                    csv.row(s.name(), w.build().name(), kind.id(), m.id(), cell.relation().id(), c.image(), c.pid(), c.protectionByte().hex(),
                            c.protectionByte().name(), t.image(), t.pid(), t.protectionByte().hex(), t.protectionByte().name(), SdkNames.hex(desired),
                            SdkNames.rightNames(desired, kind), d.status().name(), d.status().hex(), d.grantedHex(), rule);
                } else if (format == Format.JSON) {
                    out.println(JSON.createObjectNode().put("system", s.name()).put("object", kind.id()).put("mode", m.id()).put("caller", c.image())
                            .put("callerPid", c.pid()).put("target", t.image()).put("targetPid", t.pid()).put("relation", cell.relation().id())
                            .put("desired", SdkNames.hex(desired)).put("status", d.status().name()).put("granted", d.grantedHex()).put("rule", rule));
                }
            }
            row.append(String.format(Locale.ROOT, " %6s", String.format(Locale.ROOT, "%06X", cell.obtained())));
        }
        if (row != null) grid.add(row.toString());
        if (csv != null) csv.flush();
        if (format != Format.CSV && format != Format.JSON) {
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-" + w0 + "s", "caller \\ target pid"));
            for (SystemCatalog.Process t : targets) h.append(String.format(Locale.ROOT, " %6s", t.pid()));
            out.println(h);
            grid.forEach(out::println);
            out.println("Cells are hex masks of the rights obtained (1FFFFF: every right); columns are target pids.");
        }
        out.flush();
    }
}
