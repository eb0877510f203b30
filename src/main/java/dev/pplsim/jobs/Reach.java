package dev.pplsim.jobs;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Load;
import dev.pplsim.engine.RuleInfo;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.Trace;
import dev.pplsim.engine.fact.ChildProtection;
import dev.pplsim.engine.fact.MemoryReach;
import dev.pplsim.engine.fact.PageHashPolicy;
import dev.pplsim.engine.fact.ReturnedHandles;
import dev.pplsim.engine.fact.SectionSource;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.policy.ReachPolicy;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;
import dev.pplsim.request.TokenSpelling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pplsim reach}: which processes and protection levels an identity can come to run code in, over a system
 * catalog, as a graph whose edges are the modelled primitives (docs/reach.md). Every edge is a decision of the
 * engine, kept with its status, mask and rules: an open with the injection rights of {@code policies/reach.yaml}
 * (spec §3.2, §3.3), a protected child started from a signed image (§12.3), the handle the creation returned
 * (§12.5), and a historical DLL load in that child (§8, §12.8). This class asks the questions and follows the
 * answers breadth-first; it decides nothing itself.
 */
public final class Reach {

    private Reach() {
    }

    /** The primitives an edge can be, with the spec section that describes each. */
    public enum Primitive {
        OPEN_PROCESS("open-process", "spec §3.2"),
        OPEN_THREAD("open-thread", "spec §3.3"),
        CREATE("create", "spec §12.3"),
        RETURNED_HANDLE("returned-handle", "spec §12.5"),
        LOAD("load", "spec §8, §12.8");

        private final String id;
        private final String cite;

        Primitive(String id, String cite) {
            this.id = id;
            this.cite = cite;
        }

        public String id() { return id; }

        public String cite() { return cite; }
    }

    /** A process of the catalog, a child the path has started (no code of the attacker's in it yet), or that child running the attacker's code. */
    public enum NodeKind {
        PROCESS("process"), STARTED("started"), CHILD("child");

        private final String id;

        NodeKind(String id) {
            this.id = id;
        }

        public String id() { return id; }
    }

    /**
     * A place in the graph. A started child and its code are told apart from the catalog's process of the same image:
     * the child's token is its creator's (CreateProcess), so its opens are decided with that token. A started node also
     * names its creator's protection ({@code creator}, null otherwise): the handles the creation returned depend on it.
     */
    public record Node(String id, NodeKind kind, String image, Long pid, PsProtection protection, String token, PsProtection creator) {

        /** Whether code of the attacker's runs here. */
        public boolean code() { return kind != NodeKind.STARTED; }

        public String label() {
            return switch (kind) {
                case PROCESS -> image + " (" + pid + ")";
                case STARTED -> image + " started " + protection.name() + " [" + token + ", by " + (creator.isProtected() ? "a " + creator.name() + " creator" : "an unprotected creator") + "]";
                case CHILD -> image + " child " + protection.name() + " [" + token + "]";
            };
        }
    }

    /**
     * One primitive that succeeded, as the engine decided it.
     *
     * @param request   the question put to the engine, in SDK terms
     * @param mask      the granted mask (open) or the returned process handle's access (create, returned handle); null for a load
     * @param decidedBy the deciding rules, as who-can shows them ({@code R28.2 R40.3 (R90.2)})
     * @param rules     every rule that fired
     * @param cite      the deciding rule's spec section
     */
    public record Edge(String from, String to, Primitive primitive, String request, NtStatus status, Integer mask, String decidedBy,
                       List<String> rules, String cite) {
    }

    /** The graph reach explored, with each place's distance and the edge that first reached it. */
    public record Result(SystemCatalog system, String build, SystemCatalog.Process start, String startToken, int maxSteps,
                         List<Node> nodes, List<Edge> edges, Map<String, Integer> distance, Map<String, Edge> via,
                         List<SystemCatalog.Process> noCode, List<Edge> refusedLoads, int opens, int creations, int loads, ReachPolicy policy,
                         String creationBuild) {

        public Node node(String id) {
            for (Node n : nodes) if (n.id().equals(id)) return n;
            throw new IllegalArgumentException(id);
        }

        /** The edges from the start to {@code id}, in order. */
        public List<Edge> path(String id) {
            List<Edge> out = new ArrayList<>();
            for (Edge e = via.get(id); e != null; e = via.get(e.from())) out.add(0, e);
            return out;
        }

        /** The places code runs in, in the order they were reached. */
        public List<Node> reached() {
            return nodes.stream().filter(Node::code).toList();
        }

        /** For each protection level code reaches, the first place reached at it (nearest, then first found). */
        public Map<PsProtection, Node> levels() {
            Map<PsProtection, Node> out = new LinkedHashMap<>();
            reached().stream().sorted(java.util.Comparator.comparingInt((Node n) -> distance.get(n.id())))
                    .forEach(n -> out.putIfAbsent(n.protection(), n));
            return out;
        }
    }

    /**
     * Whether code can run in a process of this kind: a minimal process has no user address space (spec §7.1), a
     * trustlet's user pages are VTL1's (§7.3). Reach decides this itself, not through a rule (no stage of the open,
     * creation or load decides where code runs), and its text output says so among its assumptions.
     */
    public static boolean holdsCode(ProcessKind k) {
        return k != ProcessKind.MINIMAL && k != ProcessKind.TRUSTLET;
    }

    /** Reach from {@code start} over the catalog on {@code build}, at most {@code maxSteps} primitives deep. */
    public static Result run(Simulator sim, SystemCatalog s, String build, SystemCatalog.Process start, ReachPolicy policy, int maxSteps) {
        if (!holdsCode(start.processKind())) {
            throw InputException.at("--from", start.label() + " is a " + start.processKind().id() + " process: no user-mode code of anyone's runs in it (spec "
                    + (start.processKind() == ProcessKind.MINIMAL ? "§7.1" : "§7.3") + ")");
        }
        if (maxSteps < 0) throw InputException.at("--max-steps", "must be 0 or more, got " + maxSteps);
        policy.creationAs().forEach((from, as) -> {
            if (!sim.policies().builds().containsKey(from)) {
                throw InputException.at(policy.source() + ": creationAs." + from, "unknown build '" + from + "' (known: " + String.join(", ", sim.policies().builds().keySet()) + ")");
            }
            if (!sim.creation().builds().containsKey(as)) {
                throw InputException.at(policy.source() + ": creationAs." + from, "build '" + as + "' has no creation switches in creation.yaml (listed: "
                        + String.join(", ", sim.creation().builds().keySet()) + ")");
            }
        });
        return new Walk(sim, s, build, policy).run(start, maxSteps);
    }

    /** One reach: the questions asked so far (an identical question is asked once) and the graph. */
    private static final class Walk {
        private final Simulator sim;
        private final SystemCatalog s;
        private final String build;
        private final ReachPolicy policy;
        private final Map<AccessQuery, Decision> opens = new HashMap<>();
        private final Map<CreateQuery, Creation> creations = new HashMap<>();
        private final Map<LoadQuery, Load> loads = new HashMap<>();
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Map<String, Creation> startedBy = new HashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, Integer> distance = new HashMap<>();
        private final Map<String, Edge> via = new HashMap<>();
        // the first refusal of each §8 load at each child protection: why a bypass does not work on this build
        private final Map<String, Edge> refused = new LinkedHashMap<>();

        /** The build whose creation switches decide the create steps (policies/reach.yaml creationAs, U). */
        private final String creationBuild;

        Walk(Simulator sim, SystemCatalog s, String build, ReachPolicy policy) {
            this.sim = sim;
            this.s = s;
            this.build = build;
            this.policy = policy;
            // a what-if of such a build (an overlay under its own name) creates as the build it changes would
            this.creationBuild = policy.creationAs().containsKey(build) || sim.creation().builds().containsKey(build) ? policy.creationBuild(build)
                    : policy.creationBuild(sim.baseOf(build));
        }

        Result run(SystemCatalog.Process start, int maxSteps) {
            Node first = process(start);
            nodes.put(first.id(), first);
            distance.put(first.id(), 0);
            ArrayDeque<Node> queue = new ArrayDeque<>(List.of(first));
            while (!queue.isEmpty()) {
                Node n = queue.poll();
                int d = distance.get(n.id());
                if (d >= maxSteps) continue;
                for (Edge e : successors(n)) {
                    edges.add(e);
                    if (!distance.containsKey(e.to())) {
                        distance.put(e.to(), d + 1);
                        via.put(e.to(), e);
                        queue.add(nodes.get(e.to()));
                    }
                }
            }
            List<SystemCatalog.Process> noCode = s.processes().stream().filter(p -> !holdsCode(p.processKind())).toList();
            return new Result(s, build, start, start.token(), maxSteps, List.copyOf(nodes.values()), List.copyOf(edges), Map.copyOf(distance),
                    Map.copyOf(via), noCode, List.copyOf(refused.values()), opens.size(), creations.size(), loads.size(), policy, creationBuild);
        }

        private static Node process(SystemCatalog.Process p) {
            return new Node("p" + p.pid(), NodeKind.PROCESS, p.image(), p.pid(), p.protectionByte(), p.token(), null);
        }

        private Node add(Node n) {
            return nodes.computeIfAbsent(n.id(), k -> n);
        }

        private List<Edge> successors(Node n) {
            List<Edge> out = new ArrayList<>();
            if (n.code()) {
                SystemCatalog.Process caller = asCaller(n);
                for (SystemCatalog.Process t : s.processes()) {
                    if (!holdsCode(t.processKind()) || (n.kind() == NodeKind.PROCESS && t.pid().equals(n.pid()))) continue;
                    Edge e = inject(n, caller, t);
                    if (e != null) out.add(e);
                }
                for (ReachPolicy.Image image : policy.images()) {
                    for (long level : policy.levels()) {
                        Edge e = create(n, image, level);
                        if (e != null) out.add(e);
                    }
                }
            } else {
                Creation c = startedBy.get(n.id());
                Node child = new Node("c:" + n.image() + ":" + n.protection().hex() + ":" + n.token(), NodeKind.CHILD, n.image(), null, n.protection(), n.token(), null);
                if ((c.processAccess() & policy.injectProcess()) == policy.injectProcess() || (c.threadAccess() & policy.injectThread()) == policy.injectThread()) {
                    ReturnedHandles h = c.trace().derived(ReturnedHandles.class).get(0);
                    String rule = c.trace().derivedBy(h);
                    out.add(new Edge(n.id(), add(child).id(), Primitive.RETURNED_HANDLE, "the creation's hProcess / hThread", c.status(), c.processAccess(),
                            rule, c.rules(), cite(rule)));
                }
                for (ReachPolicy.AttackLoad a : policy.loads()) {
                    if (!planter(n.token(), n.protection(), a)) continue;
                    LoadQuery q = new LoadQuery(n.protection(), null, a.image(), a.source(), a.pageHashes(), a.pagesModified(), build);
                    Load l = loads.computeIfAbsent(q, sim::load);
                    // the rule that makes or breaks the trick: where the section comes from (PPLdump), or whether page hashes hold (PPLFault)
                    List<?> keys = a.runs() == ReachPolicy.Runs.IMAGE ? l.trace().derived(SectionSource.class) : l.trace().derived(PageHashPolicy.class);
                    String rule = keys.isEmpty() ? null : l.trace().derivedBy(keys.get(0)), last = l.rules().get(l.rules().size() - 1);
                    String decidedBy = (rule == null ? "" : rule + " ") + "(" + last + ")";
                    boolean runs = l.status().isSuccess() && (a.runs() == ReachPolicy.Runs.IMAGE || l.modifiedBytesRun());
                    Edge e = new Edge(n.id(), runs ? add(child).id() : child.id(), Primitive.LOAD, a.name() + ": " + describe(a), l.status(), null,
                            decidedBy, l.rules(), cite(rule != null ? rule : last));
                    if (runs) out.add(e);
                    else refused.putIfAbsent(n.protection().hex() + " " + a.name(), e);
                }
            }
            return out;
        }

        /** A child as the caller of its opens: its image, its creator's token, its own protection, related to no catalog process. */
        private SystemCatalog.Process asCaller(Node n) {
            if (n.kind() == NodeKind.PROCESS) return s.processes().stream().filter(p -> p.pid().equals(n.pid())).findFirst().orElseThrow();
            return new SystemCatalog.Process(n.image(), -1L, -1L, n.protection().hex(), n.token(), null, List.of(), null, null, "started by reach");
        }

        private AccessQuery query(SystemCatalog.Process caller, SystemCatalog.Process t, ObjectKind object, int desired) {
            return Catalog.withTokens(Catalog.query(s, build, caller, t, object, desired, AccessMode.USER), sim.security(), caller, t);
        }

        /** An open of the process with the injection rights, else of its first thread with the thread's. */
        private Edge inject(Node n, SystemCatalog.Process caller, SystemCatalog.Process t) {
            Node target = process(t);
            AccessQuery q = query(caller, t, ObjectKind.PROCESS, policy.injectProcess());
            Decision d = opens.computeIfAbsent(q, sim::decide);
            // the memory layer (R95) saying the VM rights reach nothing would end it here; holdsCode keeps those kinds out
            if (d.status().isSuccess() && (d.granted() & policy.injectProcess()) == policy.injectProcess() && d.trace().derived(MemoryReach.class).isEmpty()) {
                return edge(n, add(target), Primitive.OPEN_PROCESS, "OpenProcess(" + dev.pplsim.model.SdkNames.rightNames(policy.injectProcess(), ObjectKind.PROCESS) + ")", d);
            }
            if (t.threads().isEmpty()) return null;
            AccessQuery tq = query(caller, t, ObjectKind.THREAD, policy.injectThread());
            Decision td = opens.computeIfAbsent(tq, sim::decide);
            if (td.status().isSuccess() && (td.granted() & policy.injectThread()) == policy.injectThread()) {
                return edge(n, add(target), Primitive.OPEN_THREAD, "OpenThread(" + dev.pplsim.model.SdkNames.rightNames(policy.injectThread(), ObjectKind.THREAD)
                        + ") on thread " + t.threads().get(0), td);
            }
            return null;
        }

        private Edge edge(Node from, Node to, Primitive p, String request, Decision d) {
            String verdict = Catalog.verdict(d);
            return new Edge(from.id(), to.id(), p, request, d.status(), d.granted(), Catalog.decidedBy(d), d.rules(), cite(verdict.equals("?") ? Catalog.accessCheckRule(d) : verdict));
        }

        /** CreateProcess of the image at the level, with the creator's token; an edge when a protected child starts. */
        private Edge create(Node n, ReachPolicy.Image image, long level) {
            // a build with no creation model of its own is decided as policies/reach.yaml's creationAs says (an assumption, U)
            String as = creationBuild;
            CreateQuery q = new CreateQuery(n.protection(), n.token(), CreateApi.CREATE_PROCESS, null, image.spec(), policy.createFlags(), level, false, as);
            Creation c = creations.computeIfAbsent(q, sim::create);
            if (!c.status().isSuccess() || !c.child().isProtected()) return null;
            // the handles the creation returns are the creator's, and depend on its protection (spec §12.5): one started node per creator protection
            Node started = add(new Node("s:" + image.name() + ":" + c.child().hex() + ":" + n.token() + ":" + n.protection().hex(), NodeKind.STARTED, image.name(),
                    null, c.child(), n.token(), n.protection()));
            startedBy.putIfAbsent(started.id(), c);
            ChildProtection cp = c.trace().derived(ChildProtection.class).get(0);
            String rule = c.trace().derivedBy(cp), last = c.rules().get(c.rules().size() - 1);
            return new Edge(n.id(), started.id(), Primitive.CREATE, "CreateProcess " + image.spec().path() + " at " + ProtectionLevel.describe(level)
                    + (as.equals(build) ? "" : " (creation as on " + as + ")"),
                    c.status(), c.processAccess(), rule + " (" + last + ")", c.rules(), cite(rule));
        }

        private static String describe(ReachPolicy.AttackLoad a) {
            var i = a.image();
            String image = i.signingLevel() != null ? dev.pplsim.model.SigningLevel.of(i.signingLevel()).sdkName()
                    : i.ekus() != null ? "EKUs " + String.join(",", i.ekus()) : "signed as " + i.signer().shortName();
            return "load " + image + " from " + a.source().kernelName() + (a.pageHashes() ? "" : ", no page hashes")
                    + (a.pagesModified() ? ", pages served modified" : "");
        }

        /** Whether the token's user or one of its enabled groups is a SID the load names (policies/reach.yaml plantedBy, an assumption). */
        private boolean planter(String preset, PsProtection protection, ReachPolicy.AttackLoad a) {
            Token t = TokenSpelling.preset(sim.security(), preset, protection, preset + " token");
            for (Sid sid : a.plantedBy()) {
                if (t.user().equals(sid)) return true;
                for (TokenGroup g : t.groups()) if (g.sid().equals(sid) && g.enabled() && !g.denyOnly()) return true;
            }
            return false;
        }

        private String cite(String rule) {
            RuleInfo info = rule == null ? null : sim.rules().byId(rule);
            return info == null ? "?" : info.cite();
        }
    }
}
