package dev.pplsim.policy;

import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.model.TokenPrivilege;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import dev.pplsim.request.TokenSpelling;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The YAML shape of {@code policies/tokens.yaml}. An entry may name an earlier entry as its {@code base} and
 * inherit every field it leaves out (user, integrity, groups, privileges, restrictedSids); the protection, and so
 * the trust SID, is never inherited. Constructors validate, so errors carry file:line and the field path.
 */
public record TokensFile(
        @JsonProperty(required = true) String cite,
        @JsonProperty(required = true) List<Entry> tokens) {

    public TokensFile {
        if (tokens == null || tokens.isEmpty()) throw new InputException("tokens is empty");
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < tokens.size(); k++) {
            Entry e = tokens.get(k);
            if (e.base != null && !seen.contains(e.base)) {
                throw new InputException("tokens[" + k + "] (" + e.name + "): base '" + e.base + "' is not an earlier token");
            }
            if (!seen.add(e.name)) throw new InputException("tokens[" + k + "]: the name '" + e.name + "' is used twice");
        }
    }

    public record Entry(String name, String base, PsProtection protection, Sid user, Sid integrity,
                        List<TokenGroup> groups, List<TokenPrivilege> privileges, List<Sid> restrictedSids,
                        String assumptions, String cite) {

        @JsonCreator
        public static Entry of(@JsonProperty(value = "name", required = true) String name,
                               @JsonProperty("base") String base,
                               @JsonProperty("protection") Object protection,
                               @JsonProperty("user") String user,
                               @JsonProperty("integrity") String integrity,
                               @JsonProperty("groups") List<Group> groups,
                               @JsonProperty("privileges") List<Priv> privileges,
                               @JsonProperty("restrictedSids") List<String> restrictedSids,
                               @JsonProperty(value = "assumptions", required = true) String assumptions,
                               @JsonProperty(value = "cite", required = true) String cite) {
            if (name == null || !name.matches("[a-z0-9][a-z0-9.-]*")) {
                throw new InputException("token name '" + name + "' must be lower-case letters, digits, '.' and '-'");
            }
            PsProtection p = protection == null ? PsProtection.NONE : Spelling.protection(Scalars.numberOrName(protection, "protection"));
            Sid u = user == null ? null : field("user", () -> TokenSpelling.sid(user));
            Sid il = integrity == null ? null : field("integrity", () -> TokenSpelling.integrity(integrity));
            List<TokenGroup> gs = groups == null ? null : groups.stream().map(Group::toGroup).toList();
            List<TokenPrivilege> ps = privileges == null ? null
                    : field("privileges", () -> TokenSpelling.privileges(privileges.stream().map(pr -> new TokenPrivilege(pr.name, pr.enabled)).toList()));
            List<Sid> rs = restrictedSids == null ? null : restrictedSids.stream().map(s -> field("restrictedSids", () -> TokenSpelling.sid(s))).toList();
            List<String> missing = new TokenSpelling.Fields(u, il, gs, ps, rs).missing();
            if (base == null && !missing.isEmpty()) {
                throw new InputException("token '" + name + "': missing field '" + missing.get(0) + "' (required without a base)");
            }
            return new Entry(name, base, p, u, il, gs, ps, rs, assumptions, cite);
        }

        TokenSpelling.Fields fields() {
            return new TokenSpelling.Fields(user, integrity, groups, privileges, restrictedSids);
        }

        /** {@code field: message}: the path Jackson adds is the row's, the field is named here. */
        static <T> T field(String field, java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (InputException e) {
                String m = e.getMessage();
                throw new InputException(m.startsWith("[") ? field + m : field + ": " + m);
            }
        }
    }

    /** A group: its SID and attributes as SE_GROUP_* names joined by '|' (prefix optional) or a number. */
    public record Group(Sid sid, int attributes) {

        @JsonCreator
        public static Group of(@JsonProperty(value = "sid", required = true) String sid,
                               @JsonProperty(value = "attributes", required = true) Object attributes) {
            String text = Entry.field("attributes", () -> Scalars.numberOrName(attributes, null));
            return new Group(Entry.field("sid", () -> TokenSpelling.sid(sid)), Entry.field("attributes", () -> TokenSpelling.groupAttributes(text)));
        }

        TokenGroup toGroup() { return new TokenGroup(sid, attributes); }
    }

    /** A held privilege: its winnt.h name and whether it is enabled. */
    public record Priv(Privilege name, boolean enabled) {

        @JsonCreator
        public static Priv of(@JsonProperty(value = "name", required = true) String name,
                              @JsonProperty(value = "enabled", required = true) Boolean enabled) {
            return new Priv(Entry.field("name", () -> TokenSpelling.privilege(name)), enabled);
        }
    }

    /** Resolves bases and derives each token's trust SID from its protection (spec §4.3). */
    Map<String, TokenPreset> toPresets(TrustLevels trust, String source) {
        Map<String, TokenPreset> out = new LinkedHashMap<>();
        Map<String, TokenSpelling.Fields> resolved = new LinkedHashMap<>();
        for (Entry e : tokens) {
            // the same field-by-field inheritance as an inline token's base (TokenSpelling.Fields.over)
            TokenSpelling.Fields f = e.fields().over(e.base == null ? null : resolved.get(e.base));
            resolved.put(e.name, f);
            out.put(e.name, new TokenPreset(e.name, e.protection, f.toToken(trust.trustSid(e.protection)), e.assumptions, e.cite, source));
        }
        return out;
    }
}
