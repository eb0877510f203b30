package dev.pplsim.schema;

import dev.pplsim.jobs.Observations;
import dev.pplsim.jobs.ScenarioFile;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.policy.BuildFile;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PropertyFile;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.policy.TokensFile;
import dev.pplsim.request.CreateField;
import dev.pplsim.request.LoadField;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.pplsim.schema.SchemaBuilder.Doc;
import static dev.pplsim.schema.SchemaBuilder.Notes;
import static dev.pplsim.schema.SchemaBuilder.allOf;
import static dev.pplsim.schema.SchemaBuilder.anyOf;
import static dev.pplsim.schema.SchemaBuilder.arrayOf;
import static dev.pplsim.schema.SchemaBuilder.atMostOne;
import static dev.pplsim.schema.SchemaBuilder.described;
import static dev.pplsim.schema.SchemaBuilder.exactlyOne;
import static dev.pplsim.schema.SchemaBuilder.integer;
import static dev.pplsim.schema.SchemaBuilder.none;
import static dev.pplsim.schema.SchemaBuilder.obj;
import static dev.pplsim.schema.SchemaBuilder.required;
import static dev.pplsim.schema.SchemaBuilder.string;

/**
 * The schemas of the policy files, for editors and for {@code SchemaTests}: which record each file is read as, and
 * everything the records do not say (titles, descriptions, the spellings of String and JsonNode fields, the rules the
 * constructors check across fields). Structure, required fields, {@code additionalProperties: false} and every enum
 * come from the code ({@link SchemaBuilder}, {@link Values}).
 */
final class PolicySchemas {

    private PolicySchemas() {
    }

    /** Where the schema files are checked in. */
    static final java.nio.file.Path DIR = java.nio.file.Path.of("docs/schemas");

    /** A schema file of docs/schemas and the policy files it describes. */
    record Schema(String file, String files, Function<Doc, ObjectNode> root) {
    }

    static final List<Schema> ALL = List.of(
            new Schema("build.schema.json", "policies/builds/*.yaml", d -> d.record(BuildFile.class)),
            new Schema("overlay.schema.json", "policies/whatif/*.yaml", d -> d.record(Overlay.class)),
            new Schema("system.schema.json", "policies/systems/*.yaml", d -> d.record(SystemCatalog.class)),
            new Schema("scenario.schema.json", "policies/scenarios/**/*.yaml", d -> d.record(ScenarioFile.class)),
            new Schema("property.schema.json", "policies/properties/*.yaml", d -> d.record(PropertyFile.class)),
            new Schema("windows-builds.schema.json", "policies/windows-builds.yaml", d -> d.record(Observations.BuildMap.class)),
            new Schema("tokens.schema.json", "policies/tokens.yaml", d -> d.record(TokensFile.class)));

    /** The schema file's text, as checked in. */
    static String generate(Schema s) {
        Doc d = new Doc(NOTES);
        return SchemaBuilder.write(d.document(s.root().apply(d)));
    }

    /** Writes every schema file as generated (-Dschema.update=true). */
    static void writeAll() {
        try {
            java.nio.file.Files.createDirectories(DIR);
            for (Schema s : ALL) java.nio.file.Files.writeString(DIR.resolve(s.file()), generate(s), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Map<Class<?>, Notes> NOTES = new LinkedHashMap<>();

    private static Notes note(Class<?> record, String title, String description) {
        Notes n = new Notes(title, description);
        if (NOTES.put(record, n) != null) throw new IllegalStateException(record + " noted twice");
        return n;
    }

    private static Function<Doc, JsonNode> ref(String name, java.util.function.Supplier<JsonNode> def) {
        return d -> d.ref(name, def);
    }

    private static Function<Doc, JsonNode> listOf(Function<Doc, JsonNode> item) {
        return d -> arrayOf(item.apply(d));
    }

    /** A list of a value, or the word none for "not given" (the creation prover's tokens, levels, trustlet IDs). */
    private static Function<Doc, JsonNode> listOrNone(Function<Doc, JsonNode> item) {
        return d -> arrayOf(anyOf(obj("const", "none"), item.apply(d)));
    }

    private static final Function<Doc, JsonNode> STRING = d -> obj("type", "string");
    private static final Function<Doc, JsonNode> BOOLEAN = d -> obj("type", "boolean");
    private static final Function<Doc, JsonNode> TRUE = d -> obj("type", "boolean", "const", true);
    private static final Function<Doc, JsonNode> PROTECTION = ref("protection", Values::protection);
    private static final Function<Doc, JsonNode> MASK = ref("mask", Values::mask);
    private static final Function<Doc, JsonNode> DESIRED = ref("desiredMask", Values::desiredMask);
    private static final Function<Doc, JsonNode> GRANTED = ref("grantedMask", Values::grantedMask);
    private static final Function<Doc, JsonNode> SIGNER_NAME = ref("signerName", Values::signerName);
    private static final Function<Doc, JsonNode> SIGNER_REF = d -> d.ref("signerRef", () -> Values.signerRef(d));
    private static final Function<Doc, JsonNode> SIGNING_LEVEL = ref("signingLevel", Values::signingLevel);
    private static final Function<Doc, JsonNode> PROCESS_KIND = ref("processKind", Values::processKind);
    private static final Function<Doc, JsonNode> NT_STATUS = ref("ntStatus", Values::ntStatus);
    private static final Function<Doc, JsonNode> OBJECT_KIND = ref("objectKind", Values::objectKind);
    private static final Function<Doc, JsonNode> ACCESS_MODE = ref("accessMode", Values::accessMode);
    private static final Function<Doc, JsonNode> RELATION = ref("relation", Values::relation);
    private static final Function<Doc, JsonNode> CREATE_API = ref("createApi", Values::createApi);
    private static final Function<Doc, JsonNode> SUBSYSTEM = ref("subsystem", Values::subsystem);
    private static final Function<Doc, JsonNode> IMAGE_SOURCE = ref("imageSource", Values::imageSource);
    private static final Function<Doc, JsonNode> PROTECTION_LEVEL = ref("protectionLevel", Values::protectionLevel);
    private static final Function<Doc, JsonNode> EKUS = ref("ekus", Values::ekus);
    private static final Function<Doc, JsonNode> TRUSTLET_ID = ref("trustletId", Values::trustletId);
    private static final Function<Doc, JsonNode> SECTION_FLAGS = ref("sectionFlags", Values::sectionFlags);
    private static final Function<Doc, JsonNode> FLAGS = d -> d.ref("creationFlags", () -> Values.creationFlags(d));
    private static final Function<Doc, JsonNode> TOKEN = d -> d.ref("token", () -> Values.token(d));
    private static final Function<Doc, JsonNode> NON_BLANK = d -> Values.nonBlank();
    private static final Function<Doc, JsonNode> LOOSE_BOOLEAN = ref("looseBoolean", Values::looseBoolean);
    private static final Function<Doc, JsonNode> CREATE_FIELDS = d -> d.ref("Create", () -> d.fields(CreateField.class, PolicySchemas.CREATE));
    private static final Function<Doc, JsonNode> LOAD_FIELDS = d -> d.ref("Load", () -> d.fields(LoadField.class, PolicySchemas.LOAD));

    private static final String SPEC = "spec §";

    // ---- builds (policies/builds) ----------------------------------------------------------------------------

    static {
        note(BuildFile.class, "pplsim build",
                "One Windows build's protection policy (policies/builds/*.yaml): its RtlProtectedAccess table, one row per signer, and the "
                        + "switches of the open procedures (spec §2.1, §3.2).")
                .field("name", "The build's name, as --build and other files name it: lower-case letters, digits, '.' and '-'.",
                        d -> string("^[a-z0-9][a-z0-9.-]*$"))
                .field("description", "One line on what the build is.")
                .field("kernel", "The spec's build family (B-old, B-rs, B-w11).")
                .field("cite", "Where the numbers come from (\"spec §2.1, §3.2\").")
                .field("switches", "How this build's open procedures behave where builds differ.")
                .field("signers", "RtlProtectedAccess[]: row i is signer i, listed 0, 1, 2, ... in order (the kernel indexes the table by the "
                        + "signer nibble); at most 16 rows.", d -> obj("type", "array", "items", d.ref(BuildFile.Row.class), "minItems", 1, "maxItems", 16));
        note(BuildFile.Switches.class, "Switches", "The per-build behaviour of the open procedures (spec §3.2, §4.4, §7.2); each is a switch a what-if can flip.")
                .field("parentExemption", "How PspIsParentProcess recognises the caller as the target's creator (spec §3.2).", ref("parentExemption", Values::parentExemption))
                .field("disallowUserTerminateCheck", "Whether Flags3.DisallowUserTerminate is tested (spec §3.2: B-w11 and B-new).")
                .field("picoCheck", "Whether a Pico provider's open masks are enforced (spec §7.2).")
                .field("impliedRights", "Which rights a successful open adds (spec §3.2, §3.3).", ref("impliedRights", Values::impliedRights))
                .field("genericMapping", "Which row of each object type's genericMappings (policies/object-types.yaml) applies: observed or reactos "
                        + "as shipped (spec §4.4 is U).")
                .field("secureVmOpenRefused", "Whether an open of a trustlet with PROCESS_VM_READ or PROCESS_VM_WRITE fails at the handle level "
                        + "(spec §7.3 is U; the shipped builds say false).");
        note(BuildFile.Row.class, "Row", "One signer's row of RtlProtectedAccess (spec §2.1).")
                .field("signer", "The signer this row is for, which must be the row's index: a number 0..15 or a name (WinTcb).",
                        d -> d.ref("rowSigner", () -> Values.rowSigner(d)))
                .field("dominateMask", "The signers this signer dominates, one bit per signer (bit 4 is Lsa); it names no signer beyond the table.")
                .field("deniedProcessAccess", "The process rights a caller that does not dominate this signer is refused.", ref("deniedMask", Values::deniedMask))
                .field("deniedThreadAccess", "The thread rights a caller that does not dominate this signer is refused.", ref("deniedMask", Values::deniedMask));
    }

    // ---- systems (policies/systems) --------------------------------------------------------------------------

    static {
        note(SystemCatalog.class, "pplsim system",
                "A Windows system's processes (policies/systems/*.yaml): image, pid, parent, protection, token preset and flags of each, in "
                        + "creation order, which gives each process its sequence number (spec §3.2 PspIsParentProcess).")
                .field("name", "The system's name, as who-can, what-can and scenarios' system name it.")
                .field("description", "One line on what the system is.")
                .field("build", "The build whose policy decides for this system (a name of policies/builds).")
                .field("cite", "Where the processes and protections come from (\"spec §5\").")
                .field("processes", "The processes, in creation order; each pid and each thread id at most once.",
                        d -> obj("type", "array", "items", d.ref(SystemCatalog.Process.class), "minItems", 1));
        note(SystemCatalog.Process.class, "Process", "One process of a system.")
                .field("image", "The image's file name (lsass.exe): letters, digits, '_', '.', ' ' and '-'.", d -> string("^[A-Za-z0-9_. -]+$"))
                .field("pid", "The process id.")
                .field("parent", "The pid of the process that created it (InheritedFromUniqueProcessId).")
                .field("protection", "The process's protection.", PROTECTION)
                .field("token", "Its token: a preset name of policies/tokens.yaml (the security-descriptor stage reads it).")
                .field("disallowUserTerminate", "EPROCESS Flags3.DisallowUserTerminate (spec §3.2): false when absent.")
                .field("threads", "Its thread ids.")
                .field("session", "Its session id.")
                .field("sd", "The process object's security descriptor in SDDL, when it differs from the default of policies/security-descriptors.yaml.")
                .field("confidence", "The spec's mark for this protection (C, S, I, U), with a few words of where it comes from.")
                .field("kind", "The process kind (spec §7, §12.7): normal when absent.", PROCESS_KIND)
                .field("trustletId", "A trustlet's ID from its .tpolicy section (spec §7.3: LsaIso=1, Vmsp=2, ...): given by a trustlet, and only by one.")
                .rule(d -> {
                    // a trustlet gives its trustletId, and only a trustlet (SystemCatalog.Process)
                    ObjectNode r = obj("if", obj("required", List.of("kind"), "properties", obj("kind", obj("const", ProcessKind.TRUSTLET.id()))));
                    r.set("then", required("trustletId"));
                    r.set("else", none("trustletId"));
                    return r;
                });
    }

    // ---- overlays (policies/whatif) --------------------------------------------------------------------------

    static {
        note(Overlay.class, "pplsim what-if overlay",
                "A what-if written as a few changes to a base (policies/whatif/*.yaml): a system or a build, by name or as another overlay or "
                        + "build file, with processes added or changed, build switches set and table fields set.")
                .field("overlay", "The what-if's name, as reports show it.")
                .field("base", "What it changes: a system or build name (windows-11, windows-10-11), or a .yaml file beside this one.")
                .field("note", "One line on what the what-if changes.")
                .field("set", "Fields to change on the base system's processes, each named by image or pid (every process of that image).")
                .field("add", "Processes to add to the base system.")
                .field("switches", "Build switches to set; those not given keep the base's value.")
                .field("signers", "Table rows to change, each by its signer; fields not given keep the base's value.")
                .field("creation", "Changes to the base build's creation switches (policies/creation.yaml).");
        note(Overlay.ProcessChange.class, "ProcessChange", "Fields to change on the processes of an image, or on one pid.")
                .field("image", "The image whose processes change (any case).")
                .field("pid", "The one process that changes, or with image, the one of that image.")
                .field("protection", "The new protection.", PROTECTION)
                .field("disallowUserTerminate", "The new Flags3.DisallowUserTerminate.")
                .field("token", "The new token preset (policies/tokens.yaml).")
                .rule(d -> anyOf(required("image"), required("pid")));
        note(Overlay.SwitchChanges.class, "SwitchChanges", "Build switches to set, each as in a build file.")
                .field("parentExemption", "How PspIsParentProcess recognises a parent (spec §3.2).", ref("parentExemption", Values::parentExemption))
                .field("disallowUserTerminateCheck", "Whether Flags3.DisallowUserTerminate is tested (spec §3.2).")
                .field("picoCheck", "Whether a Pico provider's open masks are enforced (spec §7.2).")
                .field("impliedRights", "Which rights a successful open adds (spec §3.2, §3.3).", ref("impliedRights", Values::impliedRights))
                .field("genericMapping", "Which row of each object type's genericMappings applies (spec §4.4).")
                .field("secureVmOpenRefused", "Whether a trustlet's VM_READ/VM_WRITE opens fail at the handle level (spec §7.3, U).");
        note(Overlay.RowChange.class, "RowChange", "Fields to change in one row of the base build's table.")
                .field("signer", "The row's signer: a name (Lsa) or a number 0..15.", SIGNER_REF)
                .field("dominateMask", "The new DominateMask.")
                .field("deniedProcessAccess", "The new denied process access.")
                .field("deniedThreadAccess", "The new denied thread access.");
        note(Overlay.CreationChanges.class, "CreationChanges", "Changes to the base build's creation switches (spec §12.7).")
                .field("vbs", "Whether virtualization-based security is on: off, there is no secure kernel, and a trustlet cannot be created.")
                .required("vbs");
    }

    // ---- scenarios (policies/scenarios) ----------------------------------------------------------------------

    private static final Notes CREATE = new Notes("Create",
            "A process creation (spec §12), its fields named as pplsim create's options without the dashes.")
            .field("creator", "The creator's protection.", PROTECTION)
            .field("token", "The creator's token preset (policies/tokens.yaml).", STRING)
            .field("api", "The entry point: CreateProcess when absent.", CREATE_API)
            .field("childToken", "The token preset the child is created with (CreateProcessAsUser, CreateProcessWithTokenW).", STRING)
            .field("image", "The image's path (C:\\Windows\\System32\\services.exe).", NON_BLANK)
            .field("imageSigner", "The signer the image's certificate is for; give at most one of imageSigner, imageEkus and imageSigningLevel.", SIGNER_NAME)
            .field("imageSubsystem", "The image's subsystem: windows when absent.", SUBSYSTEM)
            .field("imageEkus", "The EKUs of the image's certificate (Code Integrity derives the level from them).", EKUS)
            .field("imageSigningLevel", "The signing level Code Integrity gives the image.", SIGNING_LEVEL)
            .field("imageTrustletId", "The trustlet ID in the image's .tpolicy section (spec §7.3).", TRUSTLET_ID)
            .field("imageSectionFlags", "The image section's flags byte (spec §12.7).", SECTION_FLAGS)
            .field("flags", "The creation flags: Win32 names for a Win32 entry point, PROCESS_CREATE_FLAGS_* for RtlCreateUserProcess and "
                    + "NtCreateUserProcess; 0 when absent.", FLAGS)
            .field("protectionLevel", "The PROC_THREAD_ATTRIBUTE_PROTECTION_LEVEL asked for.", PROTECTION_LEVEL)
            .field("inheritHandles", "bInheritHandles: false when absent.", BOOLEAN)
            .field("build", "The build (or a what-if overlay file, whatif/vbs-off.yaml): windows-10-11 when absent.", STRING)
            .field("secureProcess", "Whether the PS_CP_SECURE_PROCESS attribute asks for a trustlet (spec §7.3).", BOOLEAN)
            .field("packageFullName", "The package the process is created in (a packaged process, spec §12.7).", NON_BLANK)
            .required("creator", "image")
            .rule(d -> atMostOne("imageSigner", "imageEkus", "imageSigningLevel"))
            .rule(d -> {
                // the flags' names follow the entry point (CreateReader.flags)
                ObjectNode r = obj("if", obj("required", List.of("api"), "properties", obj("api", obj("enum", Values.nativeApis()))));
                r.set("then", obj("properties", obj("flags", Values.nativeFlags(d))));
                r.set("else", obj("properties", obj("flags", Values.win32Flags(d))));
                return r;
            });

    private static final Notes LOAD = new Notes("Load",
            "An image load (spec §12.8), its fields named as pplsim load's options without the dashes.")
            .field("process", "The loading process's protection.", PROTECTION)
            .field("sectionSignatureLevel", "The process's SectionSignatureLevel; from its protection when absent.", SIGNING_LEVEL)
            .field("image", "The image's path.", NON_BLANK)
            .field("imageSigner", "The signer the image's certificate is for; give exactly one of imageSigner, imageEkus and imageSigningLevel.", SIGNER_NAME)
            .field("imageEkus", "The EKUs of the image's certificate.", EKUS)
            .field("imageSigningLevel", "The signing level Code Integrity gives the image.", SIGNING_LEVEL)
            .field("source", "Where the image is mapped from: local when absent.", IMAGE_SOURCE)
            .field("pageHashes", "Whether the image has page hashes: true when absent.", LOOSE_BOOLEAN)
            .field("pagesModified", "Whether pages of the image were modified after it was checked: false when absent.", LOOSE_BOOLEAN)
            .field("build", "The build: windows-10-11 when absent.", STRING)
            .required("process")
            .rule(d -> exactlyOne("imageSigner", "imageEkus", "imageSigningLevel"));

    /** A Want's fields by what asks for them. */
    private static final List<String> CREATION_WANTS = List.of("child", "signatureLevel", "sectionSignatureLevel", "processAccess", "threadAccess", "debugPort", "kind");
    private static final List<String> LOAD_WANTS = List.of("imageSigningLevel", "knownDllsSection", "pageHashesEnforced", "modifiedBytesRun");

    private static ObjectNode when(String given, ObjectNode want) {
        ObjectNode r = obj("if", required(given));
        r.set("then", obj("properties", obj("want", want)));
        return r;
    }

    private static ObjectNode succeeded(ObjectNode then) {
        ObjectNode r = obj("if", obj("not", obj("properties", obj("status", obj("const", "STATUS_SUCCESS")))));
        r.set("then", then);
        return r;
    }

    private static String[] names(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }

    /** A process of a request's system, by image or pid (looked up when the request is decided). */
    private static JsonNode processRef() {
        return described("A process of the system: its image (lsass.exe) or pid.", anyOf(integer(0, 0xFFFFFFFFL), obj("type", "string", "minLength", 1)));
    }

    static {
        note(ScenarioFile.class, "pplsim scenarios",
                "Named cases (policies/scenarios/**/*.yaml), each a request and what the kernel should answer (want), run by pplsim test.")
                .field("scenarios", "The cases.", d -> obj("type", "array", "items", d.ref(ScenarioFile.Case.class), "minItems", 1));
        note(ScenarioFile.Case.class, "Case", "One case: exactly one of request (an open), create (a creation) and load (an image load), and its want.")
                .field("note", "The case's name, a sentence.")
                .field("lesson", "For training: what the attack or behaviour needed, and which check stops it or was got around.")
                .field("cite", "Where the expectation comes from (\"spec §3.2\").")
                .field("request", "An open (or a duplication, a debugger attach).")
                .field("create", "A process creation.", CREATE_FIELDS)
                .field("load", "An image load.", LOAD_FIELDS)
                .field("want", "The answer wanted.")
                .rule(d -> exactlyOne("request", "create", "load"))
                .rule(d -> allOf(
                        // ScenarioFile.Want.forOpen, forLoad, forCreation
                        when("request", allOf(obj("properties", obj("status", obj("enum", Values.openStatuses()))), none(names(CREATION_WANTS, LOAD_WANTS)))),
                        when("load", allOf(none("granted", "child", "signatureLevel", "processAccess", "threadAccess", "debugPort", "kind"),
                                succeeded(none("knownDllsSection", "pageHashesEnforced", "modifiedBytesRun")))),
                        when("create", allOf(none(names(List.of("granted"), LOAD_WANTS)), succeeded(none(CREATION_WANTS.toArray(String[]::new)))))));
        note(ScenarioFile.Request.class, "Request",
                "An open. With system, caller and target name processes of that catalog (image, or pid when an image runs more than once) and "
                        + "the relation and build come from it; otherwise they are protections. Given token, the security-descriptor stage decides "
                        + "(docs/ACCESS-CHECK.md).")
                .field("system", "A system of policies/systems (windows-11) whose processes caller and target name.")
                .field("caller", "The caller: a protection, or with system a process's image or pid.", d -> anyOf(PROTECTION.apply(d), processRef()))
                .field("target", "The target: a protection, or with system a process's image or pid.", d -> anyOf(PROTECTION.apply(d), processRef()))
                .field("object", "The object opened: process when absent.", OBJECT_KIND)
                .field("desired", "The desired access (\"0\" for a duplication that asks for nothing more).", DESIRED)
                .field("mode", "The previous mode: user when absent.", ACCESS_MODE)
                .field("forceAccessCheck", "OBJ_FORCE_ACCESS_CHECK (spec §3.1): false when absent.")
                .field("relation", "How the caller relates to the target: none when absent (with system, from the catalog).", RELATION)
                .field("build", "The build, or a what-if overlay file: windows-10-11 when absent (with system, the catalog's).")
                .field("sdGranted", "What the access check granted, standing in for the security-descriptor stage (absent when token is given).", GRANTED)
                .field("callerPico", "Whether the caller is a Pico process (spec §7.2).")
                .field("targetPico", "The target's Pico provider's open masks, [OPENPROCESS, OPENTHREAD] (spec §7.2).",
                        d -> obj("type", "array", "items", d.ref("dword", Values::dword), "minItems", 2, "maxItems", 2))
                .field("disallowUserTerminate", "The target's Flags3.DisallowUserTerminate (spec §3.2).")
                .field("token", "The caller's token: the security-descriptor stage decides when it is given.", TOKEN)
                .field("sd", "The object's security descriptor in SDDL; from targetToken's default when absent.")
                .field("targetToken", "The target process's token, which gives the default descriptor when sd is absent.", TOKEN)
                .field("operation", "What asks for the handle: open when absent.", ref("operation", Values::operation))
                .field("sourceAccess", "A duplication's source handle's access.", GRANTED)
                .field("withTokens", "With system, decide with the catalog's token presets and descriptors (the security-descriptor stage).")
                .field("callerKind", "The caller's process kind (spec §12.7): normal when absent (with system, the catalog's).", PROCESS_KIND)
                .field("targetKind", "The target's process kind: normal when absent (with system, the catalog's).", PROCESS_KIND)
                .rule(d -> {
                    ObjectNode r = obj("if", required("system"));
                    JsonNode process = processRef();
                    r.set("then", allOf(obj("properties", obj("caller", process, "target", process)), none("relation", "build")));
                    r.set("else", allOf(obj("properties", obj("caller", PROTECTION.apply(d), "target", PROTECTION.apply(d))),
                            obj("not", obj("required", List.of("withTokens"), "properties", obj("withTokens", obj("const", true))))));
                    return r;
                })
                .rule(d -> obj("not", required("token", "sdGranted")));
        note(ScenarioFile.Want.class, "Want",
                "The answer wanted: the status, and optionally what was granted and rule ids that must be among those fired. An open wants "
                        + "status, granted and rules; a creation the child's fields; a load the levels and how it mapped the image.")
                .field("status", "The NTSTATUS: an open answers STATUS_SUCCESS, STATUS_ACCESS_DENIED, STATUS_PRIVILEGE_NOT_HELD or "
                        + "STATUS_PROCESS_IS_PROTECTED; a creation or a load also the others.", NT_STATUS)
                .field("granted", "An open's granted mask.", MASK)
                .field("rules", "Rule ids (R50.5) that must be among those fired.")
                .field("child", "A successful creation's child protection.", PROTECTION)
                .field("signatureLevel", "The child's SignatureLevel byte (spec §12.4).", MASK)
                .field("sectionSignatureLevel", "The child's (or a load's process's) SectionSignatureLevel byte.", MASK)
                .field("processAccess", "The access of the hProcess the creator gets back (spec §12.5).", MASK)
                .field("threadAccess", "The access of the hThread the creator gets back (spec §12.5).", MASK)
                .field("debugPort", "Whether a debug port is attached to the child.")
                .field("imageSigningLevel", "A load's image signing level.", MASK)
                .field("knownDllsSection", "Whether a successful load mapped a \\KnownDlls section.")
                .field("pageHashesEnforced", "Whether a successful load enforces page hashes.")
                .field("modifiedBytesRun", "Whether a successful load runs modified bytes.")
                .field("kind", "The child's process kind.", PROCESS_KIND);
    }

    // ---- properties (policies/properties) --------------------------------------------------------------------

    private static Notes law(Notes n) {
        return n.field("name", "The law's name, snake_case.", d -> string("^[a-z][a-z0-9_]*$"))
                .field("why", "Why the law should hold.")
                .field("cite", "The spec section it follows from (\"spec §3.2\").", d -> string(SPEC))
                .field("expected", "The declared verdict: proved when absent, or refuted for a known counterexample.", d -> obj("enum", List.of("proved", "refuted")));
    }

    private static Function<Doc, JsonNode> nonEmptyList(Class<?> item) {
        return d -> obj("type", "array", "items", d.ref(item));
    }

    static {
        note(PropertyFile.class, "pplsim properties",
                "Laws proved over a finite domain by pplsim prove (policies/properties/*.yaml): of opens (properties), of process creation "
                        + "(creations) and of image loads (loads); at least one list is given and not empty.")
                .field("properties", "Laws of opens.", nonEmptyList(PropertyFile.Entry.class))
                .field("creations", "Laws of process creation (spec §12).", nonEmptyList(PropertyFile.CreateEntry.class))
                .field("loads", "Laws of image loads (spec §6.3, §12.8).", nonEmptyList(PropertyFile.LoadEntry.class))
                .rule(d -> anyOf(
                        obj("required", List.of("properties"), "properties", obj("properties", obj("minItems", 1))),
                        obj("required", List.of("creations"), "properties", obj("creations", obj("minItems", 1))),
                        obj("required", List.of("loads"), "properties", obj("loads", obj("minItems", 1)))));

        law(note(PropertyFile.Entry.class, "Entry", "A law of opens: a domain (forall) and either an expectation on every decision (then) or a relation "
                + "between each decision and a changed one (compare)."))
                .field("forall", "The opens the law quantifies over.")
                .field("then", "What every decision must satisfy.")
                .field("compare", "How every decision relates to the decision of a changed request.")
                .rule(d -> exactlyOne("then", "compare"));
        note(PropertyFile.Domain.class, "Domain",
                "The opens to enumerate. Omitted: every shipped build, both objects, all 256 caller and target bytes, each bit of 0x001FFFFF, user "
                        + "and kernel mode, forceAccessCheck [false], relations [none].")
                .field("builds", "The builds (names of policies/builds).")
                .field("objects", "The objects opened.", listOf(OBJECT_KIND))
                .field("caller", "Which caller bytes.")
                .field("target", "Which target bytes.")
                .field("rights", "The desired masks, each asked on its own; [all] for each of the 21 bits of 0x001FFFFF.",
                        d -> anyOf(obj("const", SchemaBuilder.strings(List.of("all"))), arrayOf(DESIRED.apply(d))))
                .field("modes", "The previous modes.", listOf(ACCESS_MODE))
                .field("forceAccessCheck", "OBJ_FORCE_ACCESS_CHECK values.")
                .field("relations", "The relations of caller to target.", listOf(RELATION))
                .field("where", "Conditions on each caller and target pair.")
                .field("system", "The system whose images caller.image and target.image name: windows-11 when absent.");
        note(PropertyFile.Filter.class, "Filter", "Which protection bytes: all 256 unless narrowed; every condition given must hold.")
                .field("image", "The bytes of these images' processes in forall.system.")
                .field("is", "These protections.", listOf(PROTECTION))
                .field("type", "Bytes of these types (the low 3 bits, 0..7: 0 none, 1 PPL, 2 PP).")
                .field("typeBelow", "Bytes whose type is below this.")
                .field("typeAtLeast", "Bytes whose type is at least this.")
                .field("signer", "Bytes of these signers.", listOf(SIGNER_REF))
                .field("signerNot", "Bytes of none of these signers.", listOf(SIGNER_REF))
                .field("audit", "Bytes with (true) or without (false) the audit bit.");
        note(PropertyFile.Where.class, "Where", "Conditions on each caller and target pair.")
                .field("sameSigner", "Caller and target have the same signer (true) or not (false).")
                .field("sameByte", "Caller and target are the same byte (true) or not (false).")
                .field("callerTypeBelowTarget", "The caller's type is below the target's (true) or not (false).");
        note(PropertyFile.Then.class, "Then", "What every decision must satisfy; at least one clause.")
                .field("status", "The status of every decision.", d -> obj("enum", List.of("STATUS_SUCCESS", "STATUS_ACCESS_DENIED")))
                .field("protection", "Whether the protection check finds caller and target compatible.", d -> obj("enum", List.of("compatible", "incompatible")))
                .field("neverGranted", "A mask no decision grants any right of.", DESIRED)
                .field("alwaysGranted", "A mask every decision grants in full.", DESIRED)
                .field("refusedByStage", "Every decision is refused, by this stage (50 for the protection check).")
                .rule(d -> obj("minProperties", 1));
        note(PropertyFile.Compare.class, "Compare", "A change to each request and what must hold between the two decisions.")
                .field("change", "What changes; the values as the prover reads them.", d -> {
                    ObjectNode c = obj("type", "object", "minProperties", 1, "additionalProperties", false);
                    ObjectNode p = c.putObject("properties");
                    p.set("build", described("Another build.", obj("type", "string")));
                    p.set("relation", RELATION.apply(d));
                    p.set("mode", ACCESS_MODE.apply(d));
                    p.set("forceAccessCheck", described("OBJ_FORCE_ACCESS_CHECK.", obj("type", "boolean")));
                    p.set("object", OBJECT_KIND.apply(d));
                    JsonNode type = described("A protection type 0..7, replacing the byte's low 3 bits.", anyOf(integer(0, 7), string("^[0-7]$")));
                    p.set("callerType", type);
                    p.set("targetType", type);
                    p.set("flipAudit", described("Whose audit bit flips.", obj("enum", List.of("caller", "target", "both"))));
                    return c;
                })
                .field("expect", "What holds between the decision and the changed one.");
        note(PropertyFile.Expect.class, "Expect", "Exactly one relation between a decision and the changed one.")
                .field("sameOutcome", "The two decisions are alike.")
                .field("noAccessGained", "The changed decision grants no right the first does not.")
                .field("noAccessLost", "The changed decision grants every right the first does.")
                .field("sameOutcomeExcept", "The decisions are alike but for these rights.", DESIRED)
                .rule(d -> obj("minProperties", 1, "maxProperties", 1));

        law(note(PropertyFile.CreateEntry.class, "CreateEntry", "A law of process creation: a domain of creation requests (forall) and what each must "
                + "satisfy (then) or how it relates to a changed request (compare)."))
                .field("forall", "The creations the law quantifies over.")
                .field("then", "What every creation must satisfy.")
                .field("compare", "How every creation relates to a changed one.")
                .rule(d -> exactlyOne("then", "compare"));
        note(PropertyFile.CreateDomain.class, "CreateDomain",
                "The creation requests to enumerate: every combination of the lists, each value spelt as a scenario's create spells that field. "
                        + "Omitted lists take the defaults of docs/proving.md.")
                .field("builds", "The builds with creation switches.")
                .field("creator", "Which creator bytes (by is, type, signer...; not by image).")
                .field("tokens", "Creator token presets; none for no token.", listOrNone(STRING))
                .field("apis", "Entry points.", listOf(CREATE_API))
                .field("childTokens", "Child token presets; none for none.", listOrNone(STRING))
                .field("images", "Image paths.", listOf(NON_BLANK))
                .field("imageSigners", "Image signers; give one of imageSigners, imageSigningLevels and imageEkus.", listOf(SIGNER_NAME))
                .field("imageSigningLevels", "Image signing levels.", listOf(SIGNING_LEVEL))
                .field("subsystems", "Image subsystems.", listOf(SUBSYSTEM))
                .field("flags", "Creation flag sets.", listOf(FLAGS))
                .field("levels", "PROTECTION_LEVEL_* asked for; none for no attribute.", listOrNone(PROTECTION_LEVEL))
                .field("inheritHandles", "bInheritHandles values.", listOf(BOOLEAN))
                .field("imageEkus", "EKU lists of the image's certificate.", listOf(EKUS))
                .field("imageTrustletIds", "Trustlet IDs of the image; none for none.", listOrNone(TRUSTLET_ID))
                .field("imageSectionFlags", "Section flags bytes.", listOf(SECTION_FLAGS))
                .field("secureProcess", "PS_CP_SECURE_PROCESS values.", listOf(BOOLEAN))
                .field("packageFullNames", "Package full names; none for an unpackaged process.", listOrNone(NON_BLANK))
                .rule(d -> atMostOne("imageSigners", "imageSigningLevels", "imageEkus"))
                .rule(d -> obj("properties", obj("creator", none("image"))));
        note(PropertyFile.CreateThen.class, "CreateThen",
                "What every creation of the domain must satisfy; each clause but status constrains successful creations only, and is stated as true.")
                .field("status", "The status of every creation.", NT_STATUS)
                .field("protectedChild", "A filter every protected child's byte passes.")
                .field("childIsCreator", "The child's protection is the creator's.", TRUE)
                .field("childWithinImageClaim", "A protected child's signer needs no more EXE signing level than the image has.", TRUE)
                .field("childDominatesCreator", "The child dominates its creator.", TRUE)
                .field("handlesWithinOpen", "Each right of hProcess and hThread is one an open of the child by its creator grants.", TRUE)
                .field("trustletNeedsVbsIumEkuAndPolicy", "A trustlet is created only with VBS, the IUM EKU and a .tpolicy section (spec §7.3).", TRUE)
                .field("appImageAtLeastAppPpl", "A packaged app's image runs at least as App-PPL (spec §12.3 item 8).", TRUE)
                .rule(d -> obj("minProperties", 1));
        note(PropertyFile.CreateCompare.class, "CreateCompare", "A change to each creation request and what must hold between the two.")
                .field("change", "What changes, each value spelt as a scenario's create spells it.", d -> {
                    if (!PropertyFile.CreateCompare.CHANGES.equals(List.of("api", "build", "creator", "flags", "imageSigner", "inheritHandles", "protectionLevel"))) {
                        throw new IllegalStateException("CreateCompare.CHANGES changed: " + PropertyFile.CreateCompare.CHANGES + "; give the new fields here");
                    }
                    ObjectNode c = obj("type", "object", "minProperties", 1, "additionalProperties", false);
                    ObjectNode p = c.putObject("properties");
                    p.set("api", CREATE_API.apply(d));
                    p.set("build", described("Another build.", obj("type", "string")));
                    p.set("creator", PROTECTION.apply(d));
                    p.set("flags", FLAGS.apply(d));
                    p.set("imageSigner", SIGNER_NAME.apply(d));
                    p.set("inheritHandles", described("bInheritHandles.", obj("type", "boolean")));
                    p.set("protectionLevel", PROTECTION_LEVEL.apply(d));
                    return c;
                })
                .field("expect", "What holds between the creation and the changed one.");
        note(PropertyFile.CreateExpect.class, "CreateExpect", "Exactly one relation between a creation and the changed one.")
                .field("sameOutcome", "The changed request is decided alike (status, child, returned access).")
                .field("sameChildWhereChangedSucceeds", "Wherever the changed request succeeds, this one succeeds with the same child.")
                .rule(d -> obj("minProperties", 1, "maxProperties", 1));

        law(note(PropertyFile.LoadEntry.class, "LoadEntry", "A law of image loads: a domain of load requests (forall) and what each must satisfy (then)."))
                .field("forall", "The loads the law quantifies over.")
                .field("then", "What every load must satisfy.");
        note(PropertyFile.LoadDomain.class, "LoadDomain",
                "The load requests to enumerate: every combination of the lists, each value spelt as a scenario's load spells that field.")
                .field("builds", "The builds with load switches.")
                .field("process", "Which process bytes (by is, type, signer...; not by image).")
                .field("sectionSignatureLevels", "The processes' SectionSignatureLevel; none for the signer's own.", listOrNone(SIGNING_LEVEL))
                .field("imageSigners", "Image signers; give one of imageSigners and imageSigningLevels.", listOf(SIGNER_NAME))
                .field("imageSigningLevels", "Image signing levels.", listOf(SIGNING_LEVEL))
                .field("sources", "Where the image is mapped from.", listOf(IMAGE_SOURCE))
                .field("pageHashes", "Whether the image has page hashes.", listOf(BOOLEAN))
                .field("pagesModified", "Whether the image's pages were modified.", listOf(BOOLEAN))
                .rule(d -> atMostOne("imageSigners", "imageSigningLevels"))
                .rule(d -> obj("properties", obj("process", none("image"))));
        note(PropertyFile.LoadThen.class, "LoadThen",
                "What every load must satisfy; status and noModifiedBytesRun constrain every load, the other clauses mapped images only; each "
                        + "clause but status is stated as true.")
                .field("status", "The status of every load.", NT_STATUS)
                .field("imageAtLeastSectionLevel", "A mapped image's signing level is at least the process's section level.", TRUE)
                .field("noKnownDllsSection", "No \\KnownDlls section is mapped.", TRUE)
                .field("noModifiedBytesRun", "No modified bytes run.", TRUE)
                .rule(d -> obj("minProperties", 1));
    }

    // ---- windows-builds.yaml ------------------------------------------------------------------------------

    static {
        note(Observations.BuildMap.class, "pplsim Windows builds",
                "Which model build answers for a real Windows build number 10.0.NNNNN (policies/windows-builds.yaml), used by pplsim verify.")
                .field("cite", "Where the ranges come from.")
                .field("ranges", "The ranges; the first that holds the number answers.");
        note(Observations.BuildMap.Range.class, "Range", "Windows build numbers from..to (inclusive) and the model build for them.")
                .field("from", "The first Windows build number of the range.")
                .field("to", "The last Windows build number of the range.")
                .field("build", "The model build (a name of policies/builds).")
                .field("note", "Which releases the range holds, and how sure that is.");
    }

    // ---- tokens.yaml ------------------------------------------------------------------------------------------

    static {
        note(TokensFile.class, "pplsim token presets",
                "The token presets of the ordinary access check (policies/tokens.yaml, spec §3.1 step 2, §4.1-§4.3): each a user, an integrity "
                        + "level, groups and privileges, or an earlier preset's with some of them changed. Everything but the protection is an "
                        + "assumption, stated per entry.")
                .field("cite", "Where the presets' facts come from.")
                .field("tokens", "The presets; a base names an earlier one.", d -> obj("type", "array", "items", d.ref(TokensFile.Entry.class), "minItems", 1));
        note(TokensFile.Entry.class, "Entry",
                "One preset. With base it inherits every field it does not give (never the protection); without, it gives user, integrity, "
                        + "groups and privileges.")
                .field("name", "The preset's name, as tokens and catalogs name it: lower-case letters, digits, '.' and '-'.", d -> string("^[a-z0-9][a-z0-9.-]*$"))
                .field("base", "An earlier preset whose fields this one inherits, field by field.")
                .field("protection", "The protection of the process that holds the token, which gives its trust SID (spec §4.3): None when absent.", PROTECTION)
                .field("user", "The user SID or its SDDL alias (S-1-5-18, SY).")
                .field("integrity", "The integrity SID S-1-16-* or its alias (ME, HI, SI; spec §4.2).")
                .field("groups", "The groups, each {sid, attributes}; [] for none.")
                .field("privileges", "The privileges held, each once; a privilege not listed is not held; [] for none.")
                .field("restrictedSids", "Restricting SIDs, for a restricted token.")
                .field("assumptions", "What the preset assumes, since the spec describes protection, not tokens.")
                .field("cite", "Where the preset's facts come from.")
                .rule(d -> anyOf(required("base"), required("user", "integrity", "groups", "privileges")));
        note(TokensFile.Group.class, "Group", "A group of a token.")
                .field("sid", "The group's SID or SDDL alias (BA, S-1-5-114).")
                .field("attributes", "Its attributes.", ref("groupAttributes", Values::groupAttributes));
        note(TokensFile.Priv.class, "Privilege", "A privilege the token holds.")
                .field("name", "The privilege's winnt.h name.", ref("privilege", Values::privilege))
                .field("enabled", "true, or false for held but disabled (which does not count for SeDebugPrivilege, spec §3.1 step 2).");
    }
}
