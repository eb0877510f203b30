package dev.pplsim.request;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The reader skeleton every kind of request shares. The kind's field table (an enum of {@link RequestField}, in the
 * order its fields are read) is all there is to say about its shape: a batch line's keys, the objects its fields
 * nest in ({@code creator.protection}), a scenario's keys. Each kind's reader only spells its fields into its query,
 * through {@link Given}, and an error in a field is named as the entry point the user typed names it.
 */
public final class Fields<F extends Enum<F> & RequestField> {

    private final F[] all;
    private final Set<String> top = new TreeSet<>(Set.of("id", "op"));
    /** The objects a batch line nests fields in, in the order a line's are checked, each with its keys. */
    private final Map<String, Set<String>> objects = new LinkedHashMap<>();
    /** Per field: which of the line (0) and its objects (1..) holds it, and under which key. */
    private final int[] scope;
    private final String[] key;
    private final Set<String> scenarioKeys = new TreeSet<>();

    /** @param objects the objects a batch line must hold, in the order a missing one is reported */
    public Fields(Class<F> type, String... objects) {
        all = type.getEnumConstants();
        for (String o : objects) this.objects.put(o, new TreeSet<>());
        var names = this.objects.keySet().stream().toList();
        scope = new int[all.length];
        key = new String[all.length];
        for (F f : all) {
            String path = f.batch();
            int dot = path.indexOf('.');
            if (dot < 0) {
                top.add(path);
                key[f.ordinal()] = path;
            } else {
                String object = path.substring(0, dot);
                this.objects.get(object).add(path.substring(dot + 1));
                scope[f.ordinal()] = names.indexOf(object) + 1;
                key[f.ordinal()] = path.substring(dot + 1);
            }
            if (!f.scenario().isEmpty()) scenarioKeys.add(f.scenario());
        }
        top.addAll(names);
    }

    /** The values a batch line gives, once its shape is checked: no unknown key, an id, each object there. */
    public Function<F, JsonNode> batch(JsonNode root) {
        known(root, top, "");
        if (!root.has("id") || root.get("id").isNull() || root.get("id").isContainerNode()) {
            throw InputException.at("id", "required: a string or number that names the line");
        }
        JsonNode[] scopes = new JsonNode[objects.size() + 1];
        scopes[0] = root;
        int i = 1;
        for (var o : objects.entrySet()) {
            JsonNode n = root.get(o.getKey());
            if (n == null || n.isNull()) throw InputException.at(o.getKey(), "required");
            if (!n.isObject()) throw InputException.at(o.getKey(), "expected an object");
            known(n, o.getValue(), o.getKey() + ".");
            scopes[i++] = n;
        }
        return f -> scopes[scope[f.ordinal()]].get(key[f.ordinal()]);
    }

    /** The values a scenario's map gives, once each key is checked to be a field's. */
    public Function<F, JsonNode> scenario(Map<String, JsonNode> fields) {
        for (String k : fields.keySet()) {
            if (!scenarioKeys.contains(k)) {
                throw InputException.at(k, "unknown field '" + k + "' (expected one of: " + String.join(", ", scenarioKeys) + ")");
            }
        }
        return f -> fields.get(f.scenario());
    }

    /** The query {@code read} spells from the values given, its errors named as {@code form} names the field. */
    public <Q> Q read(Form form, Function<F, JsonNode> values, Function<Given<F>, Q> read) {
        JsonNode[] v = new JsonNode[all.length];
        for (F f : all) {
            JsonNode n = values.apply(f);
            v[f.ordinal()] = n == null || n.isNull() ? null : n;
        }
        try {
            return read.apply(new Given<>(form, v));
        } catch (InputException e) {
            throw e.in(form);
        }
    }

    /** Refuses a field of {@code node} not in {@code fields}, naming it with its path. */
    static void known(JsonNode node, Set<String> fields, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw InputException.at(prefix + f, "unknown field (expected one of: " + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A request's values by field (null for one not given), with the spellings every kind reads its fields with. */
    public static final class Given<F extends Enum<F> & RequestField> {
        private final Form form;
        private final JsonNode[] values;

        Given(Form form, JsonNode[] values) {
            this.form = form;
            this.values = values;
        }

        public Form form() { return form; }

        /** The value given, or null. */
        public JsonNode get(F f) { return values[f.ordinal()]; }

        /** {@code spelling} of the value given, or {@code absent}; a spelling's error is the field's. */
        public <T> T read(F f, T absent, Function<JsonNode, T> spelling) {
            JsonNode n = get(f);
            return n == null ? absent : at(f, () -> spelling.apply(n));
        }

        /** {@code spelling} of a value that must be given. */
        public <T> T required(F f, Function<JsonNode, T> spelling) {
            if (get(f) == null) throw InputException.at(f, "required");
            return read(f, null, spelling);
        }

        /** The text given, or {@code absent}. */
        public String text(F f, String absent) {
            return read(f, absent, n -> string(f, n));
        }

        /** {@code n} as the text it must be. */
        public String string(F f, JsonNode n) {
            if (!n.isTextual()) throw InputException.at(f, "expected a string, got " + n);
            return n.asText();
        }

        /** A JSON boolean given, or {@code absent}. */
        public boolean bool(F f, boolean absent) {
            return read(f, absent, n -> {
                if (!n.isBoolean()) throw InputException.at(f, "expected true or false, got " + n);
                return n.asBoolean();
            });
        }

        /** How the form names another field in a message. */
        public String name(F f) { return form.name(f); }

        /** A refused value as the form quotes it. */
        public String shown(JsonNode n) { return form.shown(n); }

        /** Runs a spelling, naming the field in its error unless it already names one. */
        private static <T> T at(RequestField f, Supplier<T> read) {
            try {
                return read.get();
            } catch (InputException e) {
                throw e.field() != null ? e : InputException.at(f, e.getMessage());
            }
        }
    }
}
