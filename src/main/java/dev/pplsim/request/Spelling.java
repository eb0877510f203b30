package dev.pplsim.request;

import dev.pplsim.model.Ascii;
import dev.pplsim.model.AccessRight;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.StandardRight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The spellings users type, parsed the same way everywhere (CLI, batch lines, YAML). Errors are
 * {@link InputException}s whose message names the offending token; callers prefix where it came from.
 */
public final class Spelling {

    private Spelling() {
    }

    /**
     * A protection: a byte in hex ({@code 0x61}) or decimal ({@code 97}); {@code None}; {@code <Signer>-Light} (PPL)
     * or {@code <Signer>} (PP), optionally prefixed {@code PsProtectedSigner}, optionally suffixed {@code +Audit};
     * or the spelled-out {@code Type<n>/<Signer>} that {@link PsProtection#name()} prints for odd bytes.
     */
    public static PsProtection protection(String text) {
        // trim, not isBlank: isBlank keeps control characters that trim removes, which left nothing to read
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) throw new InputException("empty protection");
        if (Ascii.isDigit(s.charAt(0))) {
            long v = number(s, "protection");
            if (v > 0xFF) throw new InputException("protection " + s + " is not a byte (0x00..0xFF)");
            return new PsProtection((int) v);
        }
        boolean audit = false;
        if (Ascii.endsWithIgnoreCase(s, "+audit")) {
            audit = true;
            s = s.substring(0, s.length() - 6).trim();
        }
        if (Ascii.equalsIgnoreCase(s, "none")) return PsProtection.of(0, audit, 0);
        int type;
        String signerText;
        if (Ascii.startsWithIgnoreCase(s, "Type") && s.indexOf('/') > 4) {
            String t = s.substring(4, s.indexOf('/'));
            if (!t.matches("[0-7]")) throw new InputException("unknown protection " + InputException.quoted(text.trim()) + ": type must be 0..7");
            type = Integer.parseInt(t);
            signerText = s.substring(s.indexOf('/') + 1);
        } else if (Ascii.endsWithIgnoreCase(s, "-light")) {
            type = 1;
            signerText = s.substring(0, s.length() - 6);
        } else {
            type = 2;
            signerText = s;
        }
        int signer = signerValue(signerText);
        if (signer < 0) {
            throw new InputException("unknown protection " + InputException.quoted(text.trim()) + ": expected None, a byte (0x61), "
                    + "<Signer> or <Signer>-Light with Signer one of " + signerNames());
        }
        return PsProtection.of(type, audit, signer);
    }

    private static int signerValue(String text) {
        PsProtectedSigner named = PsProtectedSigner.byName(text);
        if (named != null) return named.value();
        String t = text.trim();
        if (Ascii.startsWithIgnoreCase(t, "Signer") && t.substring(6).matches("[0-9]{1,2}")) {
            int v = Integer.parseInt(t.substring(6));
            return v <= 15 ? v : -1;
        }
        return -1;
    }

    private static String signerNames() {
        List<String> names = new ArrayList<>();
        for (PsProtectedSigner s : PsProtectedSigner.values()) {
            if (s != PsProtectedSigner.NONE) names.add(s.shortName());
        }
        return String.join(", ", names);
    }

    /**
     * The constant of {@code allowed} whose id the text is (any case), or an error that lists them: {@code expected
     * user or kernel, got 'supervisor'}; {@code shown} is the refused value as the input gave it.
     */
    public static <E extends Enum<E>> E named(E[] allowed, Function<E, String> id, String text, String shown) {
        for (E e : allowed) {
            if (Ascii.equalsIgnoreCase(id.apply(e), text)) return e;
        }
        List<String> ids = new ArrayList<>();
        for (E e : allowed) ids.add(id.apply(e));
        throw new InputException("expected " + oneOf(ids) + ", got " + shown);
    }

    /** As {@link #named(Enum[], Function, String, String)}, the refused text shown in quotes. */
    public static <E extends Enum<E>> E named(E[] allowed, Function<E, String> id, String text) {
        return named(allowed, id, text, InputException.quoted(text));
    }

    /** {@code a, b or c}. */
    public static String oneOf(List<String> words) {
        int n = words.size();
        return n == 1 ? words.get(0) : String.join(", ", words.subList(0, n - 1)) + " or " + words.get(n - 1);
    }

    /**
     * A non-negative number of at most 32 bits, as {@link #numberValue} reads it; anything else is an error that
     * names the text.
     */
    public static long number(String text, String what) {
        long v = numberValue(text.trim());
        if (v < 0 || v > 0xFFFFFFFFL) throw malformed(text, what);
        return v;
    }

    /**
     * The one grammar of numbers, for the command line, batch lines and policy YAML alike: {@code 0x} and hex
     * digits, or decimal digits without a leading zero, ASCII only. Signs, separators, fractions, other bases and
     * other scripts' digits are not numbers ({@link Long#parseLong} alone would take {@code 0x+10} or {@code ٩٧}, and
     * {@code 0110} would be octal to YAML 1.1 and to C): -1. A well-formed number too large for a long gives
     * {@link Long#MAX_VALUE}, which every caller's range refuses.
     */
    public static long numberValue(String text) {
        int n = text.length();
        if (n == 0) return -1;
        if (n > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            long v = 0;
            for (int i = 2; i < n; i++) {
                char c = text.charAt(i);
                if (!Ascii.isHexDigit(c)) return -1;
                v = v > (Long.MAX_VALUE >> 4) ? Long.MAX_VALUE : (v << 4) | Character.digit(c, 16);
            }
            return v;
        }
        if (text.charAt(0) == '0') return n == 1 ? 0 : -1;
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!Ascii.isDigit(c)) return -1;
            int d = c - '0';
            v = v > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : v * 10 + d;
        }
        return v;
    }

    private static InputException malformed(String text, String what) {
        return new InputException("malformed " + what + " " + InputException.quoted(text.trim()) + ": expected a hex (0x10) or decimal number of at most 32 bits");
    }

    /**
     * A desired access mask for an object of the given kind: SDK names and numbers joined by {@code |}, e.g.
     * {@code PROCESS_VM_READ|0x10|SYNCHRONIZE}, {@code MAXIMUM_ALLOWED}, {@code GENERIC_READ},
     * {@code PROCESS_ALL_ACCESS}. Generic bits are kept as bits here; the generic-mapping stage maps them.
     */
    public static int desiredMask(String text, ObjectKind kind) {
        return mask(text, kind, StandardRight.REQUESTABLE, "desired access");
    }

    /**
     * A granted mask (what an access check returned): like {@link #desiredMask} but without GENERIC_* and
     * MAXIMUM_ALLOWED, which SeAccessCheck never returns.
     */
    public static int grantedMask(String text, ObjectKind kind) {
        return mask(text, kind, ProcessRight.ALL_ACCESS | StandardRight.ACCESS_SYSTEM_SECURITY.mask(), "granted mask");
    }

    private static int mask(String text, ObjectKind kind, int allowed, String what) {
        if (text == null || text.trim().isEmpty()) throw new InputException("empty " + what);
        int mask = 0;
        // -1 keeps trailing empty terms: "PROCESS_VM_READ|" and "|" are errors, never a smaller mask
        for (String raw : text.split("\\|", -1)) {
            String token = raw.trim();
            if (token.isEmpty()) throw new InputException("malformed " + what + " " + InputException.quoted(text.trim()) + ": empty term between '|'");
            int bits;
            if (Ascii.isDigit(token.charAt(0))) {
                bits = (int) number(token, what);
            } else {
                bits = rightByName(token, kind, what);
            }
            int stray = bits & ~allowed;
            if (stray != 0) {
                throw new InputException(what + " " + InputException.quoted(text.trim()) + ": " + describeStray(stray, what));
            }
            mask |= bits;
        }
        return mask;
    }

    private static String describeStray(int stray, String what) {
        for (StandardRight r : StandardRight.values()) {
            if ((stray & r.mask()) != 0) return r.sdkName() + " cannot appear in a " + what;
        }
        return String.format(Locale.ROOT, "bit 0x%08X is not an access right", Integer.lowestOneBit(stray));
    }

    private static int rightByName(String token, ObjectKind kind, String what) {
        String name = Ascii.upper(token);
        if (name.equals("PROCESS_ALL_ACCESS") || name.equals("THREAD_ALL_ACCESS")) {
            checkPrefix(name, kind, token, what);
            return ProcessRight.ALL_ACCESS;
        }
        if (name.equals("TOKEN_ALL_ACCESS")) {
            checkPrefix(name, kind, token, what);
            return dev.pplsim.model.TokenRight.ALL_ACCESS;
        }
        for (AccessRight r : kind.allRights()) {
            if (r.sdkName().equals(name)) return r.mask();
        }
        for (ObjectKind other : ObjectKind.values()) {
            if (other == kind) continue;
            for (AccessRight r : other.specificRights()) {
                if (r.sdkName().equals(name)) {
                    throw new InputException(what + ": " + token + " is a " + other.id() + " right, but the object is a " + kind.id());
                }
            }
        }
        throw new InputException(what + ": unknown right name " + InputException.quoted(token) + " (expected "
                + kind.id().toUpperCase(Locale.ROOT) + "_*, a standard right such as SYNCHRONIZE, GENERIC_*, MAXIMUM_ALLOWED or a number)");
    }

    private static void checkPrefix(String name, ObjectKind kind, String token, String what) {
        ObjectKind of = name.startsWith("PROCESS_") ? ObjectKind.PROCESS : name.startsWith("TOKEN_") ? ObjectKind.TOKEN : ObjectKind.THREAD;
        if (of != kind) {
            throw new InputException(what + ": " + token + " is a " + of.id() + " right, but the object is a " + kind.id());
        }
    }
}
