package dev.pplsim.oracle;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.InputException;
import dev.pplsim.policy.Spelling;

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
            Boolean disallowUserTerminate) {

        public Request {
            if (system == null) {
                query(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate);
            } else if (relation != null || build != null) {
                throw new InputException("with a system, the relation and the build come from its catalog");
            }
        }

        public AccessQuery toQuery(dev.pplsim.policy.PolicySet policies) {
            if (system == null) {
                return query(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate);
            }
            var s = dev.pplsim.policy.SystemCatalog.resolve(policies, system);
            var c = process(s, caller, "caller");
            var t = process(s, target, "target");
            AccessQuery q = query(c.protection(), t.protection(), object, desired, mode, forceAccessCheck,
                    dev.pplsim.analysis.SystemWhatIf.relation(s, c, t).id(), s.build(), sdGranted, callerPico, targetPico,
                    disallowUserTerminate != null ? disallowUserTerminate : t.disallowUserTerminate());
            return q;
        }

        private static dev.pplsim.policy.SystemCatalog.Process process(dev.pplsim.policy.SystemCatalog s, String ref, String field) {
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
            ObjectKind kind = object == null ? ObjectKind.PROCESS : ObjectKind.byId(object);
            if (kind == null) throw new InputException("object: expected process or thread, got '" + object + "'");
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

    /** The answer wanted: status, and optionally the granted mask and rule ids that must be among those fired. */
    public record Want(@JsonProperty(required = true) String status, String granted, List<String> rules) {
        public Want {
            if (status == null || !List.of(NtStatus.STATUS_SUCCESS.name(), NtStatus.STATUS_ACCESS_DENIED.name()).contains(status)) {
                throw new InputException("status must be STATUS_SUCCESS or STATUS_ACCESS_DENIED, got '" + status + "'");
            }
            if (granted != null) Spelling.number(granted, "granted mask");
        }
    }
}
