package dev.pplsim.reference;

/**
 * The three builds the reference knows, with the switches the spec attributes to each (build legend at the top of
 * the spec, §3.2 "B-rs compares the PIDs only", "B-old has no parent exemption, no Pico check and no
 * DisallowUserTerminate check. Its only extra step is QUERY_INFORMATION → +QUERY_LIMITED").
 * All three use the §2.1 table and the "observed" §4.4 generic mappings. None refuses VM rights on a trustlet at the
 * handle level: spec §7.3 found no trustlet mask in PspProcessOpen (U), so the stated default is that the open succeeds.
 */
public enum ReferenceBuild {
    /** B-w11, the default. */
    WINDOWS_10_11("windows-10-11", ParentExemption.PID_AND_SEQUENCE, true, true, ImpliedRights.FULL),
    /** B-rs. */
    WINDOWS_10_RS("windows-10-rs", ParentExemption.PID_ONLY, false, true, ImpliedRights.FULL),
    /** B-old. */
    WINDOWS_10_EARLY("windows-10-early", ParentExemption.NONE, false, false, ImpliedRights.QUERY_ONLY);

    /** How PspIsParentProcess compares caller and target (spec §3.2). */
    public enum ParentExemption { NONE, PID_ONLY, PID_AND_SEQUENCE }

    /** Which implicit rights PspProcessOpen / PspThreadOpen add on success (spec §3.2, §3.3). */
    public enum ImpliedRights { FULL, QUERY_ONLY }

    private final String id;
    private final ParentExemption parentExemption;
    private final boolean disallowUserTerminateCheck;
    private final boolean picoCheck;
    private final ImpliedRights impliedRights;

    ReferenceBuild(String id, ParentExemption parentExemption, boolean disallowUserTerminateCheck, boolean picoCheck,
                   ImpliedRights impliedRights) {
        this.id = id;
        this.parentExemption = parentExemption;
        this.disallowUserTerminateCheck = disallowUserTerminateCheck;
        this.picoCheck = picoCheck;
        this.impliedRights = impliedRights;
    }

    public String id() { return id; }
    public ParentExemption parentExemption() { return parentExemption; }
    public boolean disallowUserTerminateCheck() { return disallowUserTerminateCheck; }
    public boolean picoCheck() { return picoCheck; }
    public ImpliedRights impliedRights() { return impliedRights; }
    /** Spec §7.3 (U): whether PROCESS_VM_READ / PROCESS_VM_WRITE on a trustlet fail the open. False in every build. */
    public boolean secureVmOpenRefused() { return false; }

    /** The build with this exact name; any other name (null included) is an input error. */
    public static ReferenceBuild byId(String id) {
        for (ReferenceBuild b : values()) {
            if (b.id.equals(id)) return b;
        }
        throw new ReferenceInputError("unknown build '" + id + "'");
    }
}
