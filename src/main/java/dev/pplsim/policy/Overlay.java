package dev.pplsim.policy;

import dev.pplsim.model.Ascii;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A what-if written as a few changes to a base ({@code policies/whatif/*.yaml}): a system or a build (by name, or
 * another overlay file), with processes added or changed, build switches set and table row fields set. It
 * resolves to a {@link World}.
 */
public record Overlay(
        @JsonProperty(required = true) String overlay,
        @JsonProperty(required = true) String base,
        @JsonProperty(required = true) String note,
        List<ProcessChange> set,
        List<SystemCatalog.Process> add,
        SwitchChanges switches,
        List<RowChange> signers,
        CreationChanges creation) {

    /**
     * Changes to the base build's creation switches (creation.yaml): so far VBS, which a trustlet's creation needs
     * (spec §12.7). A creation on the overlay's build is decided with them.
     */
    public record CreationChanges(Boolean vbs) {
        public CreationChanges {
            if (vbs == null) throw new InputException("creation: changes nothing (vbs)");
        }

        /** These changes over another overlay's (the base's), which they override. */
        CreationChanges over(CreationChanges base) {
            return base == null ? this : new CreationChanges(vbs != null ? vbs : base.vbs());
        }

        /** The creation policy with these changes applied to the build's switches. */
        public CreationPolicy applyTo(CreationPolicy c, String build) {
            return c.withSwitches(build, s -> vbs != null ? s.withVbs(vbs) : s);
        }
    }

    /** Fields to change on the processes of an image (or one pid). */
    public record ProcessChange(String image, Long pid, String protection, Boolean disallowUserTerminate, String token) {
        public ProcessChange {
            if (image == null && pid == null) throw new InputException("set: name a process by image or pid");
            if (protection != null) Spelling.protection(protection);
        }
    }

    public record SwitchChanges(String parentExemption, Boolean disallowUserTerminateCheck, Boolean picoCheck, String impliedRights,
                                String genericMapping, Boolean secureVmOpenRefused) {
        public SwitchChanges {
            if (parentExemption != null && ParentExemption.byId(parentExemption) == null) {
                throw new InputException("parentExemption '" + parentExemption + "' is not one of none, pid, pid-and-sequence");
            }
            if (impliedRights != null && ImpliedRights.byId(impliedRights) == null) {
                throw new InputException("impliedRights '" + impliedRights + "' is not one of full, query-only");
            }
        }
    }

    public record RowChange(@JsonProperty(required = true) String signer, Mask dominateMask, Mask deniedProcessAccess, Mask deniedThreadAccess) {
        public int signerValue() {
            var named = dev.pplsim.model.PsProtectedSigner.byName(signer);
            if (named != null) return named.value();
            if (signer.matches("\\d{1,2}") && Integer.parseInt(signer) < 16) return Integer.parseInt(signer);
            throw new InputException("unknown signer '" + signer + "'");
        }
    }

    /**
     * What a what-if compares: a build, and the system whose processes it decides for (null for a bare build); with
     * the overlays' creation changes, or null.
     */
    public record World(String name, SystemCatalog system, Build build, CreationChanges creation) {
        public World(String name, SystemCatalog system, Build build) {
            this(name, system, build, null);
        }
    }

    /** The longest chain of overlays each the base of the one before: what-ifs stack a few; 64 is far beyond. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final String MAX_DEPTH_PROPERTY = "pplsim.overlay.maxDepth";

    private static int maxDepth() {
        String v = System.getProperty(MAX_DEPTH_PROPERTY);
        if (v == null) return DEFAULT_MAX_DEPTH;
        long n = Scalars.number(v.trim());
        // beyond a few thousand the resolution itself would overflow the stack
        if (n < 1 || n > 1000) throw new InputException("system property " + MAX_DEPTH_PROPERTY + ": " + InputException.quoted(v) + " is not a whole number from 1 to 1000");
        return (int) n;
    }

    /** A system or build by name, or an overlay or build YAML file. */
    public static World resolve(PolicySet policies, String nameOrFile) {
        return resolve(policies, nameOrFile, new java.util.ArrayList<>());
    }

    /**
     * An overlay, system or build YAML file given as a path, of any file system: the library resolves the overlays
     * of the built-in policies inside the jar ({@code whatif/...}, its base beside it) as it does a checkout's.
     */
    public static World resolve(PolicySet policies, Path file) {
        return resolveFile(policies, file, file.toString(), new java.util.ArrayList<>());
    }

    private static World resolve(PolicySet policies, String nameOrFile, List<Path> chain) {
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml")) return resolveFile(policies, Path.of(nameOrFile), nameOrFile, chain);
        if (policies.builds().containsKey(nameOrFile)) return new World(nameOrFile, null, policies.build(nameOrFile));
        SystemCatalog s = SystemCatalog.resolve(policies, nameOrFile);
        return new World(s.name(), s, policies.build(s.build()));
    }

    private static World resolveFile(PolicySet policies, Path f, String nameOrFile, List<Path> chain) {
        if (!Files.isRegularFile(f)) throw InputException.at(nameOrFile, "no such file");
        // size-limited and decoded as every policy file is (a byte order mark would hide "overlay:")
        String text = Yaml.text(f, PolicySet.shown(f));
        if (text.lines().anyMatch(l -> l.startsWith("overlay:"))) {
            Path real = f.toAbsolutePath().normalize();
            if (chain.contains(real)) {
                List<String> names = new ArrayList<>();
                for (Path c : chain) names.add(PolicySet.shown(c));
                names.add(PolicySet.shown(real));
                throw InputException.at(PolicySet.shown(f), "overlay bases form a cycle: " + String.join(" -> ", names));
            }
            // checked before this file is parsed or its base resolved, so the recursion is never deeper than the limit
            int max = maxDepth();
            if (chain.size() >= max) {
                throw InputException.at(PolicySet.shown(f), "is overlay " + (chain.size() + 1) + " in a chain of bases from "
                        + PolicySet.shown(chain.get(0)) + ", over the limit of " + max + " (system property " + MAX_DEPTH_PROPERTY + ")");
            }
            chain.add(real);
            return apply(policies, f, Yaml.parse(text, PolicySet.shown(f), Overlay.class), chain);
        }
        if (text.lines().anyMatch(l -> l.startsWith("processes:"))) {
            SystemCatalog s = SystemCatalog.read(f);
            // as the shipped catalogs are: every token a preset of tokens.yaml, said with this file's line
            s.checkTokens(SecurityPolicy.load(policies.root()).tokens().keySet(), PolicySet.shown(f));
            return new World(s.name(), s, policies.build(s.build()));
        }
        Build b = PolicySet.loadBuild(f, policies.objectTypes());
        return new World(b.name(), null, b);
    }

    private static World apply(PolicySet policies, Path file, Overlay o, List<Path> chain) {
        String where = PolicySet.shown(file);
        World base = o.base().endsWith(".yaml") ? resolveFile(policies, file.resolveSibling(o.base()), file.resolveSibling(o.base()).toString(), chain)
                : resolve(policies, o.base(), chain);
        SystemCatalog system = base.system();
        if ((o.set() != null || o.add() != null) && system == null) {
            throw InputException.at(where, "set and add change processes, but the base '" + o.base() + "' is a build, not a system");
        }
        if (system != null && (o.set() != null || o.add() != null)) {
            List<SystemCatalog.Process> ps = new ArrayList<>(system.processes());
            if (o.set() != null) {
                for (ProcessChange c : o.set()) {
                    boolean hit = false;
                    for (int i = 0; i < ps.size(); i++) {
                        SystemCatalog.Process p = ps.get(i);
                        if ((c.image() == null || Ascii.equalsIgnoreCase(p.image(), c.image())) && (c.pid() == null || p.pid().equals(c.pid()))) {
                            ps.set(i, new SystemCatalog.Process(p.image(), p.pid(), p.parent(), c.protection() != null ? c.protection() : p.protection(),
                                    c.token() != null ? c.token() : p.token(), c.disallowUserTerminate() != null ? c.disallowUserTerminate() : p.disallowUserTerminate(),
                                    p.threads(), p.session(), p.sd(), "what-if: " + o.overlay(), p.kind(), p.trustletId()));
                            hit = true;
                        }
                    }
                    if (!hit) throw InputException.at(where + ": set", "no process " + (c.image() != null ? c.image() : "") + (c.pid() != null ? " pid " + c.pid() : "") + " in " + system.name());
                }
            }
            if (o.add() != null) ps.addAll(o.add());
            system = new SystemCatalog(o.overlay(), o.note(), system.build(), system.cite(), List.copyOf(ps));
            system.checkTokens(SecurityPolicy.load(policies.root()).tokens().keySet(), where);
        }
        Build build = base.build();
        if (o.switches() != null) {
            SwitchChanges c = o.switches();
            BuildSwitches s = build.switches();
            build = new Build(build.name(), build.description(), build.kernel(), build.table(), new BuildSwitches(
                    c.parentExemption() != null ? ParentExemption.byId(c.parentExemption()) : s.parentExemption(),
                    c.disallowUserTerminateCheck() != null ? c.disallowUserTerminateCheck() : s.disallowUserTerminateCheck(),
                    c.picoCheck() != null ? c.picoCheck() : s.picoCheck(),
                    c.impliedRights() != null ? ImpliedRights.byId(c.impliedRights()) : s.impliedRights(),
                    c.genericMapping() != null ? c.genericMapping() : s.genericMapping(),
                    c.secureVmOpenRefused() != null ? c.secureVmOpenRefused() : s.secureVmOpenRefused()), build.source());
            for (ObjectTypeInfo t : policies.objectTypes().values()) {
                if (!t.genericMappings().containsKey(build.switches().genericMapping())) {
                    throw InputException.at(where + ": switches.genericMapping", "'" + build.switches().genericMapping()
                            + "' is not a mapping of the " + t.kind().id() + " type (known: " + String.join(", ", t.genericMappings().keySet()) + ")");
                }
            }
        }
        if (o.signers() != null) {
            List<SignerAccess> t = new ArrayList<>(build.table());
            for (RowChange r : o.signers()) {
                int s = r.signerValue();
                if (s >= t.size()) throw InputException.at(where + ": signers", "signer " + s + " has no row in build " + build.name());
                SignerAccess old = t.get(s);
                t.set(s, new SignerAccess(s, r.dominateMask() != null ? r.dominateMask().value() : old.dominateMask(),
                        r.deniedProcessAccess() != null ? r.deniedProcessAccess().value() : old.deniedProcessAccess(),
                        r.deniedThreadAccess() != null ? r.deniedThreadAccess().value() : old.deniedThreadAccess()));
            }
            build = new Build(build.name(), build.description(), build.kernel(), List.copyOf(t), build.switches(), build.source());
        }
        CreationChanges creation = o.creation() == null ? base.creation() : o.creation().over(base.creation());
        return new World(o.overlay(), system, build, creation);
    }
}
