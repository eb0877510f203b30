package dev.pplsim.model;

import java.util.Locale;

/**
 * One ACE: type, header flags ({@link AceFlag} bits), access mask and SID (winnt.h {@code ACE_HEADER},
 * {@code ACCESS_ALLOWED_ACE}). For a mandatory label the mask holds {@link MandatoryPolicy} bits and the SID is an
 * integrity SID (spec §4.2); for a trust label the mask is what a non-dominating caller may keep and the SID is a
 * trust SID (spec §4.3).
 */
public record Ace(AceType type, int flags, int mask, Sid sid) {

    public Ace {
        if (type == null || sid == null) throw new IllegalArgumentException("an ACE needs a type and a SID");
        if ((flags & ~AceFlag.ALL) != 0) throw new IllegalArgumentException(String.format(Locale.ROOT, "ACE flags 0x%X outside 0x1F", flags));
    }

    public boolean has(AceFlag f) { return (flags & f.mask()) != 0; }

    /** INHERIT_ONLY_ACE: ignored by the access check on this object. */
    public boolean inheritOnly() { return has(AceFlag.INHERIT_ONLY); }
}
