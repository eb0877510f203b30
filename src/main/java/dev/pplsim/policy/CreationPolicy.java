package dev.pplsim.policy;

import dev.pplsim.model.Ascii;
import dev.pplsim.model.NativeCreateFlag;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/**
 * What process creation reads (spec §12), loaded from {@code policies/creation.yaml}: the signer -> signing-level
 * table, the EKU rules, the minimum-TCB list, the privileged native flags and each build's creation switches. The
 * rows are the facts the creation rules match.
 */
public record CreationPolicy(List<SigningLevelRow> signingLevels, List<EkuSigner> ekuSigners, List<MinimumTcb> minimumTcb,
                             List<FlagPrivilege> flagPrivileges, Map<String, CreationSwitches> builds, String source) implements BuildModels<CreationSwitches> {

    public static final String FILE = "creation.yaml";

    /** This policy with one build's creation switches changed: a what-if overlay's {@code creation:} (spec §12.7). */
    public CreationPolicy withSwitches(String build, java.util.function.UnaryOperator<CreationSwitches> change) {
        return withSwitches(build, change.apply(switches(build)));
    }

    /** This policy with {@code build}'s creation switches these (a build the file does not list gets them). */
    public CreationPolicy withSwitches(String build, CreationSwitches switches) {
        Map<String, CreationSwitches> bs = new LinkedHashMap<>(builds);
        bs.put(build, switches);
        return new CreationPolicy(signingLevels, ekuSigners, minimumTcb, flagPrivileges, java.util.Collections.unmodifiableMap(bs), source);
    }

    public static CreationPolicy load(Path root) {
        return BuildModels.load(root, FILE, "decide a creation", File.class);
    }

    @Override
    public String kind() {
        return "creation";
    }

    /** The YAML shape of {@code policies/creation.yaml}. */
    public record File(
            @JsonProperty(required = true) String cite,
            @JsonProperty(required = true) List<LevelsEntry> signingLevels,
            @JsonProperty(required = true) Flags signatureFlags,
            @JsonProperty(required = true) Mask defaultProtection,
            @JsonProperty(required = true) Ekus protectedProcessEkus,
            @JsonProperty(required = true) List<EkuEntry> ekuSigners,
            @JsonProperty(required = true) List<TcbEntry> minimumTcb,
            @JsonProperty(required = true) List<PrivilegeEntry> flagPrivileges,
            @JsonProperty(required = true) String iumEku,
            @JsonProperty(required = true) AppPpl appPpl,
            @JsonProperty(required = true) Map<String, BuildEntry> builds) implements BuildModels.Shape<CreationPolicy> {

        public File {
            Set<Integer> seen = new HashSet<>();
            for (LevelsEntry e : signingLevels) {
                if (!seen.add(e.signer)) throw new InputException("signingLevels: signer " + PsProtectedSigner.of(e.signer).shortName() + " has two rows");
            }
            // the EKU rules claim a signer's EXE level, and an image with only a protected-process EKU claims Authenticode's
            for (EkuEntry e : ekuSigners) {
                if (!seen.contains(e.signer)) throw new InputException("ekuSigners: signer " + PsProtectedSigner.of(e.signer).shortName() + " has no signingLevels row");
            }
            if (!seen.contains(PsProtectedSigner.AUTHENTICODE.value())) throw new InputException("signingLevels: Authenticode needs a row (spec §6.1)");
            if (defaultProtection.value() < 0 || defaultProtection.value() > 0xFF) {
                throw new InputException("defaultProtection " + defaultProtection.value() + " is not a PS_PROTECTION byte");
            }
            if (builds.isEmpty()) throw new InputException("builds is empty");
        }

        @Override
        public CreationPolicy toPolicy(String source) {
            List<SigningLevelRow> levels = signingLevels.stream().map(e -> new SigningLevelRow(e.signer, e.exe, e.dll)).toList();
            List<EkuSigner> ekus = new ArrayList<>();
            for (EkuEntry e : ekuSigners) ekus.add(new EkuSigner(ekus.size(), List.copyOf(e.ekus), e.signer));
            Set<String> switchNames = Set.of("werFaultSecureMinimum");
            List<MinimumTcb> tcb = new ArrayList<>();
            for (TcbEntry e : minimumTcb) {
                if (e.switchName != null && !switchNames.contains(e.switchName)) {
                    throw new InputException("minimumTcb " + e.image + ": switch '" + e.switchName + "' is not one of " + switchNames);
                }
                tcb.add(new MinimumTcb(Ascii.lower(e.image), e.protection, e.signingLevel, e.switchName));
            }
            Map<String, CreationSwitches> bs = new LinkedHashMap<>();
            builds.forEach((name, b) -> bs.put(name, new CreationSwitches(name, b.validNativeFlags.value(), b.terminateAddedTo,
                    b.debugProtectedChild, b.werFaultSecureMinimum, b.sameFromUnprotected, b.customLevels,
                    signatureFlags.light.value(), signatureFlags.full.value(), defaultProtection.value(),
                    protectedProcessEkus.light, protectedProcessEkus.full, b.vbs, b.trustletWithoutVbs, b.trustletImageRefused,
                    iumEku, appPpl.sectionFlags, appPpl.protection, appPpl.signingLevel)));
            return new CreationPolicy(levels, List.copyOf(ekus), List.copyOf(tcb),
                    flagPrivileges.stream().map(p -> new FlagPrivilege(p.flag, p.privilege)).toList(), bs, source);
        }
    }

    public record LevelsEntry(int signer, int exe, int dll) {

        @JsonCreator
        public static LevelsEntry of(@JsonProperty(value = "signer", required = true) String signer,
                                     @JsonProperty(value = "exe", required = true) int exe,
                                     @JsonProperty(value = "dll", required = true) int dll) {
            for (int l : new int[]{exe, dll}) {
                if (l < 0 || l > 15) throw new InputException("signing level " + l + " is not 0..15 (spec §6.2)");
            }
            return new LevelsEntry(signerNamed(signer).value(), exe, dll);
        }
    }

    public record Flags(Mask light, Mask full) {

        @JsonCreator
        public static Flags of(@JsonProperty(value = "light", required = true) Mask light,
                               @JsonProperty(value = "protected", required = true) Mask full) {
            for (Mask m : List.of(light, full)) {
                if ((m.value() & ~0xF0) != 0) throw new InputException(String.format(Locale.ROOT, "signature flags 0x%X are not in the high nibble (0xF0)", m.value()));
            }
            return new Flags(light, full);
        }
    }

    public record Ekus(@JsonProperty(required = true) String light, @JsonProperty(required = true) String full) {
    }

    /** App-PPL (spec §12.3 item 8): the section-flags nibble of a packaged app image, its protection and signing level. */
    public record AppPpl(int sectionFlags, PsProtection protection, int signingLevel) {

        @JsonCreator
        public static AppPpl of(@JsonProperty(value = "sectionFlags", required = true) Mask sectionFlags,
                                @JsonProperty(value = "protection", required = true) String protection,
                                @JsonProperty(value = "signingLevel", required = true) int signingLevel) {
            if ((sectionFlags.value() & ~0xF0) != 0 || sectionFlags.value() == 0) {
                throw new InputException(String.format(Locale.ROOT, "appPpl.sectionFlags 0x%X is not a non-zero high nibble (0x10..0xF0)", sectionFlags.value()));
            }
            PsProtection p = Spelling.protection(protection);
            if (!p.isProtected()) throw new InputException("appPpl.protection " + p + " is not a protection");
            if (signingLevel < 0 || signingLevel > 15) throw new InputException("appPpl.signingLevel " + signingLevel + " is not 0..15 (spec §6.2)");
            return new AppPpl(sectionFlags.value(), p, signingLevel);
        }
    }

    public record EkuEntry(List<String> ekus, int signer) {

        @JsonCreator
        public static EkuEntry of(@JsonProperty(value = "ekus", required = true) List<String> ekus,
                                  @JsonProperty(value = "signer", required = true) String signer) {
            if (ekus.isEmpty()) throw new InputException("an EKU rule names at least one EKU");
            return new EkuEntry(ekus, signerNamed(signer).value());
        }
    }

    public record TcbEntry(String image, PsProtection protection, int signingLevel, String switchName) {

        @JsonCreator
        public static TcbEntry of(@JsonProperty(value = "image", required = true) String image,
                                  @JsonProperty(value = "protection", required = true) String protection,
                                  @JsonProperty(value = "signingLevel") Integer signingLevel,
                                  @JsonProperty(value = "switch") String switchName) {
            int level = signingLevel == null ? 0 : signingLevel;
            if (level < 0 || level > 15) throw new InputException("signingLevel " + level + " is not 0..15 (spec §6.2)");
            return new TcbEntry(image, Spelling.protection(protection), level, switchName);
        }
    }

    public record PrivilegeEntry(NativeCreateFlag flag, Privilege privilege) {

        @JsonCreator
        public static PrivilegeEntry of(@JsonProperty(value = "flag", required = true) String flag,
                                        @JsonProperty(value = "privilege", required = true) String privilege) {
            NativeCreateFlag f = NativeCreateFlag.bySdkName(flag);
            if (f == null) throw new InputException("unknown native flag '" + flag + "' (PROCESS_CREATE_FLAGS_*)");
            Privilege p = Privilege.byName(privilege);
            if (p == null) throw new InputException("unknown privilege '" + privilege + "'");
            return new PrivilegeEntry(f, p);
        }
    }

    public record BuildEntry(
            @JsonProperty(required = true) String kernel,
            @JsonProperty(required = true) Mask validNativeFlags,
            @JsonProperty(required = true) CreationSwitches.TerminateAddedTo terminateAddedTo,
            @JsonProperty(required = true) CreationSwitches.DebugProtectedChild debugProtectedChild,
            @JsonProperty(required = true) Boolean werFaultSecureMinimum,
            @JsonProperty(required = true) CreationSwitches.SameFromUnprotected sameFromUnprotected,
            @JsonProperty(required = true) CreationSwitches.CustomLevels customLevels,
            @JsonProperty(required = true) Boolean vbs,
            @JsonProperty(required = true) dev.pplsim.model.NtStatus trustletWithoutVbs,
            @JsonProperty(required = true) dev.pplsim.model.NtStatus trustletImageRefused) {

        public BuildEntry {
            for (var st : new dev.pplsim.model.NtStatus[]{trustletWithoutVbs, trustletImageRefused}) {
                if (st != null && st.isSuccess()) throw new InputException("a trustlet's refusal status is not " + st.name());
            }
        }
    }

    private static PsProtectedSigner signerNamed(String name) {
        PsProtectedSigner s = PsProtectedSigner.byName(name);
        if (s == null) throw new InputException("unknown signer '" + name + "'");
        return s;
    }
}
