package dev.pplsim.request;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.Token;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one reader from a request's fields to an {@link AccessQuery}: a batch line's JSON tree, the CLI's options and
 * a scenario's request all give their values by {@link Field} and are read here, field by field in {@link Field}'s
 * order, with the same spellings, defaults and checks; only the names in errors and the shape of a Pico provider's
 * masks follow the {@link Form}. Token presets are asked for only when a request names a token.
 */
public final class RequestReader {

    private RequestReader() {
    }

    /** JSON as the contracts want it: one value a line, no duplicate keys. */
    public static ObjectMapper strictJson() {
        ObjectMapper m = new ObjectMapper();
        m.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return m;
    }

    /** The field table an open is read by. */
    private static final Fields<Field> FIELDS = new Fields<>(Field.class, "caller", "target");
    private static final Set<String> PICO = Set.of("openProcess", "openThread");

    /**
     * A batch line's request (the id is checked, not read: the line echoes it); {@code presets} is asked only by a
     * line that names a token, so a protection-only batch never loads the security policy.
     */
    public static AccessQuery batch(JsonNode root, Supplier<? extends TokenPresets> presets) {
        return read(Form.BATCH, FIELDS.batch(root), presets);
    }

    /**
     * The request {@code values} give (null or JSON null for a field not given). Without {@code presets} the tokens are
     * checked but not resolved: a file read before its policies are known still reports its errors where they are.
     */
    public static AccessQuery read(Form form, Function<Field, JsonNode> values, Supplier<? extends TokenPresets> presets) {
        Map<Field, Object> v = fields(form, values, presets, true);
        ObjectKind object = (ObjectKind) v.getOrDefault(Field.OBJECT, ObjectKind.PROCESS);
        AccessQuery q = new AccessQuery((PsProtection) v.get(Field.CALLER), (Boolean) v.getOrDefault(Field.CALLER_PICO, false),
                (PsProtection) v.get(Field.TARGET), object, (Integer) v.getOrDefault(Field.DESIRED, 0),
                (AccessMode) v.getOrDefault(Field.MODE, AccessMode.USER), (Boolean) v.getOrDefault(Field.FORCE, false),
                (Relation) v.getOrDefault(Field.RELATION, Relation.NONE), (String) v.getOrDefault(Field.BUILD, AccessQuery.DEFAULT_BUILD),
                (Integer) v.get(Field.SD_GRANTED), (PicoProvider) v.get(Field.TARGET_PICO), (Boolean) v.getOrDefault(Field.DISALLOW_USER_TERMINATE, false));
        if (v.containsKey(Field.OPERATION)) q = q.withOperation((Operation) v.get(Field.OPERATION));
        if (!v.containsKey(Field.DESIRED) && q.operation() == Operation.OPEN) {
            throw error(form, Field.DESIRED, "required for an open (a duplicate defaults to the source handle's access, a debugger attach to PROCESS_SUSPEND_RESUME)");
        }
        if (v.containsKey(Field.SOURCE_ACCESS)) q = q.withSourceAccess((Integer) v.get(Field.SOURCE_ACCESS));
        if (v.containsKey(Field.SD)) q = q.withSd((dev.pplsim.model.SecurityDescriptor) v.get(Field.SD));
        if (v.get(Field.TOKEN) instanceof Token t) q = q.withToken(t);
        if (v.get(Field.TARGET_TOKEN) instanceof Token t) q = q.withTargetToken(t);
        if (v.containsKey(Field.CALLER_KIND) || v.containsKey(Field.TARGET_KIND)) {
            q = q.withKinds((ProcessKind) v.get(Field.CALLER_KIND), (ProcessKind) v.get(Field.TARGET_KIND));
        }
        return q;
    }

    /**
     * Checks each field given on its own, without asking for the required ones: for a request whose protections come
     * from elsewhere (a scenario on a system catalog names processes).
     */
    public static void check(Form form, Function<Field, JsonNode> values) {
        fields(form, values, null, false);
    }

    /**
     * Each field given, read in order: the masks after the object they are rights of, each token (resolved with its
     * process's protection) as soon as it is read (without presets, tokens are checked, not resolved); not
     * {@code whole}, nothing is required.
     */
    private static Map<Field, Object> fields(Form form, Function<Field, JsonNode> values, Supplier<? extends TokenPresets> presets, boolean whole) {
        Map<Field, Object> v = new EnumMap<>(Field.class);
        ObjectKind object = ObjectKind.PROCESS;
        for (Field f : Field.values()) {
            JsonNode n = values.apply(f);
            if (n == null || n.isNull()) {
                boolean required = f == Field.CALLER || f == Field.TARGET || (f == Field.DESIRED && form != Form.CLI);
                if (whole && required) throw error(form, f, "required");
                continue;
            }
            if (f == Field.TOKEN && v.containsKey(Field.SD_GRANTED)) {
                // one stand-in or the other: the access check computes what sdGranted would state (spec §3.1 step 3b)
                throw error(form, Field.SD_GRANTED, "must be absent when " + form.mention(Field.TOKEN) + " is given: the security-descriptor stage decides");
            }
            if (f == Field.TARGET_PICO) {
                v.put(f, pico(form, n)); // its errors name the provider's own masks
                continue;
            }
            if (f == Field.TOKEN || f == Field.TARGET_TOKEN) {
                TokenSpelling.Spec spec = TokenSpelling.read(n, form.name(f)); // its errors name the token's own fields
                if (presets != null) v.put(f, spec.resolve(presets.get(), (PsProtection) v.get(f == Field.TOKEN ? Field.CALLER : Field.TARGET)));
                continue;
            }
            try {
                v.put(f, value(form, f, n, object));
            } catch (InputException e) {
                throw named(form, f, e);
            }
            if (f == Field.OBJECT) object = (ObjectKind) v.get(f);
        }
        return v;
    }

    private static Object value(Form form, Field f, JsonNode n, ObjectKind object) {
        return switch (f) {
            case OBJECT -> Spelling.named(ObjectKind.values(), ObjectKind::id, text(form, f, n), form.shown(n));
            case CALLER, TARGET -> protection(form, f, n);
            case DESIRED -> mask(form, f, n, object, false);
            case SD_GRANTED, SOURCE_ACCESS -> mask(form, f, n, object, true);
            case MODE -> Spelling.named(AccessMode.values(), AccessMode::id, text(form, f, n), form.shown(n));
            case RELATION -> Spelling.named(Relation.values(), Relation::id, text(form, f, n), form.shown(n));
            case OPERATION -> Spelling.named(Operation.values(), Operation::id, text(form, f, n), form.shown(n));
            case BUILD -> text(form, f, n);
            case FORCE, CALLER_PICO, DISALLOW_USER_TERMINATE -> bool(form, f, n);
            case SD -> Sddl.parse(text(form, f, n));
            case CALLER_KIND, TARGET_KIND -> Spelling.named(ProcessKind.values(), ProcessKind::id, text(form, f, n), form.shown(n));
            case TARGET_PICO, TOKEN, TARGET_TOKEN -> throw new IllegalArgumentException(f + " names its own paths in errors");
        };
    }

    private static InputException error(Form form, Field f, String message) {
        return InputException.at(f, message).in(form);
    }

    /** A spelling's error as the field's, named as the form names it; one that already has its field is kept. */
    private static InputException named(Form form, Field f, InputException e) {
        return e.field() != null ? e : error(form, f, e.getMessage());
    }

    private static String text(Form form, Field f, JsonNode n) {
        if (!n.isTextual()) throw error(form, f, "expected a string, got " + n);
        return n.asText();
    }

    private static boolean bool(Form form, Field f, JsonNode n) {
        if (!n.isBoolean()) throw error(form, f, "expected true or false, got " + n);
        return n.asBoolean();
    }

    private static PsProtection protection(Form form, Field f, JsonNode n) {
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) throw new InputException("protection " + n + " is not a byte (0..255)");
            long v = n.asLong();
            if (v < 0 || v > 0xFF) throw new InputException("protection " + v + " is not a byte (0..255)");
            return new PsProtection((int) v);
        }
        return spelledProtection(text(form, f, n));
    }

    private static int mask(Form form, Field f, JsonNode n, ObjectKind object, boolean granted) {
        if (n.isIntegralNumber() && !n.canConvertToLong()) throw new InputException(n + " does not fit 32 bits");
        return spelledMask(n.isIntegralNumber() ? Long.toString(n.asLong()) : text(form, f, n), object, granted);
    }

    /** A Pico provider's two masks: a batch line's object, the CLI's {@code A,B}, a scenario's two-item list. */
    private static PicoProvider pico(Form form, JsonNode n) {
        JsonNode process, thread;
        String at = form.name(Field.TARGET_PICO);
        switch (form) {
            case BATCH -> {
                if (!n.isObject()) throw error(form, Field.TARGET_PICO, "expected an object");
                Fields.known(n, PICO, "target.pico.");
                process = n.get("openProcess");
                thread = n.get("openThread");
                if (process == null || process.isNull() || thread == null || thread.isNull()) {
                    throw error(form, Field.TARGET_PICO, "needs both openProcess and openThread masks");
                }
            }
            case CLI -> {
                String[] parts = n.asText().split(",", -1);
                if (parts.length != 2) throw error(form, Field.TARGET_PICO, "expected OPENPROCESS,OPENTHREAD masks, got " + form.shown(n));
                process = TextNode.valueOf(parts[0]);
                thread = TextNode.valueOf(parts[1]);
            }
            default -> {
                if (!n.isArray() || n.size() != 2) throw error(form, Field.TARGET_PICO, "expected [OPENPROCESS, OPENTHREAD] masks");
                process = n.get(0);
                thread = n.get(1);
            }
        }
        return new PicoProvider(rawMask(process, form == Form.BATCH ? at + ".openProcess" : at),
                rawMask(thread, form == Form.BATCH ? at + ".openThread" : at));
    }

    private static int rawMask(JsonNode n, String path) {
        try {
            if (n.isIntegralNumber() && !n.canConvertToLong()) throw new InputException(n + " does not fit 32 bits");
            if (!n.isIntegralNumber() && !n.isTextual()) throw new InputException("expected a string, got " + n);
            return (int) Spelling.number(n.isIntegralNumber() ? Long.toString(n.asLong()) : n.asText(), "mask");
        } catch (InputException e) {
            throw InputException.at(path, e.getMessage()); // Spelling's messages name no field
        }
    }

    /** A CLI option that holds a JSON value: an object when it starts with a brace, else the string it is. */
    public static JsonNode jsonOrString(String text, String option) {
        if (!text.trim().startsWith("{")) return TextNode.valueOf(text.trim());
        try {
            return new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw InputException.at(option, "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    // lines repeat their spellings; parsing each once keeps the batch path lean (bounded, cleared when full)
    private static final int MEMO_MAX = 4096;
    private static final Map<String, PsProtection> PROTECTIONS = new ConcurrentHashMap<>();
    /** Per object and kind (desired, granted): spelling to mask; two levels, so a lookup builds no key string. */
    private static final Map<String, Integer>[][] MASKS = masks();

    @SuppressWarnings("unchecked")
    private static Map<String, Integer>[][] masks() {
        Map<String, Integer>[][] m = new Map[ObjectKind.values().length][2];
        for (Map<String, Integer>[] row : m) {
            for (int k = 0; k < 2; k++) row[k] = new ConcurrentHashMap<>();
        }
        return m;
    }

    /** {@link Spelling#protection}, remembered. */
    static PsProtection spelledProtection(String text) {
        PsProtection p = PROTECTIONS.get(text);
        if (p == null) {
            p = Spelling.protection(text);
            if (PROTECTIONS.size() >= MEMO_MAX) PROTECTIONS.clear();
            PROTECTIONS.put(text, p);
        }
        return p;
    }

    /** {@link Spelling#desiredMask} or {@link Spelling#grantedMask}, remembered. */
    static int spelledMask(String text, ObjectKind object, boolean granted) {
        Map<String, Integer> memo = MASKS[object.ordinal()][granted ? 1 : 0];
        Integer m = memo.get(text);
        if (m == null) {
            m = granted ? Spelling.grantedMask(text, object) : Spelling.desiredMask(text, object);
            if (memo.size() >= MEMO_MAX) memo.clear();
            memo.put(text, m);
        }
        return m;
    }
}
