package dev.pplsim.request;

import dev.pplsim.model.Ascii;
import dev.pplsim.model.ProcessTrustLevel;
import dev.pplsim.model.ProcessTrustType;
import dev.pplsim.model.Sid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SID spellings: {@code S-1-5-32-544} and the SDDL two-letter aliases (case-insensitive). Errors are one-line
 * {@link InputException}s naming the text. Trust SIDs must use the RIDs of spec §4.3, so a mistyped trust level
 * is caught here rather than silently compared as a number.
 */
public final class SidSpelling {

    // compiled once: a descriptor of thousands of ACEs reads a SID per ACE, and String.matches compiles each time
    private static final java.util.regex.Pattern HEX_AUTHORITY = java.util.regex.Pattern.compile("[0-9A-Fa-f]{1,12}");
    private static final java.util.regex.Pattern DECIMAL_AUTHORITY = java.util.regex.Pattern.compile("[0-9]{1,15}");
    private static final java.util.regex.Pattern SUB_AUTHORITY = java.util.regex.Pattern.compile("[0-9]{1,10}");

    private SidSpelling() {
    }

    /** SDDL alias -> SID (the SDDL SID strings of sddl.h); the integrity ones are spec §4.2's levels. */
    private static final Map<String, Sid> ALIASES;
    /** The alias a SID prints as, when it has one. */
    private static final Map<Sid, String> BY_SID;

    static {
        Map<String, Sid> a = new LinkedHashMap<>();
        a.put("WD", Sid.of(1, 0));              // Everyone
        a.put("CO", Sid.of(3, 0));              // CREATOR OWNER
        a.put("OW", Sid.of(3, 4));              // OWNER RIGHTS
        a.put("NU", Sid.of(5, 2));              // NETWORK
        a.put("IU", Sid.of(5, 4));              // INTERACTIVE
        a.put("SU", Sid.of(5, 6));              // SERVICE
        a.put("AN", Sid.of(5, 7));              // ANONYMOUS LOGON
        a.put("AU", Sid.of(5, 11));             // Authenticated Users
        a.put("RC", Sid.of(5, 12));             // RESTRICTED (restricted-token SID)
        a.put("SY", Sid.of(5, 18));             // LocalSystem
        a.put("LS", Sid.of(5, 19));             // LocalService
        a.put("NS", Sid.of(5, 20));             // NetworkService
        a.put("WR", Sid.of(5, 33));             // WRITE RESTRICTED
        a.put("BA", Sid.of(5, 32, 544));        // BUILTIN\Administrators
        a.put("BU", Sid.of(5, 32, 545));        // BUILTIN\Users
        a.put("AC", Sid.of(15, 2, 1));          // ALL APPLICATION PACKAGES
        a.put("LW", Sid.of(16, 0x1000));        // Low (spec §4.2)
        a.put("ME", Sid.of(16, 0x2000));        // Medium
        a.put("MP", Sid.of(16, 0x2100));        // Medium Plus
        a.put("HI", Sid.of(16, 0x3000));        // High
        a.put("SI", Sid.of(16, 0x4000));        // System
        ALIASES = Collections.unmodifiableMap(a);
        Map<Sid, String> b = new LinkedHashMap<>();
        a.forEach((k, v) -> b.put(v, k));
        BY_SID = Collections.unmodifiableMap(b);
    }

    public static Map<String, Sid> aliases() { return ALIASES; }

    /** {@code S-1-5-18}, {@code S-1-16-20480}, {@code S-1-19-512-8192} or an alias ({@code SY}, {@code ba}). */
    public static Sid parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) throw new InputException("empty SID");
        if (s.length() > 2 && Ascii.startsWithIgnoreCase(s, "S-")) return literal(s);
        Sid alias = ALIASES.get(Ascii.upper(s));
        if (alias != null) return alias;
        if (s.matches("[A-Za-z]{2}")) {
            throw new InputException("unknown SID alias " + InputException.quoted(s) + " (known: " + String.join(", ", ALIASES.keySet()) + ")");
        }
        throw new InputException("malformed SID " + InputException.quoted(s) + ": expected S-1-<authority>-<sub-authority>... or a two-letter alias");
    }

    /** The alias when the SID has one, else {@code S-1-...}: what SDDL prints. */
    public static String print(Sid sid) {
        String alias = BY_SID.get(sid);
        return alias != null ? alias : sid.toString();
    }

    /** The length of the SID literal at the start of {@code s} ({@code S-1-5-32-544G:SY} -> 12), or 0 if none. */
    static int literalLength(CharSequence s, int from) {
        int i = from;
        if (!startsWithIgnoreCase(s, i, "S-1-")) return 0;
        i += 4;
        int start = i;
        if (startsWithIgnoreCase(s, i, "0x")) {
            i += 2;
            // at most the 12 digits of a 48-bit authority, so that a following "D:" is not read as a digit
            while (i < s.length() && i < start + 14 && Character.digit(s.charAt(i), 16) >= 0) i++;
        } else {
            while (i < s.length() && Ascii.isDigit(s.charAt(i))) i++;
        }
        if (i == start) return i - from;
        // sub-authorities are decimal, so a following hex-looking letter (the D of "D:") ends the SID
        while (i + 1 < s.length() && s.charAt(i) == '-' && Ascii.isDigit(s.charAt(i + 1))) {
            i++;
            while (i < s.length() && Ascii.isDigit(s.charAt(i))) i++;
        }
        return i - from;
    }

    private static boolean startsWithIgnoreCase(CharSequence s, int at, String prefix) {
        if (at + prefix.length() > s.length()) return false;
        return Ascii.equalsIgnoreCase(s.subSequence(at, at + prefix.length()).toString(), prefix);
    }

    private static Sid literal(String s) {
        String[] parts = s.split("-", -1);
        if (parts.length < 3 || !Ascii.equalsIgnoreCase(parts[0], "S") || !parts[1].equals("1")) {
            throw new InputException("malformed SID " + InputException.quoted(s) + ": expected S-1-<authority>-<sub-authority>...");
        }
        long authority;
        try {
            if (Ascii.startsWithIgnoreCase(parts[2], "0x")) {
                if (!HEX_AUTHORITY.matcher(parts[2].substring(2)).matches()) throw new NumberFormatException();
                authority = Long.parseLong(parts[2].substring(2), 16);
            } else {
                if (!DECIMAL_AUTHORITY.matcher(parts[2]).matches()) throw new NumberFormatException();
                authority = Long.parseLong(parts[2]);
            }
        } catch (NumberFormatException e) {
            throw new InputException("malformed SID " + InputException.quoted(s) + ": authority " + InputException.quoted(parts[2]) + " is not a number");
        }
        if (authority > 0xFFFF_FFFF_FFFFL) throw new InputException("malformed SID " + InputException.quoted(s) + ": the authority is 48 bits");
        if (parts.length - 3 > Sid.MAX_SUB_AUTHORITIES) {
            throw new InputException("malformed SID " + InputException.quoted(s) + ": " + (parts.length - 3) + " sub-authorities, at most 15");
        }
        List<Long> subs = new ArrayList<>();
        for (int i = 3; i < parts.length; i++) {
            if (!SUB_AUTHORITY.matcher(parts[i]).matches() || Long.parseLong(parts[i]) > 0xFFFF_FFFFL) {
                throw new InputException("malformed SID " + InputException.quoted(s) + ": sub-authority " + InputException.quoted(parts[i]) + " is not a 32-bit decimal number");
            }
            subs.add(Long.parseLong(parts[i]));
        }
        Sid sid = new Sid(authority, subs);
        check(sid, s);
        return sid;
    }

    /** Label SIDs have fixed shapes: S-1-16-<rid> (spec §4.2) and S-1-19-<type>-<level> with the §4.3 RIDs. */
    private static void check(Sid sid, String text) {
        if (sid.authority() == Sid.MANDATORY_LABEL_AUTHORITY && sid.subAuthorities().size() != 1) {
            throw new InputException("malformed integrity SID " + InputException.quoted(text) + ": expected S-1-16-<rid> (spec §4.2)");
        }
        if (sid.authority() == Sid.PROCESS_TRUST_AUTHORITY) {
            if (sid.subAuthorities().size() != 2) {
                throw new InputException("malformed trust SID " + InputException.quoted(text) + ": expected S-1-19-<type>-<level> (spec §4.3)");
            }
            if (ProcessTrustType.ofRid(sid.subAuthorities().get(0)) == null) {
                throw new InputException("trust SID " + InputException.quoted(text) + ": type RID " + sid.subAuthorities().get(0)
                        + " is not 0, 512 (lite) or 1024 (full) (spec §4.3)");
            }
            if (ProcessTrustLevel.ofRid(sid.subAuthorities().get(1)) == null) {
                throw new InputException("trust SID " + InputException.quoted(text) + ": level RID " + sid.subAuthorities().get(1)
                        + " is not 0, 1024, 1536, 2048, 4096 or 8192 (spec §4.3)");
            }
        }
    }
}
