package dev.pplsim.engine.table;

import dev.pplsim.model.NtStatus;

import java.util.List;
import java.util.Objects;

/**
 * What stages 10-28 derived for the access asked: the granted mask, whether the access check refused the open and
 * with which status, the rule that gave the result, and the ids of the mapping and access-check rules that fired.
 * Interned and numbered, so a {@link KeyRun} finds its outcome with it by index.
 */
public final class AccessEntry {

    private final int granted;
    private final boolean refused;
    private final NtStatus status;
    private final String rule;
    private final List<String> mappingRules, accessRules;
    /** Its number in the table (0 before interning). */
    int id;

    AccessEntry(int granted, boolean refused, NtStatus status, String rule, List<String> mappingRules, List<String> accessRules) {
        this.granted = granted;
        this.refused = refused;
        this.status = status;
        this.rule = rule;
        this.mappingRules = List.copyOf(mappingRules);
        this.accessRules = List.copyOf(accessRules);
    }

    public int granted() { return granted; }
    public boolean refused() { return refused; }
    public NtStatus status() { return status; }
    public String rule() { return rule; }
    public List<String> mappingRules() { return mappingRules; }
    public List<String> accessRules() { return accessRules; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessEntry a && granted == a.granted && refused == a.refused && status == a.status
                && Objects.equals(rule, a.rule) && mappingRules.equals(a.mappingRules) && accessRules.equals(a.accessRules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(granted, refused, status, rule, mappingRules, accessRules);
    }
}
