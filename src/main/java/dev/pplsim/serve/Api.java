package dev.pplsim.serve;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Load;
import dev.pplsim.engine.RuleInfo;
import dev.pplsim.engine.table.Key;
import dev.pplsim.explain.Counterfactuals;
import dev.pplsim.explain.CreationRender;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.LoadRender;
import dev.pplsim.explain.Refusal;
import dev.pplsim.explain.Render;
import dev.pplsim.jobs.BatchProtocol;
import dev.pplsim.jobs.Catalog;
import dev.pplsim.jobs.Levels;
import dev.pplsim.jobs.Matrix;
import dev.pplsim.jobs.Prover;
import dev.pplsim.jobs.ScenarioRunner;
import dev.pplsim.jobs.WhatIf;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.model.StandardRight;
import dev.pplsim.model.TokenRight;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.PropertyFile;
import dev.pplsim.policy.SignerAccess;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.BatchLine;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import dev.pplsim.jobs.Reach;
import dev.pplsim.jobs.ReachRender;
import dev.pplsim.policy.ReachPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The answers of the JSON API, each worked out by the jobs and rendered by the explain package: decide answers with
 * the batch contract's output line for the batch contract's input line, explain with what {@code decide --json
 * --explain} prints, the rest with the fields their OpenAPI schemas name. Query parameters are read here with the
 * command line's spellings and messages; a refused one is a 422 naming the parameter.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** The largest matrix answered at once (caller x target pairs): 64 x 64; all 256 bytes need a filter. */
    static final int MAX_PAIRS = 4096;
    /** Cells a what-if lists at most unless asked for fewer; the counts are always whole. */
    static final int MAX_WHATIF_CELLS = 5000;

    private Api() {
    }

    /** Query parameters as given. */
    record Params(Map<String, List<String>> values) {
        String get(String name) {
            List<String> v = values.get(name);
            return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
        }

        String get(String name, String fallback) {
            String v = get(name);
            return v == null || v.isEmpty() ? fallback : v;
        }

        String required(String name) {
            String v = get(name);
            if (v == null || v.isEmpty()) throw HttpError.badRequest(name + ": missing (a query parameter)");
            return v;
        }

        /** Comma-separated values, repeated parameters joined; null when absent. */
        List<String> list(String name) {
            List<String> v = values.get(name);
            if (v == null) return null;
            List<String> out = new ArrayList<>();
            for (String s : v) for (String part : s.split(",")) if (!part.isBlank()) out.add(part.trim());
            return out;
        }

        boolean flag(String name) {
            String v = get(name);
            if (v == null) return false;
            if (v.isEmpty() || v.equals("true") || v.equals("1")) return true;
            if (v.equals("false") || v.equals("0")) return false;
            throw HttpError.unprocessable(name + ": expected true or false, got " + InputException.quoted(v));
        }

        <E extends Enum<E>> E named(String name, E[] allowed, Function<E, String> id, E fallback) {
            String v = get(name);
            if (v == null || v.isEmpty()) return fallback;
            try {
                return Spelling.named(allowed, id, v);
            } catch (InputException e) {
                throw HttpError.unprocessable(name + ": " + e.getMessage());
            }
        }
    }

    /** An answer: its HTTP status and JSON text. */
    record Answer(int status, String json) {
        static Answer ok(JsonNode n) {
            return new Answer(200, n.toString());
        }
    }

    static String text(byte[] body, String what) {
        String t = new String(body, StandardCharsets.UTF_8);
        if (t.indexOf('\uFFFD') >= 0 && dev.pplsim.request.FastLine.malformedUtf8(body) >= 0) {
            throw HttpError.badRequest(what + ": invalid UTF-8 at byte " + (dev.pplsim.request.FastLine.malformedUtf8(body) + 1));
        }
        return t.startsWith("\uFEFF") ? t.substring(1) : t;
    }

    /** Whether a batch line's error says the body is not a JSON object at all (400) rather than a refused field (422). */
    static int errorStatus(String error) {
        return error.startsWith("malformed JSON") || error.startsWith("a batch line must be") || error.startsWith("invalid UTF-8") ? 400 : 422;
    }

    private static BatchLine line(Snapshot s, byte[] body) {
        return BatchLine.parse(body, s.sim::security, at -> "invalid UTF-8 at byte " + (at + 1) + " of the body");
    }

    // ---- decide and explain --------------------------------------------------------------------------------------

    /** {@code POST /v1/decide}: the batch line's answer, decided as the batch decides it (the learnt table for opens). */
    static Answer decide(Snapshot s, byte[] body, ExplainMode explain) {
        BatchLine l = line(s, body);
        if (l.error() != null) return new Answer(errorStatus(l.error()), BatchProtocol.errorLine(l.id(), l.error()));
        try {
            if (l.load() != null) return new Answer(200, BatchProtocol.loadLine(l.id(), s.sim.load(l.load())));
            if (l.create() != null) return new Answer(200, BatchProtocol.creationLine(l.id(), s.table.create(l.create())));
            AccessQuery q = l.query();
            Decision d = explain != ExplainMode.OFF ? s.sim.decide(q) : s.table.decide(q);
            return new Answer(200, BatchProtocol.decisionLine(l.id(), d, explain));
        } catch (InputException e) {
            return new Answer(422, BatchProtocol.errorLine(l.id(), s.shown(e.getMessage())));
        }
    }

    /**
     * {@code POST /v1/explain}: what {@code decide --json --explain} prints for the same request (stages, refusal,
     * the verified single changes), and the decisive rules with their spec sections.
     */
    static Answer explain(Snapshot s, byte[] body, ExplainMode mode) {
        BatchLine l = line(s, body);
        if (l.error() != null) return new Answer(errorStatus(l.error()), BatchProtocol.errorLine(l.id(), l.error()));
        try {
            ObjectNode n;
            if (l.load() != null) {
                Load ld = s.sim.load(l.load());
                n = LoadRender.LOAD.json(ld, mode, LoadRender.LOAD.whatWouldSucceed(ld, s.sim::load, s.buildNames));
                n.put("op", "load");
            } else if (l.create() != null) {
                Creation c = s.sim.create(l.create());
                n = CreationRender.CREATION.json(c, mode, CreationRender.CREATION.whatWouldSucceed(c, s.sim::create));
                n.put("op", "create");
            } else {
                Decision d = s.sim.decide(l.query());
                n = explained(s, d, mode, s.sim::decide);
            }
            n.set("id", JSON.readTree(l.id()));
            return Answer.ok(n);
        } catch (InputException e) {
            return new Answer(422, BatchProtocol.errorLine(l.id(), s.shown(e.getMessage())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An open's explanation: {@link Render#json}, plus the decisive rules (the refusal's, or the verdict's) with their sections. */
    static ObjectNode explained(Snapshot s, Decision d, ExplainMode mode, Function<AccessQuery, Decision> decide) {
        List<Counterfactuals.Counterfactual> cf = Counterfactuals.of(d, decide);
        ObjectNode n = Render.json(d, mode, cf);
        n.put("op", "open");
        ArrayNode decisive = n.putArray("decisive");
        for (String id : Refusal.decisiveRules(d)) decisive.add(rule(s, id));
        return n;
    }

    private static ObjectNode rule(Snapshot s, String id) {
        ObjectNode o = JSON.createObjectNode().put("rule", id);
        RuleInfo info = s.rules.byId(id);
        if (info != null) {
            o.put("name", info.name()).put("cite", info.cite());
            if (info.stage() != null) o.put("stage", info.stage().number()).put("title", info.stage().title()).put("kernelFunction", info.stage().kernelFunction());
        }
        return o;
    }

    // ---- listings ------------------------------------------------------------------------------------------------

    static Answer status(Snapshots snapshots, String version) {
        ObjectNode n = JSON.createObjectNode().put("version", version).put("source", snapshots.source());
        Object state = snapshots.peek();
        if (state instanceof Snapshot s) {
            n.put("digest", s.digest).put("loaded", s.loaded.toString()).put("rules", s.shown(s.rules.source()));
            ArrayNode p = n.putArray("problems");
            s.problems.forEach(p::add);
        } else if (state instanceof Snapshots.Failure f) {
            n.put("digest", f.digest()).put("error", f.message());
        }
        return Answer.ok(n);
    }

    static Answer builds(Snapshot s) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode out = n.putArray("builds");
        for (Snapshot.BuildEntry e : s.builds.values()) {
            Build b = e.build();
            ObjectNode o = out.addObject().put("name", e.name()).put("overlay", e.overlay()).put("description", e.note() == null ? b.description() : e.note())
                    .put("kernel", b.kernel());
            if (e.base() != null) o.put("base", e.base());
            ObjectNode sw = o.putObject("switches");
            sw.put("parentExemption", b.switches().parentExemption().id()).put("disallowUserTerminateCheck", b.switches().disallowUserTerminateCheck())
                    .put("picoCheck", b.switches().picoCheck()).put("impliedRights", b.switches().impliedRights().id())
                    .put("genericMapping", b.switches().genericMapping()).put("secureVmOpenRefused", b.switches().secureVmOpenRefused());
            ArrayNode rows = o.putArray("signers");
            for (SignerAccess a : b.table()) {
                rows.addObject().put("signer", a.signer()).put("name", dev.pplsim.model.PsProtectedSigner.of(a.signer()).name())
                        .put("dominateMask", String.format(Locale.ROOT, "0x%03X", a.dominateMask()))
                        .put("deniedProcessAccess", SdkNames.hex(a.deniedProcessAccess())).put("deniedThreadAccess", SdkNames.hex(a.deniedThreadAccess()));
            }
            ArrayNode levels = o.putArray("levels");
            for (int v : Levels.NAMED.of(b)) levels.add(level(v));
        }
        ArrayNode rights = n.putArray("rights");
        for (int m : Matrix.RIGHTS) rights.addObject().put("mask", SdkNames.hex(m)).put("process", SdkNames.rightNames(m, ObjectKind.PROCESS))
                .put("thread", SdkNames.rightNames(m, ObjectKind.THREAD));
        ArrayNode tokens = n.putArray("tokenPresets");
        s.sim.security().tokens().keySet().forEach(tokens::add);
        return Answer.ok(n);
    }

    private static ObjectNode level(int v) {
        PsProtection p = new PsProtection(v);
        return JSON.createObjectNode().put("protection", p.hex()).put("name", p.name());
    }

    static Answer catalogs(Snapshot s) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode out = n.putArray("catalogs");
        for (Snapshot.SystemEntry e : s.systems.values()) {
            SystemCatalog c = e.catalog();
            ObjectNode o = out.addObject().put("name", e.name()).put("overlay", e.overlay()).put("description", e.note() == null ? c.description() : e.note())
                    .put("build", c.build()).put("cite", c.cite());
            ArrayNode ps = o.putArray("processes");
            for (SystemCatalog.Process p : c.processes()) ps.add(process(c, p));
        }
        return Answer.ok(n);
    }

    private static ObjectNode process(SystemCatalog c, SystemCatalog.Process p) {
        return Catalog.processJson(c, p);
    }

    // ---- matrix --------------------------------------------------------------------------------------------------

    static ObjectKind openable(Params p) {
        ObjectKind k = p.named("object", ObjectKind.values(), ObjectKind::id, ObjectKind.PROCESS);
        if (k == ObjectKind.TOKEN) throw HttpError.unprocessable("object: expected process or thread, got 'token'");
        return k;
    }

    private static List<Integer> rights(Params p, ObjectKind k) {
        List<String> given = p.list("rights");
        if (given == null || given.isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int m : Matrix.RIGHTS) all.add(m);
            return all;
        }
        List<Integer> out = new ArrayList<>();
        for (String r : given) {
            int m;
            try {
                m = Spelling.desiredMask(r, k);
            } catch (InputException e) {
                throw HttpError.unprocessable("rights: " + e.getMessage());
            }
            boolean known = false;
            for (int x : Matrix.RIGHTS) known |= x == m;
            if (!known) throw HttpError.unprocessable("rights: " + r + " is not one right (the matrix asks each right alone, and MAXIMUM_ALLOWED)");
            if (!out.contains(m)) out.add(m);
        }
        return out;
    }

    private static List<Integer> protections(Params p, String name, List<Integer> fallback) {
        List<String> given = p.list(name);
        if (given == null || given.isEmpty()) return fallback;
        List<Integer> out = new ArrayList<>();
        for (String g : given) {
            try {
                int v = Spelling.protection(g).value();
                if (!out.contains(v)) out.add(v);
            } catch (InputException e) {
                throw HttpError.unprocessable(name + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** {@code GET /v1/matrix}: a build's (or a system's) caller x target x right outcomes, as the matrix job decides them. */
    static Answer matrix(Snapshot s, Params p) {
        if (p.get("system") != null) return systemMatrix(s, p);
        String build = p.get("build", AccessQuery.DEFAULT_BUILD);
        Snapshot.BuildEntry b = s.build(build, "build");
        ObjectKind k = openable(p);
        AccessMode m = p.named("mode", AccessMode.values(), AccessMode::id, AccessMode.USER);
        Relation r = p.named("relation", Relation.values(), Relation::id, Relation.NONE);
        if (r == Relation.SELF) throw HttpError.unprocessable("relation: expected none, parent or stale-parent, got 'self'");
        Levels levels = p.named("protections", Levels.values(), Levels::id, Levels.NAMED);
        List<Integer> all = levels.of(b.build());
        List<Integer> callers = protections(p, "callers", all), targets = protections(p, "targets", all);
        if ((long) callers.size() * targets.size() > MAX_PAIRS) {
            throw HttpError.unprocessable(String.format(Locale.ROOT, "%,d callers x %,d targets is over the limit of %,d pairs a request: narrow with callers= and targets=",
                    callers.size(), targets.size(), MAX_PAIRS));
        }
        List<Integer> rights = rights(p, k);
        String key = String.join("|", "matrix", build, k.id(), m.id(), r.id(), callers.toString(), targets.toString(), rights.toString());
        return s.memo(key, () -> {
            List<Matrix.Cell> cells = Matrix.cells(s.table, build, k, m, r, callers, targets);
            ObjectNode n = JSON.createObjectNode().put("kind", "build").put("build", build).put("object", k.id()).put("mode", m.id()).put("relation", r.id());
            Map<Integer, List<String>> examples = examples(s, b);
            ArrayNode cs = n.putArray("callers"), ts = n.putArray("targets");
            for (int c : callers) cs.add(side(c, examples));
            for (int t : targets) ts.add(side(t, examples));
            rightsNode(n.putArray("rights"), rights, k);
            ArrayNode out = n.putArray("cells");
            Map<Long, Matrix.Cell> byKey = new java.util.HashMap<>();
            for (Matrix.Cell c : cells) byKey.put(((long) c.caller() << 40) | ((long) c.target() << 32) | (c.desired() & 0xFFFFFFFFL), c);
            for (int c : callers) {
                for (int t : targets) {
                    ObjectNode cell = out.addObject().put("caller", new PsProtection(c).hex()).put("target", new PsProtection(t).hex());
                    int obtained = 0;
                    boolean undecidable = false;
                    ArrayNode os = cell.putArray("outcomes");
                    for (int right : rights) {
                        Matrix.Cell x = byKey.get(((long) c << 40) | ((long) t << 32) | (right & 0xFFFFFFFFL));
                        if (x.undecidable()) {
                            undecidable = true;
                            os.addObject().put("status", "UNDECIDABLE").put("granted", SdkNames.hex(0));
                            continue;
                        }
                        if (x.status().isSuccess() && right != StandardRight.MAXIMUM_ALLOWED.mask()) obtained |= x.granted();
                        ObjectNode o = os.addObject().put("status", x.status().name()).put("granted", SdkNames.hex(x.granted()));
                        if (x.rule() != null) o.put("rule", x.rule());
                    }
                    cell.put("obtained", SdkNames.hex(obtained)).put("undecidable", undecidable);
                }
            }
            return Answer.ok(n);
        }).join();
    }

    /** The images of the catalogs on this build (or its base), by protection byte: "Lsa-Light" is lsass.exe on windows-11. */
    private static Map<Integer, List<String>> examples(Snapshot s, Snapshot.BuildEntry b) {
        String onBuild = b.base() != null ? b.base() : b.name();
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (Snapshot.SystemEntry e : s.systems.values()) {
            if (e.overlay() || !e.catalog().build().equals(onBuild)) continue;
            for (SystemCatalog.Process p : e.catalog().processes()) {
                List<String> l = out.computeIfAbsent(p.protectionByte().value(), x -> new ArrayList<>());
                if (!l.contains(p.image())) l.add(p.image());
            }
        }
        return out;
    }

    private static ObjectNode side(int v, Map<Integer, List<String>> examples) {
        PsProtection pr = new PsProtection(v);
        ObjectNode o = JSON.createObjectNode().put("id", pr.hex()).put("label", pr.name()).put("protection", pr.hex()).put("name", pr.name());
        ArrayNode ex = o.putArray("examples");
        examples.getOrDefault(v, List.of()).forEach(ex::add);
        return o;
    }

    private static void rightsNode(ArrayNode out, List<Integer> rights, ObjectKind k) {
        for (int m : rights) out.addObject().put("mask", SdkNames.hex(m)).put("name", SdkNames.rightNames(m, k));
    }

    private static List<SystemCatalog.Process> processes(SystemCatalog c, Params p, String name) {
        List<String> given = p.list(name);
        if (given == null || given.isEmpty()) return c.processes();
        List<SystemCatalog.Process> out = new ArrayList<>();
        for (String g : given) {
            try {
                SystemCatalog.Process x = Catalog.one(c, g, name);
                if (!out.contains(x)) out.add(x);
            } catch (InputException e) {
                throw HttpError.unprocessable(e.getMessage());
            }
        }
        return out;
    }

    private static Answer systemMatrix(Snapshot s, Params p) {
        Snapshot.SystemEntry e = s.system(p.get("system"), "system");
        SystemCatalog c = e.catalog();
        ObjectKind k = openable(p);
        AccessMode m = p.named("mode", AccessMode.values(), AccessMode::id, AccessMode.USER);
        List<SystemCatalog.Process> callers = processes(c, p, "callers"), targets = processes(c, p, "targets");
        if ((long) callers.size() * targets.size() > MAX_PAIRS) throw HttpError.unprocessable("over the limit of " + MAX_PAIRS + " pairs a request");
        List<Integer> rights = rights(p, k);
        String key = String.join("|", "smatrix", e.name(), k.id(), m.id(), callers.toString(), targets.toString(), rights.toString());
        return s.memo(key, () -> {
            ObjectNode n = JSON.createObjectNode().put("kind", "system").put("system", e.name()).put("build", c.build()).put("object", k.id()).put("mode", m.id());
            ArrayNode cs = n.putArray("callers"), ts = n.putArray("targets");
            for (SystemCatalog.Process x : callers) cs.add(processSide(x));
            for (SystemCatalog.Process x : targets) ts.add(processSide(x));
            rightsNode(n.putArray("rights"), rights, k);
            ArrayNode out = n.putArray("cells");
            // the cells pplsim matrix --system decides, on the catalog's build
            for (Matrix.SystemCell x : Matrix.systemCells(s.table::decide, c, c.build(), callers, targets, k, m, rights)) {
                ObjectNode cell = out.addObject().put("caller", String.valueOf(x.caller().pid())).put("target", String.valueOf(x.target().pid()))
                        .put("relation", x.relation().id());
                ArrayNode os = cell.putArray("outcomes");
                for (Decision d : x.decisions()) {
                    os.addObject().put("status", d.status().name()).put("granted", d.grantedHex()).put("rule", d.rules().get(d.rules().size() - 1));
                }
                cell.put("obtained", SdkNames.hex(x.obtained())).put("undecidable", false);
            }
            return Answer.ok(n);
        }).join();
    }

    private static ObjectNode processSide(SystemCatalog.Process x) {
        return JSON.createObjectNode().put("id", String.valueOf(x.pid())).put("label", x.label()).put("protection", x.protectionByte().hex())
                .put("name", x.protectionByte().name()).putPOJO("examples", List.of(x.image()));
    }

    // ---- what-if -------------------------------------------------------------------------------------------------

    /** {@code GET /v1/whatif}: the cells two builds (or two systems) decide differently, each with its causes. */
    static Answer whatif(Snapshot s, Params p) {
        String a = p.required("base"), b = p.required("change");
        int limit = limit(p);
        boolean systems = s.systems.containsKey(a) && !s.builds.containsKey(a);
        if (systems) {
            Snapshot.SystemEntry wa = s.system(a, "base");
            if (!s.systems.containsKey(b)) {
                throw HttpError.unprocessable("change: compare a system with a system ('" + a + "' is a system; known: " + String.join(", ", s.systems.keySet()) + ")");
            }
            Snapshot.SystemEntry wb = s.system(b, "change");
            ObjectNode n = s.memo("whatif-s|" + a + "|" + b, () -> systemsWhatIf(s, wa, wb)).join();
            return Answer.ok(limited(n, limit));
        }
        if (!s.builds.containsKey(a)) {
            throw HttpError.unprocessable("base: unknown build or system '" + a + "' (builds: " + String.join(", ", s.builds.keySet()) + "; systems: "
                    + String.join(", ", s.systems.keySet()) + ")");
        }
        if (!s.builds.containsKey(b)) {
            throw HttpError.unprocessable("change: " + (s.systems.containsKey(b) ? "compare a build with a build ('" + b + "' is a system)"
                    : "unknown build '" + b + "' (known: " + String.join(", ", s.builds.keySet()) + ")"));
        }
        Build ba = s.builds.get(a).build(), bb = s.builds.get(b).build();
        Levels levels = p.named("protections", Levels.values(), Levels::id, Levels.NAMED);
        List<ObjectKind> objects = p.get("object") == null ? ObjectKind.PROTECTED : List.of(openable(p));
        List<AccessMode> modes = p.get("mode") == null ? List.of(AccessMode.values()) : List.of(p.named("mode", AccessMode.values(), AccessMode::id, null));
        List<Relation> relations;
        if (p.get("relation") == null) {
            relations = List.of(Relation.NONE, Relation.PARENT, Relation.STALE_PARENT);
        } else {
            Relation r = p.named("relation", Relation.values(), Relation::id, null);
            if (r == Relation.SELF) throw HttpError.unprocessable("relation: expected none, parent or stale-parent, got 'self'");
            relations = List.of(r);
        }
        List<Integer> lv = levels.of(ba.table().size() >= bb.table().size() ? ba : bb);
        String key = String.join("|", "whatif-b", a, b, levels.id(), objects.toString(), modes.toString(), relations.toString());
        ObjectNode n = s.memo(key, () -> {
            WhatIf.Result<Key> r = WhatIf.builds(s.sim.policies(), s.rules, ba, bb, lv, objects, modes, relations);
            return WhatIf.buildsJson(a, b, r);
        }).join();
        return Answer.ok(limited(n, limit));
    }

    private static int limit(Params p) {
        String v = p.get("limit");
        if (v == null) return MAX_WHATIF_CELLS;
        try {
            long n = Spelling.number(v, "limit");
            if (n < 0 || n > MAX_WHATIF_CELLS) throw HttpError.unprocessable("limit: expected 0 to " + MAX_WHATIF_CELLS + ", got " + v);
            return (int) n;
        } catch (InputException e) {
            throw HttpError.unprocessable("limit: " + e.getMessage());
        }
    }

    private static ObjectNode systemsWhatIf(Snapshot s, Snapshot.SystemEntry a, Snapshot.SystemEntry b) {
        return WhatIf.systemsJson(a.name(), b.name(), WhatIf.systems(s.sim.policies(), s.rules, a.world(), b.world()));
    }

    /** The memo keeps every cell; an answer lists at most {@code limit}, and says so. */
    private static ObjectNode limited(ObjectNode n, int limit) {
        ArrayNode cells = (ArrayNode) n.get("cells");
        ObjectNode out = n.deepCopy();
        out.put("truncated", cells.size() > limit);
        if (cells.size() > limit) {
            ArrayNode kept = out.putArray("cells");
            for (int i = 0; i < limit; i++) kept.add(cells.get(i));
        }
        return out;
    }

    // ---- the catalog queries -------------------------------------------------------------------------------------

    private static ObjectKind catalogObject(Params p, boolean tokens) {
        ObjectKind k = p.named("object", ObjectKind.values(), ObjectKind::id, ObjectKind.PROCESS);
        if (k == ObjectKind.TOKEN && !tokens) throw HttpError.unprocessable("object: a process's token is opened through the access check of its descriptor: add tokens=true");
        return k;
    }

    /**
     * {@code GET /v1/reach}: which processes and protection levels code can come to run in from one process of a
     * system, by which steps: the reach job's own JSON (jobs/Reach, jobs/ReachRender), each step an engine decision.
     */
    static Answer reach(Snapshot s, Params p) {
        Snapshot.SystemEntry e = s.system(p.get("system", "windows-11"), "system");
        SystemCatalog c = e.catalog();
        // the system's own build (an overlay's, when the system is one), or a build asked for by name
        dev.pplsim.policy.Build build = p.get("build") == null ? e.world().build() : s.build(p.get("build"), "build").build();
        int maxSteps;
        try {
            maxSteps = (int) Spelling.number(p.get("maxSteps", "8"), "maxSteps");
        } catch (InputException x) {
            throw HttpError.unprocessable("maxSteps: " + x.getMessage());
        }
        if (maxSteps < 1 || maxSteps > 16) throw HttpError.unprocessable("maxSteps: expected 1..16, got " + maxSteps);
        ReachRender.Graph graph = p.named("graph", ReachRender.Graph.values(), ReachRender.Graph::id, ReachRender.Graph.PATHS);
        SystemCatalog.Process start;
        try {
            start = Catalog.one(c, p.required("from"), "from");
        } catch (InputException x) {
            throw HttpError.unprocessable(x.getMessage());
        }
        String key = "reach|" + e.name() + "|" + p.get("build", "") + "|" + start.label() + "|" + maxSteps + "|" + graph.id();
        ObjectNode n = s.<ObjectNode>memo(key, () -> {
            // a system's own world carries its overlay's creation changes; a named build is the snapshot's own
            dev.pplsim.engine.Simulator sim = p.get("build") == null ? s.sim.withWorld(e.world()) : s.sim;
            try {
                return ReachRender.json(Reach.run(sim, c, build.name(), start, ReachPolicy.load(s.sim.policies().root()), maxSteps), graph);
            } catch (InputException x) {
                throw HttpError.unprocessable(s.shown(x.getMessage()));
            }
        }).join();
        return Answer.ok(n);
    }

    /** {@code GET /v1/who-can}: which processes of a system open a target with an access, and what decided. */
    static Answer whoCan(Snapshot s, Params p) {
        Snapshot.SystemEntry e = s.system(p.get("system", "windows-11"), "system");
        SystemCatalog c = e.catalog();
        boolean tokens = p.flag("tokens");
        ObjectKind k = catalogObject(p, tokens);
        AccessMode m = p.named("mode", AccessMode.values(), AccessMode::id, AccessMode.USER);
        SystemCatalog.Process t;
        int desired;
        try {
            t = Catalog.one(c, p.required("target"), "target");
            desired = Spelling.desiredMask(p.required("access"), k);
        } catch (InputException x) {
            throw HttpError.unprocessable(x.getMessage().startsWith("target") ? x.getMessage() : "access: " + x.getMessage());
        }
        // the rows pplsim who-can prints: the same callers (in user mode not the minimal processes), the same decisions
        Catalog.WhoCan who;
        try {
            who = Catalog.whoCan(s.sim, s.table::decide, c, k, m, t, desired, tokens);
        } catch (InputException x) {
            throw HttpError.unprocessable(s.shown(x.getMessage()));
        }
        return Answer.ok(Catalog.whoCanJson(e.name(), c, k, m, tokens, t, desired, who));
    }

    /** {@code GET /v1/what-can}: what a process obtains on each process of its system, each right asked alone. */
    static Answer whatCan(Snapshot s, Params p) {
        Snapshot.SystemEntry e = s.system(p.get("system", "windows-11"), "system");
        SystemCatalog c = e.catalog();
        boolean tokens = p.flag("tokens");
        ObjectKind k = catalogObject(p, tokens);
        AccessMode m = p.named("mode", AccessMode.values(), AccessMode::id, AccessMode.USER);
        SystemCatalog.Process cp;
        try {
            cp = Catalog.one(c, p.required("caller"), "caller");
            Catalog.checkCaller(cp, m);
        } catch (InputException x) {
            throw HttpError.unprocessable(x.getMessage());
        }
        // the rows pplsim what-can prints, each right asked alone
        List<Catalog.Obtained> obtained;
        try {
            obtained = Catalog.whatCan(s.sim, s.table::decide, c, k, m, cp, tokens);
        } catch (InputException x) {
            throw HttpError.unprocessable(s.shown(x.getMessage()));
        }
        return Answer.ok(Catalog.whatCanJson(e.name(), c, k, m, tokens, cp, obtained));
    }

    // ---- prove ---------------------------------------------------------------------------------------------------

    /** {@code POST /v1/prove}: each law of a posted property file (YAML or JSON) proved over its domain, or refuted. */
    static Answer prove(Snapshot s, byte[] body, Params p) {
        String text = text(body, "the body");
        if (text.isBlank()) throw HttpError.badRequest("the body is empty: post a property file (policies/properties/*.yaml)");
        PropertyFile file;
        try {
            file = dev.pplsim.policy.Yaml.parse(text, "the posted properties", PropertyFile.class);
        } catch (InputException e) {
            throw HttpError.unprocessable(e.getMessage());
        }
        List<String> builds = p.list("build");
        if (builds == null || builds.isEmpty()) builds = s.buildNames;
        for (String b : builds) s.build(b, "build");
        List<PropertyFile.Law> laws = new ArrayList<>();
        laws.addAll(file.properties());
        laws.addAll(file.creations());
        laws.addAll(file.loads());
        Prover prover = new Prover(s.table, builds);
        ObjectNode n = JSON.createObjectNode();
        ArrayNode results = n.putArray("results");
        int proved = 0, refuted = 0, unexpected = 0;
        for (PropertyFile.Law law : laws) {
            Prover.Result r;
            try {
                r = prover.prove("the posted properties", law);
            } catch (InputException e) {
                throw HttpError.unprocessable(s.shown(e.getMessage()));
            }
            if (r.verdict() == Prover.Verdict.PROVED) proved++;
            else refuted++;
            if (!r.asExpected()) unexpected++;
            results.add(proof(s, r));
        }
        n.put("proved", proved).put("refuted", refuted).put("notAsDeclared", unexpected);
        return Answer.ok(n);
    }

    private static ObjectNode proof(Snapshot s, Prover.Result r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("property", r.name()).put("op", r.ofLoad() ? "load" : r.ofCreation() ? "create" : "open").put("cite", r.cite())
                .put("verdict", r.verdict().name()).put("asDeclared", r.asExpected()).put("cases", r.cases()).put("constrained", r.constrained())
                .put("undecidable", r.undecidable()).put("millis", r.millis());
        if (r.load() != null) {
            n.putObject("counterexample").put("failure", r.failure()).set("decision", LoadRender.LOAD.json(s.sim.load(r.load()), ExplainMode.DECISIVE, List.of()));
        } else if (r.creation() != null) {
            ObjectNode ce = n.putObject("counterexample").put("failure", r.failure());
            ce.set("decision", CreationRender.CREATION.json(s.sim.create(r.creation()), ExplainMode.DECISIVE, List.of()));
            if (r.changedCreation() != null) ce.set("changedDecision", CreationRender.CREATION.json(s.sim.create(r.changedCreation()), ExplainMode.DECISIVE, List.of()));
        } else if (r.counterexample() != null) {
            Prover.Case c = r.counterexample();
            ObjectNode ce = n.putObject("counterexample").put("failure", r.failure());
            ce.set("decision", Render.json(s.sim.decide(c.key().query(c.desired())), ExplainMode.DECISIVE));
            if (c.changed() != null) ce.set("changedDecision", Render.json(s.sim.decide(c.changed().query(c.desired())), ExplainMode.DECISIVE));
        }
        return n;
    }

    // ---- lessons -------------------------------------------------------------------------------------------------

    /** The scenarios of {@code policies/scenarios} as lessons: what is asked, without the answer. */
    static Answer lessons(Snapshot s) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode out = n.putArray("lessons");
        List<ScenarioRunner.Result> rs = s.lessons();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (ScenarioRunner.Result r : rs) {
            String file = lessonFile(s, r.file());
            int i = index.merge(file, 1, Integer::sum) - 1;
            var c = r.scenario();
            ObjectNode o = out.addObject().put("id", file + "/" + i).put("file", file).put("index", i).put("note", c.note()).put("cite", c.cite())
                    .put("op", c.load() != null ? "load" : c.create() != null ? "create" : "open");
            if (c.lesson() != null) o.put("lesson", c.lesson());
            ObjectNode asked = JSON.valueToTree(c.load() != null ? c.load().fields() : c.create() != null ? c.create().fields() : c.request());
            asked.properties().removeIf(e -> e.getValue().isNull());
            o.set("request", asked);
        }
        return Answer.ok(n);
    }

    /** A scenario file as the lesson list names it: its path under policies/scenarios, without .yaml. */
    private static String lessonFile(Snapshot s, String shown) {
        String f = shown.replace('\\', '/');
        int at = f.lastIndexOf("/scenarios/");
        f = at >= 0 ? f.substring(at + "/scenarios/".length()) : f;
        return f.endsWith(".yaml") ? f.substring(0, f.length() - 5) : f;
    }

    /** One lesson's answer: the decision, whether it is the one the scenario wants, and its explanation. */
    static Answer lesson(Snapshot s, String file, String index) {
        List<ScenarioRunner.Result> rs = s.lessons();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (ScenarioRunner.Result r : rs) {
            String f = lessonFile(s, r.file());
            int i = seen.merge(f, 1, Integer::sum) - 1;
            if (!f.equals(file) || !String.valueOf(i).equals(index)) continue;
            var c = r.scenario();
            ObjectNode n = JSON.createObjectNode().put("id", f + "/" + i).put("note", c.note()).put("cite", c.cite()).put("passed", r.passed());
            if (c.lesson() != null) n.put("lesson", c.lesson());
            if (r.failure() != null) n.put("failure", r.failure());
            n.put("wantStatus", c.want().status());
            ObjectNode e;
            if (r.decision() != null) {
                Decision d = r.decision();
                String overlay = c.request().build() != null ? s.overlayFiles.get(c.request().build()) : null;
                Function<AccessQuery, Decision> decide = overlay != null ? q -> s.sim.decide(q.withBuild(overlay)) : s.sim::decide;
                e = explained(s, d, ExplainMode.DECISIVE, decide);
            } else if (r.creation() != null) {
                e = CreationRender.CREATION.json(r.creation(), ExplainMode.DECISIVE, CreationRender.CREATION.whatWouldSucceed(r.creation(), s.sim::create));
                e.put("op", "create");
            } else {
                e = LoadRender.LOAD.json(r.load(), ExplainMode.DECISIVE, LoadRender.LOAD.whatWouldSucceed(r.load(), s.sim::load, s.buildNames));
                e.put("op", "load");
            }
            n.put("status", e.path("status").asText());
            n.set("explanation", e);
            return Answer.ok(n);
        }
        throw new HttpError(404, "no lesson " + file + "/" + index + " (GET /v1/lessons lists them)");
    }
}
