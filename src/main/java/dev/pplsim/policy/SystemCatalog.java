package dev.pplsim.policy;

import dev.pplsim.model.Ascii;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Windows system's processes and their threads ({@code policies/systems/*.yaml}): image, pid, parent, protection,
 * token preset, flags, and how sure the spec is of each protection. List order is creation order, which gives
 * each process its sequence number (spec §3.2 PspIsParentProcess).
 */
public record SystemCatalog(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String description,
        @JsonProperty(required = true) String build,
        @JsonProperty(required = true) String cite,
        @JsonProperty(required = true) List<Process> processes) {

    public SystemCatalog {
        if (processes == null || processes.isEmpty()) throw new InputException("processes: none listed");
        Set<Long> pids = new HashSet<>(), tids = new HashSet<>();
        for (Process p : processes) {
            if (!pids.add(p.pid())) throw new InputException("processes: pid " + p.pid() + " is listed twice");
            for (long t : p.threads()) {
                if (!tids.add(t)) throw new InputException("processes: thread id " + t + " is listed twice");
            }
        }
    }

    /**
     * @param token      a token preset name (the SD stage will read it)
     * @param sd         the process object's security descriptor in SDDL, when it differs from the default of
     *                   policies/security-descriptors.yaml (the SD stage will read it)
     * @param confidence the spec's mark for this protection (C, S, I, U), with a few words
     * @param kind       the process kind (spec §7, §12.7): normal when absent
     * @param trustletId a trustlet's ID from its .tpolicy section (spec §7.3: LsaIso=1, Vmsp=2, ...); only a trustlet
     *                   has one, and a trustlet must give it
     */
    public record Process(
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) Long pid,
            @JsonProperty(required = true) Long parent,
            @JsonProperty(required = true) String protection,
            @JsonProperty(required = true) String token,
            Boolean disallowUserTerminate,
            List<Long> threads,
            Integer session,
            String sd,
            @JsonProperty(required = true) String confidence,
            String kind,
            Integer trustletId) {

        /** The form without a kind: a normal process. */
        public Process(String image, Long pid, Long parent, String protection, String token, Boolean disallowUserTerminate,
                       List<Long> threads, Integer session, String sd, String confidence) {
            this(image, pid, parent, protection, token, disallowUserTerminate, threads, session, sd, confidence, null, null);
        }

        public Process {
            Spelling.protection(protection);
            ProcessKind k = kind == null ? ProcessKind.NORMAL : Spelling.named(ProcessKind.values(), ProcessKind::id, kind);
            if (k == ProcessKind.TRUSTLET && trustletId == null) throw new InputException("process " + image + ": a trustlet needs its trustletId (spec §7.3)");
            if (k != ProcessKind.TRUSTLET && trustletId != null) throw new InputException("process " + image + ": only a trustlet has a trustletId (spec §7.3)");
            if (trustletId != null && trustletId < 0) throw new InputException("process " + image + ": trustletId " + trustletId + " is negative");
            if (sd != null) Sddl.parse(sd);
            if (threads == null) threads = List.of();
            if (!image.matches("[A-Za-z0-9_. -]+")) throw new InputException("image '" + image + "' is not a file name");
        }

        /** The kind, normal when the catalog gives none. */
        public ProcessKind processKind() {
            return kind == null ? ProcessKind.NORMAL : Spelling.named(ProcessKind.values(), ProcessKind::id, kind);
        }

        public PsProtection protectionByte() {
            return Spelling.protection(protection);
        }

        public String label() {
            return image + " (" + pid + ")";
        }
    }

    /** Every process's token names a preset of {@code policies/tokens.yaml}. */
    public void checkTokens(java.util.Set<String> presets, String file) {
        for (int i = 0; i < processes.size(); i++) {
            if (!presets.contains(processes.get(i).token())) {
                throw InputException.at(file + ": processes[" + i + "].token", "unknown token preset '" + processes.get(i).token()
                        + "' (known: " + String.join(", ", presets) + ")");
            }
        }
    }

    /** Processes whose image matches, ignoring case; an image may run more than once (csrss). */
    public List<Process> byImage(String image) {
        return processes.stream().filter(p -> Ascii.equalsIgnoreCase(p.image(), image)).toList();
    }

    /** The position in creation order, as the sequence number. */
    public long sequence(Process p) {
        return processes.indexOf(p) + 1L;
    }

    /** Every catalog of {@code policies/systems}, by name. */
    public static Map<String, SystemCatalog> load(Path policiesRoot) {
        Map<String, SystemCatalog> out = new LinkedHashMap<>();
        Path dir = policiesRoot.resolve("systems");
        if (!Files.isDirectory(dir)) return out;
        java.util.Set<String> tokens = SecurityPolicy.load(policiesRoot).tokens().keySet();
        for (Path f : PolicySet.yamlFiles(dir)) {
            SystemCatalog c = read(f);
            c.checkTokens(tokens, PolicySet.shown(f));
            if (out.containsKey(c.name())) throw InputException.at(PolicySet.shown(f), "system '" + c.name() + "' is defined twice");
            out.put(c.name(), c);
        }
        return out;
    }

    public static SystemCatalog read(Path f) {
        return Yaml.read(f, PolicySet.shown(f), SystemCatalog.class);
    }

    /** A catalog by name from the policies, or from a YAML file. */
    public static SystemCatalog resolve(PolicySet policies, String nameOrFile) {
        if (nameOrFile.endsWith(".yaml")) {
            Path f = Path.of(nameOrFile);
            if (!Files.isRegularFile(f)) throw InputException.at(nameOrFile, "no such system file");
            SystemCatalog c = read(f);
            c.checkTokens(SecurityPolicy.load(policies.root()).tokens().keySet(), PolicySet.shown(f));
            policies.build(c.build());
            return c;
        }
        Map<String, SystemCatalog> all = load(policies.root());
        SystemCatalog c = all.get(nameOrFile);
        if (c == null) throw new InputException("unknown system '" + nameOrFile + "' (known: " + String.join(", ", all.keySet()) + ")");
        policies.build(c.build());
        return c;
    }
}
