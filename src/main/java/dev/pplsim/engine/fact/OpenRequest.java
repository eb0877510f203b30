package dev.pplsim.engine.fact;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.EProcess;
import dev.pplsim.model.EThread;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.SdkNames;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Token;
import java.util.Locale;

/**
 * One open as the object manager sees it (spec §3.1): the process that will receive the handle, the target
 * process (for a thread or token: its owning process), the thread when a thread is opened, DesiredAccess, the
 * previous mode and OBJ_FORCE_ACCESS_CHECK, the operation, and either the caller's token with the object's
 * security descriptor (the SD stage decides) or the stand-in result of the SD stage when given.
 * Identity matters: two requests are never the same fact, hence the id.
 */
public record OpenRequest(long id, ObjectKind object, EProcess caller, EProcess target, EThread thread,
                          int desired, AccessMode mode, boolean forceAccessCheck, Integer sdGranted,
                          Operation operation, Token token, SecurityDescriptor sd)
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
    public int callerByte() { return caller.protection().value(); }
    public int targetType() { return target.protection().type(); }
    public int targetSigner() { return target.protection().signer(); }

    /** Whether the caller's token holds this privilege enabled (SePrivilegeCheck reads only enabled ones). */
    public boolean privilegeEnabled(Privilege p) { return token != null && token.hasEnabled(p); }

    /** The caller token's integrity RID (S-1-16-RID), or -1 without a token. */
    public long callerIntegrity() { return token == null ? -1 : token.integrity().rid(); }

    /** A restricted token: the DACL is walked a second time over its restricted SIDs. */
    public boolean restricted() { return token != null && token.isRestricted(); }

    /** The number of DACL entries, where the walk ends; -1 for a NULL DACL. */
    public int daclSize() { return sd == null || sd.dacl() == null ? -1 : sd.dacl().size(); }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s opens %s %s with %s in %s%s", caller.protection(), object.id(),
                object == ObjectKind.PROCESS ? target.protection().toString() : "of " + target.protection(),
                SdkNames.hex(desired), mode.sdkName(), forceAccessCheck ? " with OBJ_FORCE_ACCESS_CHECK" : "");
    }
}
