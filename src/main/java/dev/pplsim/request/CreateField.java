package dev.pplsim.request;

/** The fields of a creation request (spec §12), each with the name the batch contract, the CLI and a scenario give it. */
public enum CreateField implements RequestField {
    CREATOR("creator.protection", "--creator", "creator"),
    CREATOR_TOKEN("creator.token", "--token", "token"),
    API("api", "--api", "api"),
    CHILD_TOKEN("childToken", "--child-token", "childToken"),
    IMAGE_PATH("image.path", "--image", "image"),
    IMAGE_SIGNER("image.signer", "--image-signer", "imageSigner"),
    IMAGE_SUBSYSTEM("image.subsystem", "--image-subsystem", "imageSubsystem"),
    IMAGE_EKUS("image.ekus", "--image-ekus", "imageEkus"),
    IMAGE_SIGNING_LEVEL("image.signingLevel", "--image-signing-level", "imageSigningLevel"),
    IMAGE_TRUSTLET_ID("image.trustletId", "--image-trustlet-id", "imageTrustletId"),
    IMAGE_SECTION_FLAGS("image.sectionFlags", "--image-section-flags", "imageSectionFlags"),
    FLAGS("flags", "--flags", "flags"),
    PROTECTION_LEVEL("protectionLevel", "--protection-level", "protectionLevel"),
    INHERIT_HANDLES("inheritHandles", "--inherit-handles", "inheritHandles"),
    BUILD("build", "--build", "build"),
    SECURE_PROCESS("secureProcess", "--secure-process", "secureProcess"),
    PACKAGE_FULL_NAME("packageFullName", "--package-full-name", "packageFullName");

    private final Names names;

    CreateField(String batch, String cli, String scenario) { names = new Names(batch, cli, scenario); }

    @Override public Names names() { return names; }
}
