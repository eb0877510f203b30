package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.SecurityPolicy;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.Spelling;
import dev.pplsim.request.TokenSpelling;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;

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
     */
    public record Case(@JsonProperty(required = true) String note, String lesson, @JsonProperty(required = true) String cite,
                       @JsonProperty(required = true) Request request, @JsonProperty(required = true) Want want) {
        public Case {
            if (cite == null || !cite.contains("spec §")) throw new InputException("cite must name a spec section (\"spec §3.2\")");
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
            Boolean withTokens) {

        public Request {
            if (system == null) {
                query(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate);
                if (Boolean.TRUE.equals(withTokens)) throw InputException.at("withTokens", "takes the token presets of a system catalog's processes: give a system");
            } else if (relation != null || build != null) {
                throw new InputException("with a system, the relation and the build come from its catalog");
            }
            // the SD stage's fields are checked here too, so their errors carry the file position; presets are looked
            // up when the request is decided (the policies directory is the simulator's)
            if (token != null) TokenSpelling.read(token, "token");
            if (targetToken != null) TokenSpelling.read(targetToken, "targetToken");
            if (sd != null) sddl(sd);
            if (operation != null) operation(operation);
            if (sourceAccess != null) Spelling.grantedMask(sourceAccess, kind(object));
            if (token != null && sdGranted != null) {
                throw InputException.at("sdGranted", "must be absent when token is given: the security-descriptor stage decides");
            }
        }

        /** The query this request asks, with the simulator's build names, presets and catalogs. */
        public AccessQuery toQuery(Simulator sim) {
            if (system == null) {
                AccessQuery q = query(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate);
                return withSecurity(q, sim, null, null);
            }
            var s = SystemCatalog.resolve(sim.policies(), system);
            var c = process(s, caller, "caller");
            var t = process(s, target, "target");
            AccessQuery q = query(c.protection(), t.protection(), object, desired, mode, forceAccessCheck,
                    dev.pplsim.jobs.SystemWhatIf.relation(s, c, t).id(), s.build(), sdGranted, callerPico, targetPico,
                    disallowUserTerminate != null ? disallowUserTerminate : t.disallowUserTerminate());
            return withSecurity(q, sim, Boolean.TRUE.equals(withTokens) ? c : null, Boolean.TRUE.equals(withTokens) ? t : null);
        }

        /**
         * The SD stage's fields: the request's own, else (withTokens) the catalog processes' presets and the target's
         * descriptor. Each token's trust SID comes from its process's protection (spec §4.3).
         */
        private AccessQuery withSecurity(AccessQuery q, Simulator sim, SystemCatalog.Process c, SystemCatalog.Process t) {
            if (operation != null) q = q.withOperation(operation(operation));
            if (sourceAccess != null) q = q.withSourceAccess(Spelling.grantedMask(sourceAccess, q.object()));
            if (sd != null) {
                q = q.withSd(sddl(sd));
            } else if (t != null && t.sd() != null && q.object() == ObjectKind.PROCESS) {
                // the catalog's SDDL is the process object's; a thread or token object keeps its default
                q = q.withSd(Sddl.parse(t.sd()));
            }
            if (token == null && targetToken == null && c == null) return q;
            SecurityPolicy sec = sim.security();
            if (token != null) q = q.withToken(TokenSpelling.read(token, "token").resolve(sec, q.caller()));
            else if (c != null) q = q.withToken(TokenSpelling.preset(sec, c.token(), q.caller(), "caller's token"));
            if (targetToken != null) q = q.withTargetToken(TokenSpelling.read(targetToken, "targetToken").resolve(sec, q.target()));
            else if (t != null) q = q.withTargetToken(TokenSpelling.preset(sec, t.token(), q.target(), "target's token"));
            return q;
        }

        private static dev.pplsim.model.SecurityDescriptor sddl(String text) {
            try {
                return Sddl.parse(text);
            } catch (InputException e) {
                throw InputException.at("sd", e.getMessage());
            }
        }

        private static Operation operation(String id) {
            Operation op = Operation.byId(id);
            if (op == null) throw InputException.at("operation", "expected open, duplicate or debug, got '" + id + "'");
            return op;
        }

        private static ObjectKind kind(String object) {
            ObjectKind kind = object == null ? ObjectKind.PROCESS : ObjectKind.byId(object);
            if (kind == null) throw new InputException("object: expected process, thread or token, got '" + object + "'");
            return kind;
        }

        private static SystemCatalog.Process process(SystemCatalog s, String ref, String field) {
            var ps = ref.matches("\\d+") ? s.processes().stream().filter(p -> p.pid() == Long.parseLong(ref)).toList() : s.byImage(ref);
            if (ps.size() != 1) {
                throw InputException.at(field, ps.isEmpty() ? "no process '" + ref + "' in system " + s.name()
                        : ref + " runs " + ps.size() + " times in " + s.name() + "; give a pid");
            }
            return ps.get(0);
        }

        private static AccessQuery query(String caller, String target, String object, String desired, String mode, Boolean force,
                                         String relation, String build, String sdGranted, Boolean callerPico, List<String> targetPico,
                                         Boolean dut) {
            ObjectKind kind = kind(object);
            AccessMode m = mode == null ? AccessMode.USER : AccessMode.byId(mode);
            if (m == null) throw new InputException("mode: expected user or kernel, got '" + mode + "'");
            Relation r = relation == null ? Relation.NONE : Relation.byId(relation);
            if (r == null) throw new InputException("relation: expected none, self, parent or stale-parent, got '" + relation + "'");
            PicoProvider pico = null;
            if (targetPico != null) {
                if (targetPico.size() != 2) throw new InputException("targetPico: expected [OPENPROCESS, OPENTHREAD] masks");
                pico = new PicoProvider((int) Spelling.number(targetPico.get(0), "mask"), (int) Spelling.number(targetPico.get(1), "mask"));
            }
            return new AccessQuery(Spelling.protection(caller), Boolean.TRUE.equals(callerPico), Spelling.protection(target), kind,
                    Spelling.desiredMask(desired, kind), m, Boolean.TRUE.equals(force), r, build == null ? AccessQuery.DEFAULT_BUILD : build,
                    sdGranted == null ? null : Spelling.grantedMask(sdGranted, kind), pico, Boolean.TRUE.equals(dut));
        }
    }

    /**
     * The answer wanted: status (any NTSTATUS an open returns: STATUS_SUCCESS, STATUS_ACCESS_DENIED, and with the SD
     * stage STATUS_PRIVILEGE_NOT_HELD and STATUS_PROCESS_IS_PROTECTED), and optionally the granted mask and rule ids
     * that must be among those fired.
     */
    public record Want(@JsonProperty(required = true) String status, String granted, List<String> rules) {
        public Want {
            List<String> known = Arrays.stream(NtStatus.values()).map(NtStatus::name).toList();
            if (status == null || !known.contains(status)) {
                throw new InputException("status must be one of " + String.join(", ", known) + ", got '" + status + "'");
            }
            if (granted != null) Spelling.number(granted, "granted mask");
        }
    }
}
