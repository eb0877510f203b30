package dev.pplsim.engine;

import dev.pplsim.engine.fact.ObjectTypeFact;
import dev.pplsim.engine.fact.OpenOutcome;
import dev.pplsim.engine.fact.OpenRequest;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.EProcess;
import dev.pplsim.model.EThread;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.StandardRight;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.InputException;
import dev.pplsim.policy.ObjectTypeInfo;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.SignerAccess;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides {@link AccessQuery}s with the rules. Thread-safe: the KieBase is shared, and each thread keeps one
 * stateful session per build, holding that build's table rows and switches; a request is inserted, the rules
 * fire, and deleting the request retracts everything derived from it.
 */
public final class Simulator {

    private static volatile Simulator builtIn;

    private final PolicySet policies;
    private final RuleBase rules;
    private final AtomicLong ids = new AtomicLong();
    private final ThreadLocal<Map<String, Session>> sessions = ThreadLocal.withInitial(HashMap::new);

    public Simulator(PolicySet policies, RuleBase rules) {
        this.policies = policies;
        this.rules = rules;
    }

    /** The built-in policies and rules, compiled once per JVM. */
    public static Simulator builtIn() {
        Simulator s = builtIn;
        if (s == null) {
            synchronized (Simulator.class) {
                s = builtIn;
                if (s == null) builtIn = s = new Simulator(PolicySet.builtIn(), RuleBase.builtIn());
            }
        }
        return s;
    }

    public static Simulator load(Path policiesDir, Path rulesDir) {
        return new Simulator(PolicySet.load(policiesDir), RuleBase.compile(rulesDir));
    }

    public PolicySet policies() { return policies; }

    public RuleBase rules() { return rules; }

    public Decision decide(AccessQuery q) {
        Build build;
        try {
            build = policies.build(q.build());
        } catch (InputException e) {
            throw InputException.at("build", e.getMessage());
        }
        List<String> warnings = validate(q, build);
        Session session = sessions.get().computeIfAbsent(build.name(), n -> new Session(build));
        return session.decide(q, toRequest(q), warnings);
    }

    /** Input checks the kernel never has to make, because such a request cannot arise on a real machine. */
    static List<String> validate(AccessQuery q, Build build) {
        check(q, build);
        return warnings(q);
    }

    // the two warnings a byte can carry, made once per byte (decisions are made by the million)
    private static final String[] CALLER_WARNING = new String[256], TARGET_WARNING = new String[256];

    static {
        for (int b = 0; b < 256; b++) {
            CALLER_WARNING[b] = oddness("caller", new PsProtection(b));
            TARGET_WARNING[b] = oddness("target", new PsProtection(b));
        }
    }

    /** The warnings for protections no real process holds (types 3..7, a signer with type None). */
    static List<String> warnings(AccessQuery q) {
        String c = CALLER_WARNING[q.caller().value()], t = TARGET_WARNING[q.target().value()];
        if (c == null && t == null) return List.of();
        if (c == null) return List.of(t);
        return t == null ? List.of(c) : List.of(c, t);
    }

    /** Whether both protections' signers have a table row: the cheap test {@link #check} makes first. */
    static boolean hasRows(AccessQuery q, Build build) {
        return build.hasRow(q.caller().signer()) && build.hasRow(q.target().signer());
    }

    /** Throws for a query that cannot be decided. */
    static void check(AccessQuery q, Build build) {
        checkSigner("caller.protection", q.caller(), build);
        checkSigner("target.protection", q.target(), build);
        if ((q.desired() & ~StandardRight.REQUESTABLE) != 0) {
            throw InputException.at("desired", String.format("bit 0x%08X is not an access right", Integer.lowestOneBit(q.desired() & ~StandardRight.REQUESTABLE)));
        }
        if (q.sdGranted() != null && (q.sdGranted() & ~(ProcessRight.ALL_ACCESS | StandardRight.ACCESS_SYSTEM_SECURITY.mask())) != 0) {
            throw InputException.at("sdGranted", String.format("0x%08X is not a granted mask: an access check never returns GENERIC_*, MAXIMUM_ALLOWED or reserved bits", q.sdGranted()));
        }
        if (q.relation() == Relation.SELF && q.callerPico() != (q.targetPico() != null)) {
            throw InputException.at("relation", "self means the caller is the target, so caller.pico and target.pico must agree");
        }
    }

    private static void checkSigner(String field, PsProtection p, Build build) {
        if (!build.hasRow(p.signer())) {
            throw InputException.at(field, String.format("%s has signer %d, which has no row in build %s's RtlProtectedAccess table "
                    + "(rows 0..%d): the kernel would read past its table (spec §2)", p, p.signer(), build.name(), build.table().size() - 1));
        }
    }

    private static String oddness(String who, PsProtection p) {
        if (p.type() > 2) {
            return String.format("%s protection %s has type %d, which is no PS_PROTECTED_TYPE: RtlTestProtectedAccess compares it as a number (spec §3.2), but no real process holds it",
                    who, p, p.type());
        } else if (p.type() == 0 && p.signer() != 0) {
            return String.format("%s protection %s has a signer but type None: it counts as unprotected, and no real process holds it", who, p);
        }
        return null;
    }

    /** The EPROCESS/ETHREAD the relation implies; the rules compare these fields as the kernel does (spec §3.2). */
    OpenRequest toRequest(AccessQuery q) {
        // only whether the caller has a PicoContext matters to the rules (spec §7.2); its own provider's masks do not
        PicoProvider callerPico = q.callerPico() ? (q.targetPico() != null ? q.targetPico()
                : new PicoProvider(ProcessRight.ALL_ACCESS, ProcessRight.ALL_ACCESS)) : null;
        EProcess caller = new EProcess(4000, "caller.exe", q.caller(), 700, 500, false, callerPico);
        EProcess target = switch (q.relation()) {
            case SELF -> new EProcess(4000, "caller.exe", q.target(), 700, 500, q.targetDisallowUserTerminate(), q.targetPico());
            case PARENT -> new EProcess(6000, "target.exe", q.target(), 4000, 600, q.targetDisallowUserTerminate(), q.targetPico());
            case STALE_PARENT -> new EProcess(6000, "target.exe", q.target(), 4000, 400, q.targetDisallowUserTerminate(), q.targetPico());
            case NONE -> new EProcess(6000, "target.exe", q.target(), 900, 600, q.targetDisallowUserTerminate(), q.targetPico());
        };
        if (q.relation() == Relation.SELF && !q.caller().equals(q.target())) {
            throw InputException.at("relation", "self means the caller is the target, so their protections must be equal (caller "
                    + q.caller() + ", target " + q.target() + ")");
        }
        EThread thread = q.object() == ObjectKind.THREAD ? new EThread(target.pid() + 4, target, target.isPico()) : null;
        return new OpenRequest(ids.incrementAndGet(), q.object(), caller, target, thread, q.desired(), q.mode(),
                q.forceAccessCheck(), q.sdGranted());
    }

    /** The facts a session holds for a build: its table rows, its switches and the object types as it maps them. */
    void insertPolicy(KieSession kie, Build build) {
        for (SignerAccess row : build.table()) kie.insert(row);
        kie.insert(build.switches());
        for (ObjectTypeInfo t : policies.objectTypes().values()) {
            String row = build.switches().genericMapping();
            kie.insert(new ObjectTypeFact(t.kind(), t.validAccess(), row, t.genericMappings().get(row)));
        }
        kie.fireAllRules();
    }

    /** One thread's session for one build. */
    private final class Session {
        private final KieSession kie;
        private final TraceRecorder recorder;
        private final long baseFacts;

        Session(Build build) {
            kie = rules.kieBase().newKieSession();
            recorder = new TraceRecorder(rules);
            kie.addEventListener(recorder.agenda);
            kie.addEventListener(recorder.runtime);
            insertPolicy(kie, build);
            baseFacts = kie.getFactCount();
        }

        Decision decide(AccessQuery q, OpenRequest request, List<String> warnings) {
            recorder.reset();
            FactHandle h = kie.insert(request);
            try {
                kie.fireAllRules();
            } finally {
                kie.delete(h);
                // phreak propagates lazily: the logical facts justified by the request go on the next fire
                kie.fireAllRules();
            }
            List<OpenOutcome> outcomes = recorder.outcomes();
            if (outcomes.size() != 1 || kie.getFactCount() != baseFacts) {
                throw new IllegalStateException("rule set " + rules.source() + " reached " + outcomes.size()
                        + " decisions (expected exactly one) for " + request.describe() + "; rules fired: " + recorder.trace().ruleIds());
            }
            OpenOutcome o = outcomes.get(0);
            var trace = recorder.trace();
            return new Decision(q, o.status(), o.granted(), trace.ruleIds(), trace, List.copyOf(warnings));
        }
    }
}
