package dev.pplsim.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * An input as a failure message shows it, so it can be pasted into a regression test: text that is valid UTF-8 as
 * a Java string literal (every character outside printable ASCII as {@code \}{@code uXXXX}), other bytes as Base64.
 */
final class Shown {

    /** Longer inputs are shown by their head and tail; the whole of them goes to a file (see {@link FuzzTests}). */
    static final int LIMIT = 4096;

    private Shown() {
    }

    static String bytes(byte[] b) {
        String text = strictUtf8(b);
        String shown = text != null ? "\"" + text(text) + "\"" : "base64:" + Base64.getEncoder().encodeToString(b);
        if (shown.length() <= LIMIT) return shown;
        return shown.substring(0, LIMIT / 2) + " ...(" + (shown.length() - LIMIT) + " more)... " + shown.substring(shown.length() - LIMIT / 2);
    }

    /** A Java string literal's body: {@code \n}, {@code \"}, {@code \\}, and {@code \}{@code uXXXX} past printable ASCII. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7F) b.append(c);
                    else b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                }
            }
        }
        return b.toString();
    }

    private static String strictUtf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
