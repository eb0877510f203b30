package dev.pplsim.request;

import dev.pplsim.model.AccessQuery;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A batch line read: its id as the output echoes it (the JSON the line gave, {@code "null"} when absent) and the
 * query (an open's, with {@code "op":"create"} a creation's, with {@code "op":"load"} an image load's), or the reason it has none. The contract's fields are {@link RequestReader#batch}'s; the byte-level
 * reader before it ({@link FastLine}) only saves work on the common lines, and {@code FastLineProperties} checks
 * that it gives what the reader gives.
 */
public record BatchLine(String id, AccessQuery query, String error, dev.pplsim.model.CreateQuery create, dev.pplsim.model.LoadQuery load) {

    public BatchLine(String id, AccessQuery query, String error) {
        this(id, query, error, null, null);
    }

    private static final ObjectMapper JSON = RequestReader.strictJson();

    /** Parses one line; {@code presets} is asked only by a line that names a token. */
    public static BatchLine parse(String text, Supplier<? extends TokenPresets> presets) {
        try {
            return parsed(JSON.readTree(text), presets);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().lines().findFirst().orElse("").trim();
            return new BatchLine("null", null, "malformed JSON: " + msg
                    + (e.getLocation() != null ? " (column " + e.getLocation().getColumnNr() + ")" : ""));
        }
    }

    /**
     * As {@link #parse(String, Supplier)}, from the line's UTF-8 bytes: a right protection-only line is read straight
     * into its query ({@link FastLine}); the rest are decoded (malformed sequences replaced, as a reader does) and
     * parsed as text.
     */
    public static BatchLine parse(byte[] utf8, Supplier<? extends TokenPresets> presets) {
        BatchLine fast = FastLine.parse(utf8);
        return fast != null ? fast : parse(new String(utf8, StandardCharsets.UTF_8), presets);
    }

    /**
     * As {@link #parse(byte[], Supplier)}, but a line that is not well-formed UTF-8 is an error, {@code malformed}
     * saying why from the first bad byte's index: a replaced character would be decided as if the caller had sent it.
     * The error keeps the line's id when the id itself came through whole.
     */
    public static BatchLine parse(byte[] utf8, Supplier<? extends TokenPresets> presets, java.util.function.IntFunction<String> malformed) {
        // a line the fast reader takes is ASCII: it refuses every byte above 0x7F
        BatchLine fast = FastLine.parse(utf8);
        if (fast != null) return fast;
        String text = new String(utf8, StandardCharsets.UTF_8);
        BatchLine line = parse(text, presets);
        // decoding replaces what is malformed with U+FFFD: only a line that has one can be malformed
        if (text.indexOf('\uFFFD') < 0) return line;
        int bad = FastLine.malformedUtf8(utf8);
        if (bad < 0) return line;
        return new BatchLine(line.id().indexOf('\uFFFD') >= 0 ? "null" : line.id(), null, malformed.apply(bad));
    }

    private static BatchLine parsed(JsonNode root, Supplier<? extends TokenPresets> presets) {
        if (root == null || !root.isObject()) return new BatchLine("null", null, "a batch line must be a JSON object");
        String id = root.has("id") ? json(root.get("id")) : "null";
        try {
            JsonNode op = root.get("op");
            if (op != null && !op.isNull()) {
                if (!op.isTextual() || !(op.asText().equals("open") || op.asText().equals("create") || op.asText().equals("load"))) {
                    throw InputException.at("op", "expected \"open\", \"create\" or \"load\", got " + op);
                }
                if (op.asText().equals("create")) return new BatchLine(id, null, null, CreateReader.read(Form.BATCH, CreateReader.FIELDS.batch(root)), null);
                if (op.asText().equals("load")) return new BatchLine(id, null, null, null, LoadReader.read(Form.BATCH, LoadReader.FIELDS.batch(root)));
            }
            return new BatchLine(id, RequestReader.batch(root, presets), null);
        } catch (InputException e) {
            return new BatchLine(id, null, e.getMessage());
        }
    }

    /**
     * The id as the output echoes it: what Jackson writes for the node, without a generator for the common
     * ids (integers, and strings with nothing to escape).
     */
    private static String json(JsonNode id) {
        if (id.isInt() || id.isLong()) return id.asText();
        if (id.isTextual()) {
            String t = id.asText();
            for (int k = 0; k < t.length(); k++) {
                char c = t.charAt(k);
                if (c < 0x20 || c == '"' || c == '\\') return id.toString();
            }
            return '"' + t + '"';
        }
        return id.toString();
    }
}
