package dev.pplsim.request;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.request.InputException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The protection-only batch line read straight into its query, for lines that are right: compact JSON (no white
 * space), ASCII strings without escapes, canonical integers, only the contract's protection-only fields (id,
 * caller.protection, target.protection, target.object, desired, mode, relation, build, forceAccessCheck,
 * sdGranted), each once, every value one the contract accepts. Anything else, including every line with an error,
 * returns null and is parsed by Jackson and read by {@link RequestReader#batch}, whose checks and messages stay
 * the contract; the values are converted by the same functions that path uses. Building the tree and reading it
 * back was two thirds of a batch's work when its lines do not repeat. {@code FastLineProperties} checks that a
 * line read here gives the same id and query as Jackson's path. Values are not copied out of the line: a spelling's
 * value is kept by its bytes ({@link #spelled}), so a line makes no string but its id.
 */
public final class FastLine {

    /** The values read, by slot: the id, the two protections, target.object and the top-level options. */
    private static final int ID = 0, CALLER = 1, TARGET = 2, OBJECT = 3, DESIRED = 4, MODE = 5, RELATION = 6, BUILD = 7, FORCE = 8,
            SD_GRANTED = 9, SLOTS = 10;
    /** caller.protection and target.protection go to the CALLER and TARGET slots; a key's number for it. */
    private static final int PROTECTION = SLOTS;
    private static final int REQUIRED = 1 << ID | 1 << CALLER | 1 << TARGET | 1 << DESIRED;

    /** The field names read here, by their first letter (no two share one): a key is one comparison of bytes. */
    private static final byte[][] NAME = new byte[26][];
    private static final int[] NAMED = new int[26];

    static {
        String[] names = {"id", "caller", "target", "object", "desired", "mode", "relation", "build", "forceAccessCheck", "sdGranted", "protection"};
        for (int f = 0; f < names.length; f++) {
            int c = names[f].charAt(0) - 'a';
            if (NAME[c] != null) throw new IllegalStateException("two field names begin with " + names[f].charAt(0));
            NAME[c] = names[f].getBytes(StandardCharsets.US_ASCII);
            NAMED[c] = f;
        }
    }

    private static final byte[] TRUE_BYTES = {'t', 'r', 'u', 'e'}, FALSE_BYTES = {'f', 'a', 'l', 's', 'e'}, NULL_BYTES = {'n', 'u', 'l', 'l'};

    private final byte[] s;
    private final Spellings cache;
    private int i;
    /** Per slot, its value's kind (0: absent) and where it lies: a string's characters without the quotes, an integer's. */
    private final int[] kind = new int[SLOTS], from = new int[SLOTS], to = new int[SLOTS];
    private static final int STRING = 1, INTEGER = 2, TRUE = 3, FALSE = 4, NULL = 5;

    private FastLine(byte[] s, Spellings cache) {
        this.s = s;
        this.cache = cache;
    }

    /** The line's id and query, or null when the line is not one this reads (the full path then reads it). */
    static BatchLine parse(byte[] line) {
        return parse(line, SPELLINGS);
    }

    /** With another cache of spellings: a small one makes spellings share slots (for the tests). */
    static BatchLine parse(byte[] line, Spellings cache) {
        try {
            return new FastLine(line, cache).line();
        } catch (InputException e) {
            return null; // a value the contract refuses: the full path says why
        }
    }

    private BatchLine line() {
        if (s.length < 2 || s[0] != '{') return null;
        i = 1;
        int seen = 0;
        while (true) {
            int field = key();
            if (field < 0 || field == OBJECT || field == PROTECTION || (seen & 1 << field) != 0) return null;
            seen |= 1 << field;
            if (field == CALLER || field == TARGET) {
                if (i >= s.length || s[i] != '{') return null;
                i++;
                int inner = 0;
                while (true) {
                    int f = key();
                    if ((f != PROTECTION && (f != OBJECT || field == CALLER)) || (inner & 1 << f) != 0) return null;
                    inner |= 1 << f;
                    if (!value(f == PROTECTION ? field : OBJECT)) return null;
                    if (!next()) break;
                }
                if (i < 0 || (inner & 1 << PROTECTION) == 0) return null;
            } else if (!value(field)) {
                return null;
            }
            if (!next()) break;
        }
        if (i != s.length || (seen & REQUIRED) != REQUIRED) return null;
        String id;
        if (kind[ID] == STRING) id = latin1(from[ID] - 1, to[ID] + 1); // with its quotes
        else if (kind[ID] == INTEGER && !(s[from[ID]] == '-' && s[from[ID] + 1] == '0')) id = latin1(from[ID], to[ID]); // Jackson reads -0 as 0
        else return null;
        // in the order and with the functions of RequestReader.batch
        ObjectKind object = ObjectKind.PROCESS;
        if (kind[OBJECT] == STRING) {
            if ((object = (ObjectKind) spelled(OBJECT, OBJECT)) == null) return null;
        } else if (kind[OBJECT] != 0 && kind[OBJECT] != NULL) {
            return null;
        }
        PsProtection caller = protection(CALLER), target = protection(TARGET);
        if (caller == null || target == null) return null;
        if (kind[DESIRED] != STRING && kind[DESIRED] != INTEGER) return null;
        int desired = (Integer) spelled(DESIRED, mask(DESIRED, object));
        AccessMode mode = (AccessMode) option(MODE, AccessMode.USER);
        Relation relation = (Relation) option(RELATION, Relation.NONE);
        String build = (String) option(BUILD, AccessQuery.DEFAULT_BUILD);
        if (mode == null || relation == null || build == null) return null;
        Integer sdGranted = null;
        if (kind[SD_GRANTED] == STRING || kind[SD_GRANTED] == INTEGER) sdGranted = (Integer) spelled(SD_GRANTED, mask(SD_GRANTED, object));
        else if (kind[SD_GRANTED] == TRUE || kind[SD_GRANTED] == FALSE) return null;
        if (kind[FORCE] == STRING || kind[FORCE] == INTEGER) return null;
        return new BatchLine(id, new AccessQuery(caller, false, target, object, desired, mode, kind[FORCE] == TRUE, relation,
                build, sdGranted, null, false), null);
    }

    private PsProtection protection(int slot) {
        if (kind[slot] == STRING) return (PsProtection) spelled(slot, PROTECTION);
        if (kind[slot] != INTEGER) return null;
        long v = integerValue(s, from[slot], to[slot]);
        return v >= 0 && v <= 0xFF ? new PsProtection((int) v) : null;
    }

    /** mode, relation, build: a string, or null for absent; null when neither. */
    private Object option(int slot, Object absent) {
        if (kind[slot] == 0 || kind[slot] == NULL) return absent;
        return kind[slot] == STRING ? spelled(slot, slot) : null;
    }

    /**
     * What a mask spells: its object, desired or granted. A JSON integer is read as its digits, as RequestReader.mask
     * reads it (integerEnd's are as Long.toString spells them, but for -0, which the contract reads as 0 and the
     * spelling refuses: such a line goes to the full path).
     */
    private static int mask(int slot, ObjectKind object) {
        return MASK + object.ordinal() * 2 + (slot == SD_GRANTED ? 1 : 0);
    }

    private static final int MASK = 16;
    private static final ObjectKind[] OBJECTS = ObjectKind.values();

    /**
     * A spelling's value, kept by its bytes and what it spells (a protection, an object, a mode, a relation, a build, a
     * mask for an object): a direct-mapped cache of the values the contract's functions gave, so a line that spells
     * them as another did makes no string and asks no map. Slots hold immutable entries, so a racing reader sees the
     * old one or the new one. Refused spellings are not kept (their lines go to the full path).
     */
    private record Spelled(int what, byte[] bytes, Object value) {
    }

    /** A cache of spellings: a power of two of slots. */
    static final class Spellings {
        private final Spelled[] slots;

        Spellings(int slots) {
            if (Integer.bitCount(slots) != 1) throw new IllegalArgumentException("slots must be a power of two, got " + slots);
            this.slots = new Spelled[slots];
        }
    }

    private static final Spellings SPELLINGS = new Spellings(4096);

    /** The value of the spelling in the slot as {@code what}, or null for one the contract refuses (or throws). */
    private Object spelled(int slot, int what) {
        int a = from[slot], b = to[slot], h = what;
        for (int k = a; k < b; k++) h = 31 * h + s[k];
        Spelled[] slots = cache.slots;
        int at = (h ^ (h >>> 12)) & (slots.length - 1);
        Spelled e = slots[at];
        if (e != null && e.what == what && e.bytes.length == b - a) {
            byte[] kept = e.bytes;
            int k = 0;
            while (k < kept.length && kept[k] == s[a + k]) k++;
            if (k == kept.length) return e.value;
        }
        Object v = convert(what, a, b);
        if (v != null) slots[at] = new Spelled(what, Arrays.copyOfRange(s, a, b), v);
        return v;
    }

    /** With the functions RequestReader.batch uses. */
    private Object convert(int what, int a, int b) {
        String text = latin1(a, b);
        if (what >= MASK) return RequestReader.spelledMask(text, OBJECTS[(what - MASK) >> 1], ((what - MASK) & 1) != 0);
        return switch (what) {
            case PROTECTION -> RequestReader.spelledProtection(text);
            case OBJECT -> ObjectKind.byId(text);
            case MODE -> AccessMode.byId(text);
            case RELATION -> Relation.byId(text);
            case BUILD -> text;
            default -> throw new IllegalStateException("no spelling " + what);
        };
    }

    private String latin1(int a, int b) {
        return new String(s, a, b - a, StandardCharsets.ISO_8859_1); // ASCII: bytes are characters
    }

    /** After a value: true at a ',' (stepped over), false at a '}' (stepped over); -1 in i for anything else. */
    private boolean next() {
        if (i < 0) return false;
        if (i < s.length && s[i] == ',') {
            i++;
            return true;
        }
        if (i < s.length && s[i] == '}') {
            i++;
            return false;
        }
        i = -1; // neither: the line is not read here (the caller's end check fails)
        return false;
    }

    /** A quoted field name and its ':'; the field's slot (PROTECTION for that name), or -1 for a name this does not read. */
    private int key() {
        if (i < 0 || i + 1 >= s.length || s[i] != '"') return -1;
        int c = s[i + 1] - 'a';
        if (c < 0 || c >= NAME.length || NAME[c] == null) return -1;
        byte[] name = NAME[c];
        int at = i + 1, end = at + name.length;
        if (end + 1 >= s.length || s[end] != '"' || s[end + 1] != ':') return -1;
        for (int k = 1; k < name.length; k++) if (s[at + k] != name[k]) return -1;
        i = end + 2;
        return NAMED[c];
    }

    /** A value: a string without escapes (printable ASCII), a canonical integer of up to 18 digits, true, false, null. */
    private boolean value(int slot) {
        if (i >= s.length) return false;
        byte c = s[i];
        if (c == '"') {
            int end = stringEnd(s, i);
            if (end < 0) return false;
            kind[slot] = STRING;
            from[slot] = i + 1;
            to[slot] = end;
            i = end + 1;
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int end = integerEnd(s, i);
            if (end < 0) return false;
            kind[slot] = INTEGER;
            from[slot] = i;
            to[slot] = end;
            i = end;
            return true;
        }
        if (word(TRUE_BYTES)) kind[slot] = TRUE;
        else if (word(FALSE_BYTES)) kind[slot] = FALSE;
        else if (word(NULL_BYTES)) kind[slot] = NULL;
        else return false;
        return true;
    }

    private boolean word(byte[] w) {
        if (i + w.length > s.length) return false;
        for (int k = 0; k < w.length; k++) if (s[i + k] != w[k]) return false;
        i += w.length;
        return true;
    }

    /**
     * The plain strings the batch's fast readers take (this one and {@code LineMemo}): for the quote
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

    /**
     * Where the first byte that is not well-formed UTF-8 is (Unicode's table 3-7: no overlong forms, no surrogates,
     * nothing above U+10FFFF), or -1 when all of {@code s} is. A decoder would replace such bytes without a word; the
     * batch refuses the line instead.
     */
    public static int malformedUtf8(byte[] s) {
        int i = 0, n = s.length;
        while (i < n) {
            int b = s[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int len, lo = 0x80, hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) len = 2;
            else if (b >= 0xE0 && b <= 0xEF) {
                len = 3;
                if (b == 0xE0) lo = 0xA0;      // overlong below
                else if (b == 0xED) hi = 0x9F; // surrogates above
            } else if (b >= 0xF0 && b <= 0xF4) {
                len = 4;
                if (b == 0xF0) lo = 0x90;      // overlong below
                else if (b == 0xF4) hi = 0x8F; // above U+10FFFF
            } else {
                return i;
            }
            if (i + len > n) return i;
            int c = s[i + 1] & 0xFF;
            if (c < lo || c > hi) return i;
            for (int k = 2; k < len; k++) {
                c = s[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) return i;
            }
            i += len;
        }
        return -1;
    }

    /** The value of an integer {@link #integerEnd} accepted ({@code -0} is 0, as Jackson reads it). */
    private static long integerValue(byte[] s, int from, int to) {
        boolean negative = s[from] == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) v = v * 10 + (s[i] - '0');
        return negative ? -v : v;
    }
}
