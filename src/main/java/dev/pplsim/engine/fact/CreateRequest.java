package dev.pplsim.engine.fact;

import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Token;

/**
 * One creation as CreateProcessInternalW and NtCreateUserProcess see it (spec §12): the creator, its token (null:
 * the protection-only model, no privilege is tested), the child's token, the image, the flags and the
 * protection-level attribute. Identity is the id, as for {@link OpenRequest}.
 *
 * @param childTokenAssignable whether the child's token is one the creator may assign without
 *                             SeAssignPrimaryTokenPrivilege (its own, or none handed in; spec §12.1, S)
 */
public record CreateRequest(long id, CreateQuery query, Token creatorToken, boolean childTokenAssignable) implements Described {

    @Override
    public boolean equals(Object o) {
        return o instanceof CreateRequest other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    public CreateApi api() { return query.api(); }
    public ImageSpec image() { return query.image(); }
    public PsProtection creator() { return query.creator(); }
    public int creatorType() { return query.creator().type(); }
    public int creatorSigner() { return query.creator().signer(); }
    public int flags() { return query.flags(); }
    public Long protectionLevel() { return query.protectionLevel(); }
    /** PS_CP_SECURE_PROCESS (PROC_THREAD_ATTRIBUTE_SECURE_PROCESS) in the attribute list (spec §7.3, §12.7). */
    public boolean secureProcess() { return query.secureProcess(); }
    /** PROC_THREAD_ATTRIBUTE_PACKAGE_FULL_NAME's value, or null (spec §12.1, §12.7). */
    public String packageFullName() { return query.packageFullName(); }

    /** A Win32 request whose attribute list CreateProcessInternalW reads (spec §12.1). */
    public boolean extendedStartupInfo() {
        return CreationFlag.EXTENDED_STARTUPINFO_PRESENT.in(query.flags());
    }

    /** DEBUG_PROCESS or DEBUG_ONLY_THIS_PROCESS: a debug port is attached to the child (spec §12.6). */
    public boolean debug() {
        return query.api().win32() && (CreationFlag.DEBUG_PROCESS.in(query.flags()) || CreationFlag.DEBUG_ONLY_THIS_PROCESS.in(query.flags()));
    }

    /** Whether the image's EKUs (when given) hold this OID. */
    public boolean carries(String oid) {
        return query.image().ekus() != null && query.image().ekus().contains(oid);
    }

    public boolean hasToken() { return creatorToken != null; }

    /** Held by the creator's token: the entry points enable a privilege the token holds (spec §12.1, I). */
    public boolean holds(Privilege p) {
        return creatorToken != null && creatorToken.privilege(p) != null;
    }

    /** The name the minimum-TCB list matches: the file name of an image directly in System32, else null. */
    public String tcbName() {
        return query.image().inSystem32() ? query.image().fileName() : null;
    }

    @Override
    public String describe() {
        return query.api().sdkName() + " by a " + query.creator() + " creator of " + query.image().path()
                + ", flags " + query.flagNames()
                + (query.protectionLevel() != null ? ", level " + dev.pplsim.model.ProtectionLevel.describe(query.protectionLevel()) : "")
                + (query.secureProcess() ? ", secure process" : "")
                + (query.packageFullName() != null ? ", package " + query.packageFullName() : "");
    }
}
