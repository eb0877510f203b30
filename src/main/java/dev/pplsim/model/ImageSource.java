package dev.pplsim.model;

/**
 * Where the loader gets an image's section from (spec §6.3, §8, §12.8): a file it opens itself, a section object
 * already in the {@code \KnownDlls} object directory, or a file served by a network redirector (SMB over
 * {@code \Device\Mup}; PPLFault's Cloud Filter case is the other kind of server that can change the bytes it serves).
 */
public enum ImageSource {
    /** A file on a local volume: the loader opens it and creates the image section (MiValidateSectionCreate runs). */
    LOCAL("local", "a file on a local volume"),
    /** A section object of {@code \KnownDlls}, created earlier by someone else: mapping it creates no new section. */
    KNOWN_DLLS("known-dlls", "the \\KnownDlls object directory"),
    /** A file read through a network redirector ({@code \Device\Mup}, e.g. an SMB share). */
    NETWORK_REDIRECTOR("network", "a network redirector (\\Device\\Mup)");

    private final String id;
    private final String kernelName;

    ImageSource(String id, String kernelName) {
        this.id = id;
        this.kernelName = kernelName;
    }

    /** How requests spell it: {@code known-dlls}. */
    public String id() { return id; }

    /** What it is in the kernel's terms. */
    public String kernelName() { return kernelName; }

    public static ImageSource byId(String id) {
        for (ImageSource s : values()) {
            if (Ascii.equalsIgnoreCase(s.id, id) || Ascii.equalsIgnoreCase(s.name(), id)) return s;
        }
        return null;
    }
}
