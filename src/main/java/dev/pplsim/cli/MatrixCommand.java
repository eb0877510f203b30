package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.jobs.Levels;
import dev.pplsim.jobs.Matrix;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pplsim matrix}: every caller x target x right with its outcome; flat rows for tools, a grid for people. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"The exhaustive matrix: every caller x target x right (each bit of 0x001FFFFF, then MAXIMUM_ALLOWED).",
                "csv and json: one flat row per cell, stable order. table, md and html: a grid of the rights each caller can obtain on each target."})
final class MatrixCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatorOptions source = new SimulatorOptions();

    @Option(names = "--build", defaultValue = "windows-10-11", paramLabel = "NAME|FILE.yaml", description = "Build (default: ${DEFAULT-VALUE}).")
    String build;

    @Option(names = "--object", defaultValue = "process", paramLabel = "process|thread", description = "Object (default: ${DEFAULT-VALUE}).")
    ObjectKind object;

    @Option(names = "--mode", defaultValue = "user", paramLabel = "user|kernel", description = "Previous mode (default: ${DEFAULT-VALUE}).")
    AccessMode mode;

    @Option(names = "--relation", defaultValue = "none", paramLabel = "none|parent|stale-parent", description = "Relation (default: ${DEFAULT-VALUE}).")
    Relation relation;

    @Option(names = "--protections", defaultValue = "named", paramLabel = "named|all",
            description = "named: None and the PPL and PP of every signer; all: the 256 bytes (default: ${DEFAULT-VALUE}).")
    Levels protections;

    @Option(names = "--system", paramLabel = "NAME|FILE.yaml",
            description = "Instead of protections: every process of this system catalog (or overlay) as caller and target, related as the catalog says.")
    String system;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json|md|html", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        ObjectKind kind = object;
        AccessMode m = mode;
        Relation r = relation;
        if (kind == ObjectKind.TOKEN) throw InputException.at("--object", "expected process or thread, got 'token'");
        if (r == Relation.SELF) throw InputException.at("--relation", "expected none, parent or stale-parent, got 'self'");
        if (!List.of("table", "csv", "json", "md", "html").contains(format)) {
            throw InputException.at("--format", "expected table, csv, json, md or html, got '" + format + "'");
        }
        Simulator base = source.simulator();
        if (system != null) return systemMatrix(base, kind, m);
        Map.Entry<PolicySet, String> resolved = WhatIfCommand.resolve(base, build, "--build");
        Simulator sim = resolved.getKey() == base.policies() ? base : new Simulator(resolved.getKey(), base.rules());
        List<Integer> levels = protections.of(sim.policies().build(resolved.getValue()));
        List<Matrix.Cell> cells = Matrix.cells(new DecisionTable(sim), resolved.getValue(), kind, m, r, levels, levels);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case "csv" -> {
                out.println("build,object,mode,relation,caller,caller_name,target,target_name,desired,desired_name,status,ntstatus,granted,rule");
                for (Matrix.Cell c : cells) {
                    out.println(String.join(",", c.build(), kind.id(), m.id(), r.id(), new PsProtection(c.caller()).hex(),
                            new PsProtection(c.caller()).name(), new PsProtection(c.target()).hex(), new PsProtection(c.target()).name(),
                            SdkNames.hex(c.desired()), SdkNames.rightNames(c.desired(), kind),
                            c.undecidable() ? "UNDECIDABLE" : c.status().name(), c.undecidable() ? "" : c.status().hex(),
                            SdkNames.hex(c.granted()), c.rule() == null ? "" : c.rule()));
                }
            }
            case "json" -> {
                var json = new com.fasterxml.jackson.databind.ObjectMapper();
                for (Matrix.Cell c : cells) {
                    var n = json.createObjectNode();
                    n.put("build", c.build()).put("object", kind.id()).put("mode", m.id()).put("relation", r.id())
                            .put("caller", new PsProtection(c.caller()).hex()).put("target", new PsProtection(c.target()).hex())
                            .put("desired", SdkNames.hex(c.desired())).put("status", c.undecidable() ? "UNDECIDABLE" : c.status().name())
                            .put("granted", SdkNames.hex(c.granted())).put("rule", c.rule());
                    out.println(n);
                }
            }
            default -> grid(cells, levels, kind, m, r, resolved.getValue(), out);
        }
        out.flush();
        return 0;
    }

    /** Every process x process x right of a system, decided through the table materialised from the rules. */
    private Integer systemMatrix(Simulator base, ObjectKind kind, AccessMode m) {
        dev.pplsim.policy.Overlay.World w;
        try {
            w = dev.pplsim.policy.Overlay.resolve(base.policies(), system);
        } catch (InputException e) {
            throw InputException.at("--system", e.getMessage());
        }
        if (w.system() == null) throw InputException.at("--system", "'" + system + "' is a build, not a system");
        var s = w.system();
        var sim = new Simulator(base.policies().with(w.build()), base.rules());
        var table = new dev.pplsim.engine.table.DecisionTable(sim);
        PrintWriter out = spec.commandLine().getOut();
        boolean csv = format.equals("csv");
        if (csv) out.println("system,object,mode,caller,caller_pid,caller_protection,target,target_pid,target_protection,relation,desired,desired_name,status,granted,rule");
        if (format.equals("table")) out.printf("Rights each process (row) obtains on each process (column) of %s, %s objects, each asked alone; %s mode%n", s.name(), kind.id(), m.id());
        java.util.List<String> grid = new java.util.ArrayList<>();
        int w0 = s.processes().stream().mapToInt(p -> p.label().length()).max().orElse(10);
        for (var c : s.processes()) {
            StringBuilder row = new StringBuilder(String.format("%-" + w0 + "s", c.label()));
            for (var t : s.processes()) {
                int obtained = 0;
                for (int desired : Matrix.RIGHTS) {
                    var q = dev.pplsim.jobs.Catalog.query(s, w.build().name(), c, t, kind, desired, m);
                    var d = table.decide(q);
                    if (desired != dev.pplsim.model.StandardRight.MAXIMUM_ALLOWED.mask() && d.status().isSuccess()) obtained |= d.granted();
                    if (csv) {
                        out.println(String.join(",", s.name(), kind.id(), m.id(), c.image(), "" + c.pid(), c.protectionByte().hex(), t.image(), "" + t.pid(),
                                t.protectionByte().hex(), q.relation().id(), SdkNames.hex(desired), SdkNames.rightNames(desired, kind), d.status().name(),
                                d.grantedHex(), d.rules().get(d.rules().size() - 1)));
                    } else if (format.equals("json")) {
                        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
                        n.put("system", s.name()).put("object", kind.id()).put("mode", m.id()).put("caller", c.image()).put("callerPid", c.pid())
                                .put("target", t.image()).put("targetPid", t.pid()).put("relation", q.relation().id()).put("desired", SdkNames.hex(desired))
                                .put("status", d.status().name()).put("granted", d.grantedHex()).put("rule", d.rules().get(d.rules().size() - 1));
                        out.println(n);
                    }
                }
                row.append(String.format(" %6s", String.format("%06X", obtained)));
            }
            grid.add(row.toString());
        }
        if (!csv && !format.equals("json")) {
            StringBuilder h = new StringBuilder(String.format("%-" + w0 + "s", "caller \\ target pid"));
            for (var t : s.processes()) h.append(String.format(" %6s", t.pid()));
            out.println(h);
            grid.forEach(out::println);
            out.println("Cells are hex masks of the rights obtained (1FFFFF: every right); columns are target pids.");
        }
        out.flush();
        return 0;
    }

    /** For each caller and target, the union of the rights granted when each is asked alone. */
    private void grid(List<Matrix.Cell> cells, List<Integer> levels, ObjectKind kind, AccessMode m, Relation r, String buildName, PrintWriter out) {
        Map<Long, Integer> obtainable = new LinkedHashMap<>();
        Map<Long, Boolean> undecidable = new LinkedHashMap<>();
        for (Matrix.Cell c : cells) {
            long k = (long) c.caller() << 8 | c.target();
            obtainable.merge(k, c.desired() == dev.pplsim.model.StandardRight.MAXIMUM_ALLOWED.mask() ? 0 : c.granted(), (a, b) -> a | b);
            undecidable.put(k, c.undecidable());
        }
        String title = String.format("Rights a caller (row) obtains on a %s target (column), each asked alone; build %s, %s mode, relation %s",
                kind.id(), buildName, m.id(), r.id());
        List<String> header = new ArrayList<>();
        header.add("caller \\ target");
        for (int t : levels) header.add(new PsProtection(t).hex());
        List<List<String>> rows = new ArrayList<>();
        for (int c : levels) {
            List<String> row = new ArrayList<>();
            row.add(new PsProtection(c).toString());
            for (int t : levels) {
                long k = (long) c << 8 | t;
                row.add(undecidable.get(k) ? "n/a" : String.format("%06X", obtainable.get(k)));
            }
            rows.add(row);
        }
        String legend = "Cells are hex masks: 1FFFFF every right; smaller masks are what the target signer's denied mask leaves a caller that does not dominate it (spec §2.2); n/a: a signer without a table row.";
        switch (format) {
            case "md" -> {
                out.println("**" + title + "**");
                out.println();
                out.println("| " + String.join(" | ", header) + " |");
                out.println("|" + "---|".repeat(header.size()));
                for (List<String> row : rows) out.println("| " + String.join(" | ", row) + " |");
                out.println();
                out.println(legend);
            }
            case "html" -> {
                out.println("<table><caption>" + html(title) + "</caption>");
                out.println("<tr>" + header.stream().map(h -> "<th>" + html(h) + "</th>").reduce("", String::concat) + "</tr>");
                for (List<String> row : rows) out.println("<tr>" + row.stream().map(v -> "<td>" + html(v) + "</td>").reduce("", String::concat) + "</tr>");
                out.println("</table>");
                out.println("<p>" + html(legend) + "</p>");
            }
            default -> {
                out.println(title);
                int w = rows.stream().mapToInt(x -> x.get(0).length()).max().orElse(10);
                StringBuilder h = new StringBuilder(String.format("%-" + w + "s", header.get(0)));
                for (int i = 1; i < header.size(); i++) h.append(String.format(" %6s", header.get(i).substring(2)));
                out.println(h);
                for (List<String> row : rows) {
                    StringBuilder line = new StringBuilder(String.format("%-" + w + "s", row.get(0)));
                    for (int i = 1; i < row.size(); i++) line.append(String.format(" %6s", row.get(i)));
                    out.println(line);
                }
                out.println(legend);
            }
        }
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
