package dev.pplsim.engine.fact;

import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.Sid;
import dev.pplsim.request.Sddl;

/**
 * One ACE of the object's descriptor at its position in the DACL or the SACL, its mask already mapped through
 * the object type's generic mapping (spec §4.1-§4.4). The SID's parts are exposed for the trust-label
 * comparison, which reads a trust SID's type and level RIDs (spec §4.3).
 */
public record AceEntry(OpenRequest request, boolean inDacl, int index, AceType type, int flags, int mask, Sid sid)
        implements Described {

    /** OWNER RIGHTS, S-1-3-4: an ACE for it stands in for the owner's implicit rights. */
    public static final Sid OWNER_RIGHTS = Sid.of(3, 4);

    public boolean inheritOnly() { return (flags & dev.pplsim.model.AceFlag.INHERIT_ONLY.mask()) != 0; }

    public boolean ownerRights() { return OWNER_RIGHTS.equals(sid); }

    /** For a trust SID S-1-19-T-L: T, else -1. */
    public long trustType() { return sid.isTrust() ? sid.subAuthorities().get(0) : -1; }

    /** For a trust SID S-1-19-T-L: L, else -1. */
    public long trustLevel() { return sid.isTrust() ? sid.subAuthorities().get(1) : -1; }

    /** For an integrity SID S-1-16-RID: RID, else -1. */
    public long integrity() { return sid.isIntegrity() ? sid.rid() : -1; }

    @Override
    public String describe() {
        return (inDacl ? "DACL" : "SACL") + " ACE #" + (index + 1) + " " + Sddl.ace(new Ace(type, flags, mask, sid));
    }
}
