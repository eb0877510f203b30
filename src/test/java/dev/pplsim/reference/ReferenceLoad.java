package dev.pplsim.reference;

import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.NtStatus;

import java.util.List;
import java.util.Map;

/**
 * An image load in plain Java, written from spec §6.1-§6.3, §8 (PPLdump, PPLFault) and §12.8 alone: one straight
 * path through the loader, Code Integrity at section creation and the page-in check, stopping at the first failure.
 * It shares no code with the rules or the policies: its tables are the spec's numbers, typed in here.
 */
public final class ReferenceLoad {

    private ReferenceLoad() {
    }

    /** Why the load ended as it did: the check that refused it, or how it succeeded. */
    public enum Reason {
        /** a protected signer with no DLL level in §6.3 (None, WinSystem, App) */
        NO_SECTION_LEVEL,
        /** §6.3 DLL rule: the image's level is below SectionSignatureLevel */
        BELOW_SECTION_LEVEL,
        /** §12.8: page hashes enforced, the image has none (U, refused by default) */
        NO_PAGE_HASHES,
        /** §12.8: a modified page fails its hash */
        PAGE_HASH_MISMATCH,
        /** §6.3, §8 PPLdump: an existing \KnownDlls section is mapped, nothing checked */
        KNOWN_DLLS_UNCHECKED,
        /** the section was created and passed Code Integrity */
        CHECKED
    }

    /** The spec's answer to a load. */
    public record Result(NtStatus status, Reason reason, boolean pageHashesEnforced, boolean modifiedBytesRun) {
    }

    /** The two servicing changes (§6.3 July 2022, §12.8 February 2024) and the U default of an unhashed image. */
    public record Switches(boolean knownDllsForLight, boolean networkPageHashes, boolean unhashedRefused) {
        public static final Switches BEFORE_2022 = new Switches(true, false, true);
        public static final Switches AFTER_2024 = new Switches(false, true, true);
    }

    /** The shipped builds: the two Windows 10 families predate both changes; windows-10-11 is serviced today. */
    public static final Map<String, Switches> BUILDS = Map.of(
            "windows-10-early", Switches.BEFORE_2022, "windows-10-rs", Switches.BEFORE_2022, "windows-10-11", Switches.AFTER_2024);

    // §6.3: signer -> {EXE level, DLL level}; signers 0, 7, 8 and above have none
    private static final Map<Integer, int[]> LEVELS = Map.of(1, new int[]{4, 4}, 2, new int[]{11, 6}, 3, new int[]{7, 7},
            4, new int[]{12, 8}, 5, new int[]{12, 12}, 6, new int[]{14, 12});

    // §6.1: an image's EKUs name a signer, first match wins (TCB, then Windows component, then AntiMalware)
    private static final List<Map.Entry<String, Integer>> EKU_SIGNER = List.of(
            Map.entry("1.3.6.1.4.1.311.10.3.23", 6), Map.entry("1.3.6.1.4.1.311.10.3.6", 5), Map.entry("1.3.6.1.4.1.311.76.11.1", 3));

    public static Result load(LoadQuery q) {
        return load(q, BUILDS.get(q.build()));
    }

    public static Result load(LoadQuery q, Switches sw) {
        int type = q.process().value() & 7, signer = q.process().value() >>> 4;
        if (type > 2) throw new ReferenceInputError("type " + type + " is no PS_PROTECTED_TYPE");
        int image = imageLevel(q.image());

        // the process's SectionSignatureLevel (§6.3, §12.4): stated, its signer's DLL level, or none when unprotected
        int section;
        if (q.sectionSignatureLevel() != null) {
            section = q.sectionSignatureLevel();
        } else if (type == 0) {
            section = 0;
        } else if (LEVELS.containsKey(signer)) {
            section = LEVELS.get(signer)[1];
        } else {
            return new Result(NtStatus.STATUS_INVALID_IMAGE_HASH, Reason.NO_SECTION_LEVEL, false, false);
        }

        // \KnownDlls (§6.3): a PP never maps it; a PPL only before July 2022; an unprotected process does
        boolean mapsKnownDll = q.source() == ImageSource.KNOWN_DLLS && (type == 0 || (type == 1 && sw.knownDllsForLight()));
        // a protected process that ignores \KnownDlls reads the DLL from System32: a local file
        ImageSource file = q.source() == ImageSource.KNOWN_DLLS ? ImageSource.LOCAL : q.source();

        // MiValidateSectionCreate (§12.8) runs only when a section is created
        if (!mapsKnownDll && image < section) {
            return new Result(NtStatus.STATUS_INVALID_IMAGE_HASH, Reason.BELOW_SECTION_LEVEL, false, false);
        }

        // page hashes (§12.8): a PP always; a PPL only for a network file since February 2024; unprotected never
        boolean enforced = type == 2 || (type == 1 && !mapsKnownDll && file == ImageSource.NETWORK_REDIRECTOR && sw.networkPageHashes());
        if (enforced && !q.pageHashes() && sw.unhashedRefused() && !mapsKnownDll) {
            return new Result(NtStatus.STATUS_INVALID_IMAGE_HASH, Reason.NO_PAGE_HASHES, true, false);
        }
        if (enforced && q.pageHashes() && q.pagesModified()) {
            return new Result(NtStatus.STATUS_IN_PAGE_ERROR, Reason.PAGE_HASH_MISMATCH, true, false);
        }
        boolean modifiedRuns = q.pagesModified() && !(enforced && q.pageHashes());
        return new Result(NtStatus.STATUS_SUCCESS, mapsKnownDll ? Reason.KNOWN_DLLS_UNCHECKED : Reason.CHECKED, enforced, modifiedRuns);
    }

    /** §6.1-§6.3: the level a signer's images have (its EXE column), by signer, EKUs (else Authenticode) or as stated. */
    static int imageLevel(ImageSpec i) {
        if (i.signingLevel() != null) return i.signingLevel();
        if (i.ekus() != null) {
            for (Map.Entry<String, Integer> e : EKU_SIGNER) {
                if (i.ekus().contains(e.getKey())) return LEVELS.get(e.getValue())[0];
            }
            return LEVELS.get(1)[0];
        }
        int[] l = LEVELS.get(i.signer().value());
        return l == null ? 0 : l[0];
    }
}
