package dev.pplsim.policy;

import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.Sid;
import dev.pplsim.model.SigningLevel;
import dev.pplsim.request.InputException;
import dev.pplsim.request.SidSpelling;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code pplsim reach} asks the engine ({@code policies/reach.yaml}): the rights that count as code injection,
 * how a protected child is requested and at which levels, the signed images a creator may start, and the historical
 * DLL loads (spec §8) tried in a started child. It holds no decision: every question is put to the rules.
 */
public record ReachPolicy(int injectProcess, int injectThread, int createFlags, List<Long> levels, java.util.Map<String, String> creationAs,
                          List<Image> images, List<AttackLoad> loads, String source) {

    /** The build whose creation switches decide a create step on {@code build}: its {@code creationAs} entry, else itself. */
    public String creationBuild(String build) {
        return creationAs.getOrDefault(build, build);
    }

    public static final String FILE = "reach.yaml";

    /** A signed image a creator may start, with what its certificate lets it claim and how sure the spec is. */
    public record Image(ImageSpec spec, String confidence) {
        /** The file name as the path spells it: {@code services.exe}. */
        public String name() {
            String p = spec.path().replace('/', '\\');
            return p.substring(p.lastIndexOf('\\') + 1);
        }
    }

    /**
     * A DLL load tried in a started child: the image and how it is served, whether the attacker's code runs when the
     * load engine maps it ({@code image}) or only when bytes other than those hashed run ({@code modified-pages}), and
     * the SIDs of which one the token's user or an enabled group must be to set the trick up.
     */
    public record AttackLoad(String name, String cite, String note, ImageSpec image, ImageSource source, boolean pageHashes,
                             boolean pagesModified, Runs runs, List<Sid> plantedBy) {
    }

    /** When the attacker's code runs after a successful load. */
    public enum Runs {
        IMAGE("image"), MODIFIED_PAGES("modified-pages");

        private final String id;

        Runs(String id) {
            this.id = id;
        }

        public String id() { return id; }
    }

    public static ReachPolicy load(Path root) {
        Path f = root.resolve(FILE);
        String shown = PolicySet.shown(f);
        if (!Files.isRegularFile(f)) throw InputException.at(shown, "missing: " + FILE + " is required to compute reach");
        return Yaml.read(f, shown, File.class).toPolicy(shown);
    }

    /** The YAML shape of {@code policies/reach.yaml}. */
    public record File(
            @JsonProperty(required = true) String cite,
            @JsonProperty(required = true) Inject inject,
            @JsonProperty(required = true) Create create,
            java.util.Map<String, String> creationAs,
            @JsonProperty(required = true) List<ImageEntry> images,
            @JsonProperty(required = true) List<LoadEntry> loads) {

        ReachPolicy toPolicy(String source) {
            int process = mask(inject.process, ObjectKind.PROCESS, source + ": inject.process");
            int thread = mask(inject.thread, ObjectKind.THREAD, source + ": inject.thread");
            int flags = 0;
            for (String name : create.flags.split("\\|")) {
                CreationFlag f = CreationFlag.byName(name.trim());
                if (f == null) throw InputException.at(source + ": create.flags", "unknown creation flag '" + name.trim() + "'");
                flags |= f.value();
            }
            List<Long> levels = new ArrayList<>();
            for (String l : create.levels) {
                ProtectionLevel p = ProtectionLevel.byName(l);
                if (p == null) throw InputException.at(source + ": create.levels", "unknown protection level '" + l + "'");
                if (levels.contains(p.value())) throw InputException.at(source + ": create.levels", l + " is listed twice");
                levels.add(p.value());
            }
            if (images.isEmpty()) throw InputException.at(source + ": images", "none listed");
            List<Image> is = new ArrayList<>();
            Set<String> paths = new HashSet<>();
            for (int i = 0; i < images.size(); i++) {
                ImageEntry e = images.get(i);
                String at = source + ": images[" + i + "]";
                if (!paths.add(e.path.toLowerCase(java.util.Locale.ROOT))) throw InputException.at(at + ".path", e.path + " is listed twice");
                is.add(new Image(spec(e.path, e.signer, e.ekus, e.signingLevel, at), e.confidence));
            }
            List<AttackLoad> ls = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < loads.size(); i++) {
                LoadEntry e = loads.get(i);
                String at = source + ": loads[" + i + "]";
                if (!names.add(e.name)) throw InputException.at(at + ".name", e.name + " is listed twice");
                ImageSource src = ImageSource.byId(e.source);
                if (src == null) throw InputException.at(at + ".source", "'" + e.source + "' is not one of local, known-dlls, network");
                Runs runs;
                try {
                    runs = Spelling.named(Runs.values(), Runs::id, e.runs);
                } catch (InputException ex) {
                    throw InputException.at(at + ".runs", ex.getMessage());
                }
                if (e.plantedBy.isEmpty()) throw InputException.at(at + ".plantedBy", "empty: name the SIDs that can set the load up");
                List<Sid> sids = new ArrayList<>();
                for (String s : e.plantedBy) {
                    try {
                        sids.add(SidSpelling.parse(s));
                    } catch (InputException ex) {
                        throw InputException.at(at + ".plantedBy", ex.getMessage());
                    }
                }
                ImageSpec image = spec(dev.pplsim.model.LoadQuery.DEFAULT_PATH, e.image.signer, e.image.ekus, e.image.signingLevel, at + ".image");
                ls.add(new AttackLoad(e.name, e.cite, e.note, image, src, e.pageHashes, e.pagesModified, runs, List.copyOf(sids)));
            }
            return new ReachPolicy(process, thread, flags, List.copyOf(levels), creationAs == null ? java.util.Map.of() : java.util.Map.copyOf(creationAs),
                    List.copyOf(is), List.copyOf(ls), source);
        }

        private static int mask(String text, ObjectKind kind, String at) {
            try {
                return Spelling.desiredMask(text, kind);
            } catch (InputException e) {
                throw InputException.at(at, e.getMessage());
            }
        }

        private static ImageSpec spec(String path, String signer, List<String> ekus, String level, String at) {
            PsProtectedSigner s = null;
            if (signer != null) {
                s = PsProtectedSigner.byName(signer);
                if (s == null) throw InputException.at(at + ".signer", "unknown signer '" + signer + "'");
            }
            Integer l = null;
            if (level != null) {
                SigningLevel named = SigningLevel.byName(level);
                l = named != null ? named.value() : (int) Spelling.number(level, "signing level");
            }
            try {
                return new ImageSpec(path, s, ImageSpec.Subsystem.WINDOWS, ekus, l);
            } catch (IllegalArgumentException e) {
                throw InputException.at(at, e.getMessage());
            }
        }
    }

    public record Inject(@JsonProperty(required = true) String process, @JsonProperty(required = true) String thread) {
    }

    public record Create(@JsonProperty(required = true) String flags, @JsonProperty(required = true) List<String> levels) {
    }

    public record ImageEntry(@JsonProperty(required = true) String path, String signer, List<String> ekus, String signingLevel,
                             @JsonProperty(required = true) String confidence) {
    }

    public record LoadImage(String signer, List<String> ekus, String signingLevel) {
    }

    public record LoadEntry(@JsonProperty(required = true) String name, @JsonProperty(required = true) String cite,
                            @JsonProperty(required = true) String note, @JsonProperty(required = true) LoadImage image,
                            @JsonProperty(required = true) String source, @JsonProperty(required = true) Boolean pageHashes,
                            @JsonProperty(required = true) Boolean pagesModified, @JsonProperty(required = true) String runs,
                            @JsonProperty(required = true) List<String> plantedBy) {
    }
}
