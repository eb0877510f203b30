package dev.pplsim.policy;


import dev.pplsim.request.InputException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The YAML shape of {@code policies/properties/*.yaml}: a list of properties, each a quantified domain and either
 * an expectation on every decision ({@code then}) or a relation between each decision and a changed one
 * ({@code compare}). Field meanings are in {@link Property}; constructors validate so errors carry positions.
 */
public record PropertyFile(List<Entry> properties, List<CreateEntry> creations, List<LoadEntry> loads) {

    public PropertyFile {
        if ((properties == null || properties.isEmpty()) && (creations == null || creations.isEmpty()) && (loads == null || loads.isEmpty())) {
            throw new InputException("no properties: give 'properties' (laws of opens), 'creations' (laws of process creation) or 'loads' (laws of image loads)");
        }
        properties = properties == null ? List.of() : List.copyOf(properties);
        creations = creations == null ? List.of() : List.copyOf(creations);
        loads = loads == null ? List.of() : List.copyOf(loads);
    }

    /** What every property has: a snake_case name naming its law, why it should hold, its spec section, its declared verdict. */
    public interface Law {
        String name();

        String why();

        String cite();

        /** proved (the default) or refuted */
        String expected();
    }

    static void law(String name, String cite, String expected) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) throw new InputException("name '" + name + "' must be snake_case, naming the law");
        if (cite == null || !cite.contains("spec §")) throw new InputException("cite must name a spec section (\"spec §3.2\")");
        if (expected != null && !expected.equals("proved") && !expected.equals("refuted")) {
            throw new InputException("expected must be proved or refuted, got '" + expected + "'");
        }
    }

    public record Entry(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String why,
            @JsonProperty(required = true) String cite,
            String expected,
            @JsonProperty(required = true) Domain forall,
            Then then,
            Compare compare) implements Law {

        public Entry {
            law(name, cite, expected);
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
            // the values are untyped here; the prover would read anything but true as false
            Object force = change.get("forceAccessCheck");
            if (force != null && !(force instanceof Boolean)) {
                throw new InputException("change.forceAccessCheck: " + InputException.quoted(String.valueOf(force)) + " is not a boolean (write true or false, unquoted)");
            }
        }
    }

    public record Expect(Boolean sameOutcome, Boolean noAccessGained, Boolean noAccessLost, String sameOutcomeExcept) {
        public Expect {
            int n = (sameOutcome != null ? 1 : 0) + (noAccessGained != null ? 1 : 0) + (noAccessLost != null ? 1 : 0) + (sameOutcomeExcept != null ? 1 : 0);
            if (n != 1) throw new InputException("expect: give exactly one of sameOutcome, noAccessGained, noAccessLost, sameOutcomeExcept");
        }
    }

    // ---- laws of process creation (spec §12) --------------------------------------------------------------------

    /**
     * A law of creation: a domain of creation requests ({@code forall}), and what each creation must satisfy
     * ({@code then}) or how it relates to a changed request ({@code compare}).
     */
    public record CreateEntry(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String why,
            @JsonProperty(required = true) String cite,
            String expected,
            @JsonProperty(required = true) CreateDomain forall,
            CreateThen then,
            CreateCompare compare) implements Law {

        public CreateEntry {
            law(name, cite, expected);
            if ((then == null) == (compare == null)) throw new InputException("give exactly one of 'then' (an expectation) or 'compare' (a relation)");
        }
    }

    /**
     * The creation requests to enumerate: every combination of the lists, each value spelt as a batch line or a
     * scenario spells it and read by the one creation reader. Defaults are in {@code jobs/CreationProver}.
     */
    public record CreateDomain(
            List<String> builds,
            Filter creator,
            List<JsonNode> tokens,
            List<JsonNode> apis,
            List<JsonNode> childTokens,
            List<JsonNode> images,
            List<JsonNode> imageSigners,
            List<JsonNode> imageSigningLevels,
            List<JsonNode> subsystems,
            List<JsonNode> flags,
            List<JsonNode> levels,
            List<JsonNode> inheritHandles,
            List<JsonNode> imageEkus,
            List<JsonNode> imageTrustletIds,
            List<JsonNode> imageSectionFlags,
            List<JsonNode> secureProcess,
            List<JsonNode> packageFullNames) {

        public CreateDomain {
            Domains.filter(creator, "creator");
            if (creator != null && creator.image() != null) throw new InputException("creator.image is not taken here: name the bytes with 'is'");
            if ((imageSigners != null ? 1 : 0) + (imageSigningLevels != null ? 1 : 0) + (imageEkus != null ? 1 : 0) > 1) {
                throw new InputException("give one of imageSigners, imageSigningLevels and imageEkus");
            }
        }
    }

    /** What every creation of the domain must satisfy; each clause but {@code status} constrains successful creations only. */
    public record CreateThen(
            String status,
            Filter protectedChild,
            Boolean childIsCreator,
            Boolean childWithinImageClaim,
            Boolean childDominatesCreator,
            Boolean handlesWithinOpen,
            Boolean trustletNeedsVbsIumEkuAndPolicy,
            Boolean appImageAtLeastAppPpl) {

        public CreateThen {
            if (status == null && protectedChild == null && childIsCreator == null && childWithinImageClaim == null
                    && childDominatesCreator == null && handlesWithinOpen == null && trustletNeedsVbsIumEkuAndPolicy == null
                    && appImageAtLeastAppPpl == null) {
                throw new InputException("then: states nothing (status, protectedChild, childIsCreator, childWithinImageClaim, childDominatesCreator, "
                        + "handlesWithinOpen, trustletNeedsVbsIumEkuAndPolicy or appImageAtLeastAppPpl)");
            }
            if (status != null && java.util.Arrays.stream(dev.pplsim.model.NtStatus.values()).noneMatch(x -> x.name().equals(status))) throw new InputException("status: unknown NTSTATUS '" + status + "'");
            Domains.filter(protectedChild, "protectedChild");
            for (Boolean b : new Boolean[]{childIsCreator, childWithinImageClaim, childDominatesCreator, handlesWithinOpen,
                    trustletNeedsVbsIumEkuAndPolicy, appImageAtLeastAppPpl}) {
                if (Boolean.FALSE.equals(b)) throw new InputException("a law clause is stated as true; false states nothing");
            }
        }
    }

    public record CreateCompare(@JsonProperty(required = true) Map<String, JsonNode> change, @JsonProperty(required = true) CreateExpect expect) {
        public static final List<String> CHANGES = List.of("api", "build", "creator", "flags", "imageSigner", "inheritHandles", "protectionLevel");

        public CreateCompare {
            if (change.isEmpty()) throw new InputException("change: changes nothing");
            for (String k : change.keySet()) {
                if (!CHANGES.contains(k)) throw new InputException("change: unknown field '" + k + "' (expected one of: " + String.join(", ", CHANGES) + ")");
            }
        }
    }

    /**
     * {@code sameOutcome}: the changed request is decided alike (status, child, returned access);
     * {@code sameChildWhereChangedSucceeds}: wherever the changed request succeeds, this one succeeds with the same child.
     */
    public record CreateExpect(Boolean sameOutcome, Boolean sameChildWhereChangedSucceeds) {
        public CreateExpect {
            if ((sameOutcome != null ? 1 : 0) + (sameChildWhereChangedSucceeds != null ? 1 : 0) != 1) {
                throw new InputException("expect: give exactly one of sameOutcome, sameChildWhereChangedSucceeds");
            }
        }
    }

    // ---- laws of image loads (spec §6.3, §12.8) -----------------------------------------------------------------

    /** A law of image loads: a domain of load requests ({@code forall}) and what each load must satisfy ({@code then}). */
    public record LoadEntry(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String why,
            @JsonProperty(required = true) String cite,
            String expected,
            @JsonProperty(required = true) LoadDomain forall,
            @JsonProperty(required = true) LoadThen then) implements Law {

        public LoadEntry {
            law(name, cite, expected);
        }
    }

    /**
     * The load requests to enumerate: every combination of the lists, each value spelt as a batch line or a scenario
     * spells it and read by the one load reader. Defaults are in {@code jobs/LoadProver}.
     */
    public record LoadDomain(
            List<String> builds,
            Filter process,
            List<JsonNode> sectionSignatureLevels,
            List<JsonNode> imageSigners,
            List<JsonNode> imageSigningLevels,
            List<JsonNode> sources,
            List<JsonNode> pageHashes,
            List<JsonNode> pagesModified) {

        public LoadDomain {
            Domains.filter(process, "process");
            if (process != null && process.image() != null) throw new InputException("process.image is not taken here: name the bytes with 'is'");
        }
    }

    /**
     * What every load of the domain must satisfy; {@code status} and {@code noModifiedBytesRun} (a refused load runs
     * nothing) constrain every load, the other clauses images that were mapped only.
     */
    public record LoadThen(String status, Boolean imageAtLeastSectionLevel, Boolean noKnownDllsSection, Boolean noModifiedBytesRun) {

        public LoadThen {
            if (status == null && imageAtLeastSectionLevel == null && noKnownDllsSection == null && noModifiedBytesRun == null) {
                throw new InputException("then: states nothing (status, imageAtLeastSectionLevel, noKnownDllsSection or noModifiedBytesRun)");
            }
            if (status != null && java.util.Arrays.stream(dev.pplsim.model.NtStatus.values()).noneMatch(x -> x.name().equals(status))) throw new InputException("status: unknown NTSTATUS '" + status + "'");
            for (Boolean b : new Boolean[]{imageAtLeastSectionLevel, noKnownDllsSection, noModifiedBytesRun}) {
                if (Boolean.FALSE.equals(b)) throw new InputException("a law clause is stated as true; false states nothing");
            }
        }
    }
}
