package dev.pplsim.model;

/** One {@code SID_AND_ATTRIBUTES} of {@code TOKEN_GROUPS}; attributes are {@link GroupAttribute} bits (winnt.h). */
public record TokenGroup(Sid sid, int attributes) {

    public TokenGroup {
        if (sid == null) throw new IllegalArgumentException("a token group needs a SID");
    }

    /** SE_GROUP_ENABLED: the group matches allow ACEs. */
    public boolean enabled() { return GroupAttribute.ENABLED.in(attributes); }

    /** SE_GROUP_USE_FOR_DENY_ONLY: the group matches deny ACEs only (a UAC-filtered Administrators group). */
    public boolean denyOnly() { return GroupAttribute.USE_FOR_DENY_ONLY.in(attributes); }
}
