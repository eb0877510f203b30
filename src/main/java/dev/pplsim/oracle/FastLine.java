package dev.pplsim.oracle;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.InputException;

import java.nio.charset.StandardCharsets;

/**
 * The protection-only batch line read straight into its query, for lines that are right: compact JSON (no white
 * space), ASCII strings without escapes, canonical integers, only the contract's protection-only fields (id,
 * caller.protection, target.protection, target.object, desired, mode, relation, build, forceAccessCheck,
 * sdGranted), each once, every value one the contract accepts. Anything else, including every line with an error,
 * returns null and is read by {@link LineScanner} and {@link BatchProtocol#query}, whose checks and messages stay
 * the contract; the values are converted by the same functions that path uses. Building the tree and reading it
 * back was two thirds of a batch's work when its lines do not repeat. {@code LineScannerProperties} checks that a
 * line read here gives the same id and query as Jackson's path.
 */
final class FastLine {

    private static final int ID = 1, CALLER = 2, TARGET = 4, DESIRED = 8, MODE = 16, RELATION = 32, BUILD = 64, FORCE = 128,
            SD_GRANTED = 256, PROTECTION = 512, OBJECT = 1024;

    private final byte[] s;
    private int i;
    /** The last value read: a string, an integer (with its digits), true/false, or null. */
    private String text;
    private long number;
    private int kind;
    private static final int STRING = 1, INTEGER = 2, TRUE = 3, FALSE = 4, NULL = 5;

    private FastLine(byte[] s) {
        this.s = s;
    }

    /** The line's id and query, or null when the line is not one this reads (the full path then reads it). */
    static BatchProtocol.Line parse(byte[] line) {
        try {
            return new FastLine(line).line();
        } catch (InputException e) {
            return null; // a value the contract refuses: the full path says why
        }
    }

    private BatchProtocol.Line line() {
        if (s.length < 2 || s[0] != '{') return null;
        i = 1;
        int seen = 0;
        String id = null;
        String callerText = null, targetText = null, objectText = null, desiredText = null, modeText = null, relationText = null,
                build = null, sdGrantedText = null;
        long callerNumber = -1, targetNumber = -1;
        boolean force = false;
        while (true) {
            int field = key(true);
            if (field == 0 || (seen & field) != 0) return null;
            seen |= field;
            if (field == CALLER || field == TARGET) {
                if (i >= s.length || s[i] != '{') return null;
                i++;
                int inner = 0;
                while (true) {
                    int f = key(false);
                    if (f == 0 || (inner & f) != 0 || (field == CALLER && f != PROTECTION)) return null;
                    inner |= f;
                    if (!value()) return null;
                    if (f == PROTECTION) {
                        if (kind == STRING) {
                            if (field == CALLER) callerText = text;
                            else targetText = text;
                        } else if (kind == INTEGER && number >= 0 && number <= 0xFF) {
                            if (field == CALLER) callerNumber = number;
                            else targetNumber = number;
                        } else {
                            return null;
                        }
                    } else { // object
                        if (kind == STRING) objectText = text;
                        else if (kind != NULL) return null;
                    }
                    if (!next()) break;
                }
                if (i < 0 || (inner & PROTECTION) == 0) return null;
            } else {
                if (!value()) return null;
                switch (field) {
                    case ID -> {
                        if (kind == STRING) id = '"' + text + '"';
                        else if (kind == INTEGER && !text.equals("-0")) id = text; // Jackson reads -0 as 0
                        else return null;
                    }
                    case DESIRED -> {
                        if (kind == STRING) desiredText = text;
                        else if (kind == INTEGER) desiredText = Long.toString(number);
                        else return null;
                    }
                    case SD_GRANTED -> {
                        if (kind == STRING) sdGrantedText = text;
                        else if (kind == INTEGER) sdGrantedText = Long.toString(number);
                        else if (kind != NULL) return null;
                    }
                    case FORCE -> {
                        if (kind == TRUE) force = true;
                        else if (kind != FALSE && kind != NULL) return null;
                    }
                    default -> { // mode, relation, build: a string, or null for absent
                        if (kind == NULL) break;
                        if (kind != STRING) return null;
                        if (field == MODE) modeText = text;
                        else if (field == RELATION) relationText = text;
                        else build = text;
                    }
                }
            }
            if (!next()) break;
        }
        if (i != s.length || (seen & (ID | CALLER | TARGET | DESIRED)) != (ID | CALLER | TARGET | DESIRED)) return null;
        // in the order and with the functions of BatchProtocol.query
        ObjectKind object = ObjectKind.PROCESS;
        if (objectText != null) {
            object = ObjectKind.byId(objectText);
            if (object == null) return null;
        }
        PsProtection caller = callerText != null ? BatchProtocol.spelledProtection(callerText) : new PsProtection((int) callerNumber);
        PsProtection target = targetText != null ? BatchProtocol.spelledProtection(targetText) : new PsProtection((int) targetNumber);
        int desired = BatchProtocol.spelledMask(desiredText, object, false);
        AccessMode mode = AccessMode.USER;
        if (modeText != null && (mode = AccessMode.byId(modeText)) == null) return null;
        Relation relation = Relation.NONE;
        if (relationText != null && (relation = Relation.byId(relationText)) == null) return null;
        Integer sdGranted = sdGrantedText == null ? null : BatchProtocol.spelledMask(sdGrantedText, object, true);
        return new BatchProtocol.Line(id, new AccessQuery(caller, false, target, object, desired, mode, force, relation,
                build != null ? build : AccessQuery.DEFAULT_BUILD, sdGranted, null, false), null);
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

    /** A quoted field name and its ':'; the field's bit, or 0 for a name this does not read. */
    private int key(boolean top) {
        if (i < 0 || i >= s.length || s[i] != '"') return 0;
        int from = i + 1, to = from;
        while (to < s.length && s[to] != '"') to++;
        if (to + 1 >= s.length || s[to + 1] != ':') return 0;
        int f = top ? topField(from, to - from) : innerField(from, to - from);
        i = to + 2;
        return f;
    }

    /** By length first: one comparison of bytes for most names. */
    private int topField(int at, int len) {
        return switch (len) {
            case 2 -> is("id", at, len) ? ID : 0;
            case 4 -> is("mode", at, len) ? MODE : 0;
            case 5 -> is("build", at, len) ? BUILD : 0;
            case 6 -> is("caller", at, len) ? CALLER : is("target", at, len) ? TARGET : 0;
            case 7 -> is("desired", at, len) ? DESIRED : 0;
            case 8 -> is("relation", at, len) ? RELATION : 0;
            case 9 -> is("sdGranted", at, len) ? SD_GRANTED : 0;
            case 16 -> is("forceAccessCheck", at, len) ? FORCE : 0;
            default -> 0;
        };
    }

    private int innerField(int at, int len) {
        if (is("protection", at, len)) return PROTECTION;
        if (is("object", at, len)) return OBJECT;
        return 0;
    }

    private boolean is(String name, int at, int len) {
        if (name.length() != len) return false;
        for (int k = 0; k < len; k++) if (s[at + k] != name.charAt(k)) return false;
        return true;
    }

    /** A value: a string without escapes (printable ASCII), a canonical integer of up to 18 digits, true, false, null. */
    private boolean value() {
        if (i >= s.length) return false;
        byte c = s[i];
        if (c == '"') {
            int end = LineScanner.stringEnd(s, i);
            if (end < 0) return false;
            text = new String(s, i + 1, end - i - 1, StandardCharsets.ISO_8859_1);
            i = end + 1;
            kind = STRING;
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int end = LineScanner.integerEnd(s, i);
            if (end < 0) return false;
            number = LineScanner.integerValue(s, i, end);
            text = new String(s, i, end - i, StandardCharsets.ISO_8859_1);
            i = end;
            kind = INTEGER;
            return true;
        }
        if (word("true")) kind = TRUE;
        else if (word("false")) kind = FALSE;
        else if (word("null")) kind = NULL;
        else return false;
        return true;
    }

    private boolean word(String w) {
        if (i + w.length() > s.length) return false;
        for (int k = 0; k < w.length(); k++) if (s[i + k] != w.charAt(k)) return false;
        i += w.length();
        return true;
    }
}
