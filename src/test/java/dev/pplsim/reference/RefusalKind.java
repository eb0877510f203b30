package dev.pplsim.reference;

/**
 * Why the reference refused an open (docs/ACCESS-CHECK.md step 7 and the operations section). The first four are the
 * per-right reasons of the access check; the others name the stage that refused the whole open.
 */
public enum RefusalKind {
    /** A deny ACE that applies to the caller names the right before any allow ACE does (ACCESS-CHECK step 6). */
    EXPLICITLY_DENIED,
    /** The caller's integrity is below the object's label and the label's NO_*_UP policy removes the right (step 4). */
    INTEGRITY,
    /** The caller does not dominate the object's trust label and the right is outside its mask (step 5, spec §4.3). */
    TRUST_LABEL,
    /** No applicable allow ACE names the right, or it is outside the type's valid access (step 6/7). */
    NEVER_GRANTED,
    /** ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege enabled: STATUS_PRIVILEGE_NOT_HELD (step 3, spec §2.2). */
    PRIVILEGE_NOT_HELD,
    /** The open procedure's protection veto: granted rights touch a non-dominated target's denied mask (spec §3.2). */
    PROTECTION,
    /** The open procedure's Pico veto (spec §7.2). */
    PICO,
    /** The open procedure's Flags3.DisallowUserTerminate veto (spec §3.2). */
    DISALLOW_USER_TERMINATE,
    /**
     * A secure process refused: ObDuplicateObject with a trustlet as a side (spec §3.4), or VM rights on one where a
     * build refuses them (spec §7.3, U).
     */
    SECURE_PROCESS,
    /** The Dbgk check refused the debugger: STATUS_PROCESS_IS_PROTECTED (spec §3.4). */
    DEBUG,
    /** The access check granted nothing for a non-zero request (R90.1, the stand-in path). */
    NOTHING_GRANTED
}
