package dev.pplsim.model;

import java.util.List;

/**
 * The parts of an access token that SeAccessCheck and SeDebugPrivilege look at (spec §3.1 step 2, §4.1-§4.3).
 * The integrity SID is kept apart from {@code groups} although a real token stores it as a group with
 * SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED; {@code trustSid} is null for a process without one (spec §4.3,
 * {@code SepSidFromProcessProtection}: e.g. 0x41 Lsa-Light has none).
 */
public record Token(Sid user, List<TokenGroup> groups, List<TokenPrivilege> privileges, Sid integrity,
                    List<Sid> restrictedSids, Sid trustSid) {

    public Token {
        if (user == null) throw new IllegalArgumentException("a token needs a user SID");
        if (integrity == null || !integrity.isIntegrity()) {
            throw new IllegalArgumentException("a token's integrity must be an S-1-16-* SID, got " + integrity);
        }
        if (trustSid != null && !trustSid.isTrust()) {
            throw new IllegalArgumentException("a token's trust SID must be S-1-19-<type>-<level>, got " + trustSid);
        }
        groups = List.copyOf(groups);
        privileges = List.copyOf(privileges);
        restrictedSids = List.copyOf(restrictedSids);
    }

    /** The privilege's entry, or null when the token does not hold it. */
    public TokenPrivilege privilege(Privilege p) {
        for (TokenPrivilege tp : privileges) {
            if (tp.privilege() == p) return tp;
        }
        return null;
    }

    /** Held and enabled: only an enabled privilege takes effect (SePrivilegeCheck). */
    public boolean hasEnabled(Privilege p) {
        TokenPrivilege tp = privilege(p);
        return tp != null && tp.enabled();
    }

    /** A restricted token: SeAccessCheck makes a second DACL pass over these SIDs. */
    public boolean isRestricted() { return !restrictedSids.isEmpty(); }
}
