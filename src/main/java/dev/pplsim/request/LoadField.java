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

    private final String batch, cli, scenario;

    LoadField(String batch, String cli, String scenario) {
        this.batch = batch;
        this.cli = cli;
        this.scenario = scenario;
    }

    @Override public String batch() { return batch; }
    @Override public String cli() { return cli; }
    @Override public String scenario() { return scenario; }
}
