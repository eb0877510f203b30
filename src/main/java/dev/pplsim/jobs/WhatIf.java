package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.CaseOutcome;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.engine.table.Key;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.BuildSwitches;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.SignerAccess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The cells on which two builds disagree, both directions, each attributed to the build differences that explain
 * it: a difference is a cause of a cell when applying it alone to the base gives the change's outcome there
 * (decided by the rules, like everything else).
 */
public final class WhatIf {

    /** One field that differs between the builds, and how to apply it alone to the base. */
    public record Difference(String field, String base, String change, UnaryOperator<Build> apply) {
        public String describe() {
            return field + " " + base + " -> " + change;
        }
    }

    /** A cell whose outcome differs; gained and lost name the rights each side has that the other lacks. */
    public record Changed(Key key, int desired, CaseOutcome base, CaseOutcome change, int gained, int lost, List<String> causes) {
    }

    public record Result(List<Difference> differences, List<Changed> cells, long compared) {
        public List<Changed> gained() { return cells.stream().filter(c -> c.gained() != 0).toList(); }
        public List<Changed> lost() { return cells.stream().filter(c -> c.lost() != 0).toList(); }
    }

    private WhatIf() {
    }

    /** Every field by which {@code change} differs from {@code base}. */
    public static List<Difference> differences(Build base, Build change) {
        List<Difference> out = new ArrayList<>();
        BuildSwitches a = base.switches(), b = change.switches();
        if (a.parentExemption() != b.parentExemption()) {
            out.add(new Difference("switches.parentExemption", a.parentExemption().id(), b.parentExemption().id(),
                    x -> withSwitches(x, new BuildSwitches(b.parentExemption(), x.switches().disallowUserTerminateCheck(), x.switches().picoCheck(), x.switches().impliedRights(), x.switches().genericMapping()))));
        }
        if (a.disallowUserTerminateCheck() != b.disallowUserTerminateCheck()) {
            out.add(new Difference("switches.disallowUserTerminateCheck", "" + a.disallowUserTerminateCheck(), "" + b.disallowUserTerminateCheck(),
                    x -> withSwitches(x, new BuildSwitches(x.switches().parentExemption(), b.disallowUserTerminateCheck(), x.switches().picoCheck(), x.switches().impliedRights(), x.switches().genericMapping()))));
        }
        if (a.picoCheck() != b.picoCheck()) {
            out.add(new Difference("switches.picoCheck", "" + a.picoCheck(), "" + b.picoCheck(),
                    x -> withSwitches(x, new BuildSwitches(x.switches().parentExemption(), x.switches().disallowUserTerminateCheck(), b.picoCheck(), x.switches().impliedRights(), x.switches().genericMapping()))));
        }
        if (a.impliedRights() != b.impliedRights()) {
            out.add(new Difference("switches.impliedRights", a.impliedRights().id(), b.impliedRights().id(),
                    x -> withSwitches(x, new BuildSwitches(x.switches().parentExemption(), x.switches().disallowUserTerminateCheck(), x.switches().picoCheck(), b.impliedRights(), x.switches().genericMapping()))));
        }
        if (!a.genericMapping().equals(b.genericMapping())) {
            out.add(new Difference("switches.genericMapping", a.genericMapping(), b.genericMapping(),
                    x -> withSwitches(x, new BuildSwitches(x.switches().parentExemption(), x.switches().disallowUserTerminateCheck(), x.switches().picoCheck(), x.switches().impliedRights(), b.genericMapping()))));
        }
        int rows = Math.max(base.table().size(), change.table().size());
        for (int s = 0; s < rows; s++) {
            final int signer = s;
            SignerAccess ra = base.hasRow(s) ? base.row(s) : null, rb = change.hasRow(s) ? change.row(s) : null;
            if (ra == null || rb == null) {
                out.add(new Difference("signers[" + s + "]", ra == null ? "absent" : "present", rb == null ? "absent" : "present", x -> withRow(x, signer, rb)));
                continue;
            }
            if (ra.dominateMask() != rb.dominateMask()) {
                out.add(new Difference("signers[" + s + "].dominateMask", hex3(ra.dominateMask()), hex3(rb.dominateMask()),
                        x -> withRow(x, signer, new SignerAccess(signer, rb.dominateMask(), x.row(signer).deniedProcessAccess(), x.row(signer).deniedThreadAccess()))));
            }
            if (ra.deniedProcessAccess() != rb.deniedProcessAccess()) {
                out.add(new Difference("signers[" + s + "].deniedProcessAccess", SdkNames.hex(ra.deniedProcessAccess()), SdkNames.hex(rb.deniedProcessAccess()),
                        x -> withRow(x, signer, new SignerAccess(signer, x.row(signer).dominateMask(), rb.deniedProcessAccess(), x.row(signer).deniedThreadAccess()))));
            }
            if (ra.deniedThreadAccess() != rb.deniedThreadAccess()) {
                out.add(new Difference("signers[" + s + "].deniedThreadAccess", SdkNames.hex(ra.deniedThreadAccess()), SdkNames.hex(rb.deniedThreadAccess()),
                        x -> withRow(x, signer, new SignerAccess(signer, x.row(signer).dominateMask(), x.row(signer).deniedProcessAccess(), rb.deniedThreadAccess()))));
            }
        }
        return out;
    }

    private static String hex3(int v) {
        return String.format("0x%03X", v);
    }

    private static Build withSwitches(Build b, BuildSwitches s) {
        return new Build(b.name(), b.description(), b.kernel(), b.table(), s, b.source());
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

    /**
     * Compares the builds cell by cell over the given protections, objects, modes and relations, each right of
     * 0x001FFFFF asked alone and MAXIMUM_ALLOWED. Cells undecidable on either side are skipped.
     */
    public static Result compare(PolicySet policies, dev.pplsim.engine.RuleBase rules, Build base, Build change, List<Integer> levels,
                                 List<ObjectKind> objects, List<AccessMode> modes, List<Relation> relations) {
        DecisionTable db = new DecisionTable(new Simulator(policies.with(rename(base, "base")), rules));
        DecisionTable dc = new DecisionTable(new Simulator(policies.with(rename(change, "change")), rules));
        List<Difference> diffs = differences(base, change);
        Map<Difference, DecisionTable> alone = new LinkedHashMap<>();
        for (Difference d : diffs) {
            alone.put(d, new DecisionTable(new Simulator(policies.with(rename(d.apply().apply(base), "base")), rules)));
        }
        List<Key> keys = new ArrayList<>();
        for (ObjectKind o : objects) {
            for (AccessMode m : modes) {
                for (Relation r : relations) {
                    for (int c : levels) {
                        for (int t : levels) keys.add(new Key("base", o, c, t, m, false, r));
                    }
                }
            }
        }
        List<Key> changeKeys = keys.stream().map(k -> rekey(k, "change")).toList();
        db.prepare(keys);
        dc.prepare(changeKeys);
        db.prepareOutcomes(keys, java.util.Collections.nCopies(keys.size(), Matrix.RIGHTS));
        dc.prepareOutcomes(changeKeys, java.util.Collections.nCopies(keys.size(), Matrix.RIGHTS));
        List<Changed> cells = new ArrayList<>();
        long compared = 0;
        for (Key k : keys) {
            Key kc = rekey(k, "change");
            if (db.run(k).inputError() != null || dc.run(kc).inputError() != null) continue;
            for (int desired : Matrix.RIGHTS) {
                compared++;
                CaseOutcome a = db.decide(k, desired), b = dc.decide(kc, desired);
                if (a.status() == b.status() && a.granted() == b.granted()) continue;
                List<String> causes = new ArrayList<>();
                for (var e : alone.entrySet()) {
                    DecisionTable d = e.getValue();
                    if (d.run(k).inputError() != null) continue;
                    CaseOutcome x = d.decide(k, desired);
                    if (x.status() == b.status() && x.granted() == b.granted()) causes.add(e.getKey().describe());
                }
                if (causes.isEmpty()) causes.add("the differences together (none alone)");
                cells.add(new Changed(k, desired, a, b, b.granted() & ~a.granted(), a.granted() & ~b.granted(), List.copyOf(causes)));
            }
        }
        return new Result(diffs, cells, compared);
    }

    private static Build rename(Build b, String name) {
        return new Build(name, b.description(), b.kernel(), b.table(), b.switches(), b.source());
    }

    private static Key rekey(Key k, String build) {
        return new Key(build, k.object(), k.caller(), k.target(), k.mode(), k.force(), k.relation());
    }
}
