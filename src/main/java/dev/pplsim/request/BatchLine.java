package dev.pplsim.request;

import dev.pplsim.model.AccessQuery;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A batch line read: its id as the output echoes it (the JSON the line gave, {@code "null"} when absent) and the
 * query, or the reason it has none. The contract's fields are {@link RequestReader#batch}'s; the two byte-level
 * readers before it ({@link FastLine}, {@link LineScanner}) only save work on the common lines, and
 * {@code LineScannerProperties} checks that they give what the reader gives.
 */
public record BatchLine(String id, AccessQuery query, String error) {

    private static final ObjectMapper JSON = RequestReader.strictJson();

    /** Parses one line; {@code presets} is asked only by a line that names a token. */
    public static BatchLine parse(String text, Supplier<? extends TokenPresets> presets) {
        return parse(text, presets, true);
    }

    /**
     * As {@link #parse(String, Supplier)}, from the line's UTF-8 bytes: a right protection-only line is read straight
     * into its query ({@link FastLine}), the other common lines are scanned without decoding them, and the rest are
     * decoded (malformed sequences replaced, as a reader does) and parsed as text.
     */
    public static BatchLine parse(byte[] utf8, Supplier<? extends TokenPresets> presets) {
        BatchLine fast = FastLine.parse(utf8);
        if (fast != null) return fast;
        JsonNode root = LineScanner.scan(utf8);
        if (root == null) return parse(new String(utf8, StandardCharsets.UTF_8), presets, false);
        return parsed(root, presets);
    }

    /** As {@link #parse(String, Supplier)}; without {@code scan}, every line is read by Jackson (for the tests). */
    static BatchLine parse(String text, Supplier<? extends TokenPresets> presets, boolean scan) {
        JsonNode root = scan ? LineScanner.scan(text) : null;
        if (root == null) {
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().lines().findFirst().orElse("").trim();
                return new BatchLine("null", null, "malformed JSON: " + msg
                        + (e.getLocation() != null ? " (column " + e.getLocation().getColumnNr() + ")" : ""));
            }
        }
        if (root == null || !root.isObject()) return new BatchLine("null", null, "a batch line must be a JSON object");
        return parsed(root, presets);
    }

    private static BatchLine parsed(JsonNode root, Supplier<? extends TokenPresets> presets) {
        String id = root.has("id") ? LineScanner.json(root.get("id")) : "null";
        try {
            return new BatchLine(id, RequestReader.batch(root, presets), null);
        } catch (InputException e) {
            return new BatchLine(id, null, e.getMessage());
        }
    }
}
