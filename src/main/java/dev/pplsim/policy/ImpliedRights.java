package dev.pplsim.policy;

/** Which rights the open procedure adds after a successful check (spec §3.2, §3.3). */
public enum ImpliedRights {
    /** B-rs and later: QUERY/SET_INFORMATION imply their LIMITED forms, VM_OPERATION+VM_WRITE imply QUERY_LIMITED, THREAD_SUSPEND_RESUME implies THREAD_RESUME. */
    FULL("full"),
    /** B-old: only QUERY_INFORMATION implies QUERY_LIMITED_INFORMATION. */
    QUERY_ONLY("query-only");

    private final String id;

    ImpliedRights(String id) { this.id = id; }

    public String id() { return id; }

    public static ImpliedRights byId(String id) {
        return dev.pplsim.model.Ids.byId(values(), ImpliedRights::id, id);
    }
}
