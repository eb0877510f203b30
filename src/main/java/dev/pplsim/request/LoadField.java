package dev.pplsim.request;

/** The fields of an image-load request (spec §12.8), each with the name the batch contract, the CLI and a scenario give it. */
public enum LoadField implements RequestField {
    PROCESS("process.protection", "--process", "process"),
    SECTION_LEVEL("process.sectionSignatureLevel", "--section-signature-level", "sectionSignatureLevel"),
    IMAGE_PATH("image.path", "--image", "image"),
    IMAGE_SIGNER("image.signer", "--image-signer", "imageSigner"),
    IMAGE_EKUS("image.ekus", "--image-ekus", "imageEkus"),
    IMAGE_SIGNING_LEVEL("image.signingLevel", "--image-signing-level", "imageSigningLevel"),
    IMAGE_SOURCE("image.source", "--image-source", "source"),
    PAGE_HASHES("image.pageHashes", "--page-hashes", "pageHashes"),
    PAGES_MODIFIED("image.pagesModified", "--pages-modified", "pagesModified"),
    BUILD("build", "--build", "build");

    private final Names names;

    LoadField(String batch, String cli, String scenario) { names = new Names(batch, cli, scenario); }

    @Override public Names names() { return names; }
}
