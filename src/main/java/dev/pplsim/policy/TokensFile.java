package dev.pplsim.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pplsim.model.GroupAttribute;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.model.TokenPrivilege;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
            if (base == null) {
                for (Object[] f : new Object[][]{{"user", user}, {"integrity", integrity}, {"groups", groups}, {"privileges", privileges}}) {
                    if (f[1] == null) throw new InputException("token '" + name + "': missing field '" + f[0] + "' (required without a base)");
                }
            }
            PsProtection p = protection == null ? PsProtection.NONE
                    : protection instanceof Number n ? Spelling.protection(String.valueOf(n.longValue()))
                    : Spelling.protection(String.valueOf(protection));
            Sid u = user == null ? null : sid("user", user);
            Sid il = integrity == null ? null : sid("integrity", integrity);
            if (il != null && !il.isIntegrity()) {
                throw new InputException("integrity: " + integrity + " is not an integrity SID S-1-16-* (spec §4.2)");
            }
            List<TokenGroup> gs = groups == null ? null : groups.stream().map(Group::toGroup).toList();
            List<TokenPrivilege> ps = null;
            if (privileges != null) {
                Set<Privilege> dup = new HashSet<>();
                ps = new ArrayList<>();
                for (Priv pr : privileges) {
                    if (!dup.add(pr.name)) throw new InputException("privileges: " + pr.name.sdkName() + " is listed twice");
                    ps.add(new TokenPrivilege(pr.name, pr.enabled));
                }
            }
            List<Sid> rs = restrictedSids == null ? null : restrictedSids.stream().map(s -> sid("restrictedSids", s)).toList();
            return new Entry(name, base, p, u, il, gs, ps, rs, assumptions, cite);
        }

        private static Sid sid(String field, String text) {
            try {
                return SidSpelling.parse(text);
            } catch (InputException e) {
                throw new InputException(field + ": " + e.getMessage());
            }
        }
    }

    /** A group: its SID and attributes as SE_GROUP_* names joined by '|' (prefix optional) or a number. */
    public record Group(Sid sid, int attributes) {

        @JsonCreator
        public static Group of(@JsonProperty(value = "sid", required = true) String sid,
                               @JsonProperty(value = "attributes", required = true) Object attributes) {
            String text = attributes instanceof Number n ? String.valueOf(n.longValue()) : String.valueOf(attributes);
            return new Group(Entry.sid("sid", sid), attributes(text));
        }

        TokenGroup toGroup() { return new TokenGroup(sid, attributes); }

        static int attributes(String text) {
            if (text == null || text.isBlank()) throw new InputException("attributes: empty (use SE_GROUP_* names joined by '|')");
            int out = 0;
            for (String raw : text.split("\\|")) {
                String t = raw.trim();
                if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
                    out |= (int) Spelling.number(t, "group attributes");
                    continue;
                }
                String n = t.toUpperCase(Locale.ROOT);
                if (!n.startsWith("SE_GROUP_")) n = "SE_GROUP_" + n;
                GroupAttribute found = null;
                for (GroupAttribute a : GroupAttribute.values()) {
                    if (a.sdkName().equals(n)) found = a;
                }
                if (found == null) {
                    List<String> known = new ArrayList<>();
                    for (GroupAttribute a : GroupAttribute.values()) known.add(a.sdkName());
                    throw new InputException("attributes: unknown group attribute '" + t + "' (known: " + String.join(", ", known) + ")");
                }
                out |= found.mask();
            }
            return out;
        }
    }

    /** A held privilege: its winnt.h name and whether it is enabled. */
    public record Priv(Privilege name, boolean enabled) {

        @JsonCreator
        public static Priv of(@JsonProperty(value = "name", required = true) String name,
                              @JsonProperty(value = "enabled", required = true) Boolean enabled) {
            Privilege p = name == null ? null : Privilege.byName(name);
            if (p == null) {
                throw new InputException("name: unknown privilege '" + name + "' (expected a winnt.h name such as SeDebugPrivilege)");
            }
            return new Priv(p, enabled);
        }
    }

    /** Resolves bases and derives each token's trust SID from its protection (spec §4.3). */
    Map<String, TokenPreset> toPresets(TrustLevels trust, String source) {
        Map<String, TokenPreset> out = new LinkedHashMap<>();
        Map<String, Entry> resolved = new LinkedHashMap<>();
        for (Entry e : tokens) {
            Entry b = e.base == null ? null : resolved.get(e.base);
            Entry r = new Entry(e.name, e.base, e.protection,
                    e.user != null ? e.user : b.user,
                    e.integrity != null ? e.integrity : b.integrity,
                    e.groups != null ? e.groups : b.groups,
                    e.privileges != null ? e.privileges : b.privileges,
                    e.restrictedSids != null ? e.restrictedSids : b != null ? b.restrictedSids : List.of(),
                    e.assumptions, e.cite);
            resolved.put(e.name, r);
            Token t = new Token(r.user, r.groups, r.privileges, r.integrity, r.restrictedSids, trust.trustSid(e.protection));
            out.put(e.name, new TokenPreset(e.name, e.protection, t, e.assumptions, e.cite, source));
        }
        return out;
    }
}
