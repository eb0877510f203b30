package dev.pplsim.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads the JSON of one batch line into the same tree Jackson would build, for the lines a batch mostly holds:
 * objects of strings without escapes, integers of up to 18 digits, booleans and null, all in ASCII. Anything else
 * (an escape, a byte above 0x7F, a fraction, an array, a duplicate key, a malformed or trailing token) returns
 * null, and the caller decodes the line and parses it with Jackson, whose tree and error messages stay the
 * contract; {@code LineScannerProperties} checks that both give the same tree. It reads the line's bytes: decoding
 * every line first, and Jackson's per-line parser, context and symbol table, were half of a batch's time.
 */
public final class LineScanner {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Objects nest no deeper than caller.token or target.pico in the contract. */
    private static final int MAX_DEPTH = 4;

    private final byte[] s;
    private final int n;
    private int i;

    private LineScanner(byte[] s) {
        this.s = s;
        this.n = s.length;
    }

    /** The line's tree, or null when the line needs Jackson. */
    static JsonNode scan(String line) {
        return scan(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The tree of a line's UTF-8 bytes, or null when the line needs decoding and Jackson. */
    static JsonNode scan(byte[] line) {
        LineScanner sc = new LineScanner(line);
        sc.skipSpace();
        if (sc.i >= sc.n || line[sc.i] != '{') return null;
        ObjectNode root = sc.object(1);
        if (root == null) return null;
        sc.skipSpace();
        return sc.i == sc.n ? root : null;
    }

    /** At '{': the object, or null. */
    private ObjectNode object(int depth) {
        if (depth > MAX_DEPTH) return null;
        i++; // '{'
        ObjectNode o = NODES.objectNode();
        skipSpace();
        if (peek() == '}') {
            i++;
            return o;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') return null;
            String key = key();
            if (key == null || o.has(key)) return null; // a duplicate key: Jackson names it
            skipSpace();
            if (peek() != ':') return null;
            i++;
            skipSpace();
            JsonNode v = value(depth);
            if (v == null) return null;
            o.set(key, v);
            skipSpace();
            char c = peek();
            i++;
            if (c == '}') return o;
            if (c != ',') return null;
        }
    }

    private JsonNode value(int depth) {
        char c = peek();
        switch (c) {
            case '"': {
                String t = string();
                return t == null ? null : TextNode.valueOf(t);
            }
            case '{':
                return object(depth + 1);
            case 't':
                return word("true") ? BooleanNode.TRUE : null;
            case 'f':
                return word("false") ? BooleanNode.FALSE : null;
            case 'n':
                return word("null") ? NullNode.getInstance() : null;
            default:
                return c == '-' || (c >= '0' && c <= '9') ? integer() : null;
        }
    }

    /** The contract's field names: a key that is one of them is taken from here, not copied from the line. */
    private static final String[] KEYS = {"id", "caller", "target", "desired", "protection", "object", "mode", "relation",
            "build", "forceAccessCheck", "sdGranted", "token", "sd", "pico", "operation", "sourceAccess", "disallowUserTerminate",
            "openProcess", "openThread"};

    /** The contract's field names by their first letter (a to z), so a key is compared with one to four of them. */
    private static final String[][] BY_LETTER = new String[26][];
    /** The same names' bytes. */
    private static final byte[][][] BYTES_BY_LETTER = new byte[26][][];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            final char first = c;
            BY_LETTER[c - 'a'] = java.util.Arrays.stream(KEYS).filter(k -> k.charAt(0) == first).toArray(String[]::new);
            BYTES_BY_LETTER[c - 'a'] = java.util.Arrays.stream(BY_LETTER[c - 'a'])
                    .map(k -> k.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        }
    }

    /** At '"': a field name, as {@link #string()} reads it. */
    private String key() {
        int from = i + 1;
        int first = from < n ? s[from] : 0;
        if (first < 'a' || first > 'z') return string();
        byte[][] names = BYTES_BY_LETTER[first - 'a'];
        for (int c = 0; c < names.length; c++) {
            byte[] k = names[c];
            int to = from + k.length;
            if (to < n && s[to] == '"' && java.util.Arrays.equals(s, from, to, k, 0, k.length)) {
                i = to + 1;
                return BY_LETTER[first - 'a'][c];
            }
        }
        return string();
    }

    /** Whether the bytes at {@code at} spell {@code w} (ASCII). */
    private boolean same(String w, int at) {
        for (int j = 0; j < w.length(); j++) {
            if (s[at + j] != w.charAt(j)) return false;
        }
        return true;
    }

    /** At '"': the string up to the next quote, or null for an escape, a control character, a non-ASCII byte or no end. */
    private String string() {
        int end = stringEnd(s, i);
        if (end < 0) return null;
        String t = new String(s, i + 1, end - i - 1, java.nio.charset.StandardCharsets.ISO_8859_1); // ASCII: bytes are characters
        i = end + 1;
        return t;
    }

    /** An integer as JSON spells it (no leading zero, no fraction or exponent), of at most 18 digits. */
    private JsonNode integer() {
        int end = integerEnd(s, i);
        if (end < 0) return null;
        long v = integerValue(s, i, end);
        i = end;
        return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
    }

    /**
     * The plain strings the batch's fast readers take ({@link FastLine}, {@link LineMemo}, this scanner): for the quote
     * at {@code quote}, the index of the closing quote, or -1 for an escape, a control character, a byte above 0x7F
     * (not decoded here) or no end.
     */
    public static int stringEnd(byte[] s, int quote) {
        for (int i = quote + 1; i < s.length; i++) {
            byte c = s[i];
            if (c == '"') return i;
            if (c == '\\' || c < 0x20) return -1; // a byte above 0x7F is negative: refused too
        }
        return -1;
    }

    /**
     * The integers they take: for one spelled at {@code at}, where it ends, or -1 when it is not JSON's (no digit, a
     * leading zero), has more than 18 digits (a long, without overflow) or goes on as a fraction or exponent.
     */
    public static int integerEnd(byte[] s, int at) {
        int i = at < s.length && s[at] == '-' ? at + 1 : at;
        int digitsFrom = i;
        while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
        int digits = i - digitsFrom;
        if (digits == 0 || digits > 18 || (digits > 1 && s[digitsFrom] == '0')) return -1;
        if (i < s.length && (s[i] == '.' || s[i] == 'e' || s[i] == 'E')) return -1;
        return i;
    }

    /** The value of an integer {@link #integerEnd} accepted ({@code -0} is 0, as Jackson reads it). */
    static long integerValue(byte[] s, int from, int to) {
        boolean negative = s[from] == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) v = v * 10 + (s[i] - '0');
        return negative ? -v : v;
    }

    private boolean word(String w) {
        if (i + w.length() > n || !same(w, i)) return false;
        i += w.length();
        char next = peek();
        return !(Character.isLetterOrDigit(next) || next == '_');
    }

    /** The byte at the cursor as a character ({@code \0} at the end; a byte above 0x7F as a character no branch takes). */
    private char peek() {
        return i < n ? (char) (s[i] & 0xFF) : '\0';
    }

    private void skipSpace() {
        while (i < n) {
            byte c = s[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return;
            i++;
        }
    }

    /**
     * The id as the output echoes it: what Jackson writes for the node, without a generator for the common
     * ids (integers, and strings with nothing to escape).
     */
    static String json(JsonNode id) {
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
