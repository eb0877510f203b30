package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.request.CreateReader;
import dev.pplsim.request.Field;
import dev.pplsim.request.Form;
import dev.pplsim.request.LoadReader;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.request.InputException;
import dev.pplsim.request.RequestReader;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.Spelling;
import dev.pplsim.request.TokenSpelling;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML shape of {@code policies/scenarios/**}/*.yaml}: named cases in the style of OPA's test cases, each a
 * request and what the kernel should answer ({@code want}). Validated while read, so errors carry file positions.
 */
public record ScenarioFile(@JsonProperty(required = true) List<Case> scenarios) {

    public ScenarioFile {
        if (scenarios == null || scenarios.isEmpty()) throw new InputException("no scenarios");
    }

    /**
     * @param note   the case's name, a sentence
     * @param lesson for training: what the attack or behaviour needed, and which check stops it or was got around
     * @param cite   where the expectation comes from (free text, optional)
     */
    public record Case(@JsonProperty(required = true) String note, String lesson, String cite,
                       Request request, Create create, Load load, @JsonProperty(required = true) Want want) {
        public Case {
            // cite is free text and optional: another product's tests cite their own requirements (the shipped
            // scenarios cite the spec, which ScenarioTests checks)
            int given = (request != null ? 1 : 0) + (create != null ? 1 : 0) + (load != null ? 1 : 0);
            if (given != 1) throw new InputException("give exactly one of 'request' (an open), 'create' (a creation) or 'load' (an image load)");
            if (request != null) want.forOpen();
            else if (create != null) want.forCreation();
            else want.forLoad();
        }
    }

    /**
     * An image load (spec §12.8), its fields named as {@code pplsim load}'s options without the dashes and read by the
     * one load reader: process, sectionSignatureLevel, image, imageSigner, imageEkus, imageSigningLevel, source,
     * pageHashes, pagesModified, build.
     */
    public record Load(Map<String, JsonNode> fields) {

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public Load {
            LoadReader.read(Form.SCENARIO, LoadReader.FIELDS.scenario(fields));
        }

        /** The load asked; the build is looked up when it is decided. */
        public LoadQuery toQuery() {
            return LoadReader.read(Form.SCENARIO, LoadReader.FIELDS.scenario(fields));
        }
    }

    /**
     * A creation (spec §12), its fields named as {@code pplsim create}'s options without the dashes and read by the
     * one creation reader: creator, token, api, childToken, image, imageSigner, imageEkus, imageSigningLevel,
     * imageTrustletId, imageSectionFlags, imageSubsystem, flags, protectionLevel, inheritHandles, build,
     * secureProcess, packageFullName. A build may name a what-if overlay ({@code whatif/vbs-off.yaml}).
     */
    public record Create(Map<String, JsonNode> fields) {

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public Create {
            CreateReader.read(Form.SCENARIO, CreateReader.FIELDS.scenario(fields));
        }

        /** The creation asked; token presets and the build are looked up when it is decided. */
        public CreateQuery toQuery() {
            return CreateReader.read(Form.SCENARIO, CreateReader.FIELDS.scenario(fields));
        }
    }

    /**
     * With {@code system}, caller and target name processes of that catalog (image, or pid when an image runs more
     * than once) and the relation comes from the catalog; otherwise they are protections.
     *
     * <p>The security-descriptor stage (docs/ACCESS-CHECK.md) decides when the request gives the caller's
     * {@code token} (a preset name or an inline token); {@code sd} (SDDL) is the object's descriptor and
     * {@code targetToken} the target process's token, which gives the default descriptor when {@code sd} is absent.
     * A system catalog names each process's token preset, but a scenario on a catalog uses them only when it says
     * {@code withTokens: true}: the scenarios written for the protection-only model keep their meaning. Given
     * {@code token}, {@code targetToken} and {@code sd} override the catalog's.
     */
    public record Request(
            String system,
            @JsonProperty(required = true) String caller,
            @JsonProperty(required = true) String target,
            String object,
            @JsonProperty(required = true) String desired,
            String mode,
            Boolean forceAccessCheck,
            String relation,
            String build,
            String sdGranted,
            Boolean callerPico,
            List<String> targetPico,
            Boolean disallowUserTerminate,
            JsonNode token,
            String sd,
            JsonNode targetToken,
            String operation,
            String sourceAccess,
            Boolean withTokens,
            String callerKind,
            String targetKind) {

        public Request {
            if (system == null) {
                RequestReader.read(Form.SCENARIO, values(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate, token, sd, targetToken, operation, sourceAccess, callerKind, targetKind), null);
                if (Boolean.TRUE.equals(withTokens)) throw InputException.at("withTokens", "takes the token presets of a system catalog's processes: give a system");
            } else if (relation != null || build != null) {
                throw new InputException("with a system, the relation and the build come from its catalog");
            } else {
                // caller and target name the catalog's processes; the other fields are checked here, so their errors
                // carry the file position (presets and processes are looked up when the request is decided)
                var given = values(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate, token, sd, targetToken, operation, sourceAccess, callerKind, targetKind);
                RequestReader.check(Form.SCENARIO, f -> f == Field.CALLER || f == Field.TARGET ? null : given.apply(f));
            }
        }

        /** The values the request gives by field, as the reader takes them; null for a field it does not give. */
        private java.util.function.Function<Field, JsonNode> given() {
            return values(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate, token, sd, targetToken, operation, sourceAccess, callerKind, targetKind);
        }

        /** As {@link #given()}, from the components (a compact constructor sees its parameters, not yet its fields). */
        private static java.util.function.Function<Field, JsonNode> values(
                String caller, String target, String object, String desired, String mode, Boolean forceAccessCheck, String relation,
                String build, String sdGranted, Boolean callerPico, List<String> targetPico, Boolean disallowUserTerminate,
                JsonNode token, String sd, JsonNode targetToken, String operation, String sourceAccess, String callerKind, String targetKind) {
            return f -> switch (f) {
                case CALLER -> text(caller);
                case TARGET -> text(target);
                case OBJECT -> text(object);
                case DESIRED -> text(desired);
                case MODE -> text(mode);
                case FORCE -> forceAccessCheck == null ? null : BooleanNode.valueOf(forceAccessCheck);
                case RELATION -> text(relation);
                case BUILD -> text(build);
                case SD_GRANTED -> text(sdGranted);
                case CALLER_PICO -> callerPico == null ? null : BooleanNode.valueOf(callerPico);
                case TARGET_PICO -> targetPico == null ? null : JsonNodeFactory.instance.arrayNode().addAll(targetPico.stream().map(Request::text).toList());
                case DISALLOW_USER_TERMINATE -> disallowUserTerminate == null ? null : BooleanNode.valueOf(disallowUserTerminate);
                case TOKEN -> token;
                case SD -> text(sd);
                case TARGET_TOKEN -> targetToken;
                case OPERATION -> text(operation);
                case SOURCE_ACCESS -> text(sourceAccess);
                case CALLER_KIND -> text(callerKind);
                case TARGET_KIND -> text(targetKind);
            };
        }

        private static JsonNode text(String s) {
            return s == null ? null : TextNode.valueOf(s);
        }

        /**
         * The query this request asks, with the simulator's build names, presets and catalogs. On a system catalog,
         * caller and target are its processes, with their protections, relation and build; with {@code withTokens}
         * their token presets and the target's descriptor stand in for the fields the request does not give. Each
         * token's trust SID comes from its process's protection (spec §4.3).
         */
        public AccessQuery toQuery(Simulator sim) {
            if (system == null) return RequestReader.read(Form.SCENARIO, given(), sim::security);
            return toQuery(sim, SystemCatalog.resolve(sim.policies(), system));
        }

        /**
         * As {@link #toQuery(Simulator)} on the catalog given rather than the one {@code system} names: a what-if's
         * changed catalog (the library's {@code withOverlay}), whose processes no policies directory holds.
         */
        public AccessQuery toQuery(Simulator sim, SystemCatalog s) {
            if (system == null) throw new IllegalArgumentException("a request without a system names no catalog's processes");
            var c = process(s, caller, "caller");
            var t = process(s, target, "target");
            Map<Field, JsonNode> v = new EnumMap<>(Field.class);
            var given = given();
            for (Field f : Field.values()) v.put(f, given.apply(f));
            v.put(Field.CALLER, text(c.protection()));
            v.put(Field.TARGET, text(t.protection()));
            v.put(Field.RELATION, text(Catalog.relation(s, c, t).id()));
            v.put(Field.BUILD, text(s.build()));
            // a catalog process's kind is the catalog's (spec §12.7), unless the request says otherwise
            if (callerKind == null) v.put(Field.CALLER_KIND, text(c.processKind().id()));
            if (targetKind == null) v.put(Field.TARGET_KIND, text(t.processKind().id()));
            if (disallowUserTerminate == null) v.put(Field.DISALLOW_USER_TERMINATE, BooleanNode.valueOf(Boolean.TRUE.equals(t.disallowUserTerminate())));
            AccessQuery q = RequestReader.read(Form.SCENARIO, v::get, sim::security);
            if (!Boolean.TRUE.equals(withTokens)) return q;
            // the catalog's SDDL is the process object's; a thread or token object keeps its default
            if (sd == null && t.sd() != null && q.object() == ObjectKind.PROCESS) q = q.withSd(Sddl.parse(t.sd()));
            if (token == null) q = q.withToken(TokenSpelling.preset(sim.security(), c.token(), q.caller(), "caller's token"));
            if (targetToken == null) q = q.withTargetToken(TokenSpelling.preset(sim.security(), t.token(), q.target(), "target's token"));
            return q;
        }

        private static SystemCatalog.Process process(SystemCatalog s, String ref, String field) {
            var ps = ref.matches("[0-9]{1,10}") ? s.processes().stream().filter(p -> p.pid() == Long.parseLong(ref)).toList() : s.byImage(ref);
            if (ps.size() != 1) {
                throw InputException.at(field, ps.isEmpty() ? "no process '" + ref + "' in system " + s.name()
                        : ref + " runs " + ps.size() + " times in " + s.name() + "; give a pid");
            }
            return ps.get(0);
        }
    }

    /**
     * The answer wanted: status (any NTSTATUS an open returns: STATUS_SUCCESS, STATUS_ACCESS_DENIED, and with the SD
     * stage STATUS_PRIVILEGE_NOT_HELD and STATUS_PROCESS_IS_PROTECTED), and optionally the granted mask and rule ids
     * that must be among those fired.
     */
    public record Want(@JsonProperty(required = true) String status, String granted, List<String> rules,
                       String child, String signatureLevel, String sectionSignatureLevel, String processAccess,
                       String threadAccess, Boolean debugPort, String imageSigningLevel, Boolean knownDllsSection,
                       Boolean pageHashesEnforced, Boolean modifiedBytesRun, String kind) {
        public Want {
            if (kind != null && dev.pplsim.model.ProcessKind.byId(kind) == null) {
                throw InputException.at("kind", "unknown process kind '" + kind + "' (expected one of: "
                        + String.join(", ", Arrays.stream(dev.pplsim.model.ProcessKind.values()).map(dev.pplsim.model.ProcessKind::id).toList()) + ")");
            }
            if (status == null || Arrays.stream(NtStatus.values()).noneMatch(s -> s.name().equals(status))) {
                throw new InputException("status: unknown NTSTATUS '" + status + "'");
            }
            mask("granted", granted);
            if (child != null) Spelling.protection(child);
            mask("signatureLevel", signatureLevel);
            mask("sectionSignatureLevel", sectionSignatureLevel);
            mask("processAccess", processAccess);
            mask("threadAccess", threadAccess);
            mask("imageSigningLevel", imageSigningLevel);
        }

        private boolean loadFields() {
            return imageSigningLevel != null || knownDllsSection != null || pageHashesEnforced != null || modifiedBytesRun != null;
        }

        /** A wanted mask is written as a policy file's masks are (hex or decimal, no sign, float or leading zero). */
        private static void mask(String field, String text) {
            if (text == null) return;
            try {
                dev.pplsim.policy.Mask.of(text);
            } catch (InputException e) {
                throw InputException.at(field, e.getMessage());
            }
        }

        /** An open answers a status an open returns and a granted mask; the child's fields are a creation's. */
        void forOpen() {
            List<String> known = Arrays.stream(NtStatus.values()).filter(s -> !s.creationOnly()).map(NtStatus::name).toList();
            if (!known.contains(status)) throw InputException.at("status", "an open answers one of " + String.join(", ", known) + ", got '" + status + "'");
            if (child != null || signatureLevel != null || sectionSignatureLevel != null || processAccess != null || threadAccess != null || debugPort != null || kind != null) {
                throw new InputException("child, signatureLevel, sectionSignatureLevel, processAccess, threadAccess, debugPort and kind are a creation's: an open wants status, granted and rules");
            }
            if (loadFields()) throw new InputException("imageSigningLevel, knownDllsSection, pageHashesEnforced and modifiedBytesRun are a load's: an open wants status, granted and rules");
        }

        /** A load answers its status, the two levels it compared and, on success, how it mapped the image. */
        void forLoad() {
            if (granted != null || child != null || signatureLevel != null || processAccess != null || threadAccess != null || debugPort != null || kind != null) {
                throw new InputException("a load wants status, rules, imageSigningLevel, sectionSignatureLevel, knownDllsSection, pageHashesEnforced and modifiedBytesRun");
            }
            if ((knownDllsSection != null || pageHashesEnforced != null || modifiedBytesRun != null) && !status.equals("STATUS_SUCCESS")) {
                throw new InputException("a refused load maps nothing: want only status, the levels and rules");
            }
        }

        void forCreation() {
            if (granted != null) throw InputException.at("granted", "is an open's: a creation wants processAccess and threadAccess");
            if (loadFields()) throw new InputException("imageSigningLevel, knownDllsSection, pageHashesEnforced and modifiedBytesRun are a load's");
            boolean childFields = child != null || signatureLevel != null || sectionSignatureLevel != null || processAccess != null
                    || threadAccess != null || debugPort != null || kind != null;
            if (childFields && !status.equals("STATUS_SUCCESS")) throw new InputException("a failed creation has no child: want only status and rules");
        }
    }
}
