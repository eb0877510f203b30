package dev.pplsim.model;

import java.util.Locale;

/**
 * One ACE: type, header flags ({@link AceFlag} bits), access mask and SID (winnt.h {@code ACE_HEADER},
 * {@code ACCESS_ALLOWED_ACE}). For a mandatory label the mask holds {@link MandatoryPolicy} bits and the SID is an
 * integrity SID (spec §4.2); for a trust label the mask is what a non-dominating caller may keep and the SID is a
 * trust SID (spec §4.3).
 * <p>
 * Object ACEs may carry an ObjectType and an InheritedObjectType GUID (lower-case {@code 8-4-4-4-12} text, null when
 * absent). {@code data} is SDDL's seventh field as written, outer parentheses included: the condition of a callback
 * ACE, the attribute of a resource-attribute ACE; null for every other type.
 */
public record Ace(AceType type, int flags, int mask, Sid sid, String objectType, String inheritedObjectType, String data) {

    public Ace {
        if (type == null || sid == null) throw new IllegalArgumentException("an ACE needs a type and a SID");
        if ((flags & ~AceFlag.ALL) != 0) throw new IllegalArgumentException(String.format(Locale.ROOT, "ACE flags 0x%X outside 0xFF", flags));
        if (!type.hasObjectTypes() && (objectType != null || inheritedObjectType != null)) {
            throw new IllegalArgumentException(type.sddl() + " ACEs carry no object GUIDs");
        }
        if ((objectType != null && objectType.length() != 36) || (inheritedObjectType != null && inheritedObjectType.length() != 36)) {
            throw new IllegalArgumentException("a GUID is 36 characters, 8-4-4-4-12 hex digits");
        }
        if ((type.hasCondition() || type.hasAttribute()) != (data != null)) {
            throw new IllegalArgumentException(type.sddl() + (data == null ? " ACEs need their seventh field" : " ACEs have no seventh field"));
        }
    }

    /** An ACE without GUIDs or a seventh field: allow, deny, audit, label, policy. */
    public Ace(AceType type, int flags, int mask, Sid sid) {
        this(type, flags, mask, sid, null, null, null);
    }

    public Ace withMask(int m) { return new Ace(type, flags, m, sid, objectType, inheritedObjectType, data); }

    public Ace withSid(Sid s) { return new Ace(type, flags, mask, s, objectType, inheritedObjectType, data); }

    public boolean has(AceFlag f) { return (flags & f.mask()) != 0; }

    /** INHERIT_ONLY_ACE: ignored by the access check on this object. */
    public boolean inheritOnly() { return has(AceFlag.INHERIT_ONLY); }

    /**
     * The ACE's AceSize in bytes, which counts toward its ACL's 16-bit AclSize: ACE_HEADER 4, Mask 4 and the SID
     * (MS-DTYP 2.4.4.2); an object ACE adds its Flags 4 and 16 for each GUID present (2.4.4.3). The seventh field is
     * counted at its least: a condition is "artx" and a compiled expression padded to a DWORD, at least 8 bytes
     * (2.4.4.17.4); an attribute is a CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1, a 16-byte header and one value offset
     * (2.4.10.1). pplsim compiles neither, so for those ACEs this is a lower bound.
     */
    public int byteSize() {
        int size = 4 + 4 + sid.byteLength();
        if (type.hasObjectTypes()) size += 4 + (objectType != null ? 16 : 0) + (inheritedObjectType != null ? 16 : 0);
        if (type.hasCondition()) size += 8;
        if (type.hasAttribute()) size += 20;
        return size;
    }
}
