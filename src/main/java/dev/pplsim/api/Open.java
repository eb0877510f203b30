package dev.pplsim.api;

import dev.pplsim.jobs.ScenarioFile;
import dev.pplsim.model.AccessRight;

import java.util.List;

/**
 * An open of a process, thread or token to decide with {@link Pplsim#decide(Open)}: the fields of a scenario's
 * {@code request} ({@code policies/scenarios/README.md}), read by the same reader as the command line and the batch
 * contract, so every spelling they take works here. Immutable: each method returns a changed copy.
 *
 * <pre>{@code
 * Open.caller("None").token("admin-elevated").target("Lsa-Light").desired(ProcessRight.VM_READ)
 * }</pre>
 *
 * On a {@link Pplsim#withCatalog system catalog}, caller and target name the catalog's processes (an image, or a pid
 * when an image runs more than once) and the relation comes from the catalog.
 */
public final class Open {

    private final Fields f;

    private Open(Fields f) {
        this.f = f;
    }

    /**
     * An open by this caller: a protection ({@code None}, {@code 0x31}, {@code Antimalware-Light},
     * {@code PsProtectedSignerWinTcb-Light}), or on a system catalog a process ({@code powershell.exe}).
     */
    public static Open caller(String protectionOrProcess) {
        return new Open(new Fields().with("caller", protectionOrProcess));
    }

    /** The target process (for a thread or token: its process), spelled as the caller is. */
    public Open target(String protectionOrProcess) { return new Open(f.with("target", protectionOrProcess)); }

    /** The desired access: {@code PROCESS_VM_READ|SYNCHRONIZE}, {@code 0x1010}, {@code MAXIMUM_ALLOWED}, {@code GENERIC_READ}. */
    public Open desired(String mask) { return new Open(f.with("desired", mask)); }

    /** The desired access as a mask. */
    public Open desired(int mask) { return desired(Fields.mask(mask)); }

    /** The desired access: these rights. */
    public Open desired(AccessRight... rights) { return desired(Fields.rights(rights)); }

    /** The object opened: {@code process} (the default), {@code thread}, or {@code token} (the target's token). */
    public Open object(String object) { return new Open(f.with("object", object)); }

    /**
     * The caller's token, so the security-descriptor stage decides (docs/ACCESS-CHECK.md): a preset of
     * {@code policies/tokens.yaml} ({@code admin-elevated}, {@code standard-user}), or its fields as JSON.
     */
    public Open token(String presetOrJson) { return new Open(f.token("token", presetOrJson)); }

    /** The target's token, whose default descriptors apply when no {@link #sd} is given (default: system). */
    public Open targetToken(String presetOrJson) { return new Open(f.token("targetToken", presetOrJson)); }

    /** The opened object's security descriptor, in SDDL. */
    public Open sd(String sddl) { return new Open(f.with("sd", sddl)); }

    /** What the security-descriptor stage granted, without a token (default: the request, as SeDebugPrivilege grants it). */
    public Open sdGranted(String mask) { return new Open(f.with("sdGranted", mask)); }

    /** The previous mode: {@code user} (the default) or {@code kernel}. */
    public Open mode(String mode) { return new Open(f.with("mode", mode)); }

    /** OBJ_FORCE_ACCESS_CHECK: the open procedure sees UserMode. */
    public Open forceAccessCheck() { return new Open(f.with("forceAccessCheck", true)); }

    /** How caller and target are related: {@code none} (the default), {@code self}, {@code parent}, {@code stale-parent}. */
    public Open relation(String relation) { return new Open(f.with("relation", relation)); }

    /** How the handle is obtained: {@code open} (the default), {@code duplicate} (give {@link #sourceAccess}), {@code debug}. */
    public Open operation(String operation) { return new Open(f.with("operation", operation)); }

    /** For a duplicate: the source handle's access. */
    public Open sourceAccess(String mask) { return new Open(f.with("sourceAccess", mask)); }

    /** The caller is a Pico process (spec §7.2). */
    public Open callerPico() { return new Open(f.with("callerPico", true)); }

    /** The target is a Pico process whose provider allows these masks on process and thread opens (spec §7.2). */
    public Open targetPico(String openProcess, String openThread) {
        return new Open(f.with("targetPico", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(openProcess).add(openThread)));
    }

    /** The target's Flags3.DisallowUserTerminate is set. */
    public Open disallowUserTerminate() { return new Open(f.with("disallowUserTerminate", true)); }

    /** The caller's process kind: {@code normal}, {@code minimal}, {@code pico}, {@code trustlet}, {@code packaged}. */
    public Open callerKind(String kind) { return new Open(f.with("callerKind", kind)); }

    /** The target's process kind. */
    public Open targetKind(String kind) { return new Open(f.with("targetKind", kind)); }

    /**
     * The build this open is decided on, by name; without one, the {@link Pplsim}'s ({@link Pplsim#withBuild}), else
     * {@code windows-10-11}. On a system catalog the catalog names the build.
     */
    public Open build(String name) { return new Open(f.with("build", name)); }

    /** On a system catalog: the processes' token presets and the target's descriptor decide, as the catalog gives them. */
    public Open withTokens() { return new Open(f.with("withTokens", true)); }

    boolean hasBuild() {
        return f.has("build");
    }

    /** The scenario request these fields make, on the catalog named {@code system} (null for none); checked here. */
    ScenarioFile.Request scenario(String system) {
        List<String> pico = f.get("targetPico") == null ? null : List.of(f.get("targetPico").get(0).asText(), f.get("targetPico").get(1).asText());
        return new ScenarioFile.Request(system, f.text("caller"), f.text("target"), f.text("object"), f.text("desired"), f.text("mode"),
                f.bool("forceAccessCheck"), f.text("relation"), f.text("build"), f.text("sdGranted"), f.bool("callerPico"), pico,
                f.bool("disallowUserTerminate"), f.get("token"), f.text("sd"), f.get("targetToken"), f.text("operation"),
                f.text("sourceAccess"), f.bool("withTokens"), f.text("callerKind"), f.text("targetKind"));
    }

    @Override
    public String toString() {
        return "Open" + f;
    }
}
