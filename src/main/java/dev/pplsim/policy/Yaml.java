package dev.pplsim.policy;

import dev.pplsim.request.InputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict YAML reading: unknown fields, missing required fields and wrong types are errors, reported in one line
 * as {@code file:line:column: field.path: what}. Semantic checks live in the file records' constructors, so
 * Jackson attaches the location to them too.
 */
public final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // fields marked @JsonProperty(required = true) are still enforced; the rest are optional
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a key given twice is an error, not "last wins": a what-if edit must never be silently overridden
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Yaml() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A YAML file as named, or every {@code .yaml} file under a directory, sorted: what test and prove read. */
    public static List<Path> files(Path p) {
        if (Files.isRegularFile(p)) return List.of(p);
        if (!Files.isDirectory(p)) throw InputException.at(p.toString(), "no such file or directory");
        try (java.util.stream.Stream<Path> s = Files.walk(p)) {
            return s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw InputException.at(p.toString(), "cannot read: " + e.getMessage());
        }
    }

    /**
     * As {@link #files}, but a directory with no {@code .yaml} file is an error: "0 passed" or "0 proved" with exit 0
     * would let a mistyped directory pass in CI forever (a file with no case is refused by its own reader).
     */
    public static List<Path> nonEmptyFiles(Path p, String what) {
        List<Path> files = files(p);
        if (files.isEmpty()) throw InputException.at(p.toString(), "no " + what + " files (*.yaml) in this directory, so nothing to run");
        return files;
    }

    public static <T> T read(Path file, String shownName, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            T value;
            try {
                value = MAPPER.readValue(in, type);
            } catch (JsonProcessingException | RuntimeException e) {
                // only a file that fails is walked for misspelt names: a clean read has none (FAIL_ON_UNKNOWN_PROPERTIES),
                // and the walk was three fifths of a first load's time (a second parse plus Jackson's introspection)
                checkFieldNames(file, shownName, type);
                throw e;
            }
            if (value == null) throw InputException.at(shownName, "the file is empty");
            return value;
        } catch (JsonProcessingException e) {
            throw new InputException(describe(shownName, e));
        } catch (IOException e) {
            throw InputException.at(shownName, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Walks the file's tokens against the record types and refuses the first field no record has, with its
     * position. Jackson would report a missing required field of the same object first, which hides a misspelling.
     */
    private static void checkFieldNames(Path file, String shownName, Class<?> type) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(Files.newInputStream(file))) {
            if (p.nextToken() == null) return;
            walk(p, MAPPER.constructType(type), "", shownName);
        } catch (JsonProcessingException e) {
            // syntax errors are reported by the real read, with Jackson's position
        }
    }

    /** The JSON names Jackson binds for a type (record components, creator parameters, renames), with their types. */
    private static java.util.Map<String, com.fasterxml.jackson.databind.JavaType> properties(com.fasterxml.jackson.databind.JavaType type) {
        java.util.Map<String, com.fasterxml.jackson.databind.JavaType> out = new java.util.TreeMap<>();
        var description = MAPPER.getDeserializationConfig().introspect(type);
        for (var prop : description.findProperties()) out.put(prop.getName(), prop.getPrimaryType());
        return out;
    }

    private static void walk(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.JavaType type, String path, String shown) throws IOException {
        var t = p.currentToken();
        if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && type.isMapLikeType()) {
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                walk(p, type.getContentType(), path + "." + key, shown);
            }
        } else if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && type.getRawClass().isRecord()) {
            var fields = properties(type);
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonLocation loc = p.currentLocation();
                var ft = fields.get(name);
                p.nextToken();
                String here = (path.isEmpty() ? "" : path + ".") + name;
                if (ft == null) {
                    throw new InputException(shown + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": " + here
                            + ": unknown field '" + name + "' (expected one of: " + String.join(", ", fields.keySet()) + ")");
                }
                walk(p, ft, here, shown);
            }
        } else if (t == com.fasterxml.jackson.core.JsonToken.START_ARRAY && type.isCollectionLikeType()) {
            int i = 0;
            while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) walk(p, type.getContentType(), path + "[" + i++ + "]", shown);
        } else if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT || t == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
            p.skipChildren();
        }
    }

    /** One line: {@code file:line:column: path: message}, without Jackson's source excerpt or stack. */
    public static String describe(String file, JsonProcessingException e) {
        StringBuilder out = new StringBuilder(file);
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            out.append(':').append(loc.getLineNr()).append(':').append(loc.getColumnNr());
        }
        if (e instanceof JsonMappingException jme) {
            String path = path(jme.getPath());
            if (!path.isEmpty()) out.append(": ").append(path);
        }
        out.append(": ").append(message(e));
        return out.toString();
    }

    /** {@code signers[3].deniedProcessAccess} */
    public static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (p.length() > 0) p.append('.');
                p.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.toString();
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                for (Object o : u.getKnownPropertyIds()) known.add(String.valueOf(o));
            }
            known.sort(null);
            return "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (expected one of: " + String.join(", ", known) + ")");
        }
        Throwable cause = e instanceof ValueInstantiationException ? e.getCause() : null;
        String msg = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage();
        if (msg == null) msg = e.getClass().getSimpleName();
        msg = msg.lines().findFirst().orElse(msg).trim();
        // Jackson's own wording is precise but long-winded; keep its first clause
        int cut = msg.indexOf(" at [Source");
        if (cut > 0) msg = msg.substring(0, cut);
        if (msg.startsWith("Missing required creator property")) {
            int q1 = msg.indexOf('\''), q2 = msg.indexOf('\'', q1 + 1);
            if (q1 > 0 && q2 > q1) msg = "missing required field '" + msg.substring(q1 + 1, q2) + "'";
        }
        return msg;
    }
}
