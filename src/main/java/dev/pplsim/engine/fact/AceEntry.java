package dev.pplsim.engine.fact;

import dev.pplsim.model.Ace;
import dev.pplsim.model.AceFlag;
import dev.pplsim.model.AceType;
import dev.pplsim.model.Sid;
import dev.pplsim.request.Sddl;

/**
 * One ACE of the object's descriptor at its position in the DACL or the SACL, its mask already mapped through
 * the object type's generic mapping (spec §4.1-§4.4). The SID's parts are exposed for the trust-label
 * comparison, which reads a trust SID's type and level RIDs (spec §4.3).
 * <p>
 * {@code type} is what the access check reads the ACE as ({@link AceType#checkedAs()}): an object or conditional
 * deny ACE is a deny ACE here; {@code written} is the ACE as the descriptor holds it, for explanations. A DACL ACE
 * the check does not read at all (an object allow ACE, an allow callback ACE) is an allow ACE that counts as
 * {@link #inheritOnly()}: the walk passes over it as over an inherit-only ACE, so the rules need no new type and
 * the walk's positions stay the descriptor's. SACL ACEs the check does not read are not entries at all.
 */
public record AceEntry(OpenRequest request, boolean inDacl, int index, AceType type, int flags, int mask, Sid sid, Ace written)
        implements Described {

    /** OWNER RIGHTS, S-1-3-4: an ACE for it stands in for the owner's implicit rights. */
    public static final Sid OWNER_RIGHTS = Sid.of(3, 4);

    /** The entry for ACE {@code index} of the DACL or SACL; every DACL type the check skips (OA, XA, ZA) allows. */
    public static AceEntry of(OpenRequest request, boolean inDacl, int index, Ace a) {
        AceType read = a.type().checkedAs();
        if (read == null && !inDacl) throw new IllegalArgumentException("a SACL " + a.type().sddl() + " ACE is no entry: the access check reads none of it");
        return new AceEntry(request, inDacl, index, read != null ? read : AceType.ACCESS_ALLOWED, a.flags(), a.mask(), a.sid(), a);
    }

    /** Skipped by the access check on this object: INHERIT_ONLY_ACE, or a type it does not read (docs/ACCESS-CHECK.md). */
    public boolean inheritOnly() { return (flags & AceFlag.INHERIT_ONLY.mask()) != 0 || written.type().checkedAs() == null; }

    public boolean ownerRights() { return OWNER_RIGHTS.equals(sid); }

    /** For a trust SID S-1-19-T-L: T, else -1. */
    public long trustType() { return sid.isTrust() ? sid.subAuthorities().get(0) : -1; }

    /** For a trust SID S-1-19-T-L: L, else -1. */
    public long trustLevel() { return sid.isTrust() ? sid.subAuthorities().get(1) : -1; }

    /** For an integrity SID S-1-16-RID: RID, else -1. */
    public long integrity() { return sid.isIntegrity() ? sid.rid() : -1; }

    @Override
    public String describe() {
        String read = written.type().checkedAs() == null ? " (not read by this access check)"
                : type != written.type() ? " (read as a deny ACE)" : "";
        return (inDacl ? "DACL" : "SACL") + " ACE #" + (index + 1) + " " + Sddl.ace(written) + read;
    }
}
