package dev.pplsim.model;

/**
 * One question put to the simulator: may a caller with this protection open this object with this access?
 * This is the flat form that the CLI and the batch contract take; the engine turns it into EPROCESS/ETHREAD facts.
 *
 * @param caller          the protection of the process that will receive the handle
 * @param callerPico      whether the caller is a Pico process (spec §7.2)
 * @param target          the protection of the target process, or of the thread's owning process
 * @param object          process or thread
 * @param desired         DesiredAccess as asked, generic bits and MAXIMUM_ALLOWED included
 * @param mode            the previous mode of the open
 * @param forceAccessCheck OBJ_FORCE_ACCESS_CHECK (0x400) in the handle attributes
 * @param relation        how caller and target are related
 * @param build           name of the build whose table and switches decide
 * @param sdGranted       what the security-descriptor stage granted, or null for "as desired" (§3.1 step 2)
 * @param targetPico      the Pico provider's masks when the target is a Pico process, else null
 * @param targetDisallowUserTerminate the target's Flags3.DisallowUserTerminate (spec §3.2)
 */
public record AccessQuery(
        PsProtection caller,
        boolean callerPico,
        PsProtection target,
        ObjectKind object,
        int desired,
        AccessMode mode,
        boolean forceAccessCheck,
        Relation relation,
        String build,
        Integer sdGranted,
        PicoProvider targetPico,
        boolean targetDisallowUserTerminate) {

    public static final String DEFAULT_BUILD = "windows-10-11";

    /** The common case: unrelated, user mode, default build, no SD input, no Pico, no flags. */
    public static AccessQuery of(PsProtection caller, PsProtection target, ObjectKind object, int desired) {
        return new AccessQuery(caller, false, target, object, desired, AccessMode.USER, false, Relation.NONE,
                DEFAULT_BUILD, null, null, false);
    }

    public AccessQuery withMode(AccessMode m) {
        return new AccessQuery(caller, callerPico, target, object, desired, m, forceAccessCheck, relation, build,
                sdGranted, targetPico, targetDisallowUserTerminate);
    }

    public AccessQuery withForceAccessCheck(boolean f) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, f, relation, build,
                sdGranted, targetPico, targetDisallowUserTerminate);
    }

    public AccessQuery withRelation(Relation r) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, r, build,
                sdGranted, targetPico, targetDisallowUserTerminate);
    }

    public AccessQuery withBuild(String b) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, b,
                sdGranted, targetPico, targetDisallowUserTerminate);
    }

    public AccessQuery withSdGranted(Integer g) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build,
                g, targetPico, targetDisallowUserTerminate);
    }

    public AccessQuery withPico(boolean callerIsPico, PicoProvider targetProvider) {
        return new AccessQuery(caller, callerIsPico, target, object, desired, mode, forceAccessCheck, relation, build,
                sdGranted, targetProvider, targetDisallowUserTerminate);
    }

    public AccessQuery withDisallowUserTerminate(boolean d) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build,
                sdGranted, targetPico, d);
    }

    public AccessQuery withCaller(PsProtection c) {
        return new AccessQuery(c, callerPico, target, object, desired, mode, forceAccessCheck, relation, build,
                sdGranted, targetPico, targetDisallowUserTerminate);
    }

    public AccessQuery withTarget(PsProtection t) {
        return new AccessQuery(caller, callerPico, t, object, desired, mode, forceAccessCheck, relation, build,
                sdGranted, targetPico, targetDisallowUserTerminate);
    }

    public AccessQuery withDesired(int d) {
        return new AccessQuery(caller, callerPico, target, object, d, mode, forceAccessCheck, relation, build,
                sdGranted, targetPico, targetDisallowUserTerminate);
    }

    public AccessQuery withObject(ObjectKind o) {
        return new AccessQuery(caller, callerPico, target, o, desired, mode, forceAccessCheck, relation, build,
                sdGranted, targetPico, targetDisallowUserTerminate);
    }
}
