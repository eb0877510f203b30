package dev.pplsim.policy;

import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.request.InputException;
import dev.pplsim.request.TokenPresets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of the ordinary access check (spec §4): the trust-SID table, the token presets and the default
 * process and thread descriptors, loaded from a policies directory like {@link PolicySet}, or from the copy built
 * into the jar. Each file is required.
 */
public record SecurityPolicy(Path root, TrustLevels trustLevels, Map<String, TokenPreset> tokens, DefaultDescriptors descriptors)
        implements TokenPresets {

    public static final String TRUST_LEVELS = "trust-levels.yaml";
    public static final String TOKENS = "tokens.yaml";
    public static final String DESCRIPTORS = "security-descriptors.yaml";

    public SecurityPolicy {
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
    }

    /** The policies built into the jar. */
    public static SecurityPolicy builtIn() {
        return load(PolicySet.classpathDir("pplsim/policies"));
    }

    public static SecurityPolicy load(Path root) {
        if (!Files.isDirectory(root)) throw InputException.at(root.toString(), "no such policies directory");
        Path trustFile = required(root, TRUST_LEVELS);
        TrustLevels trust = Yaml.read(trustFile, PolicySet.shown(trustFile), TrustLevels.File.class).toTrustLevels();
        Path tokensFile = required(root, TOKENS);
        String shownTokens = PolicySet.shown(tokensFile);
        Map<String, TokenPreset> tokens = Yaml.read(tokensFile, shownTokens, TokensFile.class).toPresets(trust, shownTokens);
        Path sdFile = required(root, DESCRIPTORS);
        DefaultDescriptors sds = Yaml.read(sdFile, PolicySet.shown(sdFile), DefaultDescriptors.File.class).toDescriptors();
        return new SecurityPolicy(root, trust, tokens, sds);
    }

    private static Path required(Path root, String name) {
        Path f = root.resolve(name);
        if (!Files.isRegularFile(f)) throw InputException.at(PolicySet.shown(f), "missing: " + name + " is required");
        return f;
    }

    /** A preset by name, e.g. {@code admin-elevated} or {@code lsass}. */
    public TokenPreset token(String name) {
        TokenPreset t = tokens.get(name);
        if (t == null) throw new InputException("unknown token '" + name + "' (known: " + String.join(", ", tokens.keySet()) + ")");
        return t;
    }

    @Override
    public Token preset(String name) {
        return token(name).token();
    }

    @Override
    public Sid trustSid(PsProtection protection) {
        return trustLevels.trustSid(protection);
    }
}
