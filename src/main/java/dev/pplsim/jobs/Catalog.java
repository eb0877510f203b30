package dev.pplsim.jobs;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.fact.AccessCheckResult;
import dev.pplsim.engine.fact.CreateOutcome;
import dev.pplsim.engine.fact.CreateRefusal;
import dev.pplsim.engine.fact.OpenOutcome;
import dev.pplsim.engine.fact.ProtectionVerdict;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.model.TokenRight;
import dev.pplsim.policy.SecurityPolicy;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.TokenSpelling;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The catalog queries: a system catalog's processes as callers ({@code who-can}) or targets ({@code what-can}). By
 * default the protection-only model decides (the caller holds SeDebugPrivilege, spec §3.1 step 2); with tokens each
 * process's token preset is the caller's token and the target's preset gives the default descriptors, so the
 * security-descriptor stage decides first (docs/ACCESS-CHECK.md, spec §4).
 */
public final class Catalog {

    private Catalog() {
    }

    /** How two catalog processes are related: the kernel compares pids and sequence numbers (spec §3.2). */
    public static Relation relation(SystemCatalog s, SystemCatalog.Process caller, SystemCatalog.Process target) {
        if (caller.pid().equals(target.pid())) return Relation.SELF;
        if (!target.parent().equals(caller.pid())) return Relation.NONE;
        return s.sequence(caller) < s.sequence(target) ? Relation.PARENT : Relation.STALE_PARENT;
    }

    /** The open of {@code target} by {@code caller} on build {@code build}, by their protections and flags. */
    public static AccessQuery query(SystemCatalog s, String build, SystemCatalog.Process caller, SystemCatalog.Process target,
                                    ObjectKind object, int desired, AccessMode mode) {
        return new AccessQuery(caller.protectionByte(), false, target.protectionByte(), object, desired, mode, false,
                relation(s, caller, target), build, null, null, Boolean.TRUE.equals(target.disallowUserTerminate()))
                .withKinds(caller.processKind(), target.processKind());
    }

    static AccessQuery query(SystemCatalog s, SystemCatalog.Process caller, SystemCatalog.Process target, ObjectKind object, int desired, AccessMode mode) {
        return query(s, s.build(), caller, target, object, desired, mode);
    }

    /** A process of the catalog by image name or pid; errors name the option that gave it. */
    public static SystemCatalog.Process one(SystemCatalog s, String image, String option) {
        if (image.matches("[0-9]{1,10}")) {
            long pid = Long.parseLong(image);
            return s.processes().stream().filter(p -> p.pid() == pid).findFirst()
                    .orElseThrow(() -> InputException.at(option, "no process with pid " + pid + " in system " + s.name()));
        }
        List<SystemCatalog.Process> ps = s.byImage(image);
        if (ps.isEmpty()) throw InputException.at(option, "no process '" + image + "' in system " + s.name());
        if (ps.size() > 1) {
            throw InputException.at(option, image + " runs " + ps.size() + " times in " + s.name() + "; give a pid: "
                    + String.join(", ", ps.stream().map(p -> String.valueOf(p.pid())).toList()));
        }
        return ps.get(0);
    }

    static int width(SystemCatalog s) {
        return s.processes().stream().mapToInt(p -> p.label().length()).max().orElse(10);
    }

    /** The rule that gave the protection verdict (stage 40), or "?" for an object with no open procedure. */
    static String verdict(Decision d) {
        return derivedBy(d, ProtectionVerdict.class);
    }

    /**
     * The query with the processes' token presets (each trust SID from the process's protection, spec §4.3) and,
     * for a process object, the target's own SDDL when the catalog gives one.
     */
    public static AccessQuery withTokens(AccessQuery q, SecurityPolicy sec, SystemCatalog.Process caller, SystemCatalog.Process target) {
        q = q.withToken(TokenSpelling.preset(sec, caller.token(), caller.protectionByte(), caller.label() + " token"))
                .withTargetToken(TokenSpelling.preset(sec, target.token(), target.protectionByte(), target.label() + " token"));
        return target.sd() != null && q.object() == ObjectKind.PROCESS ? q.withSd(Sddl.parse(target.sd())) : q;
    }

    /** The rule that gave the access check's result (R28.x, or R20.x for a privilege or kernel mode), or "?". */
    static String accessCheckRule(Decision d) {
        return derivedBy(d, AccessCheckResult.class);
    }

    /** The rule that derived the first fact of this kind for the decision, looked up by what it derived. */
    private static String derivedBy(Decision d, Class<?> fact) {
        var facts = d.trace().derived(fact);
        return facts.isEmpty() ? "?" : d.trace().derivedBy(facts.get(0));
    }

    /**
     * What decided, with tokens: the access check's rule, then the protection verdict unless the access check
     * refused alone, then the decision rule: {@code R28.2 (R90.1)}, {@code R20.6 R40.4 (R90.2)}, {@code R28.1 (R90.3)}
     * for a token object (no open procedure).
     */
    static String decidedBy(Decision d) {
        String decision = derivedBy(d, OpenOutcome.class), protection = verdict(d);
        boolean accessRefused = d.trace().derived(AccessCheckResult.class).stream().anyMatch(AccessCheckResult::refused);
        return accessCheckRule(d) + (protection.equals("?") || accessRefused ? "" : " " + protection) + " (" + decision + ")";
    }

    /**
     * The processes that can make a request in this mode: in user mode every process but the minimal ones, which have
     * no user address space and run no user-mode code (spec §7.1, §12.7); in kernel mode all of them (a driver runs
     * in any process's context, System's among them).
     */
    /** The processes that can be callers in this mode: in user mode not the minimal ones, which run no user-mode code. */
    public static List<SystemCatalog.Process> callers(SystemCatalog s, AccessMode m) {
        if (m == AccessMode.KERNEL) return s.processes();
        return s.processes().stream().filter(p -> p.processKind() != ProcessKind.MINIMAL).toList();
    }

    /** One process's open of another, as decided: a row of who-can (the caller's) or of what-can (the target's). */
    public record Opened(SystemCatalog.Process process, Relation relation, Decision decision) {
    }

    /** Who-can's answer: each caller asked and its decision, and the processes not asked in this mode. */
    public record WhoCan(List<Opened> rows, List<SystemCatalog.Process> notAsked) {
        public int count() {
            return (int) rows.stream().filter(r -> r.decision().status().isSuccess()).count();
        }
    }

    /**
     * Which processes of the system can open {@code t} with {@code desired}: the command line's table and the API's
     * rows alike. {@code decide} is the simulator's or a table learnt from it; with {@code tokens} the catalog's token
     * presets and the target's descriptor take part.
     */
    public static WhoCan whoCan(Simulator sim, java.util.function.Function<AccessQuery, Decision> decide, SystemCatalog s, ObjectKind k, AccessMode m,
                                SystemCatalog.Process t, int desired, boolean tokens) {
        List<SystemCatalog.Process> callers = callers(s, m);
        List<Opened> rows = new java.util.ArrayList<>();
        for (SystemCatalog.Process c : callers) {
            AccessQuery q = query(s, c, t, k, desired, m);
            rows.add(new Opened(c, relation(s, c, t), decide.apply(tokens ? withTokens(q, sim.security(), c, t) : q)));
        }
        return new WhoCan(List.copyOf(rows), s.processes().stream().filter(p -> !callers.contains(p)).toList());
    }

    /**
     * What a caller obtains on one target, each right asked alone: the rights granted, those the access check refused
     * and those the protection check refused, and the protection verdict's rule ("-" when no open procedure ran).
     */
    public record Obtained(SystemCatalog.Process target, Relation relation, int obtained, int refusedByDescriptor, int refusedByProtection,
                           String verdict) {
        public int refused() {
            return refusedByDescriptor | refusedByProtection;
        }
    }

    /** What {@code c} obtains on each process of the system: the command line's table and the API's rows alike. */
    public static List<Obtained> whatCan(Simulator sim, java.util.function.Function<AccessQuery, Decision> decide, SystemCatalog s, ObjectKind k,
                                         AccessMode m, SystemCatalog.Process c, boolean tokens) {
        checkCaller(c, m);
        // the token's valid rights, or the 21 bits of PROCESS_ALL_ACCESS / THREAD_ALL_ACCESS (spec §4.4)
        int all = k == ObjectKind.TOKEN ? TokenRight.ALL_ACCESS : 0x001FFFFF;
        List<Obtained> rows = new java.util.ArrayList<>();
        for (SystemCatalog.Process t : s.processes()) {
            int obtained = 0, bySd = 0, byProtection = 0;
            String verdict = "-";
            for (int b = 0; b < 21; b++) {
                if ((all & (1 << b)) == 0) continue;
                AccessQuery q = query(s, c, t, k, 1 << b, m);
                Decision d = decide.apply(tokens ? withTokens(q, sim.security(), c, t) : q);
                if (d.status().isSuccess()) obtained |= d.granted();
                else if (d.trace().derived(AccessCheckResult.class).stream().anyMatch(AccessCheckResult::refused)) bySd |= 1 << b;
                else byProtection |= 1 << b;
                String v = verdict(d);
                if (!v.equals("?")) verdict = v;
            }
            rows.add(new Obtained(t, relation(s, c, t), obtained, bySd, byProtection, verdict));
        }
        return List.copyOf(rows);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A process of a catalog as the API and {@code --format json} give it. */
    public static ObjectNode processJson(SystemCatalog c, SystemCatalog.Process p) {
        ObjectNode o = JSON.createObjectNode().put("image", p.image()).put("pid", p.pid()).put("parent", p.parent()).put("label", p.label())
                .put("protection", p.protectionByte().hex()).put("protectionName", p.protectionByte().name()).put("token", p.token())
                .put("kind", p.processKind().id()).put("disallowUserTerminate", Boolean.TRUE.equals(p.disallowUserTerminate()))
                .put("confidence", p.confidence()).put("sequence", c.sequence(p));
        if (p.session() != null) o.put("session", p.session());
        return o;
    }

    /** Who-can's answer as JSON: {@code who-can --format json} and {@code GET /v1/who-can} alike (openapi.json's WhoCan). */
    public static ObjectNode whoCanJson(String system, SystemCatalog c, ObjectKind k, AccessMode m, boolean tokens, SystemCatalog.Process t, int desired,
                                        WhoCan who) {
        ObjectNode n = JSON.createObjectNode().put("system", system).put("build", c.build()).put("object", k.id()).put("mode", m.id()).put("tokens", tokens);
        n.set("target", processJson(c, t));
        n.put("desired", SdkNames.hex(desired)).put("desiredName", SdkNames.rightNames(desired, k));
        ArrayNode rows = n.putArray("rows");
        ArrayNode notAsked = n.putArray("notAsked");
        who.notAsked().forEach(x -> notAsked.add(x.label()));
        for (Opened r : who.rows()) {
            Decision d = r.decision();
            ObjectNode row = rows.addObject();
            row.set("caller", processJson(c, r.process()));
            row.put("relation", r.relation().id()).put("status", d.status().name()).put("ntstatus", d.status().hex())
                    .put("granted", d.grantedHex()).put("grantedNames", d.granted() == 0 ? "" : SdkNames.rightNames(d.granted(), k));
            ArrayNode rules = row.putArray("rules");
            d.rules().forEach(rules::add);
        }
        n.put("count", who.count());
        return n;
    }

    /** What-can's answer as JSON: {@code what-can --format json} and {@code GET /v1/what-can} alike (openapi.json's WhatCan). */
    public static ObjectNode whatCanJson(String system, SystemCatalog c, ObjectKind k, AccessMode m, boolean tokens, SystemCatalog.Process caller,
                                         List<Obtained> obtained) {
        ObjectNode n = JSON.createObjectNode().put("system", system).put("build", c.build()).put("object", k.id()).put("mode", m.id()).put("tokens", tokens);
        n.set("caller", processJson(c, caller));
        ArrayNode rows = n.putArray("rows");
        for (Obtained r : obtained) {
            ObjectNode row = rows.addObject();
            row.set("target", processJson(c, r.target()));
            row.put("relation", r.relation().id()).put("obtained", SdkNames.hex(r.obtained()))
                    .put("obtainedNames", r.obtained() == 0 ? "" : SdkNames.rightNames(r.obtained(), k)).put("refused", SdkNames.hex(r.refused()));
        }
        return n;
    }

    /** Who-can as {@code --format} asks: the table, or {@link #whoCanJson}; exit code 0. */
    public static int whoCan(Simulator sim, SystemCatalog s, ObjectKind k, AccessMode m, SystemCatalog.Process t, int desired, boolean tokens,
                             ReportFormat format, PrintWriter out) {
        if (format == ReportFormat.TEXT) return whoCan(sim, s, k, m, t, desired, tokens, out);
        out.println(whoCanJson(s.name(), s, k, m, tokens, t, desired, whoCan(sim, sim::decide, s, k, m, t, desired, tokens)).toPrettyString());
        out.flush();
        return 0;
    }

    /** What-can as {@code --format} asks: the table, or {@link #whatCanJson}; exit code 0. */
    public static int whatCan(Simulator sim, SystemCatalog s, ObjectKind k, AccessMode m, SystemCatalog.Process c, boolean tokens,
                              ReportFormat format, PrintWriter out) {
        if (format == ReportFormat.TEXT) return whatCan(sim, s, k, m, c, tokens, out);
        out.println(whatCanJson(s.name(), s, k, m, tokens, c, whatCan(sim, sim::decide, s, k, m, c, tokens)).toPrettyString());
        out.flush();
        return 0;
    }

    /** Which processes of the system can open {@code t} with {@code desired}, and what decides, as a table; exit code 0. */
    public static int whoCan(Simulator sim, SystemCatalog s, ObjectKind k, AccessMode m, SystemCatalog.Process t, int desired, boolean tokens,
                             PrintWriter out) {
        String w = "%-" + width(s) + "s";
        WhoCan who = whoCan(sim, sim::decide, s, k, m, t, desired, tokens);
        if (tokens) {
            out.printf(Locale.ROOT, "who can open %s %s, %s, token %s, with %s? system %s (build %s), %s mode, with the catalog's tokens%n", k.id(), t.label(),
                    t.protectionByte(), t.token(), SdkNames.rightNames(desired, k), s.name(), s.build(), m.id());
            String row = w + " %-22s %-18s %-12s %-25s %-11s %s%n";
            out.printf(Locale.ROOT, row, "caller", "protection", "token", "relation", "status", "granted", "decided by");
            for (Opened r : who.rows()) {
                Decision d = r.decision();
                out.printf(Locale.ROOT, row, r.process().label(), r.process().protectionByte(), r.process().token(), r.relation().id(), d.status().name(),
                        d.grantedHex(), decidedBy(d));
            }
        } else {
            out.printf(Locale.ROOT, "who can open %s %s, %s, with %s? system %s (build %s), %s mode%n", k.id(), t.label(), t.protectionByte(),
                    SdkNames.rightNames(desired, k), s.name(), s.build(), m.id());
            out.printf(Locale.ROOT, w + " %-22s %-12s %-21s %-11s %s%n", "caller", "protection", "relation", "status", "granted", "decided by");
            for (Opened r : who.rows()) {
                Decision d = r.decision();
                out.printf(Locale.ROOT, w + " %-22s %-12s %-21s %-11s %s (%s)%n", r.process().label(), r.process().protectionByte(), r.relation().id(),
                        d.status().name(), d.grantedHex(), verdict(d), derivedBy(d, OpenOutcome.class));
            }
        }
        out.printf(Locale.ROOT, "%d of %d processes can open it%n", who.count(), who.rows().size());
        leftOut(who.notAsked(), "open it in user mode", out);
        out.flush();
        return 0;
    }

    /** The line that names the minimal processes a user-mode table left out, if any. */
    private static void leftOut(List<SystemCatalog.Process> gone, String what, PrintWriter out) {
        if (gone.isEmpty()) return;
        out.printf(Locale.ROOT, "not asked: %s (minimal processes run no user-mode code, so none can %s; spec §7.1, §12.7)%n",
                String.join(", ", gone.stream().map(SystemCatalog.Process::label).toList()), what);
    }

    /** A minimal process makes no user-mode open: as a caller in user mode it is bad input (spec §7.1, §12.7). */
    public static void checkCaller(SystemCatalog.Process c, AccessMode m) {
        if (m == AccessMode.USER && c.processKind() == ProcessKind.MINIMAL) {
            throw new InputException(c.label() + " is a minimal process: it runs no user-mode code, so it makes no user-mode open (spec §7.1, §12.7); ask with --mode kernel");
        }
    }

    /** What {@code c} obtains on each process of the system, each right asked alone, as a table; exit code 0. */
    public static int whatCan(Simulator sim, SystemCatalog s, ObjectKind k, AccessMode m, SystemCatalog.Process c, boolean tokens,
                              PrintWriter out) {
        String w = "%-" + width(s) + "s";
        List<Obtained> rows = whatCan(sim, sim::decide, s, k, m, c, tokens);
        if (tokens) {
            out.printf(Locale.ROOT, "what can %s, %s, token %s, open? %s objects of system %s (build %s), %s mode, with the catalog's tokens; rights obtained when each is asked alone%n",
                    c.label(), c.protectionByte(), c.token(), k.id(), s.name(), s.build(), m.id());
            String row = w + " %-22s %-18s %-12s %-11s %-11s %-11s %-7s %s%n";
            out.printf(Locale.ROOT, row, "target", "protection", "token", "relation", "obtains", "sd-refused", "pp-refused", "verdict", "rights");
            for (Obtained r : rows) {
                SystemCatalog.Process t = r.target();
                out.printf(Locale.ROOT, row, t.label(), t.protectionByte(), t.token(), r.relation().id(), SdkNames.hex(r.obtained()),
                        SdkNames.hex(r.refusedByDescriptor()), SdkNames.hex(r.refusedByProtection()), r.verdict(), SdkNames.rightNames(r.obtained(), k));
            }
        } else {
            out.printf(Locale.ROOT, "what can %s, %s, open? %s objects of system %s (build %s), %s mode; rights obtained when each is asked alone%n",
                    c.label(), c.protectionByte(), k.id(), s.name(), s.build(), m.id());
            out.printf(Locale.ROOT, w + " %-22s %-12s %-11s %-7s %s%n", "target", "protection", "relation", "obtains", "verdict", "rights");
            for (Obtained r : rows) {
                SystemCatalog.Process t = r.target();
                out.printf(Locale.ROOT, w + " %-22s %-12s %-11s %-7s %s%n", t.label(), t.protectionByte(), r.relation().id(), SdkNames.hex(r.obtained()),
                        r.verdict(), SdkNames.rightNames(r.obtained(), k));
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Which processes of the system can start {@code template}'s image as it asks (spec §12), each as the creator with
     * its own protection and token preset: the status, the child's protection, the handle it gets back, and the
     * rule that decided. Exit code 0.
     */
    public static int whoCanStart(Simulator sim, SystemCatalog s, CreateQuery template, PrintWriter out) {
        return whoCanStart(sim, s, template, ReportFormat.TEXT, out);
    }

    /** As {@link #whoCanStart(Simulator, SystemCatalog, CreateQuery, PrintWriter)}, the table or its JSON. */
    public static int whoCanStart(Simulator sim, SystemCatalog s, CreateQuery template, ReportFormat format, PrintWriter out) {
        // CreateProcess and NtCreateUserProcess are called from user mode, which a minimal process never runs
        List<SystemCatalog.Process> creators = callers(s, AccessMode.USER);
        List<SystemCatalog.Process> notAsked = s.processes().stream().filter(p -> !creators.contains(p)).toList();
        List<Creation> decided = new java.util.ArrayList<>();
        for (SystemCatalog.Process c : creators) {
            decided.add(sim.create(template.withTokens(c.token(), template.childToken()).withCreator(c.protectionByte(), s.build())));
        }
        int yes = (int) decided.stream().filter(d -> d.status().isSuccess()).count();
        String level = template.protectionLevel() == null ? null : ProtectionLevel.describe(template.protectionLevel());
        if (format == ReportFormat.JSON) {
            ObjectNode n = JSON.createObjectNode().put("system", s.name()).put("build", s.build()).put("image", template.image().path())
                    .put("api", template.api().sdkName()).put("protectionLevel", level).put("flags", template.flagNames());
            ArrayNode rows = n.putArray("rows");
            for (int i = 0; i < creators.size(); i++) {
                Creation d = decided.get(i);
                ObjectNode row = rows.addObject();
                row.set("creator", processJson(s, creators.get(i)));
                row.put("status", d.status().name()).put("ntstatus", d.status().hex()).put("child", d.child() == null ? null : d.child().hex())
                        .put("childName", d.child() == null ? null : d.child().name()).put("processAccess", d.child() == null ? null : SdkNames.hex(d.processAccess()))
                        .put("decidedBy", decidedBy(d));
            }
            ArrayNode left = n.putArray("notAsked");
            notAsked.forEach(x -> left.add(x.label()));
            n.put("count", yes);
            out.println(n.toPrettyString());
            out.flush();
            return 0;
        }
        String w = "%-" + width(s) + "s";
        out.printf(Locale.ROOT, "who can start %s (%s%s), flags %s? system %s (build %s), with the catalog's tokens%n", template.image().path(),
                template.api().sdkName(), level == null ? "" : ", " + level, template.flagNames(), s.name(), s.build());
        String row = w + " %-22s %-18s %-27s %-22s %-11s %s%n";
        out.printf(Locale.ROOT, row, "creator", "protection", "token", "status", "child", "hProcess", "decided by");
        for (int i = 0; i < creators.size(); i++) {
            SystemCatalog.Process c = creators.get(i);
            Creation d = decided.get(i);
            out.printf(Locale.ROOT, row, c.label(), c.protectionByte(), c.token(), d.status().name(), d.child() == null ? "-" : d.child().toString(),
                    d.child() == null ? "-" : SdkNames.hex(d.processAccess()), decidedBy(d));
        }
        out.printf(Locale.ROOT, "%d of %d processes can start it%n", yes, creators.size());
        leftOut(notAsked, "call CreateProcess", out);
        out.flush();
        return 0;
    }

    /** The rule of the first failed check of a refused creation, or the completing rule of a success. */
    private static String decidedBy(Creation d) {
        if (d.status().isSuccess()) return d.trace().derivedBy(d.trace().derived(CreateOutcome.class).get(0));
        CreateRefusal first = d.trace().derived(CreateRefusal.class).stream().min(java.util.Comparator.comparingInt(CreateRefusal::order)).orElseThrow();
        return d.trace().derivedBy(first);
    }
}
