package dev.pplsim.policy;


import dev.pplsim.request.InputException;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The YAML shape of {@code policies/properties/*.yaml}: a list of properties, each a quantified domain and either
 * an expectation on every decision ({@code then}) or a relation between each decision and a changed one
 * ({@code compare}). Field meanings are in {@link Property}; constructors validate so errors carry positions.
 */
public record PropertyFile(@JsonProperty(required = true) List<Entry> properties) {

    public PropertyFile {
        if (properties == null || properties.isEmpty()) throw new InputException("no properties");
    }

    public record Entry(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String why,
            @JsonProperty(required = true) String cite,
            String expected,
            @JsonProperty(required = true) Domain forall,
            Then then,
            Compare compare) {

        public Entry {
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) throw new InputException("name '" + name + "' must be snake_case, naming the law");
            if (cite == null || !cite.contains("spec §")) throw new InputException("cite must name a spec section (\"spec §3.2\")");
            if (expected != null && !expected.equals("proved") && !expected.equals("refuted")) {
                throw new InputException("expected must be proved or refuted, got '" + expected + "'");
            }
            if ((then == null) == (compare == null)) throw new InputException("give exactly one of 'then' (an expectation) or 'compare' (a relation)");
        }
    }

    public record Domain(
            List<String> builds,
            List<String> objects,
            Filter caller,
            Filter target,
            List<String> rights,
            List<String> modes,
            List<Boolean> forceAccessCheck,
            List<String> relations,
            Where where,
            String system) {

        public Domain {
            // parsed here, during reading, so a mistake is reported with its line
            for (var kind : Domains.objects(objects)) Domains.rights(rights, kind);
            Domains.modes(modes);
            Domains.relations(relations);
            Domains.filter(caller, "caller");
            Domains.filter(target, "target");
        }
    }

    /** Which protection bytes: all 256 unless narrowed. */
    public record Filter(
            List<String> image,
            List<String> is,
            List<Integer> type,
            Integer typeBelow,
            Integer typeAtLeast,
            List<String> signer,
            List<String> signerNot,
            Boolean audit) {
    }

    public record Where(Boolean sameSigner, Boolean sameByte, Boolean callerTypeBelowTarget) {
    }

    public record Then(
            String status,
            String protection,
            String neverGranted,
            String alwaysGranted,
            Integer refusedByStage) {

        public Then {
            if (status == null && protection == null && neverGranted == null && alwaysGranted == null && refusedByStage == null) {
                throw new InputException("then: states nothing (status, protection, neverGranted, alwaysGranted or refusedByStage)");
            }
            if (status != null && !status.equals("STATUS_SUCCESS") && !status.equals("STATUS_ACCESS_DENIED")) {
                throw new InputException("status must be STATUS_SUCCESS or STATUS_ACCESS_DENIED, got '" + status + "'");
            }
            if (protection != null && !protection.equals("compatible") && !protection.equals("incompatible")) {
                throw new InputException("protection must be compatible or incompatible, got '" + protection + "'");
            }
        }
    }

    public record Compare(@JsonProperty(required = true) Map<String, Object> change, @JsonProperty(required = true) Expect expect) {
        public Compare {
            for (String k : change.keySet()) {
                if (!List.of("build", "relation", "mode", "forceAccessCheck", "callerType", "targetType", "flipAudit", "object").contains(k)) {
                    throw new InputException("change: unknown field '" + k + "' (expected one of: build, callerType, flipAudit, forceAccessCheck, mode, object, relation, targetType)");
                }
            }
        }
    }

    public record Expect(Boolean sameOutcome, Boolean noAccessGained, Boolean noAccessLost, String sameOutcomeExcept) {
        public Expect {
            int n = (sameOutcome != null ? 1 : 0) + (noAccessGained != null ? 1 : 0) + (noAccessLost != null ? 1 : 0) + (sameOutcomeExcept != null ? 1 : 0);
            if (n != 1) throw new InputException("expect: give exactly one of sameOutcome, noAccessGained, noAccessLost, sameOutcomeExcept");
        }
    }
}
