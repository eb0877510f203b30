package dev.pplsim.model;

/**
 * One image load put to the simulator (spec §6.3, §12.8): may this image be mapped into a process of this protection
 * (and SectionSignatureLevel), from this source, and what runs? The flat form the CLI, batch lines and scenarios take.
 *
 * @param process               the process's PS_PROTECTION byte
 * @param sectionSignatureLevel the process's EPROCESS.SectionSignatureLevel (0-15) when stated; null to take the one
 *                              its signer records (spec §12.4), none for an unprotected process
 * @param image                 the image: its signer, EKUs or signing level, as for a creation
 * @param source                where the section comes from
 * @param pageHashes            whether the image's signature carries page hashes
 * @param pagesModified         whether the bytes served when pages are read in differ from those Code Integrity hashed
 *                              at section creation (PPLFault's TOCTOU, spec §8)
 * @param build                 the build whose switches decide
 */
public record LoadQuery(PsProtection process, Integer sectionSignatureLevel, ImageSpec image, ImageSource source,
                        boolean pageHashes, boolean pagesModified, String build) {

    /** The path an image gets when none is given: only the creation's minimum-TCB list reads a path. */
    public static final String DEFAULT_PATH = "image.dll";

    public LoadQuery {
        if (process == null || image == null) throw new IllegalArgumentException("a load needs a process and an image");
        if (source == null) source = ImageSource.LOCAL;
        if (build == null) build = AccessQuery.DEFAULT_BUILD;
        if (sectionSignatureLevel != null && (sectionSignatureLevel < 0 || sectionSignatureLevel > 15)) {
            throw new IllegalArgumentException("a section signature level is 0..15, got " + sectionSignatureLevel);
        }
    }

    /** The common case: a local image with page hashes, served unmodified, on the default build. */
    public static LoadQuery of(PsProtection process, ImageSpec image) {
        return new LoadQuery(process, null, image, ImageSource.LOCAL, true, false, null);
    }

    public LoadQuery withBuild(String b) {
        return new LoadQuery(process, sectionSignatureLevel, image, source, pageHashes, pagesModified, b);
    }

    public LoadQuery withSource(ImageSource s) {
        return new LoadQuery(process, sectionSignatureLevel, image, s, pageHashes, pagesModified, build);
    }

    public LoadQuery withPages(boolean hashes, boolean modified) {
        return new LoadQuery(process, sectionSignatureLevel, image, source, hashes, modified, build);
    }

    public LoadQuery withSectionSignatureLevel(Integer level) {
        return new LoadQuery(process, level, image, source, pageHashes, pagesModified, build);
    }
}
