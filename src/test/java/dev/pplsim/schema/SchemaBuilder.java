package dev.pplsim.schema;

import dev.pplsim.policy.Mask;
import dev.pplsim.request.RequestField;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds JSON Schemas (draft 2020-12) from the records the policy readers deserialize: a record is an object with
 * one property per component, in component order, {@code required} from {@code @JsonProperty(required = true)} (on
 * the component, or on the parameters of its {@code @JsonCreator} factory) and {@code additionalProperties: false}
 * (the mapper fails on unknown properties). A component's schema follows from its Java type; what the type does not
 * say (a String that is a spelling, a JsonNode, a Map) is given by hand, as are every title and description and the
 * rules the constructors check across fields. A component without a description, or a description of a component
 * the record does not have, is an error: the notes cannot drift from the records.
 */
final class SchemaBuilder {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SchemaBuilder() {
    }

    // ---- the hand-written part of a type ------------------------------------------------------------------------

    /** What the record does not say about one property: its description, and its schema when the Java type is not enough. */
    record Prop(String description, Function<Doc, JsonNode> schema) {
    }

    /** A record's title and description, its properties' notes and the keywords of its cross-field rules. */
    static final class Notes {
        final String title;
        final String description;
        final Map<String, Prop> props = new LinkedHashMap<>();
        final List<Function<Doc, ObjectNode>> rules = new ArrayList<>();
        final Set<String> required = new LinkedHashSet<>();

        Notes(String title, String description) {
            this.title = title;
            this.description = description;
        }

        /** A property whose schema follows from its Java type. */
        Notes field(String name, String description) {
            return field(name, description, null);
        }

        Notes field(String name, String description, Function<Doc, JsonNode> schema) {
            if (props.put(name, new Prop(description, schema)) != null) throw new IllegalStateException(title + ": " + name + " noted twice");
            return this;
        }

        /** Keywords the reader's cross-field checks become (oneOf, not, if/then...), merged into the object's schema. */
        Notes rule(Function<Doc, ObjectNode> keywords) {
            rules.add(keywords);
            return this;
        }

        /** Required fields the reader checks in code rather than by annotation (a field table's reader). */
        Notes required(String... names) {
            required.addAll(List.of(names));
            return this;
        }
    }

    // ---- one schema file ---------------------------------------------------------------------------------------

    /** One schema document being built: its $defs, filled as references are made, and the notes of its records. */
    static final class Doc {
        private final Map<Class<?>, Notes> notes;
        private final Map<String, JsonNode> defs = new LinkedHashMap<>();
        private final Map<String, Object> owners = new LinkedHashMap<>();

        Doc(Map<Class<?>, Notes> notes) {
            this.notes = notes;
        }

        /** A reference to the named definition, made by {@code def} the first time. */
        JsonNode ref(String name, Supplier<JsonNode> def) {
            return ref(name, name, def);
        }

        private JsonNode ref(String name, Object owner, Supplier<JsonNode> def) {
            Object had = owners.putIfAbsent(name, owner);
            if (had != null && !had.equals(owner)) throw new IllegalStateException("two definitions named " + name + ": " + had + ", " + owner);
            if (had == null) {
                // a placeholder first, so a record that refers to itself does not recurse forever
                defs.put(name, F.nullNode());
                defs.put(name, def.get());
            }
            return obj("$ref", "#/$defs/" + name);
        }

        /** A reference to a record's definition. */
        JsonNode ref(Class<?> record) {
            return ref(record.getSimpleName(), record, () -> record(record));
        }

        /** The schema of a record read by the policy mapper. */
        ObjectNode record(Class<?> record) {
            Notes n = notes.get(record);
            if (n == null) throw new IllegalStateException(record.getName() + " has no notes: give it a title, a description and one per component");
            Map<String, Type> types = new LinkedHashMap<>();
            Set<String> required = new LinkedHashSet<>();
            for (RecordComponent c : record.getRecordComponents()) {
                types.put(c.getName(), c.getGenericType());
                JsonProperty p;
                try {
                    p = record.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
                if (p != null && p.required()) required.add(c.getName());
            }
            Executable creator = creator(record);
            if (creator != null) {
                // a factory that reads its own fields (BuildFile.Row reads a signer by number or name)
                types.clear();
                required.clear();
                for (Parameter p : creator.getParameters()) {
                    JsonProperty jp = p.getAnnotation(JsonProperty.class);
                    if (jp == null || jp.value().isEmpty()) throw new IllegalStateException(creator + ": a parameter without @JsonProperty");
                    types.put(jp.value(), p.getParameterizedType());
                    if (jp.required()) required.add(jp.value());
                }
            }
            required.addAll(n.required);
            return object(n, types, required, record.getName());
        }

        /**
         * The schema of a request read through a field table ({@code CreateField}, {@code LoadField}): one property per
         * field a scenario names, every schema given by hand (the readers take a JsonNode and spell it).
         */
        ObjectNode fields(Class<? extends Enum<?>> table, Notes n) {
            Map<String, Type> types = new LinkedHashMap<>();
            for (Enum<?> e : table.getEnumConstants()) {
                String key = ((RequestField) e).scenario();
                if (!key.isEmpty()) types.put(key, JsonNode.class);
            }
            return object(n, types, n.required, table.getName());
        }

        private ObjectNode object(Notes n, Map<String, Type> types, Set<String> required, String what) {
            for (String p : n.props.keySet()) {
                if (!types.containsKey(p)) throw new IllegalStateException(what + " has no field " + p + " (known: " + types.keySet() + ")");
            }
            ObjectNode s = F.objectNode();
            s.put("title", n.title);
            s.put("description", n.description);
            s.put("type", "object");
            if (!required.isEmpty()) s.set("required", strings(required));
            ObjectNode props = s.putObject("properties");
            for (var e : types.entrySet()) {
                Prop p = n.props.get(e.getKey());
                if (p == null) throw new IllegalStateException(what + "." + e.getKey() + " has no description");
                JsonNode schema = p.schema() != null ? p.schema().apply(this) : of(e.getValue(), what + "." + e.getKey());
                props.set(e.getKey(), described(p.description(), schema));
            }
            s.put("additionalProperties", false);
            for (var r : n.rules) {
                ObjectNode rule = r.apply(this);
                boolean clash = false;
                for (var it = rule.fieldNames(); it.hasNext(); ) clash |= s.has(it.next());
                // a rule that says more of a keyword the object has (properties, allOf) joins it under allOf
                if (clash) ((ArrayNode) (s.has("allOf") ? s.get("allOf") : s.putArray("allOf"))).add(rule);
                else merge(s, rule);
            }
            return s;
        }

        /** The schema a Java type gives. */
        JsonNode of(Type t, String where) {
            if (t == String.class) return obj("type", "string");
            if (t == Boolean.class || t == boolean.class) return obj("type", "boolean");
            if (t == Long.class || t == long.class) return ref("dword", Values::dword);
            if (t == Integer.class || t == int.class) return ref("int31", Values::int31);
            if (t == Mask.class) return ref("mask", Values::mask);
            if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
                ObjectNode a = obj("type", "array");
                a.set("items", of(p.getActualTypeArguments()[0], where + "[]"));
                return a;
            }
            if (t instanceof Class<?> c && c.isRecord()) return ref(c);
            throw new IllegalStateException(where + ": a " + t.getTypeName() + " needs its schema given by hand");
        }

        /** The finished document: the root record's schema, with the definitions after it. */
        ObjectNode document(ObjectNode root) {
            ObjectNode d = F.objectNode();
            d.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            merge(d, root);
            ObjectNode defsNode = d.putObject("$defs");
            defs.keySet().stream().sorted().forEach(k -> defsNode.set(k, defs.get(k)));
            return d;
        }
    }

    /** The static {@code @JsonCreator} factory of a record, when it has one. */
    private static Executable creator(Class<?> record) {
        for (Method m : record.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonCreator.class)) return m;
        }
        return null;
    }

    // ---- JSON helpers ------------------------------------------------------------------------------------------

    /** A description before the schema's own keywords. */
    static ObjectNode described(String description, JsonNode schema) {
        ObjectNode out = F.objectNode();
        out.put("description", description);
        merge(out, (ObjectNode) schema);
        return out;
    }

    static void merge(ObjectNode into, ObjectNode from) {
        for (var it = from.fields(); it.hasNext(); ) {
            var e = it.next();
            if (into.has(e.getKey()) && !e.getKey().equals("description")) throw new IllegalStateException("keyword " + e.getKey() + " given twice");
            into.set(e.getKey(), e.getValue());
        }
    }

    /** An object of alternating keys and values (String, Number, Boolean, JsonNode, or a collection of strings). */
    static ObjectNode obj(Object... kv) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            String k = (String) kv[i];
            Object v = kv[i + 1];
            if (v instanceof String s) o.put(k, s);
            else if (v instanceof Integer n) o.put(k, n);
            else if (v instanceof Long n) o.put(k, n);
            else if (v instanceof Boolean b) o.put(k, b);
            else if (v instanceof JsonNode n) o.set(k, n);
            else if (v instanceof Collection<?> c) o.set(k, strings(c));
            else throw new IllegalArgumentException(k + ": " + v);
        }
        return o;
    }

    static ArrayNode strings(Collection<?> values) {
        ArrayNode a = F.arrayNode();
        for (Object v : values) a.add(String.valueOf(v));
        return a;
    }

    static ArrayNode array(JsonNode... items) {
        ArrayNode a = F.arrayNode();
        for (JsonNode n : items) a.add(n);
        return a;
    }

    /** {@code anyOf} of the alternatives. */
    static ObjectNode anyOf(JsonNode... alternatives) {
        return obj("anyOf", array(alternatives));
    }

    static ObjectNode oneOf(JsonNode... alternatives) {
        return obj("oneOf", array(alternatives));
    }

    static ObjectNode allOf(JsonNode... parts) {
        return obj("allOf", array(parts));
    }

    static ObjectNode required(String... names) {
        return obj("required", List.of(names));
    }

    /** Not more than one of the fields. */
    static ObjectNode atMostOne(String... names) {
        List<JsonNode> pairs = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            for (int j = i + 1; j < names.length; j++) pairs.add(required(names[i], names[j]));
        }
        return obj("not", anyOf(pairs.toArray(JsonNode[]::new)));
    }

    /** Exactly one of the fields. */
    static ObjectNode exactlyOne(String... names) {
        List<JsonNode> each = new ArrayList<>();
        for (String n : names) each.add(required(n));
        return oneOf(each.toArray(JsonNode[]::new));
    }

    /** None of the fields. */
    static ObjectNode none(String... names) {
        List<JsonNode> each = new ArrayList<>();
        for (String n : names) each.add(required(n));
        return obj("not", anyOf(each.toArray(JsonNode[]::new)));
    }

    static ObjectNode string(String pattern) {
        return obj("type", "string", "pattern", pattern);
    }

    static ObjectNode integer(long min, long max) {
        return obj("type", "integer", "minimum", min, "maximum", max);
    }

    static ObjectNode arrayOf(JsonNode items) {
        return obj("type", "array", "items", items);
    }

    /** A regular expression alternative of the names, each escaped. */
    static String alt(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) out.add(escape(n));
        return "(?:" + String.join("|", out) + ")";
    }

    /** Escapes a regular expression's metacharacters (ECMA-262, as JSON Schema's pattern is). */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            // only syntax characters: an identity escape of another ('\\-') is an error in a Unicode-mode pattern
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    // ---- output -------------------------------------------------------------------------------------------------

    /** The document as checked in: two-space indents, short arrays and keyword objects on one line. */
    static String write(JsonNode n) {
        StringBuilder b = new StringBuilder();
        write(n, 0, b);
        return b.append('\n').toString();
    }

    private static final int WIDTH = 118;

    private static void write(JsonNode n, int indent, StringBuilder b) {
        String flat = flat(n);
        boolean described = n.isObject() && n.has("description");
        if (!n.isContainerNode() || (!described && indent + flat.length() <= WIDTH && !containsDescribed(n))) {
            b.append(flat);
            return;
        }
        String pad = " ".repeat(indent + 2);
        if (n.isObject()) {
            if (n.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            var it = n.fields();
            while (it.hasNext()) {
                var e = it.next();
                b.append(pad).append(F.textNode(e.getKey())).append(": ");
                write(e.getValue(), indent + 2, b);
                b.append(it.hasNext() ? ",\n" : "\n");
            }
            b.append(" ".repeat(indent)).append('}');
            return;
        }
        boolean scalars = true;
        for (JsonNode e : n) scalars &= !e.isContainerNode();
        b.append("[\n");
        if (scalars) {
            // packed, several to a line, as an enum of names reads best
            StringBuilder line = new StringBuilder(pad);
            for (int i = 0; i < n.size(); i++) {
                String item = n.get(i).toString() + (i + 1 < n.size() ? "," : "");
                if (line.length() > pad.length() && line.length() + 1 + item.length() > WIDTH) {
                    b.append(line).append('\n');
                    line = new StringBuilder(pad);
                }
                if (line.length() > pad.length()) line.append(' ');
                line.append(item);
            }
            b.append(line).append('\n');
        } else {
            for (int i = 0; i < n.size(); i++) {
                b.append(pad);
                write(n.get(i), indent + 2, b);
                b.append(i + 1 < n.size() ? ",\n" : "\n");
            }
        }
        b.append(" ".repeat(indent)).append(']');
    }

    private static boolean containsDescribed(JsonNode n) {
        for (JsonNode c : n) {
            if (c.isObject() && c.has("description")) return true;
            if (c.isContainerNode() && containsDescribed(c)) return true;
        }
        return false;
    }

    /** One line, with a space after each colon and comma. */
    private static String flat(JsonNode n) {
        if (n.isObject()) {
            List<String> parts = new ArrayList<>();
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                parts.add(F.textNode(e.getKey()) + ": " + flat(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : n) parts.add(flat(e));
            return "[" + String.join(", ", parts) + "]";
        }
        return n.toString();
    }
}
