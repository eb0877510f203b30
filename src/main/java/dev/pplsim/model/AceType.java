package dev.pplsim.model;

/**
 * The ACE types SDDL can spell, with their winnt.h {@code *_ACE_TYPE} values and their SDDL codes (sddl.h
 * {@code SDDL_*}; spec §4.2, §4.3, §12.10). Types without an SDDL code (compound, the denied and alarm callback
 * types) cannot be written and are left out.
 * <p>
 * Only some of them change what a process, thread or token open is granted: {@link #checkedAs()} says which, and as
 * what (docs/ACCESS-CHECK.md, "The descriptor as SDDL"). The others are kept, printed and noted, never applied.
 */
public enum AceType {
    ACCESS_ALLOWED(0x00, "ACCESS_ALLOWED_ACE_TYPE", "A", false, Shape.BASIC, "allow and deny"),
    ACCESS_DENIED(0x01, "ACCESS_DENIED_ACE_TYPE", "D", false, Shape.BASIC, "allow and deny"),
    /** Audits the access check's outcome; it grants and denies nothing. */
    SYSTEM_AUDIT(0x02, "SYSTEM_AUDIT_ACE_TYPE", "AU", true, Shape.BASIC, "audit and alarm"),
    SYSTEM_ALARM(0x03, "SYSTEM_ALARM_ACE_TYPE", "AL", true, Shape.BASIC, "audit and alarm"),
    ACCESS_ALLOWED_OBJECT(0x05, "ACCESS_ALLOWED_OBJECT_ACE_TYPE", "OA", false, Shape.OBJECT, "object allow and deny"),
    ACCESS_DENIED_OBJECT(0x06, "ACCESS_DENIED_OBJECT_ACE_TYPE", "OD", false, Shape.OBJECT, "object allow and deny"),
    SYSTEM_AUDIT_OBJECT(0x07, "SYSTEM_AUDIT_OBJECT_ACE_TYPE", "OU", true, Shape.OBJECT, "audit and alarm"),
    SYSTEM_ALARM_OBJECT(0x08, "SYSTEM_ALARM_OBJECT_ACE_TYPE", "OL", true, Shape.OBJECT, "audit and alarm"),
    ACCESS_ALLOWED_CALLBACK(0x09, "ACCESS_ALLOWED_CALLBACK_ACE_TYPE", "XA", false, Shape.CALLBACK, "callback"),
    ACCESS_DENIED_CALLBACK(0x0A, "ACCESS_DENIED_CALLBACK_ACE_TYPE", "XD", false, Shape.CALLBACK, "callback"),
    ACCESS_ALLOWED_CALLBACK_OBJECT(0x0B, "ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE", "ZA", false, Shape.CALLBACK_OBJECT, "callback"),
    SYSTEM_AUDIT_CALLBACK(0x0D, "SYSTEM_AUDIT_CALLBACK_ACE_TYPE", "XU", true, Shape.CALLBACK, "audit and alarm"),
    /** SACL only: the object's integrity label and its NO_*_UP policy (spec §4.2). */
    SYSTEM_MANDATORY_LABEL(0x11, "SYSTEM_MANDATORY_LABEL_ACE_TYPE", "ML", true, Shape.BASIC, "label"),
    /** A claim the object carries, for conditions to read; no access of its own. */
    SYSTEM_RESOURCE_ATTRIBUTE(0x12, "SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE", "RA", true, Shape.ATTRIBUTE, "resource attribute"),
    /** Names a central access policy by its CAPID SID (S-1-17-*). */
    SYSTEM_SCOPED_POLICY_ID(0x13, "SYSTEM_SCOPED_POLICY_ID_ACE_TYPE", "SP", true, Shape.BASIC, "scoped policy"),
    /** SACL only: the object's process trust label (spec §4.3). */
    SYSTEM_PROCESS_TRUST_LABEL(0x14, "SYSTEM_PROCESS_TRUST_LABEL_ACE_TYPE", "TL", true, Shape.BASIC, "label"),
    /** Limits access to its mask unless its condition holds. */
    SYSTEM_ACCESS_FILTER(0x15, "SYSTEM_ACCESS_FILTER_ACE_TYPE", "FL", true, Shape.CALLBACK, "access filter");

    /** What follows the SID: GUIDs (object ACEs), a condition (callback ACEs), an attribute (RA). */
    private enum Shape { BASIC, OBJECT, CALLBACK, CALLBACK_OBJECT, ATTRIBUTE }

    private final int value;
    private final String sdkName;
    private final String sddl;
    private final boolean sacl;
    private final Shape shape;
    private final String kind;

    AceType(int value, String sdkName, String sddl, boolean sacl, Shape shape, String kind) {
        this.value = value;
        this.sdkName = sdkName;
        this.sddl = sddl;
        this.sacl = sacl;
        this.shape = shape;
        this.kind = kind;
    }

    public int value() { return value; }
    public String sdkName() { return sdkName; }
    /** The SDDL ace_type code: {@code A}, {@code D}, {@code OA}, {@code AU}, {@code ML}, {@code TL}, ... */
    public String sddl() { return sddl; }
    /** What SDDL error messages call ACEs of this type ("label ACEs belong in S:"). */
    public String kind() { return kind; }

    /** Label, audit, alarm, attribute, policy and filter ACEs belong in the SACL; allow and deny ACEs in the DACL. */
    public boolean isSaclType() { return sacl; }

    /** The ACE carries ObjectType and InheritedObjectType GUIDs, each optional (winnt.h {@code *_OBJECT_ACE}). */
    public boolean hasObjectTypes() { return shape == Shape.OBJECT || shape == Shape.CALLBACK_OBJECT; }

    /** The ACE's ApplicationData is a conditional expression, SDDL's seventh field (MS-DTYP 2.4.4.17). */
    public boolean hasCondition() { return shape == Shape.CALLBACK || shape == Shape.CALLBACK_OBJECT; }

    /** The ACE carries a CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1, SDDL's seventh field. */
    public boolean hasAttribute() { return shape == Shape.ATTRIBUTE; }

    /**
     * The type SeAccessCheck reads an ACE of this type as when it decides a process, thread or token open, or null
     * when it reads none of it. Those opens pass no object type list, so an object allow ACE grants nothing (spec
     * §12.10). An object deny ACE still denies, for the whole object: spec §12.10 says object ACEs do not change access,
     * but ACCESS_DENIED_OBJECT_ACE's documentation gives one without GUIDs a deny ACE's meaning, and the public
     * reimplementation of the kernel's check (Forshaw, Windows Security Internals, ch. 7) applies a denied-object ACE
     * to the whole object when no object type list is given; denying is also the side that cannot over-grant.
     * pplsim evaluates no conditions: a condition it cannot evaluate is UNKNOWN, so an allow callback ACE grants
     * nothing and a deny callback ACE denies (MS-DTYP 2.4.4.17.3). Audit, alarm, attribute and policy ACEs never grant
     * or deny.
     */
    public AceType checkedAs() {
        return switch (this) {
            case ACCESS_ALLOWED -> ACCESS_ALLOWED;
            case ACCESS_DENIED, ACCESS_DENIED_OBJECT, ACCESS_DENIED_CALLBACK -> ACCESS_DENIED;
            case SYSTEM_MANDATORY_LABEL -> SYSTEM_MANDATORY_LABEL;
            case SYSTEM_PROCESS_TRUST_LABEL -> SYSTEM_PROCESS_TRUST_LABEL;
            default -> null;
        };
    }
}
