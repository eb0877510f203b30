package dev.pplsim.policy;

import dev.pplsim.request.InputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

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
 *
 * <p>Before SnakeYAML sees a file, {@link #text} refuses one over {@link #DEFAULT_MAX_BYTES} bytes or with a line
 * over {@link #DEFAULT_MAX_LINE} characters (SnakeYAML's time grows with the square of a scalar's length), one not
 * in UTF-8 or BOM-marked UTF-16, and characters YAML forbids. The tokens then follow {@link StrictYamlParser}'s
 * rules (one document, no nulls, anchors, aliases or tags, numbers and booleans only as written out) and numbers,
 * masks and booleans {@link Scalars}'.
 */
public final class Yaml {

    /** The largest policy file read, in bytes: 1 MiB, 45 times the largest shipped file (23 KB). */
    public static final long DEFAULT_MAX_BYTES = 1L << 20;
    /**
     * The longest line, in characters: 64 Ki, 240 times the longest shipped line. SnakeYAML scans one long scalar
     * in time quadratic in its length, and a scalar's longest run without a break is within one line.
     */
    public static final int DEFAULT_MAX_LINE = 1 << 16;
    /** The system properties that override those limits, e.g. {@code JAVA_OPTS=-Dpplsim.yaml.maxBytes=4194304}. */
    public static final String MAX_BYTES_PROPERTY = "pplsim.yaml.maxBytes", MAX_LINE_PROPERTY = "pplsim.yaml.maxLineChars";

    /** The size limits a policy file is read under. */
    record Limits(long maxBytes, int maxLine) {

        /** The defaults, or the system properties' values. */
        static Limits current() {
            return new Limits(property(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES), (int) property(MAX_LINE_PROPERTY, DEFAULT_MAX_LINE));
        }

        /** At most 1 GiB: the file is read into memory whole. */
        private static long property(String name, long dflt) {
            String v = System.getProperty(name);
            if (v == null) return dflt;
            long n = Scalars.number(v.trim());
            if (n < 1 || n > MAX_SETTING) throw new InputException("system property " + name + ": " + InputException.quoted(v) + " is not a whole number from 1 to " + MAX_SETTING);
            return n;
        }

        static final long MAX_SETTING = 1L << 30;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper(factory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // fields marked @JsonProperty(required = true) are still enforced; the rest are optional
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a second document is refused by the parser, in its own words, when parse() asks for the next token
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Jackson would take terminateAddedTo: 1 as the enum's second constant
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // a key given twice is an error, not "last wins": a what-if edit must never be silently overridden
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .registerModule(Scalars.module());

    /**
     * SnakeYAML's own code-point limit (3 MiB by default) set to the byte limit, which a file within it never
     * reaches (a code point is at least one byte): the pre-scan of {@link #text} is the one that refuses, in its words.
     */
    private static StrictYamlParser.Factory factory() {
        long max;
        try {
            max = Limits.current().maxBytes();
        } catch (InputException e) {
            // reported by the first read
            max = DEFAULT_MAX_BYTES;
        }
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit((int) Math.min(max, Integer.MAX_VALUE));
        var constraints = com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxDocumentLength(max).maxStringLength((int) Math.min(max, Integer.MAX_VALUE)).build();
        return new StrictYamlParser.Factory(options, constraints);
    }

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
        } catch (java.io.UncheckedIOException e) {
            // the walk meets an unreadable subdirectory lazily, as an unchecked exception
            throw InputException.at(p.toString(), "cannot read: " + e.getCause().getMessage());
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
        return parse(text(file, shownName), shownName, type);
    }

    /** A policy file's text, as {@link #text(Path, String, Limits)} under the limits in force. */
    public static String text(Path file, String shownName) {
        return text(file, shownName, Limits.current());
    }

    /**
     * A policy file's text, refused in one line before any YAML parsing when it is over the size or line limit, is
     * not UTF-8 (or UTF-16 with a byte order mark), or holds a character YAML does not allow (NUL, other controls).
     * A byte order mark at the start is dropped.
     */
    static String text(Path file, String shownName, Limits limits) {
        byte[] bytes;
        try {
            // a file over the limit is refused by its size, unread
            long size = Files.size(file);
            if (size > limits.maxBytes()) throw tooBig(shownName, size, limits);
            try (InputStream in = Files.newInputStream(file)) {
                // the size can lie (a file still being written, a device): never read more than the limit
                bytes = in.readNBytes((int) limits.maxBytes() + 1);
            }
        } catch (IOException e) {
            throw InputException.at(shownName, "cannot read: " + e.getMessage());
        }
        if (bytes.length > limits.maxBytes()) throw tooBig(shownName, bytes.length, limits);
        String text = decode(bytes, shownName);
        scan(text, shownName, limits);
        return text;
    }

    private static InputException tooBig(String shownName, long size, Limits limits) {
        return InputException.at(shownName, "is " + size + " bytes, over the limit of " + limits.maxBytes()
                + " for a policy file (system property " + MAX_BYTES_PROPERTY + ")");
    }

    /** UTF-8, with or without a byte order mark; UTF-16 with one (what Windows PowerShell 5 writes). */
    private static String decode(byte[] b, String shownName) {
        int n = b.length;
        java.nio.charset.Charset cs = java.nio.charset.StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 4 && ((b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF)
                || ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0))) {
            throw InputException.at(shownName, "is UTF-32 (by its byte order mark); save it as UTF-8");
        }
        if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            cs = java.nio.charset.StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            cs = java.nio.charset.StandardCharsets.UTF_16LE;
            skip = 2;
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b, skip, n - skip);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(n - skip);
        var decoder = cs.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        var result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            out.flip();
            int[] at = end(out.toString());
            StringBuilder bad = new StringBuilder();
            int count = Math.min(result.length(), 4);
            for (int i = 0; i < count; i++) {
                bad.append(i == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "0x%02X", b[in.position() + i] & 0xFF));
            }
            String encoding = cs == java.nio.charset.StandardCharsets.UTF_8 ? "UTF-8" : "UTF-16";
            throw InputException.at(shownName + ":" + at[0] + ":" + at[1], (count == 1 ? "the byte " + bad + " is" : "the bytes " + bad + " are")
                    + " not " + encoding + "; save the file as UTF-8");
        }
        out.flip();
        return out.toString();
    }

    /**
     * Refuses a character YAML does not allow and a line over the limit, with its position. Lines are counted as
     * SnakeYAML counts them (LF, CR LF, CR, NEL, LS, PS), so positions agree with its later messages.
     */
    private static void scan(String text, String shownName, Limits limits) {
        int line = 1, lineStart = 0, n = text.length();
        for (int i = 0; i < n; ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            boolean lineBreak = c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
            if (lineBreak || i + width == n) {
                int end = lineBreak ? i : n;
                int chars = text.codePointCount(lineStart, end);
                if (chars > limits.maxLine()) {
                    throw InputException.at(shownName + ":" + line, "a line of " + chars + " characters is over the limit of "
                            + limits.maxLine() + " (system property " + MAX_LINE_PROPERTY + ")");
                }
            }
            if (!lineBreak && !allowed(c)) {
                String name = c == 0 ? "a NUL character (U+0000)" : String.format(java.util.Locale.ROOT, "the control character U+%04X", c);
                if (c >= 0xFFFE || (c >= 0xD800 && c <= 0xDFFF)) name = String.format(java.util.Locale.ROOT, "the character U+%04X", c);
                throw InputException.at(shownName + ":" + line + ":" + (text.codePointCount(lineStart, i) + 1),
                        name + " is not allowed in a YAML file" + (c == 0 ? " (a UTF-16 file needs its byte order mark)" : ""));
            }
            i += width;
            if (lineBreak) {
                if (c == '\r' && i < n && text.charAt(i) == '\n') i++;
                line++;
                lineStart = i;
            }
        }
    }

    /** YAML's printable characters (YAML 1.1 5.1, as SnakeYAML checks them), line breaks aside. */
    private static boolean allowed(int c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** {line, column} of the end of a text, 1-based, lines and columns counted as {@link #scan} counts them. */
    private static int[] end(String text) {
        int line = 1, col = 1, n = text.length();
        for (int i = 0; i < n; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\r' && i < n && text.charAt(i) == '\n') continue;
            if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[]{line, col};
    }

    /** A policy file's text (from {@link #text}) read as a {@code type}; errors are one line naming shownName. */
    public static <T> T parse(String text, String shownName, Class<T> type) {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) throw InputException.at(shownName, "the file is empty");
            if (first != JsonToken.START_OBJECT) {
                JsonLocation at = p.currentTokenLocation();
                throw InputException.at(shownName + ":" + at.getLineNr() + ":" + at.getColumnNr(), "the file is "
                        + (first == JsonToken.START_ARRAY ? "a list" : "a single value") + ", but a policy file is a mapping of fields (name: value)");
            }
            T value;
            try {
                value = MAPPER.readValue(p, type);
                // a document after this one: the parser refuses it
                p.nextToken();
            } catch (JsonProcessingException | RuntimeException e) {
                // only a file that fails is walked for misspelt names: a clean read has none (FAIL_ON_UNKNOWN_PROPERTIES),
                // and the walk was three fifths of a first load's time (a second parse plus Jackson's introspection)
                checkFieldNames(text, shownName, type);
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
    private static void checkFieldNames(String text, String shownName, Class<?> type) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(text)) {
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

    private static boolean delegating(Class<?> c) {
        for (var k : c.getDeclaredConstructors()) {
            var a = k.getAnnotation(com.fasterxml.jackson.annotation.JsonCreator.class);
            if (a != null && a.mode() == com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING) return true;
        }
        return false;
    }

    private static void walk(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.JavaType type, String path, String shown) throws IOException {
        var t = p.currentToken();
        if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && type.isMapLikeType()) {
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                walk(p, type.getContentType(), path + "." + key, shown);
            }
        } else if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && delegating(type.getRawClass())) {
            // a record read whole by a delegating creator (a scenario's create: and load:) checks its own keys when built
            p.skipChildren();
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
        // the strict parser's refusal carries its own path; databind may have wrapped it on the way out
        org.yaml.snakeyaml.error.MarkedYAMLException syntax = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof StrictYamlParser.Refusal r) {
                JsonLocation at = r.getLocation();
                if (at != null && at.getLineNr() > 0) out.append(':').append(at.getLineNr()).append(':').append(at.getColumnNr());
                if (!r.path().isEmpty()) out.append(": ").append(r.path());
                return out.append(": ").append(r.what()).toString();
            }
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) syntax = m;
        }
        if (syntax != null) {
            // SnakeYAML's problem mark is where the problem is; Jackson's location can be the context's start
            org.yaml.snakeyaml.error.Mark at = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
            if (at != null) out.append(':').append(at.getLine() + 1).append(':').append(at.getColumn() + 1);
            return out.append(": ").append(syntaxMessage(syntax)).toString();
        }
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

    /** The names an enum is written as in YAML: each constant's {@code @JsonProperty}, else its name. */
    private static List<String> enumNames(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            String name = ((Enum<?>) c).name();
            com.fasterxml.jackson.annotation.JsonProperty p;
            try {
                p = type.getField(name).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            } catch (NoSuchFieldException e) {
                p = null;
            }
            out.add(p != null && !p.value().isEmpty() ? p.value() : name);
        }
        return out;
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

    /** SnakeYAML's first line is the context ("while scanning for the next token"); the problem says what. */
    private static String syntaxMessage(org.yaml.snakeyaml.error.MarkedYAMLException m) {
        String problem = m.getProblem() == null ? "" : m.getProblem().lines().findFirst().orElse("").trim();
        if (problem.contains("\\t(TAB)") || problem.contains("\t")) return "a tab here: YAML indents and separates with spaces, not tabs";
        String context = m.getContext() == null ? "" : m.getContext().lines().findFirst().orElse("").trim();
        if (problem.isEmpty()) return context.isEmpty() ? "malformed YAML" : context;
        return context.isEmpty() ? problem : problem + " (" + context + ")";
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            // Jackson names the class and its feature flags; the file's author needs the accepted words
            return InputException.quoted(String.valueOf(f.getValue())) + " is not one of " + String.join(", ", enumNames(f.getTargetType()));
        }
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
