package dev.pplsim.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A seeded byte mutator over a corpus of valid inputs, for the in-suite runs of {@link FuzzTests} (Jazzer's
 * regression mode replays inputs but mutates none). Each mutant is one corpus entry, or a splice of two, put
 * through a few of the edits hostile input is made of: bit flips, inserted and deleted bytes, numbers swapped for
 * extremes, long repeats, Unicode look-alikes, BOMs, NUL and broken UTF-8, unbalanced brackets and quotes, words
 * swapped for the corpus's other words, and whole lines deleted, repeated or re-indented (YAML). The same seed gives
 * the same mutants, in the same order.
 */
final class Mutator {

    /** A mutant and how it was made, for the failure message. */
    record Mutant(byte[] bytes, String how) {
    }

    /** Mutants stay below this, so that no in-suite run is about memory (oversized input has its own tests). */
    static final int MAX_LENGTH = 1 << 16;

    private static final String[] EXTREME_NUMBERS = {
            "0", "-1", "-0", "0x7FFFFFFF", "2147483647", "2147483648", "0x80000000", "0xFFFFFFFF", "4294967295",
            "4294967296", "0x100000000", "9223372036854775807", "9223372036854775808", "18446744073709551616",
            "-9223372036854775809", "1e400", "-1e400", "1e-400", "1.5", "0.0", "NaN", "Infinity", "0x", "0x-1",
            "0x+10", "00000000000000000000001", "1_000", "0b101", "017", "+1", "99999999999999999999999999999999999999",
    };

    /** Letters and digits that Unicode folds or reads like ASCII: long s, dotted I, Kelvin, Arabic-Indic and fullwidth digits. */
    private static final String[] LOOK_ALIKES = {
            "\u017F", "\u0130", "\u0131", "\u212A", "\u0669", "\u0660", "\u0661", "\uFF10", "\uFF11", "\u0430", "\u0435",
            "\u043E", "\u0455", "\u00DF", "\uFB01", "\u1E9E", "\u0387", "\u00A0", "\u2028", "\u3000",
    };

    /** Bytes that end, open or quote something in JSON, YAML or SDDL. */
    private static final byte[] SYNTAX = "{}[]()\"':;,|\\#&*!%@`-?>\n\r\t ".getBytes(StandardCharsets.US_ASCII);

    private static final byte[][] ODD_BYTES = {
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},              // UTF-8 BOM
            {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE}, // UTF-16 BOMs
            {0}, {0, 0, 0, 0},                                    // NUL
            {(byte) 0xC3},                                        // a lead byte alone
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},              // an encoded surrogate
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},                           // overlong '/'
            {(byte) 0x80}, {(byte) 0xFF}, {0x7F}, {0x1B}, {0x0B}, {0x0C},
    };

    /** Escapes inside a JSON or double-quoted YAML string: NUL, line ends, a lone surrogate, a long s. */
    private static final String[] ESCAPES = {
            "\\u0000", "\\n", "\\r", "\\t", "\\u2028", "\\u0085", "\\ud800", "\\udfff", "\\u017f", "\\u0130",
            "\\u0669", "\\ufeff", "\\\\", "\\\"", "\\0", "\\x00", "\\/", "\\u00", "\\",
    };

    /** YAML values of other types, for a scalar's place. */
    private static final String[] YAML_VALUES = {
            "1.5", "true", "false", "null", "~", "[]", "{}", "[1, 2]", "{a: 1}", "''", "\"\"", "-", "!!binary AAAA",
            "&a x", "*a", "!!str", "? x", "|", ">", "0o17", ".inf", "-.nan", "2001-12-14", "<<: *a", "!foo bar",
    };

    private final SplittableRandom random;
    private final List<byte[]> corpus;
    private final String[] words;

    /** Whether most mutants are kept valid UTF-8 (see {@link #next}). */
    private final boolean textual;

    Mutator(long seed, List<byte[]> corpus) {
        this(seed, corpus, false);
    }

    /**
     * With {@code textual}, three mutants in four have their broken UTF-8 replaced (U+FFFD): a YAML reader stops at
     * the first such byte, so raw bytes alone would keep most mutants from reaching the file's fields.
     */
    Mutator(long seed, List<byte[]> corpus, boolean textual) {
        if (corpus.isEmpty()) throw new IllegalArgumentException("empty corpus");
        this.textual = textual;
        this.random = new SplittableRandom(seed);
        this.corpus = List.copyOf(corpus);
        TreeSet<String> w = new TreeSet<>();
        for (byte[] c : corpus) {
            for (String t : new String(c, StandardCharsets.UTF_8).split("[^A-Za-z0-9_.-]+")) {
                if (t.length() >= 2 && t.length() <= 40) w.add(t);
            }
        }
        this.words = w.toArray(String[]::new);
    }

    /** The next mutant: a corpus entry (or two spliced) with one to four edits. */
    Mutant next() {
        int from = random.nextInt(corpus.size());
        byte[] b = corpus.get(from);
        StringBuilder how = new StringBuilder("corpus[").append(from).append(']');
        int edits = 1 + random.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int op = random.nextInt(17);
            byte[] out = edit(op, b, how);
            if (out.length <= MAX_LENGTH) b = out;
        }
        if (textual && random.nextInt(4) != 0) {
            byte[] repaired = new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(repaired, b)) how.append(", broken UTF-8 replaced");
            b = repaired;
        }
        return new Mutant(b, how.toString());
    }

    private byte[] edit(int op, byte[] b, StringBuilder how) {
        int at = b.length == 0 ? 0 : random.nextInt(b.length + 1);
        switch (op) {
            case 0 -> {
                if (b.length == 0) return b;
                int i = random.nextInt(b.length), bit = random.nextInt(8);
                how.append(", flip bit ").append(bit).append(" at ").append(i);
                byte[] out = b.clone();
                out[i] ^= (byte) (1 << bit);
                return out;
            }
            case 1 -> {
                byte[] ins = random.nextBoolean() ? new byte[]{(byte) random.nextInt(256)} : new byte[]{SYNTAX[random.nextInt(SYNTAX.length)]};
                how.append(", insert ").append(hex(ins)).append(" at ").append(at);
                return insert(b, at, ins);
            }
            case 2 -> {
                if (b.length == 0) return b;
                int i = random.nextInt(b.length), n = Math.min(b.length - i, 1 + random.nextInt(8));
                how.append(", delete ").append(n).append(" at ").append(i);
                return cut(b, i, n);
            }
            case 3 -> {
                // the head of this entry, the tail of another: a line's fields in another line's structure
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int j = other.length == 0 ? 0 : random.nextInt(other.length + 1);
                how.append(", splice at ").append(at).append(" with another entry's tail from ").append(j);
                return concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(other, j, other.length));
            }
            case 4 -> {
                return replaceRun(b, "[0-9]", EXTREME_NUMBERS[random.nextInt(EXTREME_NUMBERS.length)], how, "number");
            }
            case 5 -> {
                // a long repeat: deep nesting, a long name, a long list of '|' terms or ACEs
                if (b.length == 0) return b;
                int i = random.nextInt(b.length), n = Math.min(b.length - i, 1 + random.nextInt(16));
                int times = 2 + random.nextInt(random.nextBoolean() ? 16 : 4000);
                byte[] unit = Arrays.copyOfRange(b, i, i + n);
                if ((long) unit.length * times + b.length > MAX_LENGTH) times = Math.max(2, (MAX_LENGTH - b.length) / Math.max(1, unit.length));
                how.append(", repeat ").append(n).append(" bytes at ").append(i).append(' ').append(times).append(" times");
                byte[] rep = new byte[unit.length * times];
                for (int t = 0; t < times; t++) System.arraycopy(unit, 0, rep, t * unit.length, unit.length);
                return insert(b, i, rep);
            }
            case 6 -> {
                return replaceChar(b, LOOK_ALIKES[random.nextInt(LOOK_ALIKES.length)], how);
            }
            case 7 -> {
                byte[] odd = ODD_BYTES[random.nextInt(ODD_BYTES.length)];
                int where = random.nextInt(3) == 0 ? 0 : at;
                how.append(", insert ").append(hex(odd)).append(" at ").append(where);
                return insert(b, where, odd);
            }
            case 8 -> {
                // unbalance: drop or double one bracket or quote
                List<Integer> spots = new ArrayList<>();
                for (int i = 0; i < b.length; i++) if ("{}[]()\"'".indexOf(b[i]) >= 0) spots.add(i);
                if (spots.isEmpty()) return b;
                int i = spots.get(random.nextInt(spots.size()));
                if (random.nextBoolean()) {
                    how.append(", drop '").append((char) b[i]).append("' at ").append(i);
                    return cut(b, i, 1);
                }
                how.append(", double '").append((char) b[i]).append("' at ").append(i);
                return insert(b, i, new byte[]{b[i]});
            }
            case 9 -> {
                if (words.length == 0) return b;
                return replaceRun(b, "[A-Za-z_]", words[random.nextInt(words.length)], how, "word");
            }
            case 10 -> {
                return replaceRun(b, "[A-Za-z0-9_.\"-]", YAML_VALUES[random.nextInt(YAML_VALUES.length)], how, "scalar");
            }
            case 11 -> {
                return lines(b, how);
            }
            case 12 -> {
                // case flip: names are matched in ASCII case only
                List<Integer> letters = new ArrayList<>();
                for (int i = 0; i < b.length; i++) if ((b[i] | 0x20) >= 'a' && (b[i] | 0x20) <= 'z') letters.add(i);
                if (letters.isEmpty()) return b;
                int i = letters.get(random.nextInt(letters.size()));
                how.append(", flip case at ").append(i);
                byte[] out = b.clone();
                out[i] ^= 0x20;
                return out;
            }
            case 13 -> {
                // a copy of a range elsewhere: a field or ACE given twice
                if (b.length == 0) return b;
                int i = random.nextInt(b.length), n = Math.min(b.length - i, 1 + random.nextInt(64));
                how.append(", copy ").append(n).append(" bytes from ").append(i).append(" to ").append(at);
                return insert(b, at, Arrays.copyOfRange(b, i, i + n));
            }
            case 14 -> {
                byte[] tail = corpus.get(random.nextInt(corpus.size()));
                how.append(", truncate at ").append(at);
                return random.nextBoolean() ? Arrays.copyOf(b, at) : concat(Arrays.copyOf(b, at), Arrays.copyOf(tail, Math.min(tail.length, 8)));
            }
            case 15 -> {
                // an escape that JSON and YAML decode into a control character, a surrogate or a look-alike
                String esc = ESCAPES[random.nextInt(ESCAPES.length)];
                how.append(", insert ").append(Shown.text(esc)).append(" at ").append(at);
                return insert(b, at, esc.getBytes(StandardCharsets.US_ASCII));
            }
            default -> {
                String s = String.valueOf(Character.toChars(random.nextInt(2) == 0 ? random.nextInt(0x80, 0x800) : random.nextInt(0x800, 0x10FFFF)));
                if (Character.isSurrogate(s.charAt(0)) && s.length() == 1) s = "\uFFFD";
                byte[] ins = s.getBytes(StandardCharsets.UTF_8);
                how.append(", insert U+").append(String.format(Locale.ROOT, "%04X", s.codePointAt(0))).append(" at ").append(at);
                return insert(b, at, ins);
            }
        }
    }

    /** Replaces the run of {@code cls} characters around a random one of them with {@code with}. */
    private byte[] replaceRun(byte[] b, String cls, String with, StringBuilder how, String what) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<Integer> starts = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(cls + "+").matcher(s);
        List<Integer> ends = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
            ends.add(m.end());
        }
        if (starts.isEmpty()) return b;
        int k = random.nextInt(starts.size());
        how.append(", ").append(what).append(" at ").append(starts.get(k)).append(" -> ").append(Shown.text(with));
        return concat(concat(Arrays.copyOfRange(b, 0, starts.get(k)), with.getBytes(StandardCharsets.UTF_8)), Arrays.copyOfRange(b, ends.get(k), b.length));
    }

    /** Replaces one ASCII letter or digit with a look-alike. */
    private byte[] replaceChar(byte[] b, String with, StringBuilder how) {
        List<Integer> spots = new ArrayList<>();
        for (int i = 0; i < b.length; i++) if (Character.isLetterOrDigit(b[i]) && b[i] > 0) spots.add(i);
        if (spots.isEmpty()) return b;
        int i = spots.get(random.nextInt(spots.size()));
        how.append(", look-alike at ").append(i).append(" -> ").append(Shown.text(with));
        return concat(concat(Arrays.copyOfRange(b, 0, i), with.getBytes(StandardCharsets.UTF_8)), Arrays.copyOfRange(b, i + 1, b.length));
    }

    /** Deletes, repeats, swaps or re-indents a whole line, or joins two. */
    private byte[] lines(byte[] b, StringBuilder how) {
        List<byte[]> ls = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                ls.add(Arrays.copyOfRange(b, start, i + 1));
                start = i + 1;
            }
        }
        if (start < b.length) ls.add(Arrays.copyOfRange(b, start, b.length));
        if (ls.isEmpty()) return b;
        int i = random.nextInt(ls.size());
        switch (random.nextInt(5)) {
            case 0 -> {
                how.append(", delete line ").append(i + 1);
                ls.remove(i);
            }
            case 1 -> {
                how.append(", repeat line ").append(i + 1);
                ls.add(i, ls.get(i));
            }
            case 2 -> {
                int j = random.nextInt(ls.size());
                how.append(", swap lines ").append(i + 1).append(" and ").append(j + 1);
                byte[] t = ls.get(i);
                ls.set(i, ls.get(j));
                ls.set(j, t);
            }
            case 3 -> {
                String indent = random.nextBoolean() ? "  " : "\t";
                how.append(", indent line ").append(i + 1).append(" by ").append(Shown.text(indent));
                ls.set(i, concat(indent.getBytes(StandardCharsets.US_ASCII), ls.get(i)));
            }
            default -> {
                byte[] l = ls.get(i);
                int lead = 0;
                while (lead < l.length && l[lead] == ' ') lead++;
                if (lead > 0) {
                    how.append(", outdent line ").append(i + 1);
                    ls.set(i, Arrays.copyOfRange(l, Math.min(lead, 2), l.length));
                } else if (l.length > 0 && l[l.length - 1] == '\n') {
                    how.append(", join line ").append(i + 1).append(" with the next");
                    ls.set(i, Arrays.copyOf(l, l.length - 1));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 64);
        for (byte[] l : ls) out.writeBytes(l);
        return out.toByteArray();
    }

    static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
    }

    static byte[] cut(byte[] b, int at, int n) {
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + n, out, at, b.length - at - n);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder("0x");
        for (byte x : b) s.append(String.format(Locale.ROOT, "%02X", x & 0xFF));
        return s.toString();
    }
}
