package dev.pplsim.model;

import java.util.List;

/**
 * The image a creation maps (spec §6, §12.1, §12.3): its path (the minimum-TCB list matches System32 names), its
 * subsystem, and what its certificate lets it claim, given in one of three ways: the highest signer it may claim, its
 * EKU OIDs (the policy's EKU rules give the signer), or a signing level outright.
 *
 * @param signer       the highest PS_PROTECTED_SIGNER the certificate may claim; NONE for an image signed (or not)
 *                     without a protected-process EKU; null when {@code ekus} or {@code signingLevel} stand instead
 * @param ekus         EKU OIDs, or null
 * @param signingLevel a signing level 0-15, or null
 * @param trustletId   the Trustlet ID its {@code .tPolicy} section's {@code s_IumPolicyMetadata} names (spec §7.3,
 *                     §12.7), or null for an image without that policy section
 * @param sectionFlags the image section's flags byte, whose high nibble 0x50 marks a packaged app image (spec §12.3
 *                     item 8, I); 0 for an ordinary image
 */
public record ImageSpec(String path, PsProtectedSigner signer, Subsystem subsystem, List<String> ekus, Integer signingLevel,
                        Integer trustletId, int sectionFlags) {

    /** IMAGE_SUBSYSTEM_WINDOWS_GUI / _CUI, or IMAGE_SUBSYSTEM_NATIVE (1), which CreateProcessInternalW refuses. */
    public enum Subsystem {
        WINDOWS("windows"), NATIVE("native");

        private final String id;

        Subsystem(String id) {
            this.id = id;
        }

        public String id() { return id; }
    }

    public ImageSpec {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("an image needs a path");
        if (subsystem == null) subsystem = Subsystem.WINDOWS;
        if (ekus != null) ekus = List.copyOf(ekus);
        int given = (signer != null ? 1 : 0) + (ekus != null ? 1 : 0) + (signingLevel != null ? 1 : 0);
        if (given > 1) throw new IllegalArgumentException("an image gives one of signer, ekus and signingLevel");
        if (given == 0) signer = PsProtectedSigner.NONE;
        if (signingLevel != null && (signingLevel < 0 || signingLevel > 15)) {
            throw new IllegalArgumentException("a signing level is 0..15, got " + signingLevel);
        }
        if (trustletId != null && trustletId < 0) throw new IllegalArgumentException("a trustlet ID is not negative, got " + trustletId);
        if (sectionFlags < 0 || sectionFlags > 0xFF) throw new IllegalArgumentException("section flags are a byte, got " + sectionFlags);
    }

    /** An image without a .tPolicy section and with no section flags: every image before trustlets and App-PPL. */
    public ImageSpec(String path, PsProtectedSigner signer, Subsystem subsystem, List<String> ekus, Integer signingLevel) {
        this(path, signer, subsystem, ekus, signingLevel, null, 0);
    }

    /** The same file with another certificate claim (signer, EKUs or level), its sections kept. */
    public ImageSpec withClaim(PsProtectedSigner s, List<String> e, Integer level) {
        return new ImageSpec(path, s, subsystem, e, level, trustletId, sectionFlags);
    }

    /** The file name the minimum-TCB list matches ({@code services.exe}), lower-case. */
    public String fileName() {
        String p = path.replace('/', '\\');
        return Ascii.lower(p.substring(p.lastIndexOf('\\') + 1));
    }

    /** Whether the path lies directly in {@code \Windows\System32}, the prefix the minimum-TCB list applies to (spec §12.3 item 7). */
    public boolean inSystem32() {
        String p = Ascii.lower(path.replace('/', '\\'));
        int slash = p.lastIndexOf('\\');
        String dir = slash < 0 ? "" : p.substring(0, slash);
        return dir.endsWith("\\windows\\system32") || dir.equals("\\systemroot\\system32");
    }
}
