package dev.pplsim.api;

import dev.pplsim.jobs.ScenarioFile;
import dev.pplsim.model.CreateQuery;

/**
 * A process creation to decide with {@link Pplsim#create(Create)} (spec §12): the fields of a scenario's
 * {@code create} ({@code pplsim create}'s options without the dashes), read by the one creation reader. Immutable:
 * each method returns a changed copy.
 *
 * <pre>{@code
 * Create.creator("None").token("admin-elevated").image("C:\\Windows\\System32\\services.exe").imageSigner("WinTcb")
 *       .flags("CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT").protectionLevel("PROTECTION_LEVEL_WINTCB_LIGHT")
 * }</pre>
 */
public final class Create {

    private final Fields f;

    private Create(Fields f) {
        this.f = f;
    }

    /** A creation by a creator of this protection ({@code None}, {@code Antimalware-Light}, {@code 0x31}). */
    public static Create creator(String protection) {
        return new Create(new Fields().with("creator", protection));
    }

    /** The creator's token preset ({@code policies/tokens.yaml}); without one no privilege is tested. */
    public Create token(String preset) { return new Create(f.with("token", preset)); }

    /** The image's path (the minimum-TCB list matches System32 names). */
    public Create image(String path) { return new Create(f.with("image", path)); }

    /** The highest signer the image's certificate may claim ({@code WinTcb}, {@code Antimalware}; default None). */
    public Create imageSigner(String signer) { return new Create(f.with("imageSigner", signer)); }

    /** The image's EKU OIDs, comma-separated, instead of {@link #imageSigner}. */
    public Create imageEkus(String oids) { return new Create(f.with("imageEkus", oids)); }

    /** The image's signing level (0-15 or SE_SIGNING_LEVEL_*), instead of {@link #imageSigner}. */
    public Create imageSigningLevel(String level) { return new Create(f.with("imageSigningLevel", level)); }

    /** The image's subsystem: {@code windows} (the default) or {@code native}. */
    public Create imageSubsystem(String subsystem) { return new Create(f.with("imageSubsystem", subsystem)); }

    /** The Trustlet ID the image's .tPolicy section names. */
    public Create imageTrustletId(String id) { return new Create(f.with("imageTrustletId", id)); }

    /** The image section's flags byte (high nibble 0x50: a packaged app image). */
    public Create imageSectionFlags(String flags) { return new Create(f.with("imageSectionFlags", flags)); }

    /** The entry point: CreateProcess (the default), CreateProcessAsUser, ..., NtCreateUserProcess. */
    public Create api(String api) { return new Create(f.with("api", api)); }

    /** The token handed in for the child (the *AsUser/With* entry points). */
    public Create childToken(String preset) { return new Create(f.with("childToken", preset)); }

    /** Creation flags: {@code CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT}; PROCESS_CREATE_FLAGS_* natively. */
    public Create flags(String flags) { return new Create(f.with("flags", flags)); }

    /** The protection-level attribute: {@code PROTECTION_LEVEL_WINTCB_LIGHT}, {@code PROTECTION_LEVEL_SAME} or its number. */
    public Create protectionLevel(String level) { return new Create(f.with("protectionLevel", level)); }

    /** bInheritHandles TRUE. */
    public Create inheritHandles() { return new Create(f.with("inheritHandles", true)); }

    /** PS_CP_SECURE_PROCESS: ask for a trustlet. */
    public Create secureProcess() { return new Create(f.with("secureProcess", true)); }

    /** PROC_THREAD_ATTRIBUTE_PACKAGE_FULL_NAME: start a packaged process. */
    public Create packageFullName(String name) { return new Create(f.with("packageFullName", name)); }

    /** The build, by name; without one, the {@link Pplsim}'s, else {@code windows-10-11}. */
    public Create build(String name) { return new Create(f.with("build", name)); }

    /** The query, read (and checked) by the creation reader; {@code build} stands in when none was given. */
    CreateQuery query(String build) {
        Fields g = build != null && !f.has("build") ? f.with("build", build) : f;
        return new ScenarioFile.Create(g.map()).toQuery();
    }

    @Override
    public String toString() {
        return "Create" + f;
    }
}
