package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.StagesJson;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Token;
import dev.pplsim.policy.SecurityPolicy;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.Spelling;
import dev.pplsim.request.TokenSpelling;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The batch contract. Input line:
 * {@code {"id":"c1","caller":{"protection":"0x61"},"target":{"protection":"Lsa-Light","object":"process"},
 * "desired":"PROCESS_VM_READ","mode":"user","forceAccessCheck":false,"relation":"none","build":"windows-10-11","sdGranted":null}};
 * only id, caller.protection, target.protection and desired are required. Output line:
 * {@code {"id":"c1","status":"STATUS_ACCESS_DENIED","ntstatus":"0xC0000022","granted":"0x00000000","rules":[...]}},
 * or {@code {"id":...,"error":"..."}}. Extensions beyond the contract's example, all optional: caller.pico
 * (boolean), target.pico ({openProcess, openThread} masks), target.disallowUserTerminate (boolean).
 *
 * <p>The security-descriptor stage (docs/ACCESS-CHECK.md), all optional and backwards-compatible: caller.token (a
 * preset name of policies/tokens.yaml or an inline token, {@link TokenSpelling}); with it the access check decides
 * and sdGranted must be absent (spec §3.1 steps 2-3). target.sd (SDDL of the object opened), target.token (the
 * target process's token, whose default descriptors the object gets when target.sd is absent), target.object
 * {@code token} (NtOpenProcessToken, spec §4.3), operation ({@code open|duplicate|debug}, spec §3.4) and sourceAccess
 * (the duplicated handle's access). Each token's trust SID is derived from its process's protection (spec §4.3).
 * With {@code pplsim batch --explain}, each decision line also carries {@code "stages"} ({@link StagesJson}).
 */
public final class BatchProtocol {

    private static final ObjectMapper JSON = strictJson();
    /** How every output line starts: the id comes first, so a line can be answered by its id and a kept rest. */
    static final String LINE_START = "{\"id\":";
    static final byte[] LINE_START_BYTES = LINE_START.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** JSON as the contracts want it: one value a line, no duplicate keys. */
    public static ObjectMapper strictJson() {
        ObjectMapper m = new ObjectMapper();
        m.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return m;
    }
    private static final Set<String> TOP = Set.of("id", "caller", "target", "desired", "mode", "forceAccessCheck", "relation", "build", "sdGranted",
            "operation", "sourceAccess");
    private static final Set<String> CALLER = Set.of("protection", "pico", "token");
    private static final Set<String> TARGET = Set.of("protection", "object", "pico", "disallowUserTerminate", "sd", "token");
    private static final Set<String> PICO = Set.of("openProcess", "openThread");

    private BatchProtocol() {
    }

    // lines repeat their spellings; parsing each once keeps the batch path lean (bounded, cleared when full)
    private static final int MEMO_MAX = 4096;
    private static final java.util.Map<String, PsProtection> PROTECTIONS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per object and kind (desired, granted): spelling to mask; two levels, so a lookup builds no key string. */
    private static final java.util.Map<String, Integer>[][] MASKS = masks();

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Integer>[][] masks() {
        java.util.Map<String, Integer>[][] m = new java.util.Map[ObjectKind.values().length][2];
        for (java.util.Map<String, Integer>[] row : m) {
            for (int k = 0; k < 2; k++) row[k] = new java.util.concurrent.ConcurrentHashMap<>();
        }
        return m;
    }

    static PsProtection spelledProtection(String text) {
        PsProtection p = PROTECTIONS.get(text);
        if (p == null) {
            p = Spelling.protection(text);
            if (PROTECTIONS.size() >= MEMO_MAX) PROTECTIONS.clear();
            PROTECTIONS.put(text, p);
        }
        return p;
    }

    static int spelledMask(String text, ObjectKind object, boolean granted) {
        java.util.Map<String, Integer> memo = MASKS[object.ordinal()][granted ? 1 : 0];
        Integer m = memo.get(text);
        if (m == null) {
            m = granted ? Spelling.grantedMask(text, object) : Spelling.desiredMask(text, object);
            if (memo.size() >= MEMO_MAX) memo.clear();
            memo.put(text, m);
        }
        return m;
    }

    /**
     * A parsed line: its id as the output echoes it (the JSON the line gave, {@code null} when absent) and the query,
     * or the reason it has none.
     */
    public record Line(String id, AccessQuery query, String error) {
    }

    /**
     * Parses one line; {@code security} gives the token presets, and is asked only by a line that names a token
     * (so a protection-only batch never loads the security policy).
     */
    public static Line parse(String text, Supplier<SecurityPolicy> security) {
        return parse(text, security, true);
    }

    /**
     * As {@link #parse(String, Supplier)}, from the line's UTF-8 bytes: a right protection-only line is read straight
     * into its query ({@link FastLine}), the other common lines are scanned without decoding them, and the rest are
     * decoded (malformed sequences replaced, as a reader does) and parsed as text.
     */
    public static Line parse(byte[] utf8, Supplier<SecurityPolicy> security) {
        Line fast = FastLine.parse(utf8);
        if (fast != null) return fast;
        JsonNode root = LineScanner.scan(utf8);
        if (root == null) return parse(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), security, false);
        return parsed(root, security);
    }

    /** As {@link #parse(String, Supplier)}; without {@code scan}, every line is read by Jackson (for the tests). */
    static Line parse(String text, Supplier<SecurityPolicy> security, boolean scan) {
        JsonNode root = scan ? LineScanner.scan(text) : null;
        if (root == null) {
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().lines().findFirst().orElse("").trim();
                return new Line("null", null, "malformed JSON: " + msg
                        + (e.getLocation() != null ? " (column " + e.getLocation().getColumnNr() + ")" : ""));
            }
        }
        if (root == null || !root.isObject()) {
            return new Line("null", null, "a batch line must be a JSON object");
        }
        return parsed(root, security);
    }

    private static Line parsed(JsonNode root, Supplier<SecurityPolicy> security) {
        String id = root.has("id") ? LineScanner.json(root.get("id")) : "null";
        try {
            return new Line(id, query(root, security), null);
        } catch (InputException e) {
            return new Line(id, null, e.getMessage());
        }
    }

    static AccessQuery query(JsonNode root, Supplier<SecurityPolicy> security) {
        known(root, TOP, "");
        if (!root.has("id") || root.get("id").isNull() || root.get("id").isContainerNode()) {
            throw InputException.at("id", "required: a string or number that names the line");
        }
        JsonNode caller = object(root, "caller", true);
        known(caller, CALLER, "caller.");
        JsonNode target = object(root, "target", true);
        known(target, TARGET, "target.");
        ObjectKind object = ObjectKind.PROCESS;
        if (present(target, "object")) {
            object = ObjectKind.byId(text(target.get("object"), "target.object"));
            if (object == null) throw InputException.at("target.object", "expected process, thread or token, got " + target.get("object"));
        }
        PsProtection callerP = protection(caller, "caller.protection");
        PsProtection targetP = protection(target, "target.protection");
        if (!present(root, "desired")) throw InputException.at("desired", "required");
        int desired = mask(root.get("desired"), "desired", object, false);
        AccessMode mode = AccessMode.USER;
        if (present(root, "mode")) {
            mode = AccessMode.byId(text(root.get("mode"), "mode"));
            if (mode == null) throw InputException.at("mode", "expected user or kernel, got " + root.get("mode"));
        }
        Relation relation = Relation.NONE;
        if (present(root, "relation")) {
            relation = Relation.byId(text(root.get("relation"), "relation"));
            if (relation == null) throw InputException.at("relation", "expected none, self, parent or stale-parent, got " + root.get("relation"));
        }
        String build = present(root, "build") ? text(root.get("build"), "build") : AccessQuery.DEFAULT_BUILD;
        Integer sdGranted = present(root, "sdGranted") ? mask(root.get("sdGranted"), "sdGranted", object, true) : null;
        boolean force = bool(root, "forceAccessCheck", "forceAccessCheck");
        boolean callerPico = bool(caller, "pico", "caller.pico");
        PicoProvider targetPico = null;
        if (present(target, "pico")) {
            JsonNode p = object(target, "pico", false);
            known(p, PICO, "target.pico.");
            if (!present(p, "openProcess") || !present(p, "openThread")) {
                throw InputException.at("target.pico", "needs both openProcess and openThread masks");
            }
            targetPico = new PicoProvider(rawMask(p.get("openProcess"), "target.pico.openProcess"), rawMask(p.get("openThread"), "target.pico.openThread"));
        }
        boolean dut = bool(target, "disallowUserTerminate", "target.disallowUserTerminate");
        AccessQuery q = new AccessQuery(callerP, callerPico, targetP, object, desired, mode, force, relation, build, sdGranted, targetPico, dut);
        return withSecurity(q, root, caller, target, security);
    }

    /** The fields of the security-descriptor stage; none given leaves the query as the protection-only contract reads it. */
    private static AccessQuery withSecurity(AccessQuery q, JsonNode root, JsonNode caller, JsonNode target, Supplier<SecurityPolicy> security) {
        if (present(root, "operation")) {
            Operation op = Operation.byId(text(root.get("operation"), "operation"));
            if (op == null) throw InputException.at("operation", "expected open, duplicate or debug, got " + root.get("operation"));
            q = q.withOperation(op);
        }
        if (present(root, "sourceAccess")) q = q.withSourceAccess(mask(root.get("sourceAccess"), "sourceAccess", q.object(), true));
        if (present(target, "sd")) {
            String sddl = text(target.get("sd"), "target.sd");
            SecurityDescriptor sd;
            try {
                sd = Sddl.parse(sddl);
            } catch (InputException e) {
                throw InputException.at("target.sd", e.getMessage());
            }
            q = q.withSd(sd);
        }
        if (present(caller, "token")) {
            if (q.sdGranted() != null) {
                // one stand-in or the other: the access check computes what sdGranted would state (spec §3.1 step 3b)
                throw InputException.at("sdGranted", "must be absent when caller.token is given: the security-descriptor stage decides");
            }
            Token t = TokenSpelling.read(caller.get("token"), "caller.token").resolve(security.get(), q.caller());
            q = q.withToken(t);
        }
        if (present(target, "token")) {
            Token t = TokenSpelling.read(target.get("token"), "target.token").resolve(security.get(), q.target());
            q = q.withTargetToken(t);
        }
        return q;
    }

    private static void known(JsonNode node, Set<String> fields, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw InputException.at(prefix + f, "unknown field (expected one of: " + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n != null && !n.isNull();
    }

    private static JsonNode object(JsonNode parent, String field, boolean required) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (required) throw InputException.at(field, "required");
            return null;
        }
        if (!n.isObject()) throw InputException.at(field, "expected an object");
        return n;
    }

    private static String text(JsonNode n, String field) {
        if (!n.isTextual()) throw InputException.at(field, "expected a string, got " + n);
        return n.asText();
    }

    private static boolean bool(JsonNode parent, String field, String path) {
        if (!present(parent, field)) return false;
        JsonNode n = parent.get(field);
        if (!n.isBoolean()) throw InputException.at(path, "expected true or false, got " + n);
        return n.asBoolean();
    }

    private static PsProtection protection(JsonNode parent, String path) {
        String field = path.substring(path.indexOf('.') + 1);
        if (!present(parent, field)) throw InputException.at(path, "required");
        JsonNode n = parent.get(field);
        try {
            if (n.isIntegralNumber()) {
                if (!n.canConvertToLong()) throw new InputException("protection " + n + " is not a byte (0..255)");
                long v = n.asLong();
                if (v < 0 || v > 0xFF) throw new InputException("protection " + v + " is not a byte (0..255)");
                return new PsProtection((int) v);
            }
            return spelledProtection(text(n, path));
        } catch (InputException e) {
            throw e.getMessage().startsWith(path + ":") ? e : InputException.at(path, e.getMessage());
        }
    }

    private static int mask(JsonNode n, String path, ObjectKind object, boolean granted) {
        try {
            if (n.isIntegralNumber() && !n.canConvertToLong()) throw new InputException(n + " does not fit 32 bits");
            String text = n.isIntegralNumber() ? Long.toString(n.asLong()) : text(n, path);
            return spelledMask(text, object, granted);
        } catch (InputException e) {
            throw e.getMessage().startsWith(path + ":") ? e : InputException.at(path, e.getMessage());
        }
    }

    private static int rawMask(JsonNode n, String path) {
        try {
            if (n.isIntegralNumber() && !n.canConvertToLong()) throw new InputException(n + " does not fit 32 bits");
            return (int) Spelling.number(n.isIntegralNumber() ? Long.toString(n.asLong()) : text(n, path), "mask");
        } catch (InputException e) {
            throw e.getMessage().startsWith(path + ":") ? e : InputException.at(path, e.getMessage());
        }
    }

    /** The output line for a decision, in the contract's field order. */
    public static String decisionLine(String id, Decision d) {
        return decisionLine(id, d, ExplainMode.OFF);
    }

    /** As {@link #decisionLine(String, Decision)}, plus {@code "stages"} after the rules unless {@code explain} is off. */
    public static String decisionLine(String id, Decision d, ExplainMode explain) {
        StringBuilder b = new StringBuilder(160);
        b.append(LINE_START).append(id)
                .append(",\"status\":\"").append(d.status().name())
                .append("\",\"ntstatus\":\"").append(d.status().hex())
                .append("\",\"granted\":\"").append(d.grantedHex())
                .append("\",\"rules\":[");
        for (int i = 0; i < d.rules().size(); i++) {
            if (i > 0) b.append(',');
            b.append('"').append(d.rules().get(i)).append('"');
        }
        b.append(']');
        if (explain != ExplainMode.OFF) {
            try {
                b.append(",\"stages\":").append(JSON.writeValueAsString(StagesJson.of(d, explain)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.append('}').toString();
    }

    public static String errorLine(String id, String message) {
        try {
            return LINE_START + id + ",\"error\":" + JSON.writeValueAsString(message) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
