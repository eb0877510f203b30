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

    public record Request(
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
            query(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate);
        }

        public AccessQuery toQuery() {
            return query(caller, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, callerPico, targetPico, disallowUserTerminate);
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
