package dev.pplsim.jobs;

import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Privilege;
import dev.pplsim.request.Field;
import dev.pplsim.request.Form;
import dev.pplsim.request.InputException;
import dev.pplsim.request.RequestReader;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a real Windows machine answered, one JSON object a line (written by src/main/scripts/capture-observations.ps1):
 * <pre>{"id":"o1","windowsBuild":"10.0.22631","seDebugPrivilege":true,
 *  "caller":{"image":"powershell.exe","protection":"0x00"},
 *  "target":{"image":"lsass.exe","pid":812,"protection":"0x41","object":"process"},
 *  "desired":"0x00000010","observed":{"ntstatus":"0xC0000022","granted":"0x00000000"}}</pre>
 */
public final class Observations {

    private static final ObjectMapper JSON = RequestReader.strictJson().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Observations() {
    }

    /**
     * One side of an observation. {@code token} (caller: a preset name or token fields, as in a batch line) and
     * {@code sd} (target: the object's SDDL) let the model decide the security-descriptor stage too.
     */
    public record Side(@JsonProperty(required = true) String image, Long pid, @JsonProperty(required = true) String protection,
                       String object, com.fasterxml.jackson.databind.JsonNode token, String sd) {
    }

    public record Observed(@JsonProperty(required = true) String ntstatus, @JsonProperty(required = true) String granted) {
    }

    public record Observation(@JsonProperty(required = true) String id, @JsonProperty(required = true) String windowsBuild,
                              @JsonProperty(required = true) Boolean seDebugPrivilege, @JsonProperty(required = true) Side caller,
                              @JsonProperty(required = true) Side target, @JsonProperty(required = true) String desired,
                              @JsonProperty(required = true) Observed observed) {

        public ObjectKind object() {
            try {
                return target.object() == null ? ObjectKind.PROCESS : Spelling.named(ObjectKind.values(), ObjectKind::id, target.object());
            } catch (InputException e) {
                throw InputException.at("target.object", e.getMessage());
            }
        }

        /** The NTSTATUS observed, as one of the statuses the model returns, or null for another code. */
        public NtStatus observedStatus() {
            int code = (int) Spelling.number(observed.ntstatus(), "ntstatus");
            for (NtStatus s : NtStatus.values()) if (s.code() == code) return s;
            return null;
        }

        public int observedGranted() {
            return (int) Spelling.number(observed.granted(), "granted mask");
        }

        /**
         * The model's question. With the caller's token the security-descriptor stage decides (and the token must
         * agree with {@code seDebugPrivilege}); without it, the SD stage is SeDebugPrivilege's (the capture script
         * enables it), and an observation made without SeDebugPrivilege cannot be asked: null.
         */
        public AccessQuery query(String build, dev.pplsim.policy.SecurityPolicy security) {
            if (caller.token() == null) {
                if (target.sd() != null) throw InputException.at("target.sd", "needs caller.token: without the caller's token no access check can be made");
                if (!seDebugPrivilege) return null;
            }
            Map<Field, JsonNode> v = new EnumMap<>(Field.class);
            v.put(Field.CALLER, TextNode.valueOf(caller.protection()));
            v.put(Field.TARGET, TextNode.valueOf(target.protection()));
            if (target.object() != null) v.put(Field.OBJECT, TextNode.valueOf(target.object()));
            v.put(Field.DESIRED, TextNode.valueOf(desired));
            v.put(Field.BUILD, TextNode.valueOf(build));
            if (target.sd() != null) v.put(Field.SD, TextNode.valueOf(target.sd()));
            if (caller.token() != null) v.put(Field.TOKEN, caller.token());
            AccessQuery q = RequestReader.read(Form.BATCH, v::get, () -> security);
            if (q.hasToken() && q.token().hasEnabled(Privilege.SE_DEBUG) != seDebugPrivilege) {
                throw InputException.at("seDebugPrivilege", seDebugPrivilege + " disagrees with caller.token, whose SeDebugPrivilege is "
                        + (q.token().hasEnabled(Privilege.SE_DEBUG) ? "enabled" : "not enabled"));
            }
            return q;
        }

        /** The build number NNNNN of "10.0.NNNNN[.rev]". */
        public int buildNumber() {
            String[] parts = windowsBuild.split("\\.");
            if (parts.length < 3 || !parts[2].matches("\\d{4,6}")) {
                throw InputException.at("windowsBuild", "expected 10.0.NNNNN, got '" + windowsBuild + "'");
            }
            return Integer.parseInt(parts[2]);
        }
    }

    public static Observation parse(String line) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) throw new InputException("an observation is a JSON object");
            // stray fields first: Jackson would report a missing required one before an unknown one
            unknownFields(node, Observation.class, "");
            nulls(node, "");
            pid(node, "caller");
            pid(node, "target");
            return JSON.treeToValue(node, Observation.class);
        } catch (JsonProcessingException e) {
            String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? dev.pplsim.policy.Yaml.path(m.getPath()) : "";
            String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().lines().findFirst().orElse("").trim();
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) msg = "unknown field '" + u.getPropertyName() + "'";
            throw InputException.at(path, msg);
        }
    }

    /** An explicit null anywhere is refused by name: the records would take it for a value and fail later. */
    private static void nulls(JsonNode node, String path) {
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String here = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (f.getValue().isNull()) throw InputException.at(here, "a value is required (null given)");
            if (f.getValue().isObject() && !here.equals("caller.token")) nulls(f.getValue(), here);
        }
    }

    /**
     * A side's pid, when given, is a JSON integer a Windows pid can be (32 bits): Jackson alone would take 812.7 as
     * 812, "812" as 812 and 2^40 as a long.
     */
    private static void pid(JsonNode node, String side) {
        JsonNode pid = node.path(side).path("pid");
        if (pid.isMissingNode() || pid.isNull()) return;
        if (!pid.isIntegralNumber() || !pid.canConvertToLong() || pid.asLong() < 0 || pid.asLong() > 0xFFFFFFFFL) {
            throw InputException.at(side + ".pid", InputException.quoted(pid.toString()) + " is not a process id (expected an integer 0..4294967295)");
        }
    }

    private static void unknownFields(com.fasterxml.jackson.databind.JsonNode node, Class<?> type, String prefix) {
        var components = java.util.Arrays.stream(type.getRecordComponents()).collect(java.util.stream.Collectors.toMap(
                java.lang.reflect.RecordComponent::getName, java.lang.reflect.RecordComponent::getType, (a, b) -> a, java.util.TreeMap::new));
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            Class<?> t = components.get(f);
            if (t == null) throw InputException.at(prefix + f, "unknown field (expected one of: " + String.join(", ", components.keySet()) + ")");
            // a token's own fields are TokenSpelling's to check, with their paths
            if (t.isRecord() && node.get(f).isObject()) unknownFields(node.get(f), t, prefix + f + ".");
        }
    }

    /** {@code policies/windows-builds.yaml}: which model build answers for a Windows build number. */
    public record BuildMap(@JsonProperty(required = true) String cite, @JsonProperty(required = true) List<Range> ranges) {

        public record Range(@JsonProperty(required = true) Integer from, @JsonProperty(required = true) Integer to,
                            @JsonProperty(required = true) String build, @JsonProperty(required = true) String note) {
        }

        public String modelBuild(int number) {
            for (Range r : ranges) {
                if (number >= r.from() && number <= r.to()) return r.build();
            }
            throw new InputException("no model build covers Windows build " + number + " (policies/windows-builds.yaml)");
        }
    }

    /** Known, explained divergences: an observation id (or * for all) and what it must match, with the reason. */
    public record Exceptions(@JsonProperty(required = true) List<Known> exceptions) {

        public record Known(String id, String target, String desired, @JsonProperty(required = true) String reason) {
            public boolean covers(Observation o) {
                if (id != null && !id.equals(o.id()) && !id.equals("*")) return false;
                if (target != null && Spelling.protection(target).value() != Spelling.protection(o.target().protection()).value()) return false;
                return desired == null || Spelling.desiredMask(desired, o.object()) == Spelling.desiredMask(o.desired(), o.object());
            }
        }
    }
}
