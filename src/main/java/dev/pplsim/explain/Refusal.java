package dev.pplsim.explain;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.TraceStep;
import dev.pplsim.engine.fact.AccessCheckResult;
import dev.pplsim.engine.fact.AceEntry;
import dev.pplsim.engine.fact.OpenOutcome;
import dev.pplsim.engine.fact.SdFacts.DaclStep;
import dev.pplsim.engine.fact.Veto;
import dev.pplsim.model.AceType;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.SdkNames;
import dev.pplsim.request.Sddl;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a refused decision was refused, read off its recorded trace: each part names rights and what refused them,
 * and says whether that was an explicit deny (a deny ACE, the protection table, a label, a check of the open
 * procedure) or a right never granted (no applicable allow ACE names it). A success has no parts.
 *
 * @param parts  one entry per cause, in the order the kernel meets them
 * @param refused the union of the rights the parts name
 */
public record Refusal(List<Part> parts, int refused) {

    /** The cause kinds; {@link #explicit} tells an explicit deny from a right never granted. */
    public enum Kind {
        DENY_ACE("explicit deny", "a deny ACE"),
        INTEGRITY_LABEL("explicit deny", "the mandatory integrity label"),
        TRUST_LABEL("explicit deny", "the process trust label"),
        NEVER_GRANTED("never granted", "no applicable allow ACE"),
        PRIVILEGE_NOT_HELD("explicit deny", "a privilege not held"),
        PROTECTION("explicit deny", "the protection table"),
        PICO("explicit deny", "the Pico provider's mask"),
        DISALLOW_USER_TERMINATE("explicit deny", "Flags3.DisallowUserTerminate"),
        DEBUG_CHECK("explicit deny", "the debugger's protection check"),
        /** ObDuplicateObject's secure-process check, or the build switch that refuses VM rights on one (spec §3.4, §7.3). */
        SECURE_PROCESS("explicit deny", "the secure-process check"),
        ACCESS_CHECK_INPUT("never granted", "the access check's given result");

        private final String category;
        private final String source;

        Kind(String category, String source) {
            this.category = category;
            this.source = source;
        }

        public String category() { return category; }
        public String source() { return source; }
        public boolean explicit() { return category.equals("explicit deny"); }
        public String id() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
    }

    /**
     * One cause: its kind, the rights it refused, what exactly refused them, the rule that says so, and for a deny
     * ACE its index in the DACL (else -1).
     */
    public record Part(Kind kind, int rights, String by, String rule, int aceIndex) {
        public Part(Kind kind, int rights, String by, String rule) {
            this(kind, rights, by, rule, -1);
        }
    }

    public static final Refusal NONE = new Refusal(List.of(), 0);

    public boolean isEmpty() { return parts.isEmpty(); }

    /**
     * The rules a reader should look at first, in order: a refusal's parts' rules (what refused which rights); for a
     * success, the rules that fired before the final decision rule, or that rule alone. The page's "decisive rules"
     * and the API's {@code decisive} list.
     */
    public static List<String> decisiveRules(Decision d) {
        List<String> ids = new java.util.ArrayList<>();
        for (Part p : of(d).parts()) if (p.rule() != null && !ids.contains(p.rule())) ids.add(p.rule());
        if (ids.isEmpty()) {
            List<String> rules = d.rules();
            for (int i = 0; i < rules.size() - 1; i++) if (!ids.contains(rules.get(i))) ids.add(rules.get(i));
            if (ids.isEmpty() && !rules.isEmpty()) ids.add(rules.get(rules.size() - 1));
        }
        return List.copyOf(ids);
    }

    /** The refusal of a decision: of its prerequisite open when that failed, else of its own trace. */
    public static Refusal of(Decision d) {
        if (d.status().isSuccess()) return NONE;
        ObjectKind kind = d.prerequisite() != null && !d.prerequisite().status().isSuccess() ? ObjectKind.PROCESS : d.query().object();
        List<Part> parts = new ArrayList<>();
        AccessCheckResult check = null;
        OpenOutcome outcome = null;
        String outcomeRule = null;
        List<TraceStep> steps = d.trace().steps();
        for (TraceStep s : steps) {
            for (Object o : s.derived()) {
                if (o instanceof AccessCheckResult a) check = a;
                if (o instanceof OpenOutcome oo) {
                    outcome = oo;
                    outcomeRule = s.ruleId();
                }
            }
        }
        if (outcome == null) return NONE;
        if (check != null && check.refused()) {
            String rule = ruleOf(steps, check);
            if (check.status() == NtStatus.STATUS_PRIVILEGE_NOT_HELD) {
                parts.add(new Part(Kind.PRIVILEGE_NOT_HELD, check.neverGranted(), "by SePrivilegePolicyCheck: ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege, held and enabled", rule));
            } else if (check.status().isSuccess()) {
                parts.add(new Part(Kind.ACCESS_CHECK_INPUT, d.query().desired(), "the security-descriptor stage (sdGranted) granted nothing", rule));
            } else {
                denyAces(steps, check.deniedByAce(), kind, parts);
                if (check.byIntegrity() != 0) parts.add(new Part(Kind.INTEGRITY_LABEL, check.byIntegrity(), "by the integrity label: " + describe(steps, "R22.3"), "R22.3"));
                if (check.byTrustLabel() != 0) parts.add(new Part(Kind.TRUST_LABEL, check.byTrustLabel(), "by the trust label: " + describe(steps, "R24.5"), "R24.5"));
                if (check.neverGranted() != 0) parts.add(new Part(Kind.NEVER_GRANTED, check.neverGranted(),
                        "no ACE that applies to the caller allows it", rule));
            }
        } else {
            for (TraceStep s : steps) {
                if (!s.ruleId().equals(outcomeRule)) continue;
                for (Object o : s.matched()) {
                    if (o instanceof Veto v) {
                        int touched = check == null ? v.mask() : check.granted() & v.mask();
                        String by = "by " + v.check() + (v.mask() == -1 ? "" : " " + SdkNames.hex(v.mask()));
                        if (v.order() == 1 || v.order() == 4) by += "; " + verdict(steps);
                        parts.add(new Part(vetoKind(v), touched, by, ruleOf(steps, v)));
                    }
                }
            }
        }
        int all = 0;
        for (Part p : parts) all |= p.rights();
        return new Refusal(List.copyOf(parts), all);
    }

    private static Kind vetoKind(Veto v) {
        // R14.1 and R65.1 (spec §3.4, §7.3) share their orders with the kernel's other checks; their check names them
        if (v.check().startsWith("ObDuplicateObject: a secure") || v.check().startsWith("secure process:")) return Kind.SECURE_PROCESS;
        return switch (v.order()) {
            case 1 -> Kind.PROTECTION;
            case 2 -> Kind.PICO;
            case 3 -> Kind.DISALLOW_USER_TERMINATE;
            default -> Kind.DEBUG_CHECK;
        };
    }

    /** Each deny ACE that denied some of {@code denied}, with the rights it denied first (R26.14's steps). */
    private static void denyAces(List<TraceStep> steps, int denied, ObjectKind kind, List<Part> parts) {
        if (denied == 0) return;
        for (TraceStep s : steps) {
            if (!s.ruleId().equals("R26.14")) continue;
            DaclStep before = null;
            AceEntry ace = null;
            for (Object o : s.matched()) {
                if (o instanceof DaclStep ds) before = ds;
                if (o instanceof AceEntry a) ace = a;
            }
            for (Object o : s.derived()) {
                if (o instanceof DaclStep after && before != null && ace != null && ace.type() == AceType.ACCESS_DENIED) {
                    int now = after.denied() & ~before.denied() & denied;
                    if (now != 0) {
                        parts.add(new Part(Kind.DENY_ACE, now, "by DACL ACE #" + (ace.index() + 1) + " "
                                + Sddl.ace(ace.written())
                                + (after.pass() == 2 ? " (restricted SIDs' walk)" : ""), "R26.14", ace.index()));
                    }
                }
            }
        }
    }

    /** The protection verdict's reason (stage 40), e.g. "caller type 0 < target type 1". */
    private static String verdict(List<TraceStep> steps) {
        for (TraceStep s : steps) {
            for (Object o : s.derived()) {
                if (o instanceof dev.pplsim.engine.fact.ProtectionVerdict v) return v.reason();
            }
        }
        return "";
    }

    private static String describe(List<TraceStep> steps, String ruleId) {
        for (TraceStep s : steps) {
            if (s.ruleId().equals(ruleId) && !s.derived().isEmpty() && s.derived().get(0) instanceof dev.pplsim.engine.fact.Described d) {
                return d.describe();
            }
        }
        return ruleId;
    }

    private static String ruleOf(List<TraceStep> steps, Object fact) {
        for (TraceStep s : steps) {
            for (Object o : s.derived()) {
                if (o == fact) return s.ruleId();
            }
        }
        return "";
    }
}
