package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.SystemCatalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What-if between two systems (catalogs or overlays of them): every caller process x target process x object x
 * right, user mode, in both directions. A process missing on one side has no access there. Each changed cell is
 * attributed to the differences (a process's protection or flag, an added or removed process, a build field)
 * that give the change's outcome when applied alone to the base.
 */
public final class SystemWhatIf {

    public record Difference(String describe, UnaryOperator<Overlay.World> apply) {
    }

    /** A changed cell; a null outcome means the process does not exist on that side. */
    public record Changed(String caller, String target, ObjectKind object, int desired, Decision base, Decision change,
                          int gained, int lost, List<String> causes) {
    }

    public record Result(List<Difference> differences, List<Changed> cells, long compared) {
        public List<Changed> gained() { return cells.stream().filter(c -> c.gained() != 0).toList(); }
        public List<Changed> lost() { return cells.stream().filter(c -> c.lost() != 0).toList(); }
    }

    private SystemWhatIf() {
    }

    /** How two catalog processes are related: the kernel compares pids and sequence numbers (spec §3.2). */
    public static Relation relation(SystemCatalog s, SystemCatalog.Process caller, SystemCatalog.Process target) {
        if (caller.pid().equals(target.pid())) return Relation.SELF;
        if (!target.parent().equals(caller.pid())) return Relation.NONE;
        return s.sequence(caller) < s.sequence(target) ? Relation.PARENT : Relation.STALE_PARENT;
    }

    /**
     * The query with the processes' token presets (each trust SID from the process's protection, spec §4.3) and,
     * for a process object, the target's own SDDL when the catalog gives one.
     */
    public static AccessQuery withTokens(AccessQuery q, dev.pplsim.policy.SecurityPolicy sec, SystemCatalog.Process caller,
                                         SystemCatalog.Process target) {
        q = q.withToken(dev.pplsim.request.TokenSpelling.preset(sec, caller.token(), caller.protectionByte(), caller.label() + " token"))
                .withTargetToken(dev.pplsim.request.TokenSpelling.preset(sec, target.token(), target.protectionByte(), target.label() + " token"));
        return target.sd() != null && q.object() == dev.pplsim.model.ObjectKind.PROCESS ? q.withSd(dev.pplsim.request.Sddl.parse(target.sd())) : q;
    }

    public static AccessQuery query(SystemCatalog s, String build, SystemCatalog.Process caller, SystemCatalog.Process target,
                                    ObjectKind object, int desired, AccessMode mode) {
        return new AccessQuery(caller.protectionByte(), false, target.protectionByte(), object, desired, mode, false,
                relation(s, caller, target), build, null, null, Boolean.TRUE.equals(target.disallowUserTerminate()));
    }

    public static List<Difference> differences(Overlay.World base, Overlay.World change) {
        List<Difference> out = new ArrayList<>();
        Map<Long, SystemCatalog.Process> a = byPid(base.system()), b = byPid(change.system());
        for (var e : b.entrySet()) {
            SystemCatalog.Process pb = e.getValue(), pa = a.get(e.getKey());
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
        for (WhatIf.Difference d : WhatIf.differences(base.build(), change.build())) {
            out.add(new Difference(d.describe(), w -> new Overlay.World(w.name(), w.system(), d.apply().apply(w.build()))));
        }
        return out;
    }

    private static Map<Long, SystemCatalog.Process> byPid(SystemCatalog s) {
        Map<Long, SystemCatalog.Process> m = new LinkedHashMap<>();
        for (SystemCatalog.Process p : s.processes()) m.put(p.pid(), p);
        return m;
    }

    /** The world with process {@code pid} replaced, added (at the end) or removed (null). */
    private static Overlay.World withProcess(Overlay.World w, long pid, SystemCatalog.Process p) {
        List<SystemCatalog.Process> ps = new ArrayList<>();
        boolean found = false;
        for (SystemCatalog.Process x : w.system().processes()) {
            if (x.pid() == pid) {
                found = true;
                if (p != null) ps.add(p);
            } else {
                ps.add(x);
            }
        }
        if (!found && p != null) ps.add(p);
        SystemCatalog s = w.system();
        return new Overlay.World(w.name(), new SystemCatalog(s.name(), s.description(), s.build(), s.cite(), ps), w.build());
    }

    private record Side(Overlay.World world, DecisionTable table, String build) {
        Decision decide(SystemCatalog.Process c, SystemCatalog.Process t, ObjectKind o, int desired) {
            SystemCatalog.Process cc = find(world.system(), c), tt = find(world.system(), t);
            if (cc == null || tt == null) return null;
            return table.decide(query(world.system(), build, cc, tt, o, desired, AccessMode.USER));
        }

        static SystemCatalog.Process find(SystemCatalog s, SystemCatalog.Process p) {
            for (SystemCatalog.Process x : s.processes()) if (x.pid().equals(p.pid())) return x;
            return null;
        }
    }

    private static Side side(PolicySet policies, RuleBase rules, Overlay.World w, String name) {
        Build b = w.build();
        Build renamed = new Build(name, b.description(), b.kernel(), b.table(), b.switches(), b.source());
        return new Side(w, new DecisionTable(new Simulator(policies.with(renamed), rules)), name);
    }

    public static Result compare(PolicySet policies, RuleBase rules, Overlay.World base, Overlay.World change) {
        Side a = side(policies, rules, base, "base"), b = side(policies, rules, change, "change");
        List<Difference> diffs = differences(base, change);
        List<Side> alone = new ArrayList<>();
        for (Difference d : diffs) alone.add(side(policies, rules, d.apply().apply(base), "base"));
        Set<Long> seen = new LinkedHashSet<>();
        List<SystemCatalog.Process> all = new ArrayList<>();
        for (SystemCatalog.Process p : base.system().processes()) if (seen.add(p.pid())) all.add(p);
        for (SystemCatalog.Process p : change.system().processes()) if (seen.add(p.pid())) all.add(p);
        List<Changed> cells = new ArrayList<>();
        long compared = 0;
        for (SystemCatalog.Process c : all) {
            for (SystemCatalog.Process t : all) {
                for (ObjectKind o : ObjectKind.PROTECTED) {
                    for (int desired : Matrix.RIGHTS) {
                        compared++;
                        Decision x = a.decide(c, t, o, desired), y = b.decide(c, t, o, desired);
                        int gx = granted(x), gy = granted(y);
                        if (gx == gy && success(x) == success(y)) continue;
                        List<String> causes = new ArrayList<>();
                        for (int i = 0; i < diffs.size(); i++) {
                            Decision z = alone.get(i).decide(c, t, o, desired);
                            if (granted(z) == gy && success(z) == success(y)) causes.add(diffs.get(i).describe());
                        }
                        if (causes.isEmpty()) causes.add("the differences together (none alone)");
                        cells.add(new Changed(c.label(), t.label(), o, desired, x, y, gy & ~gx, gx & ~gy, List.copyOf(causes)));
                    }
                }
            }
        }
        return new Result(diffs, cells, compared);
    }

    private static int granted(Decision d) {
        return d == null ? 0 : d.granted();
    }

    private static boolean success(Decision d) {
        return d != null && d.status().isSuccess();
    }
}
