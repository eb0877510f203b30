package dev.pplsim.request;


import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.IntegrityLevel;
import dev.pplsim.model.ProcessTrustLevel;
import dev.pplsim.model.ProcessTrustType;
import dev.pplsim.model.SdControl;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.util.ArrayList;
import java.util.List;

/** QuickTheories generators for SIDs and security descriptors, biased toward aliases and label SIDs. */
final class SecurityGenerators {

    private SecurityGenerators() {
    }

    static long between(RandomnessSource in, long lo, long hi) {
        return in.next(Constraint.between(lo, hi));
    }

    /** An alias SID, an integrity SID, a trust SID of §4.3, or an arbitrary literal (including 48-bit authorities). */
    static Gen<Sid> sids() {
        List<Sid> aliases = List.copyOf(SidSpelling.aliases().values());
        return in -> switch ((int) between(in, 0, 4)) {
            case 0 -> aliases.get((int) between(in, 0, aliases.size() - 1));
            case 1 -> Sid.of(Sid.MANDATORY_LABEL_AUTHORITY, between(in, 0, 1) == 0
                    ? IntegrityLevel.values()[(int) between(in, 0, IntegrityLevel.values().length - 1)].rid()
                    : between(in, 0, 0xFFFF_FFFFL));
            case 2 -> trustSids().generate(in);
            default -> {
                long authority;
                do {
                    authority = switch ((int) between(in, 0, 2)) {
                        case 0 -> between(in, 0, 32);
                        case 1 -> between(in, 0, 0xFFFF_FFFFL);
                        default -> between(in, 0, 0xFFFF_FFFF_FFFFL);
                    };
                } while (authority == Sid.MANDATORY_LABEL_AUTHORITY || authority == Sid.PROCESS_TRUST_AUTHORITY);
                int n = (int) between(in, 0, Sid.MAX_SUB_AUTHORITIES);
                List<Long> subs = new ArrayList<>();
                for (int k = 0; k < n; k++) subs.add(between(in, 0, 1) == 0 ? between(in, 0, 1000) : between(in, 0, 0xFFFF_FFFFL));
                yield new Sid(authority, subs);
            }
        };
    }

    static Gen<Sid> trustSids() {
        return in -> ProcessTrustLevel.sid(
                ProcessTrustType.values()[(int) between(in, 0, ProcessTrustType.values().length - 1)],
                ProcessTrustLevel.values()[(int) between(in, 0, ProcessTrustLevel.values().length - 1)]);
    }

    static Gen<Sid> integritySids() {
        return in -> Sid.of(Sid.MANDATORY_LABEL_AUTHORITY, between(in, 0, 1) == 0
                ? IntegrityLevel.values()[(int) between(in, 0, IntegrityLevel.values().length - 1)].rid()
                : between(in, 0, 0xFFFF_FFFFL));
    }

    /** A mask biased toward the letter-spellable ones, so both printing branches (codes, hex) come up. */
    static int mask(RandomnessSource in) {
        return switch ((int) between(in, 0, 3)) {
            case 0 -> new int[]{0x1FFFFF, 0x121411, 0x2019D, 0x20019, 0x120089, 0x1F01FF, 0x10000000, 0xA0000000, 0}[(int) between(in, 0, 8)];
            case 1 -> (int) between(in, 0, 0x1FF) | ((int) between(in, 0, 0xF) << 16);
            case 2 -> (int) between(in, 0, 0xFFFF_FFFFL);
            default -> 1 << between(in, 0, 31);
        };
    }

    private static final String[] GUIDS = {"bf967aba-0de6-11d0-a285-00aa003049e2", "ab721a53-1e2f-11d0-9819-00aa0040529b"};
    /** Conditions with nested calls, quoted parentheses and spaces; attributes of every value type. */
    private static final String[] CONDITIONS = {"(Member_of {SID(BA)})", "(@User.dept == \"R)(D\")",
            "((@Device.managed == 1) || (Member_of {SID(S-1-5-32-545), SID(WD)}))"};
    private static final String[] ATTRIBUTES = {"(\"Project\",TS,0x0,\"Windows\",\"SQL\")", "(\"Secrecy\",TU,0,3)",
            "(\"Level\",TI,0x10,-4,+5)", "(\"Flag\",TB,0,1)", "(\"Blob\",TX,0,#0102)", "(\"Owner\",TD,0,SID(BA))"};

    private static String guid(RandomnessSource in) {
        return between(in, 0, 1) == 0 ? null : GUIDS[(int) between(in, 0, GUIDS.length - 1)];
    }

    private static String pick(RandomnessSource in, String[] values) {
        return values[(int) between(in, 0, values.length - 1)];
    }

    static Gen<Ace> daclAces() {
        Gen<Sid> sids = sids();
        return in -> {
            int flags = (int) between(in, 0, 0xFF), mask = mask(in);
            Sid sid = sids.generate(in);
            return switch ((int) between(in, 0, 7)) {
                case 0, 1 -> new Ace(AceType.ACCESS_ALLOWED, flags, mask, sid);
                case 2, 3 -> new Ace(AceType.ACCESS_DENIED, flags, mask, sid);
                // an OA ACE without GUIDs reads back as an A ACE (ACE Strings): give it its object type
                case 4 -> new Ace(AceType.ACCESS_ALLOWED_OBJECT, flags, mask, sid, GUIDS[0], guid(in), null);
                case 5 -> new Ace(AceType.ACCESS_DENIED_OBJECT, flags, mask, sid, guid(in), guid(in), null);
                case 6 -> new Ace(between(in, 0, 1) == 0 ? AceType.ACCESS_ALLOWED_CALLBACK : AceType.ACCESS_DENIED_CALLBACK,
                        flags, mask, sid, null, null, pick(in, CONDITIONS));
                default -> new Ace(AceType.ACCESS_ALLOWED_CALLBACK_OBJECT, flags, mask, sid, guid(in), guid(in), pick(in, CONDITIONS));
            };
        };
    }

    static Gen<Ace> saclAces() {
        Gen<Sid> il = integritySids();
        Gen<Sid> trust = trustSids();
        Gen<Sid> sids = sids();
        return in -> switch ((int) between(in, 0, 5)) {
            case 0 -> new Ace(AceType.SYSTEM_MANDATORY_LABEL, (int) between(in, 0, 0xFF), (int) between(in, 0, 7), il.generate(in));
            case 1 -> new Ace(AceType.SYSTEM_PROCESS_TRUST_LABEL, (int) between(in, 0, 0xFF), mask(in) & Sddl.TRUST_LABEL_VALID_MASK, trust.generate(in));
            case 2 -> new Ace(new AceType[]{AceType.SYSTEM_AUDIT, AceType.SYSTEM_ALARM}[(int) between(in, 0, 1)],
                    (int) between(in, 0, 0xFF), mask(in), sids.generate(in));
            case 3 -> new Ace(new AceType[]{AceType.SYSTEM_AUDIT_OBJECT, AceType.SYSTEM_ALARM_OBJECT}[(int) between(in, 0, 1)],
                    (int) between(in, 0, 0xFF), mask(in), sids.generate(in), guid(in), guid(in), null);
            case 4 -> between(in, 0, 1) == 0
                    ? new Ace(AceType.SYSTEM_AUDIT_CALLBACK, (int) between(in, 0, 0xFF), mask(in), sids.generate(in), null, null, pick(in, CONDITIONS))
                    // an access filter ACE is accepted inherit-only
                    : new Ace(AceType.SYSTEM_ACCESS_FILTER, (int) between(in, 0, 0xFF) | 0x08, mask(in), sids.generate(in), null, null, pick(in, CONDITIONS));
            default -> between(in, 0, 1) == 0
                    ? new Ace(AceType.SYSTEM_RESOURCE_ATTRIBUTE, (int) between(in, 0, 0xFF), between(in, 0, 1) == 0 ? 0 : mask(in), sids.generate(in),
                            null, null, pick(in, ATTRIBUTES))
                    : new Ace(AceType.SYSTEM_SCOPED_POLICY_ID, (int) between(in, 0, 0xFF), between(in, 0, 1) == 0 ? 0 : mask(in), Sid.of(17, between(in, 1, 9)));
        };
    }

    static Gen<SecurityDescriptor> descriptors() {
        Gen<Sid> sids = sids();
        Gen<Ace> dacl = daclAces();
        Gen<Ace> sacl = saclAces();
        return in -> {
            Sid owner = between(in, 0, 3) == 0 ? null : sids.generate(in);
            Sid group = between(in, 0, 3) == 0 ? null : sids.generate(in);
            List<Ace> d = null;
            if (between(in, 0, 4) != 0) {
                d = new ArrayList<>();
                for (int k = (int) between(in, 0, 4); k > 0; k--) d.add(dacl.generate(in));
            }
            List<Ace> s = new ArrayList<>();
            for (int k = (int) between(in, 0, 3); k > 0; k--) s.add(sacl.generate(in));
            int control = 0;
            for (SdControl c : SdControl.values()) {
                if (between(in, 0, 3) == 0) control |= c.mask();
            }
            return new SecurityDescriptor(owner, group, d, s, control);
        };
    }
}
