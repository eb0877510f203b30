package dev.pplsim.engine.fact;

import dev.pplsim.model.GroupAttribute;
import dev.pplsim.model.Sid;
import dev.pplsim.request.SidSpelling;

/**
 * One SID of the caller's token as SeAccessCheck matches it against ACEs (spec §4.1): the user, a group with its
 * SE_GROUP_* attributes, or a restricted SID. Which of them an allow or a deny ACE matches is the rules' business.
 */
public record CallerSid(OpenRequest request, Sid sid, Kind kind, int attributes) implements Described {

    public enum Kind { USER, GROUP, RESTRICTED }

    /** SE_GROUP_ENABLED. */
    public boolean enabled() { return GroupAttribute.ENABLED.in(attributes); }

    /** SE_GROUP_USE_FOR_DENY_ONLY. */
    public boolean denyOnly() { return GroupAttribute.USE_FOR_DENY_ONLY.in(attributes); }

    @Override
    public String describe() {
        return "token " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + SidSpelling.print(sid)
                + (kind == Kind.GROUP ? (enabled() ? " (enabled)" : denyOnly() ? " (deny-only)" : " (disabled)") : "");
    }
}
