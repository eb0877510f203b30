package dev.pplsim.engine.fact;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.EProcess;
import dev.pplsim.model.EThread;
import dev.pplsim.model.ObjectKind;

/**
 * One open as the object manager sees it (spec §3.1): the process that will receive the handle, the target
 * process (for a thread: its owning process), the thread when a thread is opened, DesiredAccess, the previous
 * mode and OBJ_FORCE_ACCESS_CHECK, and the stand-in result of the SD stage when given.
 * Identity matters: two requests are never the same fact, hence the id.
 */
public record OpenRequest(long id, ObjectKind object, EProcess caller, EProcess target, EThread thread,
                          int desired, AccessMode mode, boolean forceAccessCheck, Integer sdGranted)
        implements Described {

    // INVARIANT: ids are unique per simulator, so identity is the id; derived facts hash through this cheaply
    @Override
    public boolean equals(Object o) {
        return o instanceof OpenRequest other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    /** The caller and the target are one EPROCESS (for a thread: the caller owns it). */
    public boolean sameProcess() {
        return caller.sameObjectAs(target);
    }

    public int callerType() { return caller.protection().type(); }
    public int callerSigner() { return caller.protection().signer(); }
    public int targetType() { return target.protection().type(); }
    public int targetSigner() { return target.protection().signer(); }

    @Override
    public String describe() {
        return String.format("%s opens %s %s with %s in %s%s", caller.protection(), object.id(),
                object == ObjectKind.THREAD ? "of " + target.protection() : target.protection().toString(),
                dev.pplsim.policy.Spelling.hex(desired), mode.sdkName(), forceAccessCheck ? " with OBJ_FORCE_ACCESS_CHECK" : "");
    }
}
