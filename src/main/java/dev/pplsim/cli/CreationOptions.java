package dev.pplsim.cli;

import dev.pplsim.request.CreateField;
import picocli.CommandLine.Option;


/** The options of a creation request that {@code create} and {@code who-can-start} share: the image, the entry point, flags and level. */
final class CreationOptions {

    @Option(names = "--image", required = true, paramLabel = "PATH", description = "The image's path (the minimum-TCB list matches System32 names).")
    String image;

    @Option(names = "--image-signer", paramLabel = "SIGNER", description = "The highest signer the image's certificate may claim (default None: no protected-process EKU).")
    String imageSigner;

    @Option(names = "--image-ekus", paramLabel = "OID,...", description = "The image's EKU OIDs, instead of --image-signer.")
    String imageEkus;

    @Option(names = "--image-signing-level", paramLabel = "LEVEL", description = "The image's signing level (0-15 or SE_SIGNING_LEVEL_*), instead of --image-signer.")
    String imageSigningLevel;

    @Option(names = "--image-subsystem", paramLabel = "windows|native", description = "The image's subsystem (default windows).")
    String imageSubsystem;

    @Option(names = "--image-trustlet-id", paramLabel = "ID", description = "The Trustlet ID the image's .tPolicy section (s_IumPolicyMetadata) names; absent: no policy section.")
    String imageTrustletId;

    @Option(names = "--image-section-flags", paramLabel = "BYTE", description = "The image section's flags byte; high nibble 0x50 marks a packaged app image (App-PPL).")
    String imageSectionFlags;

    @Option(names = "--secure-process", description = "PS_CP_SECURE_PROCESS (PROC_THREAD_ATTRIBUTE_SECURE_PROCESS): ask for a trustlet.")
    boolean secureProcess;

    @Option(names = "--package-full-name", paramLabel = "NAME", description = "PROC_THREAD_ATTRIBUTE_PACKAGE_FULL_NAME: start a packaged process.")
    String packageFullName;

    @Option(names = "--api", paramLabel = "NAME", description = "CreateProcess (default), CreateProcessAsUser, CreateProcessWithTokenW, "
            + "CreateProcessWithLogonW, ShellExecuteEx, RtlCreateUserProcess, NtCreateUserProcess.")
    String api;

    @Option(names = "--child-token", paramLabel = "PRESET", description = "The token handed in for the child (the *AsUser/With* entry points).")
    String childToken;

    @Option(names = "--flags", paramLabel = "FLAG|FLAG", description = "Creation flags: CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT; "
            + "PROCESS_CREATE_FLAGS_* for the native entry points.")
    String flags;

    @Option(names = "--protection-level", paramLabel = "LEVEL", description = "The protection-level attribute: PROTECTION_LEVEL_WINTCB_LIGHT, PROTECTION_LEVEL_SAME, or its number.")
    String protectionLevel;

    @Option(names = "--inherit-handles", description = "bInheritHandles TRUE.")
    boolean inheritHandles;

    /** The fields these options give, for {@link dev.pplsim.request.CreateReader#read}. */
    OptionValues<CreateField> given() {
        return new OptionValues<>(CreateField.class).put(CreateField.IMAGE_PATH, image).put(CreateField.IMAGE_SIGNER, imageSigner)
                .put(CreateField.IMAGE_EKUS, imageEkus).put(CreateField.IMAGE_SIGNING_LEVEL, imageSigningLevel)
                .put(CreateField.IMAGE_SUBSYSTEM, imageSubsystem).put(CreateField.API, api).put(CreateField.CHILD_TOKEN, childToken)
                .put(CreateField.FLAGS, flags).put(CreateField.PROTECTION_LEVEL, protectionLevel).flag(CreateField.INHERIT_HANDLES, inheritHandles)
                .put(CreateField.IMAGE_TRUSTLET_ID, imageTrustletId).put(CreateField.IMAGE_SECTION_FLAGS, imageSectionFlags)
                .flag(CreateField.SECURE_PROCESS, secureProcess).put(CreateField.PACKAGE_FULL_NAME, packageFullName);
    }
}
