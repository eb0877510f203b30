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
import java.util.Map;

/**
 * The subset of SDDL that process and thread descriptors need (spec §4.1-§4.3): {@code O:} {@code G:} {@code D:}
 * {@code S:} parts, each at most once and in any order; the control codes {@code P}, {@code AI}, {@code AR} after
 * {@code D:} / {@code S:} (kept as {@link SdControl} bits, so they print back); {@code D:NO_ACCESS_CONTROL} for a
 * NULL DACL; ACEs {@code (type;flags;rights;;;sid)} with types A, D (DACL) and ML, TL (SACL), flags OI CI NP IO ID,
 * rights as {@code 0x} hex or right codes. Object GUIDs, audit ACEs and resource attributes are refused.
 * <p>
 * Errors are one line, {@code SDDL at N: what}, N the 1-based character position in the string.
 * <p>
 * {@link #print} is canonical: parts in O G D S order, aliases for SIDs that have one, rights as one composite code
 * when the mask is exactly one (FA FR FW FX KA KR KW; KX equals KR and prints as KR), else as single-bit codes when
 * they cover the mask, else lower-case hex as ConvertSecurityDescriptorToStringSecurityDescriptor prints it. A
 * mandatory label's mask prints as NW NR NX.
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
                    throw error(at, "expected O:, G:, D: or S:, found '" + excerpt(at) + "'");
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

        private Sid sid(String text, int at) {
            try {
                return SidSpelling.parse(text);
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
                    throw error(i, "unknown control code '" + excerpt(i) + "' (expected P, AI, AR or an ACE)");
                }
                control |= found.mask();
                i += found.sddl().length();
            }
            return control;
        }

        private List<Ace> aces(boolean sacl) {
            List<Ace> out = new ArrayList<>();
            while (i < s.length() && s.charAt(i) == '(') {
                out.add(ace(sacl));
            }
            if (i < s.length() && !(i + 1 < s.length() && s.charAt(i + 1) == ':')) {
                throw error(i, "expected '(' to start an ACE, found '" + excerpt(i) + "'");
            }
            return out;
        }

        private Ace ace(boolean sacl) {
            int open = i;
            int close = s.indexOf(')', i);
            if (close < 0) throw error(open, "unterminated ACE (no ')')");
            String body = s.substring(open + 1, close);
            String[] f = body.split(";", -1);
            if (f.length != 6) {
                throw error(open, "an ACE has 6 fields 'type;flags;rights;object;inherited-object;sid', found " + f.length);
            }
            int[] at = new int[6];
            at[0] = open + 1;
            for (int k = 1; k < 6; k++) at[k] = at[k - 1] + f[k - 1].length() + 1;
            AceType type = aceType(f[0], at[0]);
            if (type.isSaclType() != sacl) {
                throw error(at[0], type.sddl() + " ACE in the " + (sacl ? "SACL (S:)" : "DACL (D:)")
                        + (type.isSaclType() ? "; label ACEs belong in S:" : "; allow and deny ACEs belong in D:"));
            }
            int flags = aceFlags(f[1], at[1]);
            int mask = rights(f[2], at[2], type);
            if (!f[3].isEmpty()) throw error(at[3], "object ACE GUIDs are not supported");
            if (!f[4].isEmpty()) throw error(at[4], "inherited-object ACE GUIDs are not supported");
            if (f[5].isEmpty()) throw error(at[5], "missing ACE SID");
            Sid sid = sid(f[5], at[5]);
            if (type == AceType.SYSTEM_MANDATORY_LABEL && !sid.isIntegrity()) {
                throw error(at[5], "an ML ACE needs an integrity SID (S-1-16-*), got " + sid + " (spec §4.2)");
            }
            if (type == AceType.SYSTEM_PROCESS_TRUST_LABEL && !sid.isTrust()) {
                throw error(at[5], "a TL ACE needs a trust SID (S-1-19-*), got " + sid + " (spec §4.3)");
            }
            i = close + 1;
            return new Ace(type, flags, mask, sid);
        }

        private AceType aceType(String code, int at) {
            for (AceType t : AceType.values()) {
                if (Ascii.equalsIgnoreCase(t.sddl(), code)) return t;
            }
            throw error(at, "unknown ACE type '" + code + "' (supported: A, D, ML, TL)");
        }

        private int aceFlags(String codes, int at) {
            if (codes.length() % 2 != 0) throw error(at, "malformed ACE flags '" + codes + "': two-letter codes OI CI NP IO ID");
            int flags = 0;
            for (int k = 0; k < codes.length(); k += 2) {
                String c = Ascii.upper(codes.substring(k, k + 2));
                AceFlag found = null;
                for (AceFlag fl : AceFlag.values()) {
                    if (fl.sddl().equals(c)) found = fl;
                }
                if (found == null) throw error(at + k, "unknown ACE flag '" + codes.substring(k, k + 2) + "' (supported: OI CI NP IO ID)");
                flags |= found.mask();
            }
            return flags;
        }

        private int rights(String codes, int at, AceType type) {
            if (codes.isEmpty()) throw error(at, "missing access rights");
            int mask;
            if (Ascii.startsWithIgnoreCase(codes, "0x")) {
                String digits = codes.substring(2);
                if (!digits.matches("[0-9A-Fa-f]{1,8}")) throw error(at, "malformed access mask '" + codes + "': expected 0x and 1-8 hex digits");
                mask = (int) Long.parseLong(digits, 16);
            } else {
                if (codes.length() % 2 != 0) throw error(at, "malformed access rights '" + codes + "': two-letter codes or 0x hex");
                mask = 0;
                for (int k = 0; k < codes.length(); k += 2) {
                    String c = Ascii.upper(codes.substring(k, k + 2));
                    Integer bits = SINGLE.get(c);
                    if (bits == null) bits = COMPOSITE.get(c);
                    if (bits == null && c.equals("KX")) bits = KEY_EXECUTE;
                    if (bits == null && LABEL.containsKey(c)) {
                        if (type != AceType.SYSTEM_MANDATORY_LABEL) {
                            throw error(at + k, "'" + c + "' is a mandatory-label right, valid in ML ACEs only");
                        }
                        bits = LABEL.get(c);
                    }
                    if (bits == null) throw error(at + k, "unknown access right '" + codes.substring(k, k + 2) + "'");
                    mask |= bits;
                }
            }
            if (type == AceType.SYSTEM_MANDATORY_LABEL && (mask & ~MandatoryPolicy.VALID_MASK) != 0) {
                throw error(at, String.format("ML ACE mask 0x%X has bits outside NO_WRITE_UP|NO_READ_UP|NO_EXECUTE_UP (0x7) (spec §4.2)", mask));
            }
            if (type == AceType.SYSTEM_PROCESS_TRUST_LABEL && (mask & ~TRUST_LABEL_VALID_MASK) != 0) {
                throw error(at, String.format("TL ACE mask 0x%X has bits outside SYSTEM_PROCESS_TRUST_LABEL_VALID_MASK 0x00FFFFFF (spec §4.3)", mask));
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

    /** {@code (A;CIIO;0x1fffff;;;SY)} */
    public static String ace(Ace a) {
        StringBuilder b = new StringBuilder("(").append(a.type().sddl()).append(';');
        for (AceFlag f : AceFlag.values()) {
            if (a.has(f)) b.append(f.sddl());
        }
        b.append(';').append(rights(a.mask(), a.type() == AceType.SYSTEM_MANDATORY_LABEL)).append(";;;");
        return b.append(SidSpelling.print(a.sid())).append(')').toString();
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
