package dev.pplsim.explain;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.TraceStep;
import dev.pplsim.engine.fact.OpenRequest;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.IntegrityLevel;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.StandardRight;
import dev.pplsim.model.ThreadRight;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenPrivilege;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.SidSpelling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What would make a refused request succeed: single changes to the request (the rights asked, the caller's
 * protection, its token's privileges or integrity, one ACE, the relation, the mode), each one kept only when
 * re-deciding the changed request succeeds. Nothing here is guessed; the candidates are tried, not reasoned about.
 */
public final class Counterfactuals {

    /** One verified change: what to change, the changed request, and its decision (a success). */
    public record Counterfactual(String kind, String change, AccessQuery query, Decision decision) {
    }

    private Counterfactuals() {
    }

    /** The verified changes for a refused decision, most local first (the request, then the caller, then the object). */
    public static List<Counterfactual> of(Decision d, Function<AccessQuery, Decision> decide) {
        if (d.status().isSuccess()) return List.of();
        Refusal refusal = Refusal.of(d);
        AccessQuery q = d.query();
        List<Counterfactual> out = new ArrayList<>();
        askLess(q, refusal, decide, out);
        callerProtection(q, decide, out);
        if (q.hasToken()) tokenChanges(d, q, refusal, decide, out);
        if (q.relation() == Relation.NONE && q.object().hasOpenProcedure()) {
            try_(out, decide, "relation", "be the target's parent (the parent exemption keeps TERMINATE, spec §3.2)", q.withRelation(Relation.PARENT));
        }
        if (q.mode() == AccessMode.USER || q.forceAccessCheck()) {
            try_(out, decide, "mode", "open from kernel mode without OBJ_FORCE_ACCESS_CHECK (a driver's handle)",
                    q.withMode(AccessMode.KERNEL).withForceAccessCheck(false));
        }
        return List.copyOf(out);
    }

    /** Ask without the refused rights, or for their limited counterparts (QUERY -> QUERY_LIMITED, SET -> SET_LIMITED). */
    private static void askLess(AccessQuery q, Refusal refusal, Function<AccessQuery, Decision> decide, List<Counterfactual> out) {
        int desired = q.desired();
        if ((desired & (StandardRight.GENERIC_MASK | StandardRight.MAXIMUM_ALLOWED.mask())) != 0 || refusal.refused() == 0) return;
        int refused = refusal.refused() & desired;
        if (refused == 0) return;
        int kept = desired & ~refused;
        int limited = kept | limitedCounterparts(refused, q.object());
        if (limited != kept && (limited & ~kept) != 0) {
            try_(out, decide, "access", "ask for " + SdkNames.rightNames(limited, q.object()) + " instead (the limited rights the refused ones imply)",
                    q.withDesired(limited));
        }
        if (kept != 0) {
            try_(out, decide, "access", "ask without " + SdkNames.rightNames(refused, q.object()), q.withDesired(kept));
        }
    }

    private static int limitedCounterparts(int rights, ObjectKind kind) {
        int out = 0;
        if (kind == ObjectKind.PROCESS) {
            if ((rights & ProcessRight.QUERY_INFORMATION.mask()) != 0) out |= ProcessRight.QUERY_LIMITED_INFORMATION.mask();
            if ((rights & ProcessRight.SET_INFORMATION.mask()) != 0) out |= ProcessRight.SET_LIMITED_INFORMATION.mask();
        } else if (kind == ObjectKind.THREAD) {
            if ((rights & ThreadRight.QUERY_INFORMATION.mask()) != 0) out |= ThreadRight.QUERY_LIMITED_INFORMATION.mask();
            if ((rights & ThreadRight.SET_INFORMATION.mask()) != 0) out |= ThreadRight.SET_LIMITED_INFORMATION.mask();
        }
        return out;
    }

    /** Every named protection (spec §1.3) that, as the caller's, makes the request succeed: one entry naming them all. */
    private static void callerProtection(AccessQuery q, Function<AccessQuery, Decision> decide, List<Counterfactual> out) {
        // per signer, the lowest type that succeeds (1 PPL, 2 PP); each candidate is decided
        java.util.Map<String, Integer> lowest = new java.util.LinkedHashMap<>();
        Counterfactual first = null;
        boolean unprotectedWorks = false;
        for (PsProtection p : namedProtections()) {
            if (p.equals(q.caller()) || q.relation() == Relation.SELF) continue;
            Decision d = attempt(decide, q.withCaller(p));
            if (d != null && d.status().isSuccess()) {
                if (p.type() == 0) unprotectedWorks = true;
                else lowest.merge(PsProtectedSigner.of(p.signer()).shortName(), p.type(), Math::min);
                if (first == null) first = new Counterfactual("caller.protection", null, q.withCaller(p), d);
            }
        }
        if (first == null) return;
        String change;
        if (unprotectedWorks) {
            change = "run the caller unprotected (None)";
        } else {
            List<String> ppl = new ArrayList<>(), ppOnly = new ArrayList<>();
            lowest.forEach((signer, type) -> (type == 1 ? ppl : ppOnly).add(signer));
            List<String> phrases = new ArrayList<>();
            if (!ppl.isEmpty()) phrases.add(orList(ppl) + " at PPL or above");
            if (!ppOnly.isEmpty()) phrases.add(orList(ppOnly) + " as PP only");
            change = "run the caller with a signer that reaches the target: " + String.join("; or ", phrases) + " (spec §3.2)";
        }
        out.add(new Counterfactual(first.kind(), change, first.query(), first.decision()));
    }

    private static String orList(List<String> xs) {
        if (xs.size() == 1) return xs.get(0);
        return String.join(", ", xs.subList(0, xs.size() - 1)) + " or " + xs.get(xs.size() - 1);
    }

    /** None, then each signer's PPL and PP, in signer order: the bytes real processes hold (spec §1.3). */
    public static List<PsProtection> namedProtections() {
        List<PsProtection> out = new ArrayList<>();
        out.add(new PsProtection(0));
        for (int type = 1; type <= 2; type++) {
            for (PsProtectedSigner s : PsProtectedSigner.values()) {
                if (s.value() == 0 || s.value() > 8) continue;
                out.add(new PsProtection(s.value() << 4 | type));
            }
        }
        return out;
    }

    private static void tokenChanges(Decision d, AccessQuery q, Refusal refusal, Function<AccessQuery, Decision> decide, List<Counterfactual> out) {
        Token t = q.token();
        if (q.object().hasOpenProcedure() && !t.hasEnabled(Privilege.SE_DEBUG)) {
            String how = t.privilege(Privilege.SE_DEBUG) != null ? "enable SeDebugPrivilege (held, disabled)"
                    : "hold and enable SeDebugPrivilege (as an elevated administrator can)";
            try_(out, decide, "caller.token", how, q.withToken(withPrivilege(t, Privilege.SE_DEBUG)));
        }
        if (d.status() == dev.pplsim.model.NtStatus.STATUS_PRIVILEGE_NOT_HELD || refusal.parts().stream().anyMatch(p -> p.kind() == Refusal.Kind.PRIVILEGE_NOT_HELD)) {
            try_(out, decide, "caller.token", "enable SeSecurityPrivilege (ACCESS_SYSTEM_SECURITY needs it)", q.withToken(withPrivilege(t, Privilege.SE_SECURITY)));
        }
        for (Refusal.Part p : refusal.parts()) {
            if (p.kind() == Refusal.Kind.INTEGRITY_LABEL) {
                for (IntegrityLevel il : IntegrityLevel.values()) {
                    if (il.rid() <= t.integrity().rid()) continue;
                    Token raised = new Token(t.user(), t.groups(), t.privileges(), il.sid(), t.restrictedSids(), t.trustSid());
                    if (try_(out, decide, "caller.token", "run the caller at " + SidSpelling.print(il.sid()) + " integrity (" + il.sdkName() + ")",
                            q.withToken(raised))) break;
                }
            }
        }
        // a refused prerequisite (the token open's process handle) was decided on another descriptor
        if (d.prerequisite() != null && !d.prerequisite().status().isSuccess()) return;
        SecurityDescriptor sd = resolvedDescriptor(d);
        if (sd == null || sd.dacl() == null) return;
        for (Refusal.Part p : refusal.parts()) {
            if (p.kind() == Refusal.Kind.DENY_ACE) {
                int index = p.aceIndex();
                List<Ace> dacl = new ArrayList<>(sd.dacl());
                Ace removed = dacl.remove(index);
                try_(out, decide, "target.sd", "remove DACL ACE #" + (index + 1) + " " + Sddl.ace(removed),
                        q.withSd(new SecurityDescriptor(sd.owner(), sd.group(), dacl, sd.sacl(), sd.control())));
            }
            if (p.kind() == Refusal.Kind.NEVER_GRANTED) {
                List<Ace> dacl = new ArrayList<>(sd.dacl());
                Ace added = new Ace(AceType.ACCESS_ALLOWED, 0, p.rights(), t.user());
                dacl.add(added);
                try_(out, decide, "target.sd", "add " + Sddl.ace(added) + " at the end of the DACL",
                        q.withSd(new SecurityDescriptor(sd.owner(), sd.group(), dacl, sd.sacl(), sd.control())));
            }
        }
    }

    private static Token withPrivilege(Token t, Privilege p) {
        List<TokenPrivilege> privileges = new ArrayList<>();
        for (TokenPrivilege tp : t.privileges()) if (tp.privilege() != p) privileges.add(tp);
        privileges.add(new TokenPrivilege(p, true));
        return new Token(t.user(), t.groups(), privileges, t.integrity(), t.restrictedSids(), t.trustSid());
    }

    /** The descriptor the decided request carried (its generic ACE rights already mapped), read off the trace. */
    private static SecurityDescriptor resolvedDescriptor(Decision d) {
        for (TraceStep s : d.trace().steps()) {
            for (Object o : s.matched()) {
                if (o instanceof OpenRequest r && r.sd() != null) return r.sd();
            }
        }
        return null;
    }

    private static Decision attempt(Function<AccessQuery, Decision> decide, AccessQuery q) {
        try {
            return decide.apply(q);
        } catch (InputException e) {
            return null;
        }
    }

    private static boolean try_(List<Counterfactual> out, Function<AccessQuery, Decision> decide, String kind, String change, AccessQuery q) {
        Decision d = attempt(decide, q);
        if (d == null || !d.status().isSuccess()) return false;
        out.add(new Counterfactual(kind, change, q, d));
        return true;
    }
}
