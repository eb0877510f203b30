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
 * @param operation       open, duplicate or debug (spec §3.4)
 * @param token           the caller's token; when present the security-descriptor stage decides (spec §3.1 steps
 *                        2-3, §4) and {@code sdGranted} must be null. Its trust SID is not read: the rules derive
 *                        it from {@code caller}, as the kernel does (spec §4.3)
 * @param sd              the security descriptor of the object opened (the process, the thread, or for
 *                        {@link ObjectKind#TOKEN} the token), or null for the default that {@code targetToken} gives
 * @param targetToken     the token of the target process (the creator of its default descriptors), or null for
 *                        the {@code system} preset
 * @param sourceAccess    for {@link Operation#DUPLICATE}: the access of the handle being duplicated
 * @param callerKind      the kind of the process receiving the handle (spec §7, §12.7); normal when null
 * @param targetKind      the kind of the target process, or of the thread's owning process; normal when null
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
        boolean targetDisallowUserTerminate,
        Operation operation,
        Token token,
        SecurityDescriptor sd,
        Token targetToken,
        Integer sourceAccess,
        ProcessKind callerKind,
        ProcessKind targetKind) {

    public static final String DEFAULT_BUILD = "windows-10-11";

    public AccessQuery {
        if (operation == null) operation = Operation.OPEN;
        if (callerKind == null) callerKind = ProcessKind.NORMAL;
        if (targetKind == null) targetKind = ProcessKind.NORMAL;
    }

    /** The form before process kinds: both processes normal. */
    public AccessQuery(PsProtection caller, boolean callerPico, PsProtection target, ObjectKind object, int desired,
                       AccessMode mode, boolean forceAccessCheck, Relation relation, String build, Integer sdGranted,
                       PicoProvider targetPico, boolean targetDisallowUserTerminate, Operation operation, Token token,
                       SecurityDescriptor sd, Token targetToken, Integer sourceAccess) {
        this(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico,
                targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, ProcessKind.NORMAL, ProcessKind.NORMAL);
    }

    /** Whether both processes are normal, as every query was before process kinds. */
    public boolean normalKinds() { return callerKind == ProcessKind.NORMAL && targetKind == ProcessKind.NORMAL; }

    public AccessQuery withKinds(ProcessKind c, ProcessKind t) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, c, t);
    }

    /** The protection-only form the first stages of pplsim took: no token, no descriptor, an open. */
    public AccessQuery(PsProtection caller, boolean callerPico, PsProtection target, ObjectKind object, int desired,
                       AccessMode mode, boolean forceAccessCheck, Relation relation, String build, Integer sdGranted,
                       PicoProvider targetPico, boolean targetDisallowUserTerminate) {
        this(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted,
                targetPico, targetDisallowUserTerminate, Operation.OPEN, null, null, null, null);
    }

    /** The common case: unrelated, user mode, default build, no SD input, no Pico, no flags. */
    public static AccessQuery of(PsProtection caller, PsProtection target, ObjectKind object, int desired) {
        return new AccessQuery(caller, false, target, object, desired, AccessMode.USER, false, Relation.NONE,
                DEFAULT_BUILD, null, null, false);
    }

    /** Whether the security-descriptor stage decides (a token is given) rather than sdGranted or SeDebugPrivilege. */
    public boolean hasToken() { return token != null; }

    public AccessQuery withMode(AccessMode m) {
        return new AccessQuery(caller, callerPico, target, object, desired, m, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withForceAccessCheck(boolean f) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, f, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withRelation(Relation r) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, r, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withBuild(String b) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, b, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withSdGranted(Integer g) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, g, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withDisallowUserTerminate(boolean d) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, d, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withCaller(PsProtection c) {
        return new AccessQuery(c, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withTarget(PsProtection t) {
        return new AccessQuery(caller, callerPico, t, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withDesired(int d) {
        return new AccessQuery(caller, callerPico, target, object, d, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withObject(ObjectKind o) {
        return new AccessQuery(caller, callerPico, target, o, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withOperation(Operation op) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, op, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withToken(Token tk) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, tk, sd, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withSd(SecurityDescriptor s) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, s, targetToken, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withTargetToken(Token tt) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, tt, sourceAccess, callerKind, targetKind);
    }

    public AccessQuery withSourceAccess(Integer a) {
        return new AccessQuery(caller, callerPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetPico, targetDisallowUserTerminate, operation, token, sd, targetToken, a, callerKind, targetKind);
    }

    public AccessQuery withPico(boolean callerIsPico, PicoProvider targetProvider) {
        return new AccessQuery(caller, callerIsPico, target, object, desired, mode, forceAccessCheck, relation, build, sdGranted, targetProvider, targetDisallowUserTerminate, operation, token, sd, targetToken, sourceAccess, callerKind, targetKind);
    }
}
