package dev.pplsim.engine.fact;

import dev.pplsim.policy.Spelling;

/** GrantedAccess as SeAccessCheck (or the SeDebugPrivilege path) left it, before the open procedure (spec §3.1). */
public record AccessCheckResult(OpenRequest request, int granted, String source) implements Derived {
    @Override
    public String describe() {
        return "granted " + Spelling.hex(granted) + " (" + Spelling.rightNames(granted, request.object()) + ") " + source;
    }
}
