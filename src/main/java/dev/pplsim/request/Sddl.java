package dev.pplsim.request;

import dev.pplsim.model.Ascii;
import dev.pplsim.model.Ace;
import dev.pplsim.model.AceFlag;
import dev.pplsim.model.AceType;
import dev.pplsim.model.MandatoryPolicy;
import dev.pplsim.model.SdControl;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SDDL as Windows writes it for process, thread and token descriptors (spec §4.1-§4.3, §12.10; ACE Strings, MS-DTYP
 * 2.5.1.1): {@code O:} {@code G:} {@code D:} {@code S:} parts, each at most once and in any order; the control codes
 * {@code P}, {@code AI}, {@code AR} after {@code D:} / {@code S:} (kept as {@link SdControl} bits, so they print
 * back); {@code D:NO_ACCESS_CONTROL} for a NULL DACL; ACEs {@code (type;flags;rights;object;inherited-object;sid)}
 * of every type SDDL can spell ({@link AceType}): A D OA OD XA XD ZA in the DACL, AU AL OU OL XU ML TL RA SP FL in
 * the SACL. Callback ACEs carry a seventh field {@code ;(condition)}, RA ACEs {@code ;(attribute)}; both are kept as
 * written, a condition checked only for balanced parentheses outside quoted strings. Flags OI CI NP IO ID CR SA FA
 * TP; rights as {@code 0x} hex or right codes. An OA ACE without GUIDs becomes an A ACE, as
 * ConvertStringSecurityDescriptorToSecurityDescriptor makes it. An access filter ACE (FL) is refused unless
 * inherit-only: pplsim cannot apply its limit. An ACL larger than its 16-bit AclSize allows is refused at the ACE
 * that overflows it.
 * <p>
 * Errors are one line, {@code SDDL at N: what}, N the 1-based character position in the string.
 * <p>
 * {@link #print} is canonical: parts in O G D S order, aliases for SIDs that have one, rights as one composite code
 * when the mask is exactly one (FA FR FW FX KA KR KW; KX equals KR and prints as KR), else as single-bit codes when
 * they cover the mask, else lower-case hex as ConvertSecurityDescriptorToStringSecurityDescriptor prints it. A
 * mandatory label's mask prints as NW NR NX; an RA or SP ACE's empty mask prints empty. GUIDs print in lower case.
 */
public final class Sddl {

    private Sddl() {
    }

    /** Composite right codes (FILE_* and KEY_* of winnt.h), checked first when printing; KX == KR is parse-only. */
    private static final Map<String, Integer> COMPOSITE = new LinkedHashMap<>();
    /** Single-bit codes in print order: generic, directory-service (process/thread specific bits 0-8), standard. */
    private static final Map<String, Integer> SINGLE = new LinkedHashMap<>();
    /** The mandatory-label codes, valid in ML ACEs only (spec §4.2). */
    private static final Map<String, Integer> LABEL = new LinkedHashMap<>();

    static {
        COMPOSITE.put("FA", 0x001F01FF);   // FILE_ALL_ACCESS
        COMPOSITE.put("FR", 0x00120089);   // FILE_GENERIC_READ
        COMPOSITE.put("FW", 0x00120116);   // FILE_GENERIC_WRITE
        COMPOSITE.put("FX", 0x001200A0);   // FILE_GENERIC_EXECUTE
        COMPOSITE.put("KA", 0x000F003F);   // KEY_ALL_ACCESS
        COMPOSITE.put("KR", 0x00020019);   // KEY_READ
        COMPOSITE.put("KW", 0x00020006);   // KEY_WRITE
        SINGLE.put("GA", 0x10000000);      // GENERIC_ALL
        SINGLE.put("GR", 0x80000000);      // GENERIC_READ
        SINGLE.put("GW", 0x40000000);      // GENERIC_WRITE
        SINGLE.put("GX", 0x20000000);      // GENERIC_EXECUTE
        SINGLE.put("CC", 0x00000001);      // ADS_RIGHT_DS_CREATE_CHILD
        SINGLE.put("DC", 0x00000002);      // ADS_RIGHT_DS_DELETE_CHILD
        SINGLE.put("LC", 0x00000004);      // ADS_RIGHT_ACTRL_DS_LIST
        SINGLE.put("SW", 0x00000008);      // ADS_RIGHT_DS_SELF
        SINGLE.put("RP", 0x00000010);      // ADS_RIGHT_DS_READ_PROP
        SINGLE.put("WP", 0x00000020);      // ADS_RIGHT_DS_WRITE_PROP
        SINGLE.put("DT", 0x00000040);      // ADS_RIGHT_DS_DELETE_TREE
        SINGLE.put("LO", 0x00000080);      // ADS_RIGHT_DS_LIST_OBJECT
        SINGLE.put("CR", 0x00000100);      // ADS_RIGHT_DS_CONTROL_ACCESS
        SINGLE.put("SD", 0x00010000);      // DELETE
        SINGLE.put("RC", 0x00020000);      // READ_CONTROL
        SINGLE.put("WD", 0x00040000);      // WRITE_DAC
        SINGLE.put("WO", 0x00080000);      // WRITE_OWNER
        for (MandatoryPolicy p : MandatoryPolicy.values()) LABEL.put(p.sddl(), p.mask());
    }

    /** KEY_EXECUTE, the same mask as KEY_READ. */
    private static final int KEY_EXECUTE = 0x00020019;

    /** The ACL header (winnt.h {@code ACL}: revision, padding, AclSize, AceCount, padding). */
    private static final int ACL_HEADER_SIZE = 8;
    /** {@code ACL.AclSize} is a WORD: no ACL, header and ACEs together, is larger. */
    public static final int MAX_ACL_SIZE = 0xFFFF;

    /** winnt.h {@code SYSTEM_PROCESS_TRUST_LABEL_VALID_MASK} (spec §4.3). */
    public static final int TRUST_LABEL_VALID_MASK = 0x00FFFFFF;

    // ------------------------------------------------------------------------------------------------ parsing

    /** Parses SDDL; the empty string is the empty descriptor (no owner, group, DACL or SACL), as print gives it. */
    public static SecurityDescriptor parse(String text) {
        if (text == null) throw new InputException("missing SDDL");
        return new Parser(text.trim()).descriptor();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        private InputException error(int at, String what) {
            return new InputException("SDDL at " + (at + 1) + ": " + what);
        }

        SecurityDescriptor descriptor() {
            Sid owner = null, group = null;
            List<Ace> dacl = null, sacl = List.of();
            int control = 0;
            boolean seenO = false, seenG = false, seenD = false, seenS = false;
            while (i < s.length()) {
                int at = i;
                if (i + 1 >= s.length() || s.charAt(i + 1) != ':') {
                    throw error(at, "expected O:, G:, D: or S:, found " + InputException.quoted(excerpt(at)));
                }
                char part = Ascii.upper(s.charAt(i));
                i += 2;
                switch (part) {
                    case 'O' -> {
                        if (seenO) throw error(at, "O: appears twice");
                        seenO = true;
                        owner = partSid("owner");
                    }
                    case 'G' -> {
                        if (seenG) throw error(at, "G: appears twice");
                        seenG = true;
                        group = partSid("group");
                    }
                    case 'D' -> {
                        if (seenD) throw error(at, "D: appears twice");
                        seenD = true;
                        control |= controlCodes(false);
                        if (startsWith("NO_ACCESS_CONTROL")) {
                            i += "NO_ACCESS_CONTROL".length();
                            if (i < s.length() && s.charAt(i) == '(') throw error(i, "a NULL DACL (NO_ACCESS_CONTROL) cannot have ACEs");
                            dacl = null;
                        } else {
                            dacl = aces(false);
                        }
                    }
                    case 'S' -> {
                        if (seenS) throw error(at, "S: appears twice");
                        seenS = true;
                        control |= controlCodes(true);
                        sacl = aces(true);
                    }
                    default -> throw error(at, "unknown part '" + s.charAt(at) + ":' (expected O:, G:, D: or S:)");
                }
            }
            return new SecurityDescriptor(owner, group, dacl, sacl, control);
        }

        private boolean startsWith(String word) {
            return Ascii.regionMatches(s, i, word, 0, word.length());
        }

        private String excerpt(int at) {
            int end = Math.min(s.length(), at + 12);
            return s.substring(at, end) + (end < s.length() ? "..." : "");
        }

        /** The owner or group: a SID literal, or a two-letter alias. */
        private Sid partSid(String what) {
            int at = i;
            int len = SidSpelling.literalLength(s, i);
            if (len == 0) len = Math.min(2, s.length() - i);
            if (len == 0) throw error(at, "missing " + what + " SID");
            i += len;
            return sid(s.substring(at, at + len), at);
        }

        /** SIDs read so far, by spelling: an ACL names few SIDs many times, and a literal costs far more than a lookup. */
        private final Map<String, Sid> sids = new java.util.HashMap<>();

        private Sid sid(String text, int at) {
            Sid known = sids.get(text);
            if (known != null) return known;
            try {
                Sid sid = SidSpelling.parse(text);
                sids.put(text, sid);
                return sid;
            } catch (InputException e) {
                throw error(at, e.getMessage());
            }
        }

        private int controlCodes(boolean sacl) {
            int control = 0;
            while (i < s.length() && s.charAt(i) != '(' && !(i + 1 < s.length() && s.charAt(i + 1) == ':')) {
                if (startsWith("NO_ACCESS_CONTROL")) {
                    if (sacl) throw error(i, "NO_ACCESS_CONTROL applies to D: only");
                    break;
                }
                SdControl found = null;
                for (SdControl c : SdControl.values()) {
                    if (c.sacl() == sacl && startsWith(c.sddl())) {
                        found = c;
                        break;
                    }
                }
                if (found == null) {
                    throw error(i, "unknown control code " + InputException.quoted(excerpt(i)) + " (expected P, AI, AR or an ACE)");
                }
                control |= found.mask();
                i += found.sddl().length();
            }
            return control;
        }

        private List<Ace> aces(boolean sacl) {
            List<Ace> out = new ArrayList<>();
            // AclSize is 16 bits: add each ACE's size as it is read, so an oversized ACL is refused at the ACE that
            // overflows it, before the rest of a long string is read (spec §4.1; MS-DTYP 2.4.5)
            long size = ACL_HEADER_SIZE;
            while (i < s.length() && s.charAt(i) == '(') {
                int open = i;
                Ace a = ace(sacl);
                size += a.byteSize();
                if (size > MAX_ACL_SIZE) {
                    throw error(open, String.format(Locale.ROOT, "the %s would exceed %,d bytes (an ACL's size is 16 bits) at ACE %d",
                            sacl ? "SACL" : "DACL", MAX_ACL_SIZE, out.size() + 1));
                }
                out.add(a);
            }
            if (i < s.length() && !(i + 1 < s.length() && s.charAt(i + 1) == ':')) {
                throw error(i, "expected '(' to start an ACE, found " + InputException.quoted(excerpt(i)));
            }
            return out;
        }

        /**
         * {@code (type;flags;rights;object-guid;inherited-object-guid;sid)}, and for callback and resource-attribute
         * ACEs a seventh field {@code ;(condition)} or {@code ;(attribute)} (MS-DTYP 2.5.1.1).
         */
        private Ace ace(boolean sacl) {
            int open = i;
            String[] f = new String[6];
            int[] at = new int[6];
            int p = open + 1;
            for (int k = 0; k < 6; k++) {
                at[k] = p;
                int q = p;
                while (q < s.length() && s.charAt(q) != ';' && s.charAt(q) != ')' && s.charAt(q) != '(') q++;
                if (q == s.length()) throw error(open, "unterminated ACE (no ')')");
                if (s.charAt(q) == '(') throw error(q, "unexpected '(' in an ACE field");
                f[k] = s.substring(p, q);
                if (k < 5 && s.charAt(q) != ';') {
                    throw error(open, "an ACE has 6 fields 'type;flags;rights;object;inherited-object;sid', found " + (k + 1));
                }
                p = q + 1;
            }
            int end = p - 1; // the ';' or ')' after the SID
            AceType type = aceType(f[0], at[0]);
            if (type.isSaclType() != sacl) {
                throw error(at[0], type.sddl() + " ACE in the " + (sacl ? "SACL (S:)" : "DACL (D:)") + "; " + type.kind()
                        + " ACEs belong in " + (type.isSaclType() ? "S:" : "D:"));
            }
            int flags = aceFlags(f[1], at[1]);
            // an attribute or a policy ACE grants nothing: its rights are usually left empty (as in ACE Strings' RA example)
            boolean noRights = type == AceType.SYSTEM_RESOURCE_ATTRIBUTE || type == AceType.SYSTEM_SCOPED_POLICY_ID;
            int mask = noRights && f[2].isEmpty() ? 0 : rights(f[2], at[2], type);
            String objectType = null, inheritedType = null;
            if (type.hasObjectTypes()) {
                objectType = guid(f[3], at[3]);
                inheritedType = guid(f[4], at[4]);
            } else {
                if (!f[3].isEmpty()) throw error(at[3], "object GUIDs are for object ACEs (OA, OD, OU, OL, ZA), not " + type.sddl());
                if (!f[4].isEmpty()) throw error(at[4], "inherited-object GUIDs are for object ACEs (OA, OD, OU, OL, ZA), not " + type.sddl());
            }
            if (f[5].isEmpty()) throw error(at[5], "missing ACE SID");
            Sid sid = sid(f[5], at[5]);
            if (type == AceType.SYSTEM_MANDATORY_LABEL && !sid.isIntegrity()) {
                throw error(at[5], "an ML ACE needs an integrity SID (S-1-16-*), got " + sid + " (spec §4.2)");
            }
            if (type == AceType.SYSTEM_PROCESS_TRUST_LABEL && !sid.isTrust()) {
                throw error(at[5], "a TL ACE needs a trust SID (S-1-19-*), got " + sid + " (spec §4.3)");
            }
            String data = null;
            boolean seventh = type.hasCondition() || type.hasAttribute();
            if (s.charAt(end) == ';') {
                if (!seventh) {
                    throw error(end, "an ACE has 6 fields 'type;flags;rights;object;inherited-object;sid': a seventh is for callback"
                            + " (XA, XD, XU, ZA, FL) and resource-attribute (RA) ACEs, not " + type.sddl());
                }
                int from = skipSpaces(end + 1);
                if (from == s.length() || s.charAt(from) != '(') {
                    throw error(from, "expected '(' to start the " + type.sddl() + " ACE's " + (type.hasCondition() ? "condition" : "attribute"));
                }
                int to = balanced(from, type);
                data = s.substring(from, to + 1);
                if (type.hasAttribute()) attribute(from, to);
                end = skipSpaces(to + 1);
                if (end == s.length() || s.charAt(end) != ')') {
                    throw error(end, "expected ')' to end the " + type.sddl() + " ACE after its " + (type.hasCondition() ? "condition" : "attribute"));
                }
            } else if (seventh) {
                throw error(end, type.sddl() + " ACEs need their " + (type.hasCondition() ? "condition" : "attribute")
                        + " as a seventh field: (" + type.sddl() + ";flags;rights;" + (type.hasObjectTypes() ? "object;inherited-object;" : ";;")
                        + "sid;(" + (type.hasCondition() ? "condition" : "attribute") + "))");
            }
            if (type == AceType.SYSTEM_ACCESS_FILTER && (flags & AceFlag.INHERIT_ONLY.mask()) == 0) {
                // an access filter limits access unless its condition holds, and pplsim evaluates no conditions: refused
                // rather than ignored, since ignoring it would grant more than Windows can; inherit-only, it is skipped
                throw error(at[0], "access filter ACEs (FL) are not modelled: Windows limits access to the ACE's mask unless"
                        + " its condition holds, and pplsim evaluates no conditions (an inherit-only FL ACE is accepted)");
            }
            i = end + 1;
            // ConvertStringSecurityDescriptorToSecurityDescriptor turns an OA ACE without GUIDs into an A ACE (ACE Strings)
            if (type == AceType.ACCESS_ALLOWED_OBJECT && objectType == null && inheritedType == null) {
                return new Ace(AceType.ACCESS_ALLOWED, flags, mask, sid);
            }
            return new Ace(type, flags, mask, sid, objectType, inheritedType, data);
        }

        private int skipSpaces(int from) {
            while (from < s.length() && s.charAt(from) == ' ') from++;
            return from;
        }

        /** An object ACE's GUID field: empty (absent), or 8-4-4-4-12 hex digits as UuidToString writes them. */
        private String guid(String text, int at) {
            if (text.isEmpty()) return null;
            boolean ok = text.length() == 36;
            for (int k = 0; ok && k < 36; k++) {
                char c = text.charAt(k);
                ok = k == 8 || k == 13 || k == 18 || k == 23 ? c == '-' : Ascii.isHexDigit(c);
            }
            if (!ok) throw error(at, "malformed GUID " + InputException.quoted(text) + ": expected 8-4-4-4-12 hex digits");
            return Ascii.lower(text);
        }

        /**
         * The index of the ')' that closes the '(' at {@code from}: parentheses balance, and those inside a quoted
         * string do not count (conditions compare strings such as {@code "a(b"}). Nothing else of the expression is
         * checked: pplsim does not evaluate it.
         */
        private int balanced(int from, AceType type) {
            String what = "the " + type.sddl() + " ACE's " + (type.hasCondition() ? "condition" : "attribute");
            int[] opens = new int[8];
            int depth = 0;
            for (int k = from; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '"') {
                    int close = s.indexOf('"', k + 1);
                    if (close < 0) throw error(k, what + " has a string that is never closed (no '\"')");
                    k = close;
                } else if (c == '(') {
                    if (depth == opens.length) opens = java.util.Arrays.copyOf(opens, depth * 2);
                    opens[depth++] = k;
                } else if (c == ')') {
                    if (--depth == 0) {
                        if (k == from + 1) throw error(from, what + " is empty");
                        return k;
                    }
                }
            }
            throw error(opens[depth - 1], what + " has an unbalanced parenthesis: this '(' is never closed");
        }

        /**
         * A resource attribute {@code ("name",type,flags,value,...)} (ACE Strings, MS-DTYP 2.5.1.1): a quoted name, a
         * type of TI TU TS TD TX TB, numeric flags and at least one value; integers for TI, TU and TB, quoted strings
         * for TS. SID (TD) and octet-string (TX) values are kept as written.
         */
        private void attribute(int from, int to) {
            List<Integer> starts = new ArrayList<>();
            starts.add(from + 1);
            for (int k = from + 1; k < to; k++) {
                char c = s.charAt(k);
                if (c == '"') k = s.indexOf('"', k + 1);
                else if (c == ',') starts.add(k + 1);
            }
            starts.add(to + 1);
            List<String> parts = new ArrayList<>();
            for (int k = 0; k + 1 < starts.size(); k++) parts.add(s.substring(starts.get(k), starts.get(k + 1) - 1).trim());
            if (parts.size() < 4) {
                throw error(from, "a resource attribute is (\"name\",type,flags,value,...): found " + parts.size() + " part(s)");
            }
            if (parts.get(0).length() < 3 || !quoted(parts.get(0))) throw error(starts.get(0), "a resource attribute's name is a quoted string, found " + InputException.quoted(parts.get(0)));
            String type = Ascii.upper(parts.get(1));
            if (!List.of("TI", "TU", "TS", "TD", "TX", "TB").contains(type)) {
                throw error(starts.get(1), "unknown resource attribute type " + InputException.quoted(parts.get(1)) + " (supported: TI TU TS TD TX TB)");
            }
            if (!integer(parts.get(2), false)) throw error(starts.get(2), "a resource attribute's flags are a number, found " + InputException.quoted(parts.get(2)));
            for (int k = 3; k < parts.size(); k++) {
                String v = parts.get(k);
                boolean ok = switch (type) {
                    case "TI" -> integer(v, true);
                    case "TU", "TB" -> integer(v, false);
                    case "TS" -> quoted(v);
                    default -> !v.isEmpty();
                };
                if (!ok) throw error(starts.get(k), "malformed " + type + " value " + InputException.quoted(v) + " in a resource attribute");
            }
        }

        private static boolean quoted(String v) {
            return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"';
        }

        /** Decimal digits, or 0x and hex digits; a sign first when {@code signed}. */
        private static boolean integer(String v, boolean signed) {
            int k = signed && !v.isEmpty() && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
            boolean hex = Ascii.startsWithIgnoreCase(v.substring(k), "0x");
            if (hex) k += 2;
            if (k == v.length()) return false;
            for (; k < v.length(); k++) {
                if (!(hex ? Ascii.isHexDigit(v.charAt(k)) : Ascii.isDigit(v.charAt(k)))) return false;
            }
            return true;
        }

        private AceType aceType(String code, int at) {
            for (AceType t : AceType.values()) {
                if (Ascii.equalsIgnoreCase(t.sddl(), code)) return t;
            }
            throw error(at, "unknown ACE type " + InputException.quoted(code) + " (supported: A, D, OA, OD, AU, AL, OU, OL, XA, XD, XU, ZA, ML, TL, RA, SP, FL)");
        }

        private int aceFlags(String codes, int at) {
            if (codes.length() % 2 != 0) throw error(at, "malformed ACE flags " + InputException.quoted(codes) + ": two-letter codes OI CI NP IO ID CR SA FA TP");
            int flags = 0;
            for (int k = 0; k < codes.length(); k += 2) {
                String c = Ascii.upper(codes.substring(k, k + 2));
                AceFlag found = null;
                for (AceFlag fl : AceFlag.values()) {
                    if (fl.sddl().equals(c)) found = fl;
                }
                if (found == null) throw error(at + k, "unknown ACE flag '" + codes.substring(k, k + 2) + "' (supported: OI CI NP IO ID CR SA FA TP)");
                flags |= found.mask();
            }
            return flags;
        }

        private int rights(String codes, int at, AceType type) {
            if (codes.isEmpty()) throw error(at, "missing access rights");
            int mask;
            if (Ascii.startsWithIgnoreCase(codes, "0x")) {
                String digits = codes.substring(2);
                if (!digits.matches("[0-9A-Fa-f]{1,8}")) throw error(at, "malformed access mask " + InputException.quoted(codes) + ": expected 0x and 1-8 hex digits");
                mask = (int) Long.parseLong(digits, 16);
            } else {
                if (codes.length() % 2 != 0) throw error(at, "malformed access rights " + InputException.quoted(codes) + ": two-letter codes or 0x hex");
                mask = 0;
                for (int k = 0; k < codes.length(); k += 2) {
                    String c = Ascii.upper(codes.substring(k, k + 2));
                    Integer bits = SINGLE.get(c);
                    if (bits == null) bits = COMPOSITE.get(c);
                    if (bits == null && c.equals("KX")) bits = KEY_EXECUTE;
                    if (bits == null && LABEL.containsKey(c)) {
                        if (type != AceType.SYSTEM_MANDATORY_LABEL) {
                            throw error(at + k, InputException.quoted(c) + " is a mandatory-label right, valid in ML ACEs only");
                        }
                        bits = LABEL.get(c);
                    }
                    if (bits == null) throw error(at + k, "unknown access right '" + codes.substring(k, k + 2) + "'");
                    mask |= bits;
                }
            }
            if (type == AceType.SYSTEM_MANDATORY_LABEL && (mask & ~MandatoryPolicy.VALID_MASK) != 0) {
                throw error(at, String.format(Locale.ROOT, "ML ACE mask 0x%X has bits outside NO_WRITE_UP|NO_READ_UP|NO_EXECUTE_UP (0x7) (spec §4.2)", mask));
            }
            if (type == AceType.SYSTEM_PROCESS_TRUST_LABEL && (mask & ~TRUST_LABEL_VALID_MASK) != 0) {
                throw error(at, String.format(Locale.ROOT, "TL ACE mask 0x%X has bits outside SYSTEM_PROCESS_TRUST_LABEL_VALID_MASK 0x00FFFFFF (spec §4.3)", mask));
            }
            return mask;
        }
    }

    // ------------------------------------------------------------------------------------------------ printing

    public static String print(SecurityDescriptor sd) {
        StringBuilder b = new StringBuilder();
        if (sd.owner() != null) b.append("O:").append(SidSpelling.print(sd.owner()));
        if (sd.group() != null) b.append("G:").append(SidSpelling.print(sd.group()));
        String daclControl = control(sd.control(), false);
        if (sd.dacl() != null) {
            b.append("D:").append(daclControl);
            for (Ace a : sd.dacl()) b.append(ace(a));
        } else if (!daclControl.isEmpty()) {
            b.append("D:").append(daclControl).append("NO_ACCESS_CONTROL");
        }
        String saclControl = control(sd.control(), true);
        if (!sd.sacl().isEmpty() || !saclControl.isEmpty()) {
            b.append("S:").append(saclControl);
            for (Ace a : sd.sacl()) b.append(ace(a));
        }
        return b.toString();
    }

    /** {@code P}, then {@code AR}, then {@code AI}, the order Windows prints ({@code D:PAI}). */
    private static String control(int control, boolean sacl) {
        StringBuilder b = new StringBuilder();
        for (SdControl c : new SdControl[]{
                sacl ? SdControl.SACL_PROTECTED : SdControl.DACL_PROTECTED,
                sacl ? SdControl.SACL_AUTO_INHERIT_REQ : SdControl.DACL_AUTO_INHERIT_REQ,
                sacl ? SdControl.SACL_AUTO_INHERITED : SdControl.DACL_AUTO_INHERITED}) {
            if ((control & c.mask()) != 0) b.append(c.sddl());
        }
        return b.toString();
    }

    /** {@code (A;CIIO;0x1fffff;;;SY)}, {@code (OA;;CR;<guid>;;WD)}, {@code (XA;;0x10;;;WD;(condition))} */
    public static String ace(Ace a) {
        StringBuilder b = new StringBuilder("(").append(a.type().sddl()).append(';');
        for (AceFlag f : AceFlag.values()) {
            if (!a.has(f)) continue;
            // SA and TP are one bit: an access filter ACE means TP by it, every other ACE SA
            boolean filter = a.type() == AceType.SYSTEM_ACCESS_FILTER;
            if (f == (filter ? AceFlag.SUCCESSFUL_ACCESS : AceFlag.TRUST_PROTECTED_FILTER)) continue;
            b.append(f.sddl());
        }
        b.append(';');
        boolean noRights = a.mask() == 0 && (a.type() == AceType.SYSTEM_RESOURCE_ATTRIBUTE || a.type() == AceType.SYSTEM_SCOPED_POLICY_ID);
        if (!noRights) b.append(rights(a.mask(), a.type() == AceType.SYSTEM_MANDATORY_LABEL));
        b.append(';').append(a.objectType() == null ? "" : a.objectType())
                .append(';').append(a.inheritedObjectType() == null ? "" : a.inheritedObjectType())
                .append(';').append(SidSpelling.print(a.sid()));
        if (a.data() != null) b.append(';').append(a.data());
        return b.append(')').toString();
    }

    /** A mask as SDDL prints it: {@code KR}, {@code CCLCSWRPLOCRRC}, {@code NWNR} (labels), or {@code 0x1fffff}. */
    public static String rights(int mask, boolean label) {
        if (mask == 0) return "0x0";
        if (label && (mask & ~MandatoryPolicy.VALID_MASK) == 0) return codes(mask, LABEL);
        if (!label) {
            for (Map.Entry<String, Integer> e : COMPOSITE.entrySet()) {
                if (e.getValue() == mask) return e.getKey();
            }
            int covered = 0;
            for (int bits : SINGLE.values()) covered |= bits;
            if ((mask & ~covered) == 0) return codes(mask, SINGLE);
        }
        return "0x" + Integer.toHexString(mask);
    }

    private static String codes(int mask, Map<String, Integer> table) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Integer> e : table.entrySet()) {
            if ((mask & e.getValue()) != 0) b.append(e.getKey());
        }
        return b.toString();
    }
}
