package dev.pplsim.engine;

import dev.pplsim.engine.fact.AccessCheckResult;
import dev.pplsim.engine.fact.ImpliedRight;
import dev.pplsim.engine.fact.OpenOutcome;
import dev.pplsim.engine.fact.Veto;
import dev.pplsim.explain.Stage;
import dev.pplsim.explain.TraceStep;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.Build;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions by lookup plus bit arithmetic, materialised from the rules as they are needed. The first query of a
 * protection key (everything but the access asked) runs the rules; what they derived in stages 30-80 (the vetoes
 * in kernel order, the implied rights, the rules that fired) is kept for the key, and what stages 10-20 granted
 * for the access asked is kept per (build, object, desired, sdGranted). Later queries are decided as the decision
 * stage does it: refused when the access check granted nothing, or at the first veto the granted rights touch;
 * else granted plus the implied rights held. The decision rule's id per outcome is also learned from rule runs.
 * The rules stay the only place the logic is written; a changed rule or build gives another table because the
 * table is made from runs of the rules. The exhaustive differential test checks this path against the rules.
 * Memory is bounded: a full table is dropped and refilled.
 */
public final class Materialised {

    private static final int MAX_ENTRIES = 100_000;

    private record ProtectionKey(String build, ObjectKind object, int caller, int target, AccessMode mode, boolean force,
                                 Relation relation, boolean callerPico, PicoProvider targetPico, boolean dut) {
    }

    private record ProtectionEntry(int[] vetoMasks, String[] vetoRules, int[] triggers, int[] adds, List<String> rules) {
    }

    private record AccessKey(String build, ObjectKind object, int desired, Integer sdGranted) {
    }

    private record AccessEntry(int granted, List<String> rules) {
    }

    private enum Kind { ACCESS_REFUSED, VETOED, COMPLETED }

    private final Simulator simulator;
    private final Map<ProtectionKey, ProtectionEntry> protection = new ConcurrentHashMap<>();
    private final Map<AccessKey, AccessEntry> access = new ConcurrentHashMap<>();
    private final Map<Kind, String> decisionRule = new ConcurrentHashMap<>();

    public Materialised(Simulator simulator) {
        this.simulator = simulator;
    }

    /** The same decision as {@link Simulator#decide}, without its trace (null) when decided from the table. */
    public Decision decide(AccessQuery q) {
        Build build = simulator.policies().build(q.build());
        ProtectionKey pk = new ProtectionKey(build.name(), q.object(), q.caller().value(), q.target().value(), q.mode(),
                q.forceAccessCheck(), q.relation(), q.callerPico(), q.targetPico(), q.targetDisallowUserTerminate());
        AccessKey ak = new AccessKey(build.name(), q.object(), q.desired(), q.sdGranted());
        ProtectionEntry pe = protection.get(pk);
        AccessEntry ae = access.get(ak);
        if (pe == null || ae == null) return learn(q, pk, ak);
        List<String> warnings = Simulator.validate(q, build);
        int granted = ae.granted();
        Kind kind;
        int out = 0;
        if (granted == 0 && q.desired() != 0) {
            kind = Kind.ACCESS_REFUSED;
        } else {
            kind = Kind.COMPLETED;
            for (int m : pe.vetoMasks()) {
                if ((m & granted) != 0) {
                    kind = Kind.VETOED;
                    break;
                }
            }
            if (kind == Kind.COMPLETED) {
                out = granted;
                for (int i = 0; i < pe.triggers().length; i++) {
                    if ((granted & pe.triggers()[i]) == pe.triggers()[i]) out |= pe.adds()[i];
                }
            }
        }
        String rule = decisionRule.get(kind);
        if (rule == null) return learn(q, pk, ak);
        List<String> rules = new ArrayList<>(ae.rules().size() + pe.rules().size() + 1);
        rules.addAll(ae.rules());
        rules.addAll(pe.rules());
        rules.add(rule);
        return new Decision(q, kind == Kind.COMPLETED ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_ACCESS_DENIED, out,
                List.copyOf(rules), null, warnings);
    }

    /** Runs the rules for this query and keeps what they derived. */
    private Decision learn(AccessQuery q, ProtectionKey pk, AccessKey ak) {
        Decision d = simulator.decide(q);
        List<String> accessRules = new ArrayList<>(), protectionRules = new ArrayList<>();
        List<Veto> vetoes = new ArrayList<>();
        List<String> vetoRules = new ArrayList<>();
        List<ImpliedRight> implied = new ArrayList<>();
        Integer granted = null;
        for (TraceStep s : d.trace().steps()) {
            int stage = s.stage().number();
            if (stage <= Stage.ACCESS_CHECK.number()) accessRules.add(s.ruleId());
            else if (stage < Stage.DECISION.number()) protectionRules.add(s.ruleId());
            for (Object o : s.derived()) {
                if (o instanceof AccessCheckResult r) granted = r.granted();
                if (o instanceof Veto v) {
                    vetoes.add(v);
                    vetoRules.add(s.ruleId());
                }
                if (o instanceof ImpliedRight r) implied.add(r);
                if (o instanceof OpenOutcome outcome) {
                    Kind kind = outcome.status().isSuccess() ? Kind.COMPLETED
                            : granted != null && granted == 0 && q.desired() != 0 ? Kind.ACCESS_REFUSED : Kind.VETOED;
                    decisionRule.putIfAbsent(kind, s.ruleId());
                }
            }
        }
        if (granted == null) return d;
        // vetoes in the kernel's order, as the decision stage reads them
        Integer[] order = new Integer[vetoes.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> vetoes.get(i).order()));
        int[] masks = new int[order.length];
        String[] ids = new String[order.length];
        for (int i = 0; i < order.length; i++) {
            masks[i] = vetoes.get(order[i]).mask();
            ids[i] = vetoRules.get(order[i]);
        }
        int[] triggers = implied.stream().mapToInt(ImpliedRight::trigger).toArray();
        int[] adds = implied.stream().mapToInt(ImpliedRight::adds).toArray();
        if (protection.size() >= MAX_ENTRIES) protection.clear();
        if (access.size() >= MAX_ENTRIES) access.clear();
        protection.put(pk, new ProtectionEntry(masks, ids, triggers, adds, List.copyOf(protectionRules)));
        access.put(ak, new AccessEntry(granted, List.copyOf(accessRules)));
        return d;
    }
}
