package dev.pplsim.engine;

import dev.pplsim.engine.fact.AccessCheckDefaults;
import dev.pplsim.engine.fact.AceEntry;
import dev.pplsim.engine.fact.CallerSid;
import dev.pplsim.engine.fact.CreateOutcome;
import dev.pplsim.engine.fact.CreateRequest;
import dev.pplsim.engine.fact.LoadImageLevel;
import dev.pplsim.engine.fact.LoadOutcome;
import dev.pplsim.engine.fact.LoadRequest;
import dev.pplsim.engine.fact.SectionRequirement;
import dev.pplsim.engine.fact.ObjectTypeFact;
import dev.pplsim.engine.fact.OpenOutcome;
import dev.pplsim.engine.fact.OpenRequest;
import dev.pplsim.engine.fact.TrustLevelRow;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.PsProtectedType;
import dev.pplsim.model.EProcess;
import dev.pplsim.model.EThread;
import dev.pplsim.model.GenericMapping;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import dev.pplsim.model.StandardRight;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.CreationPolicy;
import dev.pplsim.policy.CreationSwitches;
import dev.pplsim.policy.DefaultDescriptors;
import dev.pplsim.policy.LoadPolicy;
import dev.pplsim.policy.LoadSwitches;
import dev.pplsim.policy.ObjectTypeInfo;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.SecurityPolicy;
import dev.pplsim.policy.SignerAccess;
import dev.pplsim.request.CreateField;
import dev.pplsim.request.Field;
import dev.pplsim.request.LoadField;
import dev.pplsim.request.RequestField;
import dev.pplsim.request.InputException;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Locale;

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
    private Lazy<SecurityPolicy> security = new Lazy<>(() -> SecurityPolicy.load(policies().root()));
    private Lazy<CreationPolicy> creation = new Lazy<>(() -> CreationPolicy.load(policies().root()));
    private Lazy<LoadPolicy> loading = new Lazy<>(() -> LoadPolicy.load(policies().root()));
    /** A what-if build's name -> the name of the shipped build it changes (Simulator.withWorld under a new name). */
    private Map<String, String> bases = Map.of();
    /** Each thread's sessions, by kind of question (its KieBase), then by build name: looked up on every rule run, so no key is built. */
    @SuppressWarnings("unchecked")
    private final ThreadLocal<Map<String, Session>[]> sessions = ThreadLocal.withInitial(() -> {
        Map<String, Session>[] byKind = new Map[RuleBase.Kind.values().length];
        for (int i = 0; i < byKind.length; i++) byKind[i] = new HashMap<>();
        return byKind;
    });

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

    /**
     * The data of the security-descriptor stage (token presets, default descriptors, the trust-SID table), loaded
     * from the same policies directory on the first request that carries a token.
     */
    public SecurityPolicy security() { return security.get(); }


    /** The build a what-if build named {@code build} changes, through every overlay between; a build of its own is itself. */
    public String baseOf(String build) {
        return bases.getOrDefault(build, build);
    }

    /** These rules and policies deciding a what-if world too: {@link #withWorld(String, Overlay.World)} under its build's name. */
    public Simulator withWorld(Overlay.World w) {
        return withWorld(w.build().name(), w);
    }

    /**
     * The one way a what-if becomes a simulator (a build or overlay file, a system overlay, the server's named
     * overlays): these rules over these policies plus the world's build, named {@code as}. Under a new name the build
     * creates and loads as the build it changes does (its creation and load switches are that build's), and the
     * overlay's {@code creation:} changes apply to it (spec §12.7: {@code whatif/vbs-off.yaml}).
     */
    public Simulator withWorld(String as, Overlay.World w) {
        Build b = w.build();
        String from = b.name();
        // creation changes need switches to change: said now, naming the what-if, not on some later creation
        if (w.creation() != null && !creation().builds().containsKey(from)) {
            throw new InputException(w.name() + ": creation: build '" + from + "' has no creation switches in " + creation().source()
                    + " to change (listed: " + String.join(", ", creation().builds().keySet()) + ")");
        }
        Simulator s = new Simulator(policies.with(as.equals(from) ? b : new Build(as, b.description(), b.kernel(), b.table(), b.switches(), b.source())), rules);
        s.bases = new HashMap<>(bases);
        if (!as.equals(from)) s.bases.put(as, baseOf(from));
        s.security = security;
        Lazy<CreationPolicy> creations = creation;
        Lazy<LoadPolicy> loads = loading;
        s.creation = new Lazy<>(() -> {
            CreationPolicy c = creations.get();
            if (!as.equals(from) && c.builds().containsKey(from)) c = c.withSwitches(as, c.switches(from).as(as));
            return w.creation() == null ? c : w.creation().applyTo(c, as);
        });
        s.loading = as.equals(from) ? loads : new Lazy<>(() -> {
            LoadPolicy l = loads.get();
            return l.builds().containsKey(from) ? l.withSwitches(as, l.switches(from).as(as)) : l;
        });
        return s;
    }

    /** The data of process creation ({@code policies/creation.yaml}), loaded on the first creation asked. */
    public CreationPolicy creation() { return creation.get(); }

    /** The data of image loads ({@code policies/loads.yaml}), loaded on the first load asked. */
    public LoadPolicy loading() { return loading.get(); }

    /** A policy file read on its first use, once (a racing reader waits for it). */
    private static final class Lazy<T> {
        private final java.util.function.Supplier<T> load;
        private volatile T value;

        Lazy(java.util.function.Supplier<T> load) { this.load = load; }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) value = v = load.get();
                }
            }
            return v;
        }
    }

    /**
     * Decides an image load with the rules of {@code rules/load/} (spec §6.3, §12.8). The image's signing level and
     * the process's SectionSignatureLevel come from creation.yaml's rows, the switches from loads.yaml.
     */
    public Load load(LoadQuery q) {
        Build build = named(LoadField.BUILD, () -> policies.build(q.build()));
        LoadSwitches switches = named(LoadField.BUILD, () -> loading().switches(build.name()));
        if (q.process().type() > PsProtectedType.PROTECTED.value()) {
            throw InputException.at(LoadField.PROCESS, q.process() + " has type " + q.process().type()
                    + ", which is no PS_PROTECTED_TYPE: no real process holds it, and the loader's PP/PPL tests do not say what it does");
        }
        CreationPolicy levels = named(LoadField.BUILD, this::creation);
        return session(build, RuleBase.Kind.LOAD).load(new LoadRequest(ids.incrementAndGet(), q), switches, levels);
    }

    /** Decides a creation with the rules of {@code rules/create/} (spec §12). */
    public Creation create(CreateQuery q) {
        Build build = named(CreateField.BUILD, () -> policies.build(q.build()));
        CreationSwitches switches = named(CreateField.BUILD, () -> creation().switches(build.name()));
        if (!build.hasRow(q.creator().signer())) {
            throw InputException.at(CreateField.CREATOR, "signer " + q.creator().signer() + " of " + q.creator().hex()
                    + " has no row in build " + build.name() + "'s RtlProtectedAccess table");
        }
        Token creatorToken = q.creatorToken() == null ? null : named(CreateField.CREATOR_TOKEN, () -> security().token(q.creatorToken()).token());
        if (q.childToken() != null) {
            if (!q.api().takesToken()) {
                throw InputException.at(CreateField.CHILD_TOKEN, q.api().sdkName() + " gives the child the creator's token; "
                        + "hand a token in with CreateProcessAsUser, CreateProcessWithTokenW or CreateProcessWithLogonW");
            }
            named(CreateField.CHILD_TOKEN, () -> security().token(q.childToken()));
        }
        boolean assignable = q.childToken() == null || q.childToken().equals(q.creatorToken());
        return session(build, RuleBase.Kind.CREATE).create(new CreateRequest(ids.incrementAndGet(), q, creatorToken, assignable), switches);
    }

    /** A policy lookup for a request, its error named as {@code field}'s unless it names a field already. */
    private static <T> T named(RequestField field, java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (InputException e) {
            throw e.field() != null ? e : InputException.at(field, e.getMessage());
        }
    }

    /** This thread's session for the build and the kind of question (each kind has its own rules' KieBase). */
    private Session session(Build build, RuleBase.Kind kind) {
        return sessions.get()[kind.ordinal()].computeIfAbsent(build.name(), n -> new Session(build, kind));
    }

    public Decision decide(AccessQuery q) {
        String name = q.build();
        Build build = named(Field.BUILD, () -> policies.build(name));
        q = withOperationDefaults(q);
        List<String> warnings = validate(q, build);
        checkOperation(q, build);
        if (q.object() == ObjectKind.TOKEN) return decideTokenOpen(q, build, warnings);
        return decideOne(q, build, warnings);
    }

    private Decision decideOne(AccessQuery q, Build build, List<String> warnings) {
        return session(build, RuleBase.Kind.OPEN).decide(q, toRequest(q, build), warnings);
    }

    /**
     * NtOpenProcessToken takes a process handle with PROCESS_QUERY_LIMITED_INFORMATION (docs/ACCESS-CHECK.md, I):
     * that open is decided in full first, against the process's default descriptor; its refusal refuses the token.
     */
    private Decision decideTokenOpen(AccessQuery q, Build build, List<String> warnings) {
        AccessQuery processOpen = q.withObject(ObjectKind.PROCESS).withSd(null)
                .withDesired(ProcessRight.QUERY_LIMITED_INFORMATION.mask());
        Decision pre = decideOne(processOpen, build, warnings);
        if (!pre.status().isSuccess()) {
            return new Decision(q, pre.status(), 0, pre.rules(), pre.trace(), pre.warnings(), pre);
        }
        Decision d = decideOne(q, build, warnings);
        return new Decision(d.query(), d.status(), d.granted(), d.rules(), d.trace(), d.warnings(), pre);
    }

    /**
     * DUPLICATE_SAME_ACCESS (desired 0) takes the source handle's access; a debugger attach asked without an access
     * opens the target as Win32 DebugActiveProcess does (object-types.yaml process.debugAccess, spec §12.6).
     */
    private AccessQuery withOperationDefaults(AccessQuery q) {
        if (q.operation() == Operation.DUPLICATE && q.desired() == 0 && q.sourceAccess() != null) return q.withDesired(q.sourceAccess());
        if (q.operation() == Operation.DEBUG && q.desired() == 0) return q.withDesired(policies.objectTypes().get(ObjectKind.PROCESS).debugAccess());
        return q;
    }

    /** Input checks of the security-descriptor stage and the operations (docs/ACCESS-CHECK.md). */
    private void checkOperation(AccessQuery q, Build build) {
        if (q.hasToken() && q.sdGranted() != null) {
            throw InputException.at(Field.SD_GRANTED, "must be absent when caller.token is given: the security-descriptor stage decides");
        }
        if (!q.hasToken() && q.sd() != null) {
            throw InputException.at(Field.SD, "needs caller.token: without the caller's token no access check can be made");
        }
        if (!q.hasToken() && q.targetToken() != null) {
            throw InputException.at(Field.TARGET_TOKEN, "needs caller.token: the target's token only gives the default descriptor the access check reads");
        }
        if (q.object() == ObjectKind.TOKEN) {
            if (!q.hasToken()) throw InputException.at(Field.TOKEN, "opening a process's token is decided by the token's descriptor: give the caller's token");
            if (q.operation() != Operation.OPEN) throw InputException.at(Field.OPERATION, "a token object is opened, not duplicated or debugged");
        }
        // a Pico process is one with a provider's context (spec §7.2): the kind and the masks say the same thing
        if (q.targetKind() == dev.pplsim.model.ProcessKind.PICO && q.targetPico() == null) {
            throw InputException.at(Field.TARGET_KIND, "a pico target needs its provider's masks (target.pico, spec §7.2)");
        }
        if (q.targetPico() != null && q.targetKind() != dev.pplsim.model.ProcessKind.NORMAL && q.targetKind() != dev.pplsim.model.ProcessKind.PICO) {
            throw InputException.at(Field.TARGET_KIND, "a " + q.targetKind().id() + " target has no Pico provider: drop target.pico or the kind");
        }
        if (q.callerKind() == dev.pplsim.model.ProcessKind.PICO && !q.callerPico()) {
            throw InputException.at(Field.CALLER_KIND, "a pico caller is one with caller.pico set (spec §7.2)");
        }
        if (q.callerPico() && q.callerKind() != dev.pplsim.model.ProcessKind.NORMAL && q.callerKind() != dev.pplsim.model.ProcessKind.PICO) {
            throw InputException.at(Field.CALLER_KIND, "a " + q.callerKind().id() + " caller is not a Pico process: drop caller.pico or the kind");
        }
        switch (q.operation()) {
            case OPEN -> {
                if (q.sourceAccess() != null) throw InputException.at(Field.SOURCE_ACCESS, "only a duplicate has a source handle");
            }
            case DUPLICATE -> {
                if (q.sourceAccess() == null) throw InputException.at(Field.SOURCE_ACCESS, "a duplicate needs the source handle's access");
                if ((q.sourceAccess() & ~(ProcessRight.ALL_ACCESS | StandardRight.ACCESS_SYSTEM_SECURITY.mask())) != 0) {
                    throw InputException.at(Field.SOURCE_ACCESS, String.format(Locale.ROOT, "0x%08X is not a handle's access: it holds no GENERIC_*, MAXIMUM_ALLOWED or reserved bits", q.sourceAccess()));
                }
                if (q.sdGranted() != null) throw InputException.at(Field.SD_GRANTED, "a duplicate has no access check: the source handle's access is what it holds");
                int mapped = policies.objectTypes().get(q.object()).genericMappings().get(build.switches().genericMapping()).map(q.desired());
                if ((mapped & StandardRight.MAXIMUM_ALLOWED.mask()) != 0 || (mapped & ~q.sourceAccess()) != 0) {
                    throw InputException.at(Field.DESIRED, String.format(Locale.ROOT, "%s asks for rights the source handle (%s) lacks: pplsim models duplication within the handle's rights (spec §3.4)",
                            SdkNames.hex(q.desired()), SdkNames.hex(q.sourceAccess())));
                }
            }
            case DEBUG -> {
                if (q.object() != ObjectKind.PROCESS) throw InputException.at(Field.OBJECT, "a debugger attaches to a process");
                if (q.relation() == Relation.SELF) throw InputException.at(Field.RELATION, "a process cannot debug itself");
                if ((q.desired() & ProcessRight.SUSPEND_RESUME.mask()) == 0) {
                    throw InputException.at(Field.DESIRED, "NtDebugActiveProcess needs a process handle with PROCESS_SUSPEND_RESUME");
                }
                if (q.sourceAccess() != null) throw InputException.at(Field.SOURCE_ACCESS, "only a duplicate has a source handle");
            }
        }
    }

    /** Input checks the kernel never has to make, because such a request cannot arise on a real machine. */
    static List<String> validate(AccessQuery q, Build build) {
        check(q, build);
        return warnings(q);
    }

    // the two warnings a byte can carry, made on a byte's first use and kept (decisions are made by the million);
    // not all 512 at class load: formatting them was a fifth of a one-shot decide's Java samples. A racing reader
    // formats the same string again, which is harmless.
    private static final String[] CALLER_WARNING = new String[256], TARGET_WARNING = new String[256];
    private static final String NO_WARNING = "";

    private static String warning(String[] made, String who, PsProtection p) {
        String w = made[p.value()];
        if (w == null) {
            w = oddness(who, p);
            made[p.value()] = w = w == null ? NO_WARNING : w;
        }
        return w == NO_WARNING ? null : w;
    }

    /** The warnings for protections no real process holds (types 3..7, a signer with type None). */
    public static List<String> warnings(AccessQuery q) {
        String c = warning(CALLER_WARNING, "caller", q.caller()), t = warning(TARGET_WARNING, "target", q.target());
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
        checkSigner(Field.CALLER, q.caller(), build);
        checkSigner(Field.TARGET, q.target(), build);
        if ((q.desired() & ~StandardRight.REQUESTABLE) != 0) {
            throw InputException.at(Field.DESIRED, String.format(Locale.ROOT, "bit 0x%08X is not an access right", Integer.lowestOneBit(q.desired() & ~StandardRight.REQUESTABLE)));
        }
        if (q.sdGranted() != null && (q.sdGranted() & ~(ProcessRight.ALL_ACCESS | StandardRight.ACCESS_SYSTEM_SECURITY.mask())) != 0) {
            throw InputException.at(Field.SD_GRANTED, String.format(Locale.ROOT, "0x%08X is not a granted mask: an access check never returns GENERIC_*, MAXIMUM_ALLOWED or reserved bits", q.sdGranted()));
        }
        if (q.relation() == Relation.SELF && q.callerPico() != (q.targetPico() != null)) {
            throw InputException.at(Field.RELATION, "self means the caller is the target, so caller.pico and target.pico must agree");
        }
    }

    private static void checkSigner(Field field, PsProtection p, Build build) {
        if (!build.hasRow(p.signer())) {
            throw InputException.at(field, String.format(Locale.ROOT, "%s has signer %d, which has no row in build %s's RtlProtectedAccess table "
                    + "(rows 0..%d): the kernel would read past its table (spec §2)", p, p.signer(), build.name(), build.table().size() - 1));
        }
    }

    private static String oddness(String who, PsProtection p) {
        if (p.type() > 2) {
            return String.format(Locale.ROOT, "%s protection %s has type %d, which is no PS_PROTECTED_TYPE: RtlTestProtectedAccess compares it as a number (spec §3.2), but no real process holds it",
                    who, p, p.type());
        } else if (p.type() == 0 && p.signer() != 0) {
            return String.format(Locale.ROOT, "%s protection %s has a signer but type None: it counts as unprotected, and no real process holds it", who, p);
        }
        return null;
    }

    /** The object's descriptor as assigned: the given one with its generic ACE rights mapped, or the default. */
    public SecurityDescriptor descriptor(AccessQuery q, Build build) {
        if (!q.hasToken()) return null;
        if (q.sd() != null) {
            GenericMapping m = policies.objectTypes().get(q.object()).genericMappings().get(build.switches().genericMapping());
            return mapped(q.sd(), m);
        }
        SecurityPolicy sec = security();
        Token creator = q.targetToken() != null ? q.targetToken() : sec.token(DEFAULT_TARGET_TOKEN).token();
        return q.object() == ObjectKind.TOKEN
                ? sec.descriptors().forToken(creator, sec.trustLevels().trustSid(q.target()))
                : sec.descriptors().forProcessObject(q.object(), creator, sec.trustLevels().trustSid(q.target()));
    }

    /** The preset whose default descriptors a target without a token gets: most protected processes run as SYSTEM. */
    public static final String DEFAULT_TARGET_TOKEN = "system";

    /** The kernel maps generic rights in ACE masks when it assigns a descriptor (docs/ACCESS-CHECK.md, I). */
    private static SecurityDescriptor mapped(SecurityDescriptor sd, GenericMapping m) {
        java.util.function.Function<List<Ace>, List<Ace>> map = aces -> {
            List<Ace> out = new ArrayList<>(aces.size());
            for (Ace a : aces) {
                out.add(a.type() == AceType.SYSTEM_MANDATORY_LABEL ? a : a.withMask(m.map(a.mask())));
            }
            return out;
        };
        return new SecurityDescriptor(sd.owner(), sd.group(), sd.dacl() == null ? null : map.apply(sd.dacl()), map.apply(sd.sacl()), sd.control());
    }

    /** The EPROCESS/ETHREAD the relation implies; the rules compare these fields as the kernel does (spec §3.2). */
    OpenRequest toRequest(AccessQuery q) {
        return toRequest(q, policies.build(q.build()));
    }

    OpenRequest toRequest(AccessQuery q, Build build) {
        // only whether the caller has a PicoContext matters to the rules (spec §7.2); its own provider's masks do not
        PicoProvider callerPico = q.callerPico() ? (q.targetPico() != null ? q.targetPico()
                : new PicoProvider(ProcessRight.ALL_ACCESS, ProcessRight.ALL_ACCESS)) : null;
        EProcess caller = new EProcess(4000, "caller.exe", q.caller(), 700, 500, false, callerPico, kind(q.callerKind(), callerPico));
        EProcess target = switch (q.relation()) {
            case SELF -> new EProcess(4000, "caller.exe", q.target(), 700, 500, q.targetDisallowUserTerminate(), q.targetPico(), kind(q.targetKind(), q.targetPico()));
            case PARENT -> new EProcess(6000, "target.exe", q.target(), 4000, 600, q.targetDisallowUserTerminate(), q.targetPico(), kind(q.targetKind(), q.targetPico()));
            case STALE_PARENT -> new EProcess(6000, "target.exe", q.target(), 4000, 400, q.targetDisallowUserTerminate(), q.targetPico(), kind(q.targetKind(), q.targetPico()));
            case NONE -> new EProcess(6000, "target.exe", q.target(), 900, 600, q.targetDisallowUserTerminate(), q.targetPico(), kind(q.targetKind(), q.targetPico()));
        };
        if (q.relation() == Relation.SELF && q.callerKind() != q.targetKind()) {
            throw InputException.at(Field.RELATION, "self means the caller is the target, so caller.kind and target.kind must agree (caller "
                    + q.callerKind().id() + ", target " + q.targetKind().id() + ")");
        }
        if (q.relation() == Relation.SELF && !q.caller().equals(q.target())) {
            throw InputException.at(Field.RELATION, "self means the caller is the target, so their protections must be equal (caller "
                    + q.caller() + ", target " + q.target() + ")");
        }
        EThread thread = q.object() == ObjectKind.THREAD ? new EThread(target.pid() + 4, target, target.isPico()) : null;
        return new OpenRequest(ids.incrementAndGet(), q.object(), caller, target, thread, q.desired(), q.mode(),
                q.forceAccessCheck(), q.sdGranted(), q.operation(), q.token(), descriptor(q, build));
    }

    /**
     * A Pico provider's masks make the process a Pico process (spec §7.2), so a query that gives them need not also
     * say kind pico; a kind other than normal or pico beside the masks is a contradiction the request checks refuse.
     */
    private static dev.pplsim.model.ProcessKind kind(dev.pplsim.model.ProcessKind k, PicoProvider pico) {
        return pico != null && k == dev.pplsim.model.ProcessKind.NORMAL ? dev.pplsim.model.ProcessKind.PICO : k;
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

    /** The facts of the SD stage's policy data: the trust-SID table and the unlabeled-object default. */
    void insertSecurityPolicy(KieSession kie) {
        SecurityPolicy sec = security();
        sec.trustLevels().sids().forEach((b, sid) -> kie.insert(new TrustLevelRow(b, sid)));
        DefaultDescriptors d = sec.descriptors();
        kie.insert(new AccessCheckDefaults(d.unlabeledIntegrity().rid(), d.unlabeledPolicy()));
        kie.fireAllRules();
    }

    /** The token's SIDs and the descriptor's ACEs, the stated facts the SD stage matches (spec §4.1-§4.3). */
    static List<Object> securityFacts(OpenRequest r) {
        List<Object> facts = new ArrayList<>();
        Token t = r.token();
        if (t == null) return facts;
        facts.add(new CallerSid(r, t.user(), CallerSid.Kind.USER, 0));
        for (TokenGroup g : t.groups()) facts.add(new CallerSid(r, g.sid(), CallerSid.Kind.GROUP, g.attributes()));
        for (Sid s : t.restrictedSids()) facts.add(new CallerSid(r, s, CallerSid.Kind.RESTRICTED, 0));
        SecurityDescriptor sd = r.sd();
        // every DACL ACE, so the walk's positions are the descriptor's; one the check does not read passes as skipped
        if (sd.dacl() != null) {
            for (int i = 0; i < sd.dacl().size(); i++) facts.add(AceEntry.of(r, true, i, sd.dacl().get(i)));
        }
        // of the SACL only the labels: audit, attribute and policy ACEs never grant or deny
        for (int i = 0; i < sd.sacl().size(); i++) {
            Ace a = sd.sacl().get(i);
            if (a.type().checkedAs() != null) facts.add(AceEntry.of(r, false, i, a));
        }
        return facts;
    }

    /** One thread's session for one build. */
    private final class Session {
        private final KieSession kie;
        private final TraceRecorder recorder;
        private long baseFacts;
        /** The policy facts inserted so far, by what they are for: each kind's are inserted on its first question. */
        private final java.util.Set<String> inserted = new java.util.HashSet<>();

        Session(Build build, RuleBase.Kind kind) {
            kie = rules.kieBase(kind).newKieSession();
            recorder = new TraceRecorder(rules, kie);
            insertPolicy(kie, build);
            baseFacts = kie.getFactCount();
        }

        /** Inserts the policy facts {@code what} names, once; the facts a question leaves behind are counted past them. */
        private void once(String what, Runnable insert) {
            if (!inserted.add(what)) return;
            insert.run();
            kie.fireAllRules();
            baseFacts = kie.getFactCount();
        }

        Decision decide(AccessQuery q, OpenRequest request, List<String> warnings) {
            if (request.token() != null) once("security", () -> insertSecurityPolicy(kie));
            List<Object> facts = new ArrayList<>();
            facts.add(request);
            facts.addAll(securityFacts(request));
            Trace trace = ask(facts, request.id(), request.describe(), OpenOutcome.class, "", t -> true);
            OpenOutcome o = trace.derived(OpenOutcome.class).get(0);
            return new Decision(q, o.status(), o.granted(), trace.ruleIds(), trace, List.copyOf(warnings));
        }

        Creation create(CreateRequest request, CreationSwitches switches) {
            CreationPolicy c = creation();
            once("creation", () -> {
                kie.insert(switches);
                insertLevels(c);
                c.minimumTcb().forEach(kie::insert);
                c.flagPrivileges().forEach(kie::insert);
            });
            Trace trace = ask(List.of(request), request.id(), request.describe(), CreateOutcome.class, "creation ", t -> true);
            CreateOutcome o = trace.derived(CreateOutcome.class).get(0);
            return new Creation(request.query(), o.status(), o.protection(), o.signatureLevel(), o.sectionLevel(),
                    o.processAccess(), o.threadAccess(), o.debugPort(), o.reason(), trace.ruleIds(), trace, o.kind());
        }

        Load load(LoadRequest request, LoadSwitches switches, CreationPolicy levels) {
            once("load", () -> {
                kie.insert(switches);
                insertLevels(levels);
            });
            Trace trace = ask(List.of(request), request.id(), request.describe(), LoadOutcome.class, "load ",
                    t -> t.derived(LoadImageLevel.class).size() == 1 && t.derived(SectionRequirement.class).size() <= 1);
            LoadOutcome o = trace.derived(LoadOutcome.class).get(0);
            List<SectionRequirement> section = trace.derived(SectionRequirement.class);
            return new Load(request.query(), o.status(), trace.derived(LoadImageLevel.class).get(0).level(), section.isEmpty() ? null : section.get(0).level(),
                    o.knownDllsSection(), o.pageHashesEnforced(), o.modifiedBytesRun(), o.reason(), trace.ruleIds(), trace);
        }

        /**
         * One question to the session, of any kind: its facts in, the rules fired, the facts out again (the session
         * keeps only the policy facts between questions), with the recorder holding this question's firings alone.
         * The rules must reach exactly one {@code outcome} (and whatever else {@code whole} asks of the trace).
         */
        private Trace ask(List<Object> facts, long id, String describe, Class<?> outcome, String kind, java.util.function.Predicate<Trace> whole) {
            recorder.reset();
            List<FactHandle> stated = new ArrayList<>(facts.size());
            try {
                for (Object f : facts) stated.add(kie.insert(f));
                kie.fireAllRules();
            } finally {
                for (FactHandle h : stated) kie.delete(h);
                // phreak propagates lazily: the logical facts justified by the request go on the next fire
                kie.fireAllRules();
            }
            Trace trace = recorder.trace(id);
            int outcomes = trace.derived(outcome).size();
            if (outcomes != 1 || !whole.test(trace) || kie.getFactCount() != baseFacts) {
                throw new IllegalStateException("rule set " + rules.source() + " reached " + outcomes + " " + kind
                        + "decisions (expected exactly one) for " + describe + "; rules fired: " + trace.ruleIds());
            }
            return trace;
        }

        /** creation.yaml's signing-level and EKU rows, which a creation and a load both match: inserted once. */
        private void insertLevels(CreationPolicy c) {
            if (!inserted.add("levels")) return;
            c.signingLevels().forEach(kie::insert);
            c.ekuSigners().forEach(kie::insert);
        }
    }
}
