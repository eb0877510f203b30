package dev.pplsim.model;

/**
 * One {@code LUID_AND_ATTRIBUTES} of {@code TOKEN_PRIVILEGES}: held, and enabled ({@code SE_PRIVILEGE_ENABLED} 0x2,
 * winnt.h) or present but disabled. A privilege the token does not hold has no entry.
 */
public record TokenPrivilege(Privilege privilege, boolean enabled) {

    public TokenPrivilege {
        if (privilege == null) throw new IllegalArgumentException("a token privilege needs a name");
    }
}
