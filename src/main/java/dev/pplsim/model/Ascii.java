package dev.pplsim.model;

/**
 * Text as the tool's spellings define it: ASCII only. Java's case-insensitive comparisons fold Unicode look-alikes
 * ({@code ſ} matches {@code s}, {@code İ} matches {@code i}) and {@link Character#isDigit} accepts every script's
 * digits, so {@code Lſa-Light} or {@code ٩٧} would silently name a protection; here they are simply not names.
 */
public final class Ascii {

    private Ascii() {
    }

    /** {@code c} is one of {@code 0-9}. */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code c} is one of {@code 0-9 a-f A-F}. */
    public static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@code c} folded to lower case if it is an ASCII letter, else itself. */
    public static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** {@code c} folded to upper case if it is an ASCII letter, else itself. */
    public static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }

    /** {@code s} with its ASCII letters in lower case; every other character unchanged. */
    public static String lower(String s) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) out[i] = lower(out[i]);
        return new String(out);
    }

    /** {@code s} with its ASCII letters in upper case; every other character unchanged. */
    public static String upper(String s) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) out[i] = upper(out[i]);
        return new String(out);
    }

    /** {@code a} and {@code b} are equal when ASCII letters are compared without case; null equals only null. */
    public static boolean equalsIgnoreCase(String a, String b) {
        if (a == null || b == null) return a == b;
        if (a.length() != b.length()) return false;
        return regionMatches(a, 0, b, 0, a.length());
    }

    /** {@code s} starts with {@code prefix}, ASCII letters compared without case. */
    public static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.length() >= prefix.length() && regionMatches(s, 0, prefix, 0, prefix.length());
    }

    /** {@code s} ends with {@code suffix}, ASCII letters compared without case. */
    public static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.length() >= suffix.length() && regionMatches(s, s.length() - suffix.length(), suffix, 0, suffix.length());
    }

    /** As {@link String#regionMatches(boolean, int, String, int, int)} with case ignored, in ASCII only. */
    public static boolean regionMatches(String a, int aFrom, String b, int bFrom, int len) {
        if (aFrom < 0 || bFrom < 0 || aFrom + len > a.length() || bFrom + len > b.length()) return false;
        for (int i = 0; i < len; i++) {
            if (lower(a.charAt(aFrom + i)) != lower(b.charAt(bFrom + i))) return false;
        }
        return true;
    }
}
