package dev.pplsim.schema;

import dev.pplsim.jobs.Observations;
import dev.pplsim.jobs.ScenarioFile;
import dev.pplsim.policy.BuildFile;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PropertyFile;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.policy.TokensFile;
import dev.pplsim.policy.Yaml;
import dev.pplsim.request.InputException;
import com.networknt.schema.Error;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schemas and the Java readers agree, both ways, on examples: each bad file the reader refuses (an unknown
 * field, a wrong name, a missing field, a wrong type, a rule across fields) the schema refuses with an error at the
 * same place, and each unusual good one (a number where a name is usual, a quoted number, an odd protection byte)
 * both accept. Where they knowingly differ, the difference is asserted as docs/schemas.md states it.
 */
class SchemaAgreementTests {

    private static final Map<String, Class<?>> READERS = Map.of(
            "build.schema.json", BuildFile.class,
            "overlay.schema.json", Overlay.class,
            "system.schema.json", SystemCatalog.class,
            "scenario.schema.json", ScenarioFile.class,
            "property.schema.json", PropertyFile.class,
            "windows-builds.schema.json", Observations.BuildMap.class,
            "tokens.schema.json", TokensFile.class);

    /**
     * One example: the YAML, the reader's verdict (null: accepted, else a part of its one-line error) and the
     * schema's (null: valid, else an error at this JSON pointer with this keyword).
     */
    record Example(String schema, String name, String yaml, String reader, String at, String keyword) {
    }

    /** {@code base} with {@code from} replaced, which must occur: a replacement that does nothing would test the base. */
    static String with(String base, String from, String to) {
        if (!base.contains(from)) throw new IllegalArgumentException("'" + from + "' is not in the example");
        return base.replace(from, to);
    }

    private static final List<Example> EXAMPLES = new ArrayList<>();

    private static void good(String schema, String name, String yaml) {
        EXAMPLES.add(new Example(schema, name, yaml, null, null, null));
    }

    private static void bad(String schema, String name, String yaml, String reader, String at, String keyword) {
        EXAMPLES.add(new Example(schema, name, yaml, reader, at, keyword));
    }

    // ---- builds --------------------------------------------------------------------------------------------------

    static final String BUILD = """
            name: test-build
            description: a build
            kernel: B-w11
            cite: "spec §2.1"
            switches: {parentExemption: pid, disallowUserTerminateCheck: true, picoCheck: true, impliedRights: full,
                       genericMapping: observed, secureVmOpenRefused: false}
            signers:
              - {signer: None, dominateMask: 0x000, deniedProcessAccess: 0x00000000, deniedThreadAccess: 0x00000000}
              - {signer: Authenticode, dominateMask: 0x002, deniedProcessAccess: 0x000FC7FE, deniedThreadAccess: 0x000FE3FD}
            """;

    static {
        String s = "build.schema.json";
        good(s, "the minimal build", BUILD);
        good(s, "signers by number, a mask in decimal and quoted", with(with(BUILD, "signer: Authenticode", "signer: 1"), "dominateMask: 0x002", "dominateMask: '2'"));
        good(s, "a signer by its SDK name", with(BUILD, "signer: Authenticode", "signer: PsProtectedSignerAuthenticode"));
        bad(s, "an unknown switch", with(BUILD, "picoCheck: true", "picoChek: true"), "unknown field 'picoChek'", "/switches", "additionalProperties");
        bad(s, "an unknown parent exemption", with(BUILD, "parentExemption: pid", "parentExemption: pid-and-seq"),
                "parentExemption 'pid-and-seq' is not one of", "/switches/parentExemption", "enum");
        bad(s, "no kernel", with(BUILD, "kernel: B-w11\n", ""), "missing required field 'kernel'", "", "required");
        bad(s, "yes for a boolean", with(BUILD, "picoCheck: true", "picoCheck: yes"), "'yes' is not a boolean", "/switches/picoCheck", "type");
        bad(s, "an octal-looking mask", with(BUILD, "dominateMask: 0x002", "dominateMask: 0110"), "'0110' is not a mask", "/signers/1/dominateMask", "pattern");
        bad(s, "a denied mask beyond 0x001FFFFF", with(BUILD, "deniedProcessAccess: 0x000FC7FE", "deniedProcessAccess: 0x00200000"),
                "has bits outside 0x001FFFFF", "/signers/1/deniedProcessAccess", "maximum");
        bad(s, "a misspelt signer", with(BUILD, "signer: Authenticode", "signer: Authenticod"), "unknown signer 'Authenticod'", "/signers/1/signer", "enum");
        bad(s, "a signer beyond 15", with(BUILD, "signer: Authenticode", "signer: 16"), "signer 16 is not 0..15", "/signers/1/signer", "maximum");
        bad(s, "an upper-case name", with(BUILD, "name: test-build", "name: Test-Build"), "must be lower-case letters", "/name", "pattern");
        bad(s, "no rows", with(BUILD, BUILD.substring(BUILD.indexOf("signers:")), "signers: []\n"), "the signer table is empty", "/signers", "minItems");
        bad(s, "a list for the switches", with(BUILD, BUILD.substring(BUILD.indexOf("switches:"), BUILD.indexOf("signers:")), "switches: [pid]\n"),
                "switches", "/switches", "type");
    }

    // ---- systems -------------------------------------------------------------------------------------------------

    static final String SYSTEM = """
            name: test-system
            description: a system
            build: windows-10-11
            cite: "spec §5"
            processes:
              - {image: System, pid: 4, parent: 0, protection: WinSystem, token: system-process, threads: [8], confidence: C, kind: minimal}
              - {image: lsass.exe, pid: 800, parent: 4, protection: Lsa-Light, token: lsass, threads: [804, 808], confidence: C}
            """;

    static {
        String s = "system.schema.json";
        good(s, "the minimal system", SYSTEM);
        good(s, "a protection as a byte, a quoted pid, a hex thread id",
                with(with(with(SYSTEM, "protection: Lsa-Light", "protection: 0x41"), "pid: 800", "pid: '800'"), "[804, 808]", "[0x324, 808]"));
        good(s, "odd protection spellings", with(with(SYSTEM, "protection: Lsa-Light", "protection: Type3/WinTcb+Audit"), "protection: WinSystem", "protection: PsProtectedSignerWinSystem-Light"));
        good(s, "a trustlet with its ID", with(SYSTEM, "confidence: C}", "confidence: C, kind: trustlet, trustletId: 1}"));
        bad(s, "a trustlet without its ID", with(SYSTEM, "confidence: C}", "confidence: C, kind: trustlet}"), "a trustlet needs its trustletId", "/processes/1", "required");
        bad(s, "a trustlet ID on a normal process", with(SYSTEM, "confidence: C}", "confidence: C, trustletId: 1}"), "only a trustlet has a trustletId", "/processes/1", "not");
        bad(s, "an unknown kind", with(SYSTEM, "kind: minimal", "kind: minimum"), "expected normal, minimal, pico, trustlet or packaged, got 'minimum'", "/processes/0/kind", "enum");
        bad(s, "a misspelt protection", with(SYSTEM, "protection: Lsa-Light", "protection: Lsa-Lite"), "unknown protection 'Lsa-Lite'", "/processes/1/protection", "pattern");
        bad(s, "a protection beyond a byte", with(SYSTEM, "protection: Lsa-Light", "protection: 0x100"), "is not a byte", "/processes/1/protection", "maximum");
        bad(s, "a negative pid", with(SYSTEM, "pid: 800", "pid: -1"), "'-1' is not a whole number", "/processes/1/pid", "pattern");
        bad(s, "a pid beyond 32 bits", with(SYSTEM, "pid: 800", "pid: 0x100000000"), "is over the largest allowed, 4294967295", "/processes/1/pid", "maximum");
        bad(s, "an image with a path", with(SYSTEM, "image: lsass.exe", "image: 'C:\\lsass.exe'"), "is not a file name", "/processes/1/image", "pattern");
        bad(s, "no confidence", with(SYSTEM, ", confidence: C}", "}"), "missing required field 'confidence'", "/processes/1", "required");
        bad(s, "an unknown process field", with(SYSTEM, "threads: [8]", "thread: [8]"), "unknown field 'thread'", "/processes/0", "additionalProperties");
        bad(s, "no processes", with(SYSTEM, SYSTEM.substring(SYSTEM.indexOf("processes:")), "processes: []\n"), "processes: none listed", "/processes", "minItems");
    }

    // ---- overlays ------------------------------------------------------------------------------------------------

    static final String OVERLAY = """
            overlay: test-overlay
            base: windows-11
            note: a what-if
            set:
              - {image: lsass.exe, protection: None}
            signers:
              - {signer: Lsa, dominateMask: 0x118}
            switches: {secureVmOpenRefused: true}
            creation: {vbs: false}
            """;

    static {
        String s = "overlay.schema.json";
        good(s, "every kind of change", OVERLAY);
        good(s, "a row by number, quoted and not", with(with(OVERLAY, "signer: Lsa,", "signer: '04',"), "{secureVmOpenRefused: true}", "{secureVmOpenRefused: true}\nadd: []"));
        good(s, "a row by a bare number", with(OVERLAY, "signer: Lsa,", "signer: 4,"));
        good(s, "a process by pid", with(OVERLAY, "{image: lsass.exe, protection: None}", "{pid: 800, protection: 0}"));
        bad(s, "a change naming no process", with(OVERLAY, "image: lsass.exe, ", ""), "set: name a process by image or pid", "/set/0", "required");
        bad(s, "a creation change that changes nothing", with(OVERLAY, "creation: {vbs: false}", "creation: {}"), "creation: changes nothing", "/creation", "required");
        bad(s, "an unknown top-level field", with(OVERLAY, "set:", "sets:"), "unknown field 'sets'", "", "additionalProperties");
        bad(s, "a misspelt protection", with(OVERLAY, "protection: None", "protection: none-of-it"), "unknown protection", "/set/0/protection", "pattern");
        bad(s, "an unknown implied-rights switch", with(OVERLAY, "{secureVmOpenRefused: true}", "{impliedRights: some}"), "impliedRights 'some' is not one of full, query-only",
                "/switches/impliedRights", "enum");
        bad(s, "no note", with(OVERLAY, "note: a what-if\n", ""), "missing required field 'note'", "", "required");
        bad(s, "an added process without its token", with(OVERLAY, "switches:", "add:\n  - {image: a.exe, pid: 9000, parent: 4, protection: None, confidence: C}\nswitches:"),
                "missing required field 'token'", "/add/0", "required");
    }

    // ---- scenarios -----------------------------------------------------------------------------------------------

    static final String SCENARIO = """
            scenarios:
              - note: an open
                cite: "spec §3.2"
                request: {caller: None, target: Lsa-Light, desired: PROCESS_VM_READ}
                want: {status: STATUS_ACCESS_DENIED, granted: "0x00000000", rules: [R50.5]}
              - note: a creation
                create: {creator: None, image: 'C:\\Windows\\System32\\services.exe', imageSigner: WinTcb,
                         flags: "CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT", protectionLevel: PROTECTION_LEVEL_WINTCB_LIGHT}
                want: {status: STATUS_SUCCESS, child: WinTcb-Light, processAccess: "0x00103800", debugPort: false}
              - note: a load
                load: {process: Windows-Light, image: 'C:\\x.dll', imageSigner: Authenticode}
                want: {status: STATUS_INVALID_IMAGE_HASH, sectionSignatureLevel: "0x0C"}
            """;

    static {
        String s = "scenario.schema.json";
        good(s, "an open, a creation and a load", SCENARIO);
        good(s, "numbers for a protection, a mask and a granted mask",
                with(with(SCENARIO, "caller: None", "caller: 0"), "desired: PROCESS_VM_READ}", "desired: 0x10, sdGranted: \"PROCESS_VM_READ|0x400\"}"));
        good(s, "an open on a system by pid and image", with(SCENARIO, "{caller: None, target: Lsa-Light,", "{system: windows-11, caller: 6600, target: lsass.exe, withTokens: true,"));
        good(s, "an inline token over a base and a preset target token",
                with(SCENARIO, "desired: PROCESS_VM_READ}", "desired: PROCESS_VM_READ, targetToken: lsass,\n"
                        + "              token: {base: admin-elevated, privileges: [{name: SeDebugPrivilege, enabled: true}]}}"));
        good(s, "native flags for NtCreateUserProcess, a level as a number, EKUs as text",
                with(with(with(SCENARIO, "flags: \"CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT\"", "api: NtCreateUserProcess, flags: PROCESS_CREATE_FLAGS_PROTECTED_PROCESS"),
                        "protectionLevel: PROTECTION_LEVEL_WINTCB_LIGHT", "protectionLevel: 0x0"), "imageSigner: WinTcb", "imageEkus: \"1.3.6.1.4.1.311.10.3.22, 1.3.6.1.4.1.311.10.3.6\""));
        good(s, "a load's booleans as text and a level by name", with(SCENARIO, "imageSigner: Authenticode}", "imageSigningLevel: SE_SIGNING_LEVEL_AUTHENTICODE, pageHashes: \"false\"}"));
        bad(s, "a request and a creation", with(SCENARIO, "    want: {status: STATUS_ACCESS_DENIED", "    create: {creator: None, image: a.exe}\n    want: {status: STATUS_ACCESS_DENIED"),
                "give exactly one of 'request' (an open), 'create' (a creation) or 'load' (an image load)", "/scenarios/0", "oneOf");
        bad(s, "an unknown status", with(SCENARIO, "STATUS_ACCESS_DENIED", "STATUS_DENIED"), "status: unknown NTSTATUS 'STATUS_DENIED'", "/scenarios/0/want/status", "enum");
        bad(s, "a creation's status for an open", with(SCENARIO, "STATUS_ACCESS_DENIED", "STATUS_INVALID_IMAGE_HASH"), "an open answers one of", "/scenarios/0/want/status", "enum");
        bad(s, "a child for an open", with(SCENARIO, "granted: \"0x00000000\"", "child: None"), "are a creation's: an open wants status, granted and rules", "/scenarios/0/want", "not");
        bad(s, "a child for a failed creation", with(SCENARIO, "want: {status: STATUS_SUCCESS, child", "want: {status: STATUS_INVALID_IMAGE_HASH, child"),
                "a failed creation has no child", "/scenarios/1/want", "not");
        bad(s, "a granted mask for a load", with(SCENARIO, "sectionSignatureLevel: \"0x0C\"", "granted: \"0x0\""), "a load wants status, rules", "/scenarios/2/want", "not");
        bad(s, "a creation without its image", with(SCENARIO, " image: 'C:\\Windows\\System32\\services.exe',", ""), "image: required", "/scenarios/1/create", "required");
        bad(s, "a misspelt creation field", with(SCENARIO, "imageSigner: WinTcb", "imagSigner: WinTcb"), "unknown field 'imagSigner'", "/scenarios/1/create", "additionalProperties");
        bad(s, "two claims of an image", with(SCENARIO, "imageSigner: WinTcb", "imageSigner: WinTcb, imageSigningLevel: 14"),
                "give one of imageSigner, imageEkus and imageSigningLevel", "/scenarios/1/create", "not");
        bad(s, "a native flag for CreateProcess", with(SCENARIO, "flags: \"CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT\"", "flags: PROCESS_CREATE_FLAGS_PROTECTED_PROCESS"),
                "unknown creation flag 'PROCESS_CREATE_FLAGS_PROTECTED_PROCESS' for CreateProcess", "/scenarios/1/create/flags", "pattern");
        bad(s, "an unknown protection level", with(SCENARIO, "PROTECTION_LEVEL_WINTCB_LIGHT", "PROTECTION_LEVEL_WINTCB_LITE"), "unknown protection level", "/scenarios/1/create/protectionLevel", "enum");
        bad(s, "a boolean for a token", with(SCENARIO, "{creator: None,", "{creator: None, token: true,"), "expected a string, got true", "/scenarios/1/create/token", "type");
        bad(s, "a load that claims nothing", with(SCENARIO, ", imageSigner: Authenticode}", "}"), "required: give one of imageSigner, imageEkus and imageSigningLevel", "/scenarios/2/load", "oneOf");
        bad(s, "an unknown image source", with(SCENARIO, "imageSigner: Authenticode}", "imageSigner: Authenticode, source: smb}"), "expected local, known-dlls or network, got 'smb'",
                "/scenarios/2/load/source", "enum");
        bad(s, "a misspelt right", with(SCENARIO, "desired: PROCESS_VM_READ", "desired: PROCESS_VM_REED"), "unknown right name 'PROCESS_VM_REED'", "/scenarios/0/request/desired", "pattern");
        bad(s, "a right joined with an empty term", with(SCENARIO, "desired: PROCESS_VM_READ", "desired: \"PROCESS_VM_READ|\""), "empty term between '|'", "/scenarios/0/request/desired", "pattern");
        bad(s, "a relation on a system", with(SCENARIO, "{caller: None, target: Lsa-Light,", "{system: windows-11, caller: 6600, target: lsass.exe, relation: parent,"),
                "with a system, the relation and the build come from its catalog", "/scenarios/0/request", "not");
        bad(s, "withTokens without a system", with(SCENARIO, "desired: PROCESS_VM_READ}", "desired: PROCESS_VM_READ, withTokens: true}"),
                "withTokens: takes the token presets of a system catalog's processes", "/scenarios/0/request", "not");
        bad(s, "an inline token without its privileges", with(SCENARIO, "desired: PROCESS_VM_READ}", "desired: PROCESS_VM_READ, token: {user: SY, integrity: SI, groups: []}}"),
                "missing privileges", "/scenarios/0/request/token", "required");
        bad(s, "a misspelt privilege", with(SCENARIO, "desired: PROCESS_VM_READ}", "desired: PROCESS_VM_READ, token: {base: admin-elevated, privileges: [{name: SeDebugPrivlege, enabled: true}]}}"),
                "'SeDebugPrivlege' is not a privilege", "/scenarios/0/request/token/privileges/0/name", "enum");
        bad(s, "a trust SID in a token", with(SCENARIO, "desired: PROCESS_VM_READ}", "desired: PROCESS_VM_READ, token: {base: admin-elevated, trustSid: S-1-19-512-8192}}"),
                "a token's trust SID is not given", "/scenarios/0/request/token", "additionalProperties");
        bad(s, "one Pico mask", with(SCENARIO, "desired: PROCESS_VM_READ}", "desired: PROCESS_VM_READ, targetPico: [\"0x00101000\"]}"),
                "expected [OPENPROCESS, OPENTHREAD] masks", "/scenarios/0/request/targetPico", "minItems");
        bad(s, "a token and sdGranted", with(SCENARIO, "desired: PROCESS_VM_READ}", "desired: PROCESS_VM_READ, token: system, sdGranted: PROCESS_VM_READ}"),
                "sdGranted: must be absent when token is given", "/scenarios/0/request", "not");
        bad(s, "no want", with(SCENARIO, "    want: {status: STATUS_ACCESS_DENIED, granted: \"0x00000000\", rules: [R50.5]}\n", ""),
                "missing required field 'want'", "/scenarios/0", "required");
        bad(s, "an unknown process kind", with(SCENARIO, "desired: PROCESS_VM_READ}", "desired: PROCESS_VM_READ, callerKind: secure}"),
                "expected normal, minimal, pico, trustlet or packaged, got 'secure'", "/scenarios/0/request/callerKind", "enum");
        bad(s, "no scenarios", "scenarios: []\n", "no scenarios", "/scenarios", "minItems");
    }

    // ---- properties ----------------------------------------------------------------------------------------------

    static final String PROPERTY = """
            properties:
              - name: ppl_never_reaches_pp
                why: the types are compared first
                cite: "spec §3.2"
                forall:
                  caller: {type: [1]}
                  target: {type: [2], signerNot: [None]}
                  objects: [process]
                  rights: [PROCESS_VM_READ, "PROCESS_VM_READ|PROCESS_QUERY_INFORMATION"]
                  modes: [user]
                then: {protection: incompatible}
              - name: audit_changes_nothing
                why: the audit bit is not compared
                cite: "spec §1.2"
                forall: {objects: [process]}
                compare:
                  change: {flipAudit: both}
                  expect: {sameOutcome: true}
            creations:
              - name: creator_never_needs_to_dominate
                why: the image's signature is the gate
                cite: "spec §12.3 item 5"
                forall: {inheritHandles: [false], levels: [none, PROTECTION_LEVEL_WINTCB_LIGHT]}
                compare:
                  change: {creator: None}
                  expect: {sameChildWhereChangedSucceeds: true}
            loads:
              - name: a_ppl_never_loads_below_its_level
                why: the section level is the floor
                cite: "spec §12.8"
                expected: refuted
                forall: {process: {type: [1]}, sectionSignatureLevels: [none, 4]}
                then: {imageAtLeastSectionLevel: true}
            """;

    static {
        String s = "property.schema.json";
        good(s, "laws of opens, creations and loads", PROPERTY);
        good(s, "signers by number and every right", with(with(PROPERTY, "signerNot: [None]", "signerNot: [0, '15']"),
                "rights: [PROCESS_VM_READ, \"PROCESS_VM_READ|PROCESS_QUERY_INFORMATION\"]", "rights: [all]"));
        good(s, "an empty list beside a full one", "properties: []\n" + PROPERTY.substring(PROPERTY.indexOf("creations:")));
        bad(s, "no law at all", "properties: []\n", "no properties", "/properties", "minItems");
        bad(s, "then and compare", with(PROPERTY, "    then: {protection: incompatible}", "    then: {protection: incompatible}\n    compare: {change: {mode: kernel}, expect: {sameOutcome: true}}"),
                "give exactly one of 'then' (an expectation) or 'compare' (a relation)", "/properties/0", "oneOf");
        bad(s, "a name that is not snake_case", with(PROPERTY, "name: ppl_never_reaches_pp", "name: PplNeverReachesPp"), "must be snake_case", "/properties/0/name", "pattern");
        bad(s, "a cite without a spec section", with(PROPERTY, "cite: \"spec §3.2\"", "cite: \"WI7\""), "cite must name a spec section", "/properties/0/cite", "pattern");
        bad(s, "an expectation that states nothing", with(PROPERTY, "then: {protection: incompatible}", "then: {}"), "then: states nothing", "/properties/0/then", "minProperties");
        bad(s, "a status no open law takes", with(PROPERTY, "then: {protection: incompatible}", "then: {status: STATUS_PRIVILEGE_NOT_HELD}"),
                "status must be STATUS_SUCCESS or STATUS_ACCESS_DENIED", "/properties/0/then/status", "enum");
        bad(s, "two expectations", with(PROPERTY, "expect: {sameOutcome: true}", "expect: {sameOutcome: true, noAccessLost: true}"), "expect: give exactly one of",
                "/properties/1/compare/expect", "maxProperties");
        bad(s, "an unknown change", with(PROPERTY, "change: {flipAudit: both}", "change: {signer: Lsa}"), "change: unknown field 'signer'", "/properties/1/compare/change", "additionalProperties");
        bad(s, "a change of force as text", with(PROPERTY, "change: {flipAudit: both}", "change: {forceAccessCheck: yes}"), "change.forceAccessCheck: 'yes' is not a boolean",
                "/properties/1/compare/change/forceAccessCheck", "type");
        bad(s, "an unknown object", with(PROPERTY, "objects: [process]", "objects: [file]"), "expected process, thread or token, got 'file'", "/properties/1/forall/objects/0", "enum");
        bad(s, "a misspelt right", with(PROPERTY, "rights: [PROCESS_VM_READ,", "rights: [PROCESS_VM_REED,"), "unknown right name 'PROCESS_VM_REED'", "/properties/0/forall/rights/0", "pattern");
        bad(s, "an unknown mode", with(PROPERTY, "modes: [user]", "modes: [supervisor]"), "expected user or kernel, got 'supervisor'", "/properties/0/forall/modes/0", "enum");
        bad(s, "an unknown verdict", with(PROPERTY, "expected: refuted", "expected: disproved"), "expected must be proved or refuted", "/loads/0/expected", "enum");
        bad(s, "a load clause stated as false", with(PROPERTY, "then: {imageAtLeastSectionLevel: true}", "then: {imageAtLeastSectionLevel: false}"),
                "a law clause is stated as true", "/loads/0/then/imageAtLeastSectionLevel", "const");
        bad(s, "a load law without then", with(PROPERTY, "    then: {imageAtLeastSectionLevel: true}\n", ""), "missing required field 'then'", "/loads/0", "required");
        bad(s, "a load domain's process by image", with(PROPERTY, "process: {type: [1]}", "process: {image: [lsass.exe]}"), "process.image is not taken here", "/loads/0/forall/process", "not");
        bad(s, "a creation domain with signers and EKUs", with(PROPERTY, "forall: {inheritHandles: [false],", "forall: {imageSigners: [WinTcb], imageEkus: [[1.3.6.1.4.1.311.10.3.6]], inheritHandles: [false],"),
                "give one of imageSigners, imageSigningLevels and imageEkus", "/creations/0/forall", "not");
        bad(s, "an unknown creation change", with(PROPERTY, "change: {creator: None}", "change: {image: a.exe}"), "change: unknown field 'image'", "/creations/0/compare/change",
                "additionalProperties");
        bad(s, "a creation change that changes nothing", with(PROPERTY, "change: {creator: None}", "change: {}"), "change: changes nothing", "/creations/0/compare/change", "minProperties");
        bad(s, "an unknown filter field", with(PROPERTY, "caller: {type: [1]}", "caller: {types: [1]}"), "unknown field 'types'", "/properties/0/forall/caller", "additionalProperties");
        bad(s, "a misspelt protection in a filter", with(PROPERTY, "caller: {type: [1]}", "caller: {is: [WinTcb-Lite]}"), "unknown protection 'WinTcb-Lite'",
                "/properties/0/forall/caller/is/0", "pattern");
        bad(s, "an unknown signer in a filter", with(PROPERTY, "signerNot: [None]", "signerNot: [Nobody]"), "unknown signer 'Nobody'", "/properties/0/forall/target/signerNot/0", "enum");
    }

    // ---- windows-builds.yaml --------------------------------------------------------------------------------------

    static final String BUILD_MAP = """
            cite: "spec (build legend)"
            ranges:
              - {from: 10240, to: 14393, build: windows-10-early, note: "TH1-RS1"}
            """;

    static {
        String s = "windows-builds.schema.json";
        good(s, "one range", BUILD_MAP);
        bad(s, "a range without its note", with(BUILD_MAP, ", note: \"TH1-RS1\"", ""), "missing required field 'note'", "/ranges/0", "required");
        bad(s, "a build number with a letter", with(BUILD_MAP, "from: 10240", "from: 10240a"), "'10240a' is not a whole number", "/ranges/0/from", "pattern");
    }

    // ---- tokens.yaml -----------------------------------------------------------------------------------------

    static final String TOKENS = """
            cite: "spec §4.1"
            tokens:
              - name: user
                assumptions: a standard user
                cite: "spec §4.2"
                user: S-1-5-21-1-2-3-1002
                integrity: ME
                groups:
                  - {sid: WD, attributes: "MANDATORY|ENABLED_BY_DEFAULT|ENABLED"}
                privileges:
                  - {name: SeChangeNotifyPrivilege, enabled: true}
              - name: user-ppl
                base: user
                protection: Windows-Light
                assumptions: the same user's token in a PPL
                cite: "spec §4.3"
            """;

    static {
        String s = "tokens.schema.json";
        good(s, "a preset and one over it", TOKENS);
        good(s, "attributes with their prefix and as a number, a protection as a byte",
                with(with(TOKENS, "\"MANDATORY|ENABLED_BY_DEFAULT|ENABLED\"", "\"SE_GROUP_MANDATORY|0x6\""), "protection: Windows-Light", "protection: 0x51"));
        good(s, "no groups and no privileges", with(with(TOKENS, "      - {sid: WD, attributes: \"MANDATORY|ENABLED_BY_DEFAULT|ENABLED\"}\n", ""),
                "    groups:\n", "    groups: []\n"));
        bad(s, "a preset without its integrity and no base", with(TOKENS, "    integrity: ME\n", ""), "missing field 'integrity' (required without a base)", "/tokens/0", "required");
        bad(s, "a misspelt group attribute", with(TOKENS, "ENABLED_BY_DEFAULT|ENABLED", "ENABLED_BY_DEFAULT|ENABLD"), "unknown group attribute 'ENABLD'",
                "/tokens/0/groups/0/attributes", "pattern");
        bad(s, "a misspelt privilege", with(TOKENS, "SeChangeNotifyPrivilege", "SeChangeNotifyPrivileg"), "'SeChangeNotifyPrivileg' is not a privilege",
                "/tokens/0/privileges/0/name", "enum");
        bad(s, "a privilege without enabled", with(TOKENS, ", enabled: true}", "}"), "missing required field 'enabled'", "/tokens/0/privileges/0", "required");
        bad(s, "an upper-case preset name", with(TOKENS, "name: user-ppl", "name: User-PPL"), "must be lower-case letters", "/tokens/1/name", "pattern");
        bad(s, "a preset without assumptions", with(TOKENS, "    assumptions: a standard user\n", ""), "missing required field 'assumptions'", "/tokens/0", "required");
        bad(s, "a misspelt protection", with(TOKENS, "protection: Windows-Light", "protection: Windows-Lite"), "unknown protection 'Windows-Lite'", "/tokens/1/protection", "pattern");
    }

    // ---- where they knowingly differ (docs/schemas.md, "What the schema checks, and what only pplsim checks") ----

    private static final List<Example> DIFFERENCES = new ArrayList<>();

    private static void differ(String schema, String name, String yaml, String reader, String at, String keyword) {
        if ((reader == null) == (at == null)) throw new IllegalArgumentException(name + ": one side accepts, the other refuses");
        DIFFERENCES.add(new Example(schema, name, yaml, reader, at, keyword));
    }

    static {
        // stricter: the schema wants the documented spelling where the reader forgives
        differ("scenario.schema.json", "a bare number as a note", with(SCENARIO, "note: an open", "note: 42"), null, "/scenarios/0/note", "type");
        differ("system.schema.json", "a protection in lower case", with(SYSTEM, "protection: Lsa-Light", "protection: lsa-light"), null, "/processes/1/protection", "pattern");
        differ("system.schema.json", "a kind in another case", with(SYSTEM, "kind: minimal", "kind: Minimal"), null, "/processes/0/kind", "enum");
        differ("scenario.schema.json", "a protection with spaces around", with(SCENARIO, "caller: None", "caller: ' None '"), null, "/scenarios/0/request/caller", "pattern");
        // stricter: what pplsim prove checks when it runs, the schema checks as the file is edited
        differ("property.schema.json", "a protection type beyond 7 in a change", with(PROPERTY, "change: {flipAudit: both}", "change: {callerType: 9}"), null,
                "/properties/1/compare/change/callerType", "maximum");
        differ("property.schema.json", "an unknown API in a creation domain", with(PROPERTY, "forall: {inheritHandles: [false],", "forall: {apis: [CreateProcessA], inheritHandles: [false],"), null,
                "/creations/0/forall/apis/0", "enum");
        // looser: what depends on other values, other files or a whole grammar the schema does not check
        differ("system.schema.json", "a quoted pid beyond 32 bits", with(SYSTEM, "pid: 800", "pid: '4294967296'"), "is over the largest allowed", null, null);
        differ("system.schema.json", "a pid listed twice", with(SYSTEM, "pid: 800", "pid: 4"), "pid 4 is listed twice", null, null);
        differ("build.schema.json", "rows out of order", with(with(BUILD, "signer: None", "signer: X"), "signer: Authenticode", "signer: None").replace("signer: X", "signer: Authenticode"),
                "rows must list signers 0, 1, 2, ... in order", null, null);
        differ("build.schema.json", "a dominated signer beyond the table", with(BUILD, "dominateMask: 0x002", "dominateMask: 0x102"), "names a signer beyond the table's 2 rows", null, null);
        differ("scenario.schema.json", "a thread right on a process", with(SCENARIO, "desired: PROCESS_VM_READ", "desired: THREAD_RESUME"), "THREAD_RESUME is a thread right, but the object is a process", null, null);
        differ("system.schema.json", "malformed SDDL", with(SYSTEM, "confidence: C}", "confidence: C, sd: 'D:(A;;bogus)'}"), "SDDL at 3: an ACE has 6 fields", null, null);
        differ("tokens.schema.json", "a base that is not an earlier preset", with(TOKENS, "base: user", "base: nobody"), "base 'nobody' is not an earlier token", null, null);
        differ("scenario.schema.json", "a malformed SID in an inline token", with(SCENARIO, "desired: PROCESS_VM_READ}",
                "desired: PROCESS_VM_READ, token: {base: admin-elevated, user: S-1-x}}"), "token.user: malformed SID 'S-1-x'", null, null);
    }

    @TestFactory
    Stream<DynamicTest> the_schema_and_the_reader_differ_only_where_the_docs_say() {
        return DIFFERENCES.stream().map(e -> DynamicTest.dynamicTest(e.schema() + ": " + e.name(), () -> check(e)));
    }

    @TestFactory
    Stream<DynamicTest> the_schema_and_the_reader_agree_on_each_example() {
        return EXAMPLES.stream().map(e -> DynamicTest.dynamicTest(e.schema() + ": " + e.name(), () -> check(e)));
    }

    /** The reader and the schema each give the example's verdict. */
    static void check(Example e) {
        String reader = read(e);
        if (e.reader() == null) {
            assertTrue(reader == null, "the reader refuses it: " + reader);
        } else {
            assertTrue(reader != null, "the reader accepts it");
            assertTrue(reader.contains(e.reader()), "the reader's error is not about '" + e.reader() + "': " + reader);
        }
        List<Error> errors = SchemaCheck.validate(e.schema(), e.yaml());
        if (e.at() == null) {
            assertTrue(errors.isEmpty(), "the schema refuses it:" + SchemaCheck.show(errors));
        } else {
            boolean found = errors.stream().anyMatch(x -> x.getInstanceLocation().toString().equals(e.at()) && x.getKeyword().equals(e.keyword()));
            if (!found) fail("the schema gives no " + e.keyword() + " error at '" + e.at() + "':" + (errors.isEmpty() ? " it accepts the file" : SchemaCheck.show(errors)));
        }
    }

    /** The reader's one-line error, or null when it reads the file. */
    static String read(Example e) {
        try {
            Yaml.parse(e.yaml(), "example.yaml", READERS.get(e.schema()));
            return null;
        } catch (InputException x) {
            return x.getMessage();
        }
    }
}
