package dev.pplsim.api;

import dev.pplsim.jobs.ScenarioFile;
import dev.pplsim.model.LoadQuery;

/**
 * An image load to decide with {@link Pplsim#load(ImageLoad)} (spec §6.3, §12.8): the fields of a scenario's
 * {@code load} ({@code pplsim load}'s options without the dashes), read by the one load reader. Immutable: each
 * method returns a changed copy.
 *
 * <pre>{@code
 * ImageLoad.into("Lsa-Light").imageSigner("Authenticode")
 * }</pre>
 */
public final class ImageLoad {

    private final Fields f;

    private ImageLoad(Fields f) {
        this.f = f;
    }

    /** A load into a process of this protection ({@code WinTcb-Light}, {@code 0x41}, {@code None}). */
    public static ImageLoad into(String protection) {
        return new ImageLoad(new Fields().with("process", protection));
    }

    /** The process's SectionSignatureLevel (0-15 or SE_SIGNING_LEVEL_*); default: its signer's DLL level. */
    public ImageLoad sectionSignatureLevel(String level) { return new ImageLoad(f.with("sectionSignatureLevel", level)); }

    /** The image's path (shown only). */
    public ImageLoad image(String path) { return new ImageLoad(f.with("image", path)); }

    /** The signer the image is signed as: its images' signing level. */
    public ImageLoad imageSigner(String signer) { return new ImageLoad(f.with("imageSigner", signer)); }

    /** The image's EKU OIDs, comma-separated, instead of {@link #imageSigner}. */
    public ImageLoad imageEkus(String oids) { return new ImageLoad(f.with("imageEkus", oids)); }

    /** The image's signing level (0-15 or SE_SIGNING_LEVEL_*), instead of {@link #imageSigner}. */
    public ImageLoad imageSigningLevel(String level) { return new ImageLoad(f.with("imageSigningLevel", level)); }

    /** Where the section comes from: {@code local} (the default), {@code known-dlls}, {@code network}. */
    public ImageLoad source(String source) { return new ImageLoad(f.with("source", source)); }

    /** Whether the image's signature carries page hashes (default true). */
    public ImageLoad pageHashes(boolean given) { return new ImageLoad(f.with("pageHashes", given)); }

    /** The bytes served at page-in differ from those hashed (PPLFault). */
    public ImageLoad pagesModified(boolean modified) { return new ImageLoad(f.with("pagesModified", modified)); }

    /** The build, by name; without one, the {@link Pplsim}'s, else {@code windows-10-11}. */
    public ImageLoad build(String name) { return new ImageLoad(f.with("build", name)); }

    /** The query, read (and checked) by the load reader; {@code build} stands in when none was given. */
    LoadQuery query(String build) {
        Fields g = build != null && !f.has("build") ? f.with("build", build) : f;
        return new ScenarioFile.Load(g.map()).toQuery();
    }

    @Override
    public String toString() {
        return "ImageLoad" + f;
    }
}
