package dev.pplsim.jobs;

import dev.pplsim.io.Outputs;
import dev.pplsim.jobs.Reach.Edge;
import dev.pplsim.jobs.Reach.Node;
import dev.pplsim.jobs.Reach.NodeKind;
import dev.pplsim.jobs.Reach.Result;
import dev.pplsim.model.Ascii;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The renderings of a {@link Reach.Result}: aligned text, JSON, Graphviz DOT, and SVG/PNG through Graphviz's dot. */
public final class ReachRender {

    private ReachRender() {
    }

    public enum Format {
        TEXT("text"), JSON("json"), DOT("dot"), SVG("svg"), PNG("png");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        public String id() { return id; }

        /** The format a file name's extension implies, or null. */
        public static Format ofFile(Path p) {
            String n = Ascii.lower(p.getFileName().toString());
            for (Format f : values()) if (n.endsWith("." + f.id)) return f;
            return n.endsWith(".txt") ? TEXT : null;
        }
    }

    /** Which edges a graph shows: the shortest paths text shows, or every edge explored. */
    public enum Graph {
        PATHS("paths"), ALL("all");

        private final String id;

        Graph(String id) {
            this.id = id;
        }

        public String id() { return id; }
    }

    /** The system property that names Graphviz's dot executable; unset, dot is looked up on PATH. */
    public static final String DOT_PROPERTY = "pplsim.dot";

    /** What reach leaves out, and why (docs/reach.md). */
    public static final List<String> NOT_MODELLED = List.of(
            "duplicated handles: the catalogs hold no handle tables, so no handle is known to be held (spec §3.4, §8 handledup)",
            "kernel drivers writing EPROCESS.Protection (spec §8 mimidrv, PPLKiller / BYOVD): outside the open, creation and load checks",
            "COM hosting and races in a PPL (spec §8 Forshaw, PPLmedic) and old vulnerable signed DLLs (BYOVDLL): no rule models them");

    /** The places whose shortest path text and the path graph show: the first place at each level, then each catalog process reached. */
    public static List<Node> shown(Result r) {
        Set<Node> out = new LinkedHashSet<>(r.levels().values());
        for (Node n : r.reached()) if (n.kind() == NodeKind.PROCESS) out.add(n);
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------------------ text

    public static void text(Result r, PrintWriter out) {
        SystemCatalog.Process s = r.start();
        out.printf(Locale.ROOT, "reach from %s, %s, token %s: system %s, build %s, at most %d steps%n", s.label(), s.protectionByte(), r.startToken(),
                r.system().name(), r.build(), r.maxSteps());
        long processes = r.nodes().stream().filter(n -> n.kind() == NodeKind.PROCESS).count(), started = r.nodes().stream().filter(n -> n.kind() == NodeKind.STARTED).count();
        out.printf(Locale.ROOT, "explored %d places (%d catalog processes, %d children started, %d children running code) and %d edges; decided %d opens, %d creations, %d loads%n",
                r.nodes().size(), processes, started, r.nodes().size() - processes - started, r.edges().size(), r.opens(), r.creations(), r.loads());
        if (!r.noCode().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (SystemCatalog.Process p : r.noCode()) {
                names.add(p.label() + " " + p.processKind().id() + (p.processKind() == dev.pplsim.model.ProcessKind.MINIMAL ? " (spec §7.1)" : " (spec §7.3)"));
            }
            out.println("no code runs in: " + String.join(", ", names));
        }
        out.println("not modelled: " + String.join("; ", NOT_MODELLED));
        assumptions(r).forEach(a -> out.println("assumed: " + a));
        out.println();

        Map<PsProtection, Node> levels = r.levels();
        out.printf(Locale.ROOT, "levels reached (%d)%n", levels.size());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"level", "steps", "first place reached"});
        levels.forEach((p, n) -> rows.add(new String[]{p.toString(), String.valueOf(r.distance().get(n.id())), n.label()}));
        table(rows, "", out);
        out.println();

        List<Node> catalog = r.reached().stream().filter(n -> n.kind() == NodeKind.PROCESS).toList();
        out.printf(Locale.ROOT, "catalog processes reached (%d of %d)%n", catalog.size(), r.system().processes().size());
        rows.clear();
        rows.add(new String[]{"process", "protection", "token", "steps"});
        for (Node n : catalog) rows.add(new String[]{n.label(), n.protection().toString(), n.token(), String.valueOf(r.distance().get(n.id()))});
        table(rows, "", out);
        out.println();

        if (!r.refusedLoads().isEmpty()) {
            out.printf(Locale.ROOT, "loads refused (%d): each §8 load the first time a started child of a level refused it%n", r.refusedLoads().size());
            rows.clear();
            rows.add(new String[]{"in", "load", "status", "decided by", "spec"});
            for (Edge e : r.refusedLoads()) {
                rows.add(new String[]{r.node(e.from()).label(), e.request().substring(0, e.request().indexOf(':')), e.status().name(), e.decidedBy(), shortCite(e.cite())});
            }
            table(rows, "", out);
            out.println();
        }

        out.println("shortest paths");
        for (Node n : shown(r)) {
            List<Edge> path = r.path(n.id());
            out.printf(Locale.ROOT, "to %s, %s: %d step%s%n", n.label(), n.protection(), path.size(), path.size() == 1 ? "" : "s");
            if (path.isEmpty()) continue;
            rows.clear();
            rows.add(new String[]{"step", "from", "primitive", "to", "status", "mask", "decided by", "spec", "request"});
            for (int i = 0; i < path.size(); i++) {
                Edge e = path.get(i);
                rows.add(new String[]{String.valueOf(i + 1), r.node(e.from()).label(), e.primitive().id(), r.node(e.to()).label(), e.status().name(),
                        e.mask() == null ? "-" : SdkNames.hex(e.mask()), e.decidedBy(), shortCite(e.cite()), e.request()});
            }
            table(rows, "  ", out);
        }
        out.flush();
    }

    /**
     * What the run took for granted, from policies/reach.yaml and reach itself, with its confidence: each an
     * assumption a user can what-if by editing that file (docs/reach.md).
     */
    public static List<String> assumptions(Result r) {
        List<String> out = new ArrayList<>();
        var p = r.policy();
        for (var l : p.loads()) {
            out.add(l.name() + " can be set up by a token whose user or an enabled group is "
                    + String.join(" or ", l.plantedBy().stream().map(dev.pplsim.request.SidSpelling::print).toList())
                    + " (U: spec §8 names the trick, not who may play it; plantedBy)");
        }
        String as = r.creationBuild();
        if (!as.equals(r.build())) out.add("creations on " + r.build() + " are decided as on " + as + " (U: it has no creation model of its own; creationAs)");
        List<String> images = new ArrayList<>();
        for (var i : p.images()) images.add(i.name() + " " + confidence(i.confidence()));
        out.add("the images' signatures and EKUs are inferred from how they run: " + String.join(", ", images) + " (images[].confidence)");
        out.add("no code runs in a minimal process or a trustlet (spec §7.1 C, §7.3 C): reach decides this itself, not a rule");
        return out;
    }

    /** The confidence mark an image's {@code confidence:} text starts with ({@code "S: ..."} gives S), or "?" when it gives none. */
    private static String confidence(String text) {
        return text != null && text.length() >= 2 && "CSIU".indexOf(text.charAt(0)) >= 0 && !Character.isLetter(text.charAt(1)) ? text.substring(0, 1) : "?";
    }

    /**
     * A rule's cite up to its parenthesis, keeping the confidence marks the parentheses carry (read as
     * {@code pplsim rules} reads them: {@code spec §12.3 item 7 (I)}), or the whole cite when the parenthesis names a
     * switch.
     */
    static String shortCite(String cite) {
        int p = cite.indexOf(" (");
        if (p < 0) return cite;
        // a switch is what a user flips for the U alternative: it stays, whole
        if (cite.substring(p + 2).startsWith("switch ")) return cite;
        List<String> marks = RuleCatalog.confidence(cite);
        return cite.substring(0, p) + (marks.isEmpty() ? "" : " (" + String.join(", ", marks) + ")");
    }

    private static void table(List<String[]> rows, String indent, PrintWriter out) {
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) w[i] = Math.max(w[i], row[i].length());
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                b.append(row[i]);
                if (i < row.length - 1) b.append(" ".repeat(w[i] - row[i].length() + 2));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    // ------------------------------------------------------------------------------------------------------------ JSON

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The edges a graph shows, in the order they were found. */
    public static List<Edge> edges(Result r, Graph graph) {
        if (graph == Graph.ALL) return r.edges();
        Set<Edge> seen = new LinkedHashSet<>();
        for (Node n : shown(r)) seen.addAll(r.path(n.id()));
        return List.copyOf(seen);
    }

    /** The places those edges join, the start first. */
    public static List<Node> nodes(Result r, List<Edge> edges) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add("p" + r.start().pid());
        for (Edge e : edges) {
            ids.add(e.from());
            ids.add(e.to());
        }
        return ids.stream().map(r::node).toList();
    }

    /**
     * The JSON form: the reached levels and catalog processes with their shortest paths, then the graph's places and
     * edges ({@code graph}: those of the shortest paths, or every one explored).
     */
    public static ObjectNode json(Result r, Graph graph) {
        ObjectNode o = JSON.createObjectNode();
        o.put("system", r.system().name()).put("build", r.build()).put("maxSteps", r.maxSteps()).put("graph", graph.id());
        SystemCatalog.Process s = r.start();
        o.putObject("from").put("process", s.image()).put("pid", s.pid()).put("protection", s.protectionByte().hex()).put("token", r.startToken());
        o.putObject("explored").put("places", r.nodes().size()).put("edges", r.edges().size());
        o.putObject("decided").put("opens", r.opens()).put("creations", r.creations()).put("loads", r.loads());
        ArrayNode levels = o.putArray("levels");
        r.levels().forEach((p, n) -> {
            ObjectNode l = levels.addObject().put("protection", p.hex()).put("name", p.name()).put("steps", r.distance().get(n.id())).put("place", n.id());
            path(r, n, l.putArray("path"));
        });
        ArrayNode processes = o.putArray("processes");
        for (Node n : r.reached()) {
            if (n.kind() != NodeKind.PROCESS) continue;
            ObjectNode p = processes.addObject().put("pid", n.pid()).put("image", n.image()).put("protection", n.protection().hex()).put("steps", r.distance().get(n.id()));
            path(r, n, p.putArray("path"));
        }
        ArrayNode refused = o.putArray("refusedLoads");
        for (Edge e : r.refusedLoads()) edge(e, refused.addObject());
        ArrayNode noCode = o.putArray("noCode");
        for (SystemCatalog.Process p : r.noCode()) noCode.addObject().put("pid", p.pid()).put("image", p.image()).put("kind", p.processKind().id());
        ArrayNode notModelled = o.putArray("notModelled");
        NOT_MODELLED.forEach(notModelled::add);
        ArrayNode assumed = o.putArray("assumptions");
        assumptions(r).forEach(assumed::add);
        List<Edge> shownEdges = edges(r, graph);
        ArrayNode nodes = o.putArray("nodes");
        for (Node n : nodes(r, shownEdges)) {
            ObjectNode j = nodes.addObject().put("id", n.id()).put("kind", n.kind().id()).put("label", n.label()).put("image", n.image());
            if (n.pid() != null) j.put("pid", n.pid());
            j.put("protection", n.protection().hex()).put("token", n.token());
            if (n.creator() != null) j.put("creator", n.creator().hex());
            j.put("steps", r.distance().get(n.id()));
        }
        ArrayNode edges = o.putArray("edges");
        for (Edge e : shownEdges) edge(e, edges.addObject());
        return o;
    }

    private static void path(Result r, Node n, ArrayNode into) {
        for (Edge e : r.path(n.id())) edge(e, into.addObject());
    }

    private static void edge(Edge e, ObjectNode j) {
        j.put("from", e.from()).put("to", e.to()).put("primitive", e.primitive().id()).put("request", e.request()).put("status", e.status().name());
        if (e.mask() != null) j.put("mask", SdkNames.hex(e.mask()));
        j.put("decidedBy", e.decidedBy()).put("cite", e.cite());
        ArrayNode rules = j.putArray("rules");
        e.rules().forEach(rules::add);
    }

    public static void json(Result r, Graph graph, PrintWriter out) {
        try {
            out.println(JSON.writeValueAsString(json(r, graph)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    // ------------------------------------------------------------------------------------------------------------- DOT

    public static void dot(Result r, Graph graph, PrintWriter out) {
        List<Edge> edges = edges(r, graph);
        out.println("digraph reach {");
        out.printf(Locale.ROOT, "  label=%s;%n", quote("reach from " + r.start().label() + " (" + r.startToken() + "), system " + r.system().name()
                + ", build " + r.build() + (graph == Graph.PATHS ? ": the shortest path to each level and process" : ": every edge explored")));
        out.println("  labelloc=t; rankdir=LR; fontname=\"Helvetica\";");
        out.println("  node [fontname=\"Helvetica\", fontsize=10, style=filled]; edge [fontname=\"Helvetica\", fontsize=8];");
        for (Node n : nodes(r, edges)) {
            String id = n.id();
            String shape = n.kind() == NodeKind.PROCESS ? "box" : "ellipse";
            String style = n.kind() == NodeKind.STARTED ? "filled,dashed" : "filled";
            String fill = n.protection().type() == 0 ? "white" : n.protection().type() == 1 ? "lightblue" : "orange";
            String pen = id.equals("p" + r.start().pid()) ? ", penwidth=2.5" : "";
            out.printf(Locale.ROOT, "  %s [label=%s, shape=%s, style=%s, fillcolor=%s%s];%n", quote(id),
                    quote(n.label().replace(" [", "\n[") + "\n" + n.protection() + ", " + r.distance().get(id) + (r.distance().get(id) == 1 ? " step" : " steps")), shape, quote(style), fill, pen);
        }
        for (Edge e : edges) {
            String style = e.primitive() == Reach.Primitive.LOAD ? ", color=red, fontcolor=red" : "";
            out.printf(Locale.ROOT, "  %s -> %s [label=%s%s];%n", quote(e.from()), quote(e.to()),
                    quote(e.primitive().id() + (e.mask() == null ? "" : " " + SdkNames.hex(e.mask())) + "\n" + e.decidedBy()), style);
        }
        out.println("}");
        out.flush();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    // ------------------------------------------------------------------------------------------------ images via dot

    /** Graphviz's dot: the {@value #DOT_PROPERTY} property, else the first executable {@code dot} on PATH; null when there is none. */
    public static Path dotExecutable() {
        String given = System.getProperty(DOT_PROPERTY);
        if (given != null) return Files.isExecutable(Path.of(given)) ? Path.of(given) : null;
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "dot");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** The DOT text rendered to SVG or PNG by dot; a missing dot is one line of bad input. */
    public static byte[] image(String dotText, Format f) {
        Path dot = dotExecutable();
        if (dot == null) {
            throw InputException.at("--format", f.id() + " needs Graphviz's dot, which is missing (not on PATH" + (System.getProperty(DOT_PROPERTY) != null
                    ? ", and " + DOT_PROPERTY + " names no executable" : "") + "): install graphviz, or use --format dot");
        }
        try {
            Process p = new ProcessBuilder(dot.toString(), "-T" + f.id()).redirectErrorStream(false).start();
            // stderr is read on its own thread, so a chatty dot never blocks on a full pipe while we read stdout
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(p.getErrorStream(), err));
            drain.start();
            try (var in = p.getOutputStream()) {
                in.write(dotText.getBytes(StandardCharsets.UTF_8));
            }
            byte[] image = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InputException(dot + " did not finish within 60 s");
            }
            drain.join();
            if (p.exitValue() != 0) {
                String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
                throw new InputException(dot + " -T" + f.id() + " failed with exit " + p.exitValue() + (first.isEmpty() ? "" : ": " + first));
            }
            return image;
        } catch (IOException e) {
            throw new InputException(dot + ": " + Outputs.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(dot + ": interrupted");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the exit status says what went wrong
        }
    }
}
