package dev.pplsim.jobs;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.CreationPolicy;
import dev.pplsim.policy.Domains;
import dev.pplsim.policy.MinimumTcb;
import dev.pplsim.policy.PropertyFile;
import dev.pplsim.policy.SigningLevelRow;
import dev.pplsim.request.CreateField;
import dev.pplsim.request.CreateReader;
import dev.pplsim.request.Form;
import dev.pplsim.request.InputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;

/**
 * Proves a law of process creation (spec §12) over its whole finite domain: every combination of the domain's
 * lists, each request read by the one creation reader and decided by the rules through the learnt table, or refutes
 * it with the minimal failing request (fewest fields off their first value, then the simplest creator byte).
 *
 * <p>Clauses other than {@code status} constrain successful creations only, so each result also counts the
 * creations a law constrained: a law that constrained none proves nothing and never counts as declared.
 */
final class CreationProver {

    /** The Win32 flag combinations that shape protection (spec §12.1): none, each of the two, both. */
    static final List<String> WIN32_FLAGS = List.of("0", "CREATE_PROTECTED_PROCESS", "EXTENDED_STARTUPINFO_PRESENT",
            "CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT");
    /** The native counterpart (spec §12.2): none, or PROCESS_CREATE_FLAGS_PROTECTED_PROCESS. */
    static final List<String> NATIVE_FLAGS = List.of("0", "PROCESS_CREATE_FLAGS_PROTECTED_PROCESS");
    /** A System32 image the minimum-TCB list does not name, and an image outside System32. */
    static final List<String> OTHER_IMAGES = List.of("C:\\Windows\\System32\\notepad.exe", "C:\\Program Files\\Vendor\\agent.exe");

    private final DecisionTable table;
    private final List<String> defaultBuilds;

    CreationProver(DecisionTable table, List<String> defaultBuilds) {
        this.table = table;
        this.defaultBuilds = defaultBuilds;
    }

    /** One request of the domain, without its creator and build: the fields as read, and how many are off their first value. */
    private record Rest(CreateQuery query, int offFirst) {
    }

    /** A failing case: where it stands in the simplicity order, the request and, for a comparison, the changed one. */
    private record Failure(int offFirst, int creatorRank, long index, CreateQuery query, CreateQuery changed, String why) {
        boolean simplerThan(Failure o) {
            if (offFirst != o.offFirst) return offFirst < o.offFirst;
            if (creatorRank != o.creatorRank) return creatorRank < o.creatorRank;
            return index < o.index;
        }
    }

    Prover.Result prove(String file, PropertyFile.CreateEntry p) {
        long start = System.nanoTime();
        String where = file + ": property " + p.name();
        PropertyFile.CreateDomain d = p.forall();
        CreationPolicy policy = table.simulator().creation();
        List<String> builds = Prover.builds(table.simulator(), d.builds(), defaultBuilds, policy, where);
        List<Build> worlds = builds.stream().map(table.simulator().policies()::build).toList();
        // creators simplest first
        List<Integer> creators = Prover.simplestFirst(Domains.filter(d.creator(), "creator"));

        Map<CreateField, List<JsonNode>> lists;
        try {
            lists = lists(d, policy);
        } catch (InputException e) {
            throw InputException.at(where, e.getMessage());
        }
        for (CreateField f : List.of(CreateField.CREATOR_TOKEN, CreateField.CHILD_TOKEN)) {
            for (JsonNode n : lists.get(f)) {
                if (n.isNull()) continue;
                try {
                    table.simulator().security().token(n.asText());
                } catch (InputException e) {
                    throw InputException.at(where + ": forall." + (f == CreateField.CREATOR_TOKEN ? "tokens" : "childTokens"), e.getMessage());
                }
            }
        }
        List<Rest> rests = new ArrayList<>();
        combine(where, lists, new EnumMap<>(CreateField.class), 0, 0, rests);

        Map<String, JsonNode> change = p.compare() == null ? Map.of() : p.compare().change();
        PsProtection changedCreator = null;
        String changedBuild = null;
        List<CreateQuery> changedRests = new ArrayList<>();
        if (p.compare() != null) {
            if (change.containsKey("creator")) changedCreator = readField(where + ": compare.change.creator", CreateField.CREATOR, change.get("creator")).creator();
            if (change.containsKey("build")) {
                changedBuild = readField(where + ": compare.change.build", CreateField.BUILD, change.get("build")).build();
                try {
                    policy.switches(changedBuild);
                    Build cb = table.simulator().policies().build(changedBuild);
                    if (changedCreator != null && !cb.hasRow(changedCreator.signer())) {
                        throw new InputException("creator " + changedCreator.hex() + " has no row in build " + cb.name());
                    }
                } catch (InputException e) {
                    throw InputException.at(where + ": compare.change.build", e.getMessage());
                }
            }
            for (Rest r : rests) changedRests.add(changed(where, r.query(), change));
        }
        if (p.then() != null && p.then().childWithinImageClaim() != null) {
            for (Rest r : rests) {
                if (r.query().image().ekus() != null) {
                    throw InputException.at(where + ": then.childWithinImageClaim", "needs images given by imageSigners or imageSigningLevels, not EKUs");
                }
            }
        }

        // each (build, creator) is one task; a creator without a row in the build cannot be decided and is counted apart
        record Task(int build, int creatorIndex) {
        }
        List<Task> tasks = new ArrayList<>();
        long undecidable = 0;
        for (int b = 0; b < worlds.size(); b++) {
            for (int ci = 0; ci < creators.size(); ci++) {
                int c = creators.get(ci);
                if (!worlds.get(b).hasRow(c >>> 4)) {
                    undecidable++;
                    continue;
                }
                if (changedCreator != null && !worlds.get(b).hasRow(changedCreator.signer())) {
                    throw InputException.at(where + ": compare.change.creator", "creator " + changedCreator.hex() + " has no row in build " + builds.get(b));
                }
                tasks.add(new Task(b, ci));
            }
        }
        Map<OpenKey, Boolean> opens = new ConcurrentHashMap<>();
        PsProtection fixedCreator = changedCreator;
        String fixedBuild = changedBuild;
        dev.pplsim.io.Progress.expect((long) tasks.size() * rests.size());
        long[] counts = tasks.parallelStream().map(t -> {
            long cases = 0, constrained = 0;
            Failure worst = null;
            String build = builds.get(t.build());
            PsProtection creator = new PsProtection(creators.get(t.creatorIndex()));
            int rank = t.creatorIndex() == 0 ? 0 : 1 + Prover.rank(creator.value());
            for (int i = 0; i < rests.size(); i++) {
                Rest r = rests.get(i);
                CreateQuery q = with(r.query(), creator, build);
                Creation c = decide(where, q, false);
                cases++;
                dev.pplsim.io.Progress.done(1);
                String failure;
                CreateQuery changedQuery = null;
                if (p.then() != null) {
                    Verdict v = check(p.then(), q, c, worlds.get(t.build()), policy, opens);
                    if (v.constrained) constrained++;
                    failure = v.failure;
                } else {
                    CreateQuery cr = changedRests.get(i);
                    changedQuery = with(cr, fixedCreator != null ? fixedCreator : creator, fixedBuild != null ? fixedBuild : build);
                    Creation other = decide(where, changedQuery, true);
                    Verdict v = compare(p.compare().expect(), c, other);
                    if (v.constrained) constrained++;
                    failure = v.failure;
                }
                if (failure != null) {
                    Failure f = new Failure(r.offFirst() + (t.creatorIndex() == 0 ? 0 : 1), rank,
                            ((long) t.build() * creators.size() + t.creatorIndex()) * rests.size() + i, q, changedQuery, failure);
                    if (worst == null || f.simplerThan(worst)) worst = f;
                }
            }
            synchronized (failures) {
                if (worst != null) failures.add(worst);
            }
            return new long[]{cases, constrained};
        }).reduce(new long[2], (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
        Failure worst = null;
        synchronized (failures) {
            for (Failure f : failures) if (worst == null || f.simplerThan(worst)) worst = f;
            failures.clear();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Prover.Result(file, p.name(), p.why(), p.cite(), p.expected(), worst == null ? Prover.Verdict.PROVED : Prover.Verdict.REFUTED,
                counts[0], undecidable, millis, null, worst == null ? null : worst.why(), counts[1], true,
                worst == null ? null : worst.query(), worst == null ? null : worst.changed());
    }

    private final List<Failure> failures = new ArrayList<>();

    private Creation decide(String where, CreateQuery q, boolean remember) {
        try {
            return table.create(q, remember);
        } catch (InputException e) {
            throw InputException.at(where, "a case cannot be decided: " + e.getMessage());
        }
    }

    private static CreateQuery with(CreateQuery q, PsProtection creator, String build) {
        return q.withCreator(creator, build);
    }

    // ---- the domain -----------------------------------------------------------------------------------------------

    /** Each field's values as the reader takes them, defaults filled in; JSON null stands for "not given". */
    private static Map<CreateField, List<JsonNode>> lists(PropertyFile.CreateDomain d, CreationPolicy policy) {
        Map<CreateField, List<JsonNode>> m = new EnumMap<>(CreateField.class);
        m.put(CreateField.API, nonEmpty(d.apis(), "apis", List.of(NullNode.instance)));
        m.put(CreateField.CREATOR_TOKEN, none(nonEmpty(d.tokens(), "tokens", List.of(NullNode.instance))));
        m.put(CreateField.CHILD_TOKEN, none(nonEmpty(d.childTokens(), "childTokens", List.of(NullNode.instance))));
        m.put(CreateField.IMAGE_PATH, nonEmpty(d.images(), "images", defaultImages(policy).stream().map(t -> (JsonNode) TextNode.valueOf(t)).toList()));
        if (d.imageSigningLevels() != null) {
            m.put(CreateField.IMAGE_SIGNING_LEVEL, nonEmpty(d.imageSigningLevels(), "imageSigningLevels", null));
        } else if (d.imageEkus() != null) {
            m.put(CreateField.IMAGE_EKUS, nonEmpty(d.imageEkus(), "imageEkus", null));
        } else {
            m.put(CreateField.IMAGE_SIGNER, nonEmpty(d.imageSigners(), "imageSigners",
                    Arrays.stream(PsProtectedSigner.values()).map(s -> (JsonNode) TextNode.valueOf(s.shortName())).toList()));
        }
        m.put(CreateField.IMAGE_SUBSYSTEM, nonEmpty(d.subsystems(), "subsystems", List.of(NullNode.instance)));
        m.put(CreateField.FLAGS, d.flags() == null ? null : nonEmpty(d.flags(), "flags", null));
        List<JsonNode> levels = new ArrayList<>(List.of(NullNode.instance));
        for (ProtectionLevel l : ProtectionLevel.values()) levels.add(TextNode.valueOf(l.name()));
        m.put(CreateField.PROTECTION_LEVEL, none(nonEmpty(d.levels(), "levels", levels)));
        m.put(CreateField.INHERIT_HANDLES, nonEmpty(d.inheritHandles(), "inheritHandles", List.of(BooleanNode.FALSE, BooleanNode.TRUE)));
        // spec §7.3, §12.3 item 8, §12.7: not given unless a law asks ("none" is not given)
        m.put(CreateField.IMAGE_TRUSTLET_ID, none(nonEmpty(d.imageTrustletIds(), "imageTrustletIds", List.of(NullNode.instance))));
        m.put(CreateField.IMAGE_SECTION_FLAGS, nonEmpty(d.imageSectionFlags(), "imageSectionFlags", List.of(NullNode.instance)));
        m.put(CreateField.SECURE_PROCESS, nonEmpty(d.secureProcess(), "secureProcess", List.of(NullNode.instance)));
        m.put(CreateField.PACKAGE_FULL_NAME, none(nonEmpty(d.packageFullNames(), "packageFullNames", List.of(NullNode.instance))));
        return m;
    }

    private static List<JsonNode> nonEmpty(List<JsonNode> given, String field, List<JsonNode> otherwise) {
        if (given == null) return otherwise;
        if (given.isEmpty()) throw InputException.at("forall." + field, "is empty: the domain would hold no case");
        return given;
    }

    /** "none" spells "not given" for a token, a child token and a protection level. */
    private static List<JsonNode> none(List<JsonNode> values) {
        return values.stream().map(n -> n.isTextual() && n.asText().equals("none") ? (JsonNode) NullNode.instance : n).toList();
    }

    /**
     * The images of the default domain: the first System32 image of each distinct minimum-TCB entry (its protection,
     * signing level and switch are what a creation reads of it), then a System32 image off the list and one outside.
     */
    static List<String> defaultImages(CreationPolicy policy) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (MinimumTcb m : policy.minimumTcb()) {
            if (seen.add(m.protection().value() + "/" + m.signingLevel() + "/" + m.switchName())) out.add("C:\\Windows\\System32\\" + m.image());
        }
        out.addAll(OTHER_IMAGES);
        return out;
    }

    private static final CreateField[] ORDER = {CreateField.API, CreateField.CREATOR_TOKEN, CreateField.CHILD_TOKEN, CreateField.IMAGE_PATH,
            CreateField.IMAGE_SIGNER, CreateField.IMAGE_SIGNING_LEVEL, CreateField.IMAGE_EKUS, CreateField.IMAGE_SUBSYSTEM, CreateField.FLAGS,
            CreateField.PROTECTION_LEVEL, CreateField.INHERIT_HANDLES, CreateField.IMAGE_TRUSTLET_ID, CreateField.IMAGE_SECTION_FLAGS,
            CreateField.SECURE_PROCESS, CreateField.PACKAGE_FULL_NAME};

    /** Every combination of the lists in {@link #ORDER}, read by the creation reader with creator None. */
    private static void combine(String where, Map<CreateField, List<JsonNode>> lists, EnumMap<CreateField, JsonNode> chosen, int depth,
                                int offFirst, List<Rest> out) {
        if (depth == ORDER.length) {
            out.add(new Rest(read(where, chosen), offFirst));
            return;
        }
        CreateField f = ORDER[depth];
        List<JsonNode> values = lists.get(f);
        if (f == CreateField.FLAGS && values == null) {
            // the default flags follow the entry point: Win32 names for CreateProcess*, native ones for the native calls
            JsonNode api = chosen.get(CreateField.API);
            boolean win32 = api == null || api.isNull() || read(where, chosen).api().win32();
            values = (win32 ? WIN32_FLAGS : NATIVE_FLAGS).stream().map(t -> (JsonNode) TextNode.valueOf(t)).toList();
        }
        if (values == null) {
            combine(where, lists, chosen, depth + 1, offFirst, out);
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            chosen.put(f, values.get(i));
            combine(where, lists, chosen, depth + 1, offFirst + (i == 0 ? 0 : 1), out);
        }
        chosen.remove(f);
    }

    private static CreateQuery read(String where, Map<CreateField, JsonNode> chosen) {
        try {
            return CreateReader.read(Form.SCENARIO, f -> f == CreateField.CREATOR ? TextNode.valueOf("None")
                    : f == CreateField.IMAGE_PATH && !chosen.containsKey(f) ? TextNode.valueOf(OTHER_IMAGES.get(1)) : chosen.get(f));
        } catch (InputException e) {
            throw InputException.at(where + ": forall", e.getMessage());
        }
    }

    private static CreateQuery readField(String where, CreateField f, JsonNode value) {
        try {
            return CreateReader.read(Form.SCENARIO, g -> g == f ? value : g == CreateField.CREATOR ? TextNode.valueOf("None")
                    : g == CreateField.IMAGE_PATH ? TextNode.valueOf(OTHER_IMAGES.get(1)) : null);
        } catch (InputException e) {
            throw InputException.at(where, e.getMessage());
        }
    }

    /** The request with the compared change applied, except creator and build (applied per case). */
    private static CreateQuery changed(String where, CreateQuery q, Map<String, JsonNode> change) {
        CreateApi api = q.api();
        int flags = q.flags();
        Long level = q.protectionLevel();
        boolean inherit = q.inheritHandles();
        var image = q.image();
        String at = where + ": compare.change.";
        if (change.containsKey("api")) api = readField(at + "api", CreateField.API, change.get("api")).api();
        if (change.containsKey("flags")) {
            JsonNode apiNode = TextNode.valueOf(api.sdkName());
            JsonNode flagsNode = change.get("flags");
            try {
                flags = CreateReader.read(Form.SCENARIO, g -> g == CreateField.FLAGS ? flagsNode : g == CreateField.API ? apiNode
                        : g == CreateField.CREATOR ? TextNode.valueOf("None") : g == CreateField.IMAGE_PATH ? TextNode.valueOf(OTHER_IMAGES.get(1)) : null).flags();
            } catch (InputException e) {
                throw InputException.at(at + "flags", e.getMessage());
            }
        }
        if (change.containsKey("protectionLevel")) {
            JsonNode n = change.get("protectionLevel");
            level = n.isTextual() && n.asText().equals("none") ? null : readField(at + "protectionLevel", CreateField.PROTECTION_LEVEL, n).protectionLevel();
        }
        if (change.containsKey("inheritHandles")) inherit = readField(at + "inheritHandles", CreateField.INHERIT_HANDLES, change.get("inheritHandles")).inheritHandles();
        if (change.containsKey("imageSigner")) {
            var s = readField(at + "imageSigner", CreateField.IMAGE_SIGNER, change.get("imageSigner")).image().signer();
            image = image.withClaim(s, null, null);
        }
        String child = api.takesToken() ? q.childToken() : null;
        return q.with(api, child, image, flags, level, inherit);
    }

    // ---- the clauses ------------------------------------------------------------------------------------------------

    private record Verdict(boolean constrained, String failure) {
        static final Verdict FREE = new Verdict(false, null), HELD = new Verdict(true, null);

        static Verdict broken(String why) {
            return new Verdict(true, why);
        }
    }

    /** The access-check question of {@code handlesWithinOpen}: may the creator, as the child's parent, open it for these rights? */
    private record OpenKey(String build, int creator, int child, ObjectKind object, int mask) {
    }

    private Verdict check(PropertyFile.CreateThen t, CreateQuery q, Creation c, Build build, CreationPolicy policy, Map<OpenKey, Boolean> opens) {
        if (t.status() != null && !c.status().name().equals(t.status())) return Verdict.broken("expected " + t.status() + ", got " + c.status().name());
        if (!c.status().isSuccess()) return t.status() != null ? Verdict.HELD : Verdict.FREE;
        PsProtection child = c.child();
        if (t.protectedChild() != null && child.isProtected() && !Domains.filter(t.protectedChild(), "protectedChild").test(child.value())) {
            return Verdict.broken("the child is " + child + ", outside then.protectedChild");
        }
        if (t.childIsCreator() != null && child.value() != q.creator().value()) {
            return Verdict.broken("the child is " + child + ", not the creator's " + q.creator());
        }
        if (t.childWithinImageClaim() != null && child.isProtected()) {
            int needed = level(policy, child.signer());
            int claim = q.image().signingLevel() != null ? q.image().signingLevel() : Math.max(0, level(policy, q.image().signer().value()));
            if (needed < 0) return Verdict.broken("the child is " + child + ", a signer without a signing level");
            if (needed > claim) return Verdict.broken("the child is " + child + ", which needs signing level " + needed + "; the image claims " + claim);
        }
        if (t.childDominatesCreator() != null && q.creator().isProtected()) {
            boolean dominates = child.type() >= q.creator().type() && build.row(child.signer()).dominates(q.creator().signer());
            if (!dominates) return Verdict.broken("the child " + child + " does not dominate its creator " + q.creator());
        }
        if (t.handlesWithinOpen() != null) {
            for (ObjectKind object : List.of(ObjectKind.PROCESS, ObjectKind.THREAD)) {
                int mask = object == ObjectKind.PROCESS ? c.processAccess() : c.threadAccess();
                if (mask == 0) continue;
                OpenKey k = new OpenKey(q.build(), q.creator().value(), child.value(), object, mask);
                boolean granted = opens.computeIfAbsent(k, x -> {
                    Decision d = table.decide(AccessQuery.of(q.creator(), child, object, mask).withRelation(Relation.PARENT).withBuild(q.build()));
                    return d.status().isSuccess() && (d.granted() & mask) == mask;
                });
                if (!granted) {
                    return Verdict.broken("h" + (object == ObjectKind.PROCESS ? "Process" : "Thread") + " is returned with " + SdkNames.hex(mask)
                            + ", which an open of the child by its parent does not grant");
                }
            }
        }
        var sw = policy.switches(q.build());
        if (t.trustletNeedsVbsIumEkuAndPolicy() != null && c.kind() == dev.pplsim.model.ProcessKind.TRUSTLET) {
            if (!sw.vbs()) return Verdict.broken("a trustlet was created while VBS is off");
            if (q.image().ekus() == null || !q.image().ekus().contains(sw.iumEku())) return Verdict.broken("a trustlet was created from an image without the IUM EKU " + sw.iumEku());
            if (q.image().trustletId() == null) return Verdict.broken("a trustlet was created from an image without a .tPolicy section");
        }
        // a packaged app image off the minimum-TCB list (the list's entry wins for an image on it)
        boolean app = sw.packagedApp(q.image().sectionFlags()) && (!q.image().inSystem32() || policy.minimumTcb().stream()
                .noneMatch(m -> m.image().equals(q.image().fileName()) && sw.on(m.switchName())));
        if (t.appImageAtLeastAppPpl() != null && app) {
            PsProtection a = sw.appProtection();
            boolean atLeast = child.value() == a.value() || (child.type() >= a.type() && build.row(child.signer()).dominates(a.signer()));
            if (!atLeast) return Verdict.broken("the packaged app image runs as " + child + ", which neither is nor dominates App-PPL " + a);
        }
        boolean constrained = t.status() != null || (t.protectedChild() != null && child.isProtected()) || t.childIsCreator() != null || t.handlesWithinOpen() != null
                || (t.trustletNeedsVbsIumEkuAndPolicy() != null && c.kind() == dev.pplsim.model.ProcessKind.TRUSTLET)
                || (t.appImageAtLeastAppPpl() != null && app)
                || (t.childWithinImageClaim() != null && child.isProtected()) || (t.childDominatesCreator() != null && q.creator().isProtected());
        return constrained ? Verdict.HELD : Verdict.FREE;
    }

    /** The EXE level the policy's signing-level table gives a signer, or -1 without a row. */
    private static int level(CreationPolicy policy, int signer) {
        for (SigningLevelRow r : policy.signingLevels()) if (r.signer() == signer) return r.exeLevel();
        return -1;
    }

    private static Verdict compare(PropertyFile.CreateExpect e, Creation base, Creation changed) {
        if (e.sameOutcome() != null) {
            boolean same = base.status() == changed.status() && (!base.status().isSuccess() || (base.child().value() == changed.child().value()
                    && base.processAccess() == changed.processAccess() && base.threadAccess() == changed.threadAccess()));
            return same ? Verdict.HELD : Verdict.broken("outcomes differ: " + show(base) + " vs " + show(changed));
        }
        if (!changed.status().isSuccess()) return Verdict.FREE;
        if (!base.status().isSuccess() || base.child().value() != changed.child().value()) {
            return Verdict.broken("the changed request succeeds with " + show(changed) + ", this one gives " + show(base));
        }
        return Verdict.HELD;
    }

    static String show(Creation c) {
        return c.status().name() + (c.status().isSuccess() ? " child " + c.child().hex() + " hProcess " + SdkNames.hex(c.processAccess()) : "");
    }

    /** A request in one line, as the report shows a counterexample. */
    static String describe(CreateQuery q) {
        var im = q.image();
        String claim = im.signingLevel() != null ? "signing level " + im.signingLevel() : im.ekus() != null ? "EKUs " + String.join(",", im.ekus())
                : "signer " + im.signer().shortName();
        return String.format(Locale.ROOT, "build %s, creator %s%s, %s, image %s (%s%s), flags %s, protection level %s, bInheritHandles %s%s", q.build(), q.creator(),
                q.creatorToken() == null ? "" : " with token " + q.creatorToken(), q.api().sdkName(), im.path(), claim,
                im.subsystem() == dev.pplsim.model.ImageSpec.Subsystem.WINDOWS ? "" : ", subsystem " + im.subsystem().id(), q.flagNames(),
                q.protectionLevel() == null ? "none" : ProtectionLevel.describe(q.protectionLevel()), q.inheritHandles() ? "TRUE" : "FALSE",
                q.childToken() == null ? "" : ", child token " + q.childToken())
                + (im.trustletId() != null ? ", .tPolicy trustlet " + im.trustletId() : "")
                + (im.sectionFlags() != 0 ? String.format(Locale.ROOT, ", section flags 0x%02X", im.sectionFlags()) : "")
                + (q.secureProcess() ? ", PS_CP_SECURE_PROCESS" : "") + (q.packageFullName() != null ? ", package " + q.packageFullName() : "");
    }

    /** A request as a batch line with {@code "op":"create"} spells it, so a counterexample can be pasted into {@code pplsim batch}. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(CreateQuery q) {
        var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("op", "create");
        var creator = n.putObject("creator").put("protection", q.creator().hex());
        if (q.creatorToken() != null) creator.put("token", q.creatorToken());
        n.put("api", q.api().sdkName());
        if (q.childToken() != null) n.put("childToken", q.childToken());
        var image = n.putObject("image").put("path", q.image().path());
        if (q.image().signingLevel() != null) image.put("signingLevel", q.image().signingLevel());
        else if (q.image().ekus() != null) q.image().ekus().forEach(image.putArray("ekus")::add);
        else image.put("signer", q.image().signer().shortName());
        image.put("subsystem", q.image().subsystem().id());
        if (q.image().trustletId() != null) image.put("trustletId", q.image().trustletId());
        if (q.image().sectionFlags() != 0) image.put("sectionFlags", String.format(Locale.ROOT, "0x%02X", q.image().sectionFlags()));
        if (q.secureProcess()) n.put("secureProcess", true);
        if (q.packageFullName() != null) n.put("packageFullName", q.packageFullName());
        n.put("flags", q.flagNames());
        if (q.protectionLevel() != null) {
            ProtectionLevel l = ProtectionLevel.of(q.protectionLevel());
            if (l != null) n.put("protectionLevel", l.name());
            else n.put("protectionLevel", q.protectionLevel());
        }
        n.put("inheritHandles", q.inheritHandles()).put("build", q.build());
        return n;
    }
}
