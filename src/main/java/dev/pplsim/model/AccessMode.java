package dev.pplsim.model;

/** KPROCESSOR_MODE of the open: the caller's previous mode (spec §3.1 step 4). */
public enum AccessMode {
    USER("user", "UserMode"),
    KERNEL("kernel", "KernelMode");

    private final String id;
    private final String sdkName;

    AccessMode(String id, String sdkName) {
        this.id = id;
        this.sdkName = sdkName;
    }

    public String id() { return id; }
    public String sdkName() { return sdkName; }

    public static AccessMode byId(String id) {
        return Ids.byId(values(), AccessMode::id, id);
    }
}
