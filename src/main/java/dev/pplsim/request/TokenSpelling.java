package dev.pplsim.request;

import dev.pplsim.model.Ascii;

import dev.pplsim.model.GroupAttribute;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenGroup;
import dev.pplsim.model.TokenPrivilege;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A token as users spell it in a batch line, a scenario or a preset row: either a preset name of
 * {@code policies/tokens.yaml} ({@code "admin-elevated"}) or an object with {@code user}, {@code groups},
 * {@code privileges}, {@code integrity}, {@code restrictedSids} and optionally {@code base} (a preset whose fields
 * the object overrides, field by field). The token's trust SID is never spelled: the kernel derives it from the
 * process's protection (spec §4.3 SepSidFromProcessProtection), and so does {@link Spec#resolve}.
 *
 * <p>Reading ({@link #read}) checks the spelling and needs no policies; resolving ({@link Spec#resolve}) looks the
 * preset names up. Errors are one-line {@link InputException}s that name the field path, e.g.
 * {@code caller.token.privileges[2].name: 'SeDebugPrivlege' is not a privilege (known: ...)}.
 */
public final class TokenSpelling {

    /** The fields an inline token may have, in the order they are listed in messages. */
    public static final List<String> FIELDS = List.of("base", "user", "integrity", "groups", "privileges", "restrictedSids");
    private static final List<String> GROUP_FIELDS = List.of("sid", "attributes");
    private static final List<String> PRIVILEGE_FIELDS = List.of("name", "enabled");

    private TokenSpelling() {
    }

    // ---- the leaves, shared with TokensFile ----------------------------------------------------------------------

    /** A SID or SDDL alias ({@code S-1-5-18}, {@code SY}); the message of {@link SidSpelling#parse}. */
    public static Sid sid(String text) {
        return SidSpelling.parse(text);
    }

    /** An integrity SID {@code S-1-16-*} or its alias ({@code ME}, {@code HI}); spec §4.2. */
    public static Sid integrity(String text) {
        Sid il = SidSpelling.parse(text);
        if (!il.isIntegrity()) throw new InputException("" + InputException.quoted(text.trim()) + " is not an integrity SID S-1-16-* or ME, HI, SI... (spec §4.2)");
        return il;
    }

    /**
     * Group attributes: winnt.h SE_GROUP_* names joined by '|' (the prefix is optional, {@code ENABLED|MANDATORY})
     * and numbers.
     */
    public static int groupAttributes(String text) {
        if (text == null || text.trim().isEmpty()) throw new InputException("empty (use SE_GROUP_* names joined by '|', or a number)");
        int out = 0;
        for (String raw : text.split("\\|", -1)) {
            String t = raw.trim();
            if (t.isEmpty()) throw new InputException("malformed group attributes " + InputException.quoted(text.trim()) + ": empty term between '|'");
            if (Ascii.isDigit(t.charAt(0))) {
                out |= (int) Spelling.number(t, "group attributes");
                continue;
            }
            String n = Ascii.upper(t);
            if (!n.startsWith("SE_GROUP_")) n = "SE_GROUP_" + n;
            GroupAttribute found = null;
            for (GroupAttribute a : GroupAttribute.values()) {
                if (a.sdkName().equals(n)) found = a;
            }
            if (found == null) {
                List<String> known = new ArrayList<>();
                for (GroupAttribute a : GroupAttribute.values()) known.add(a.sdkName());
                throw new InputException("unknown group attribute " + InputException.quoted(t) + " (known: " + String.join(", ", known) + ")");
            }
            out |= found.mask();
        }
        return out;
    }

    /** A privilege by its winnt.h name, case-insensitive as LookupPrivilegeValue ({@code SeDebugPrivilege}). */
    public static Privilege privilege(String name) {
        Privilege p = name == null ? null : Privilege.byName(name);
        if (p == null) {
            List<String> known = new ArrayList<>();
            for (Privilege k : Privilege.values()) known.add(k.sdkName());
            throw new InputException("" + InputException.quoted(name) + " is not a privilege (known: " + String.join(", ", known) + ")");
        }
        return p;
    }

    /** The privileges as listed; a privilege listed twice is an error (a token holds each LUID once). */
    public static List<TokenPrivilege> privileges(List<TokenPrivilege> listed) {
        Set<Privilege> seen = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            if (!seen.add(listed.get(i).privilege())) {
                throw InputException.at("[" + i + "].name", listed.get(i).privilege().sdkName() + " is listed twice");
            }
        }
        return List.copyOf(listed);
    }

    // ---- the fields of a token, each given or not ----------------------------------------------------------------

    /**
     * The fields of a token as spelled, each null when not given; {@link #over} fills the gaps from a base. A preset
     * row of tokens.yaml and an inline token are both this.
     */
    public record Fields(Sid user, Sid integrity, List<TokenGroup> groups, List<TokenPrivilege> privileges, List<Sid> restrictedSids) {

        public static Fields of(Token t) {
            return new Fields(t.user(), t.integrity(), t.groups(), t.privileges(), t.restrictedSids());
        }

        /** These fields, each missing one taken from {@code base} (null: none); restricted SIDs default to none. */
        public Fields over(Fields base) {
            return new Fields(
                    user != null ? user : base == null ? null : base.user,
                    integrity != null ? integrity : base == null ? null : base.integrity,
                    groups != null ? groups : base == null ? null : base.groups,
                    privileges != null ? privileges : base == null ? null : base.privileges,
                    restrictedSids != null ? restrictedSids : base != null && base.restrictedSids != null ? base.restrictedSids : List.of());
        }

        /** The names of the fields a token cannot do without, when not given. */
        public List<String> missing() {
            List<String> out = new ArrayList<>();
            if (user == null) out.add("user");
            if (integrity == null) out.add("integrity");
            if (groups == null) out.add("groups");
            if (privileges == null) out.add("privileges");
            return out;
        }

        /** The token, with the trust SID its process's protection gives (spec §4.3), or none. */
        public Token toToken(Sid trustSid) {
            return new Token(user, groups, privileges, integrity, restrictedSids == null ? List.of() : restrictedSids, trustSid);
        }
    }

    // ---- a token as spelled in JSON or YAML ----------------------------------------------------------------------

    /**
     * A token as read, not yet resolved: a preset name, or fields over an optional base preset.
     *
     * @param path where it was read ({@code caller.token}), for the messages of {@link #resolve}
     */
    public record Spec(String path, String preset, String base, Fields fields) {

        /**
         * The token, its preset names looked up in {@code security}, with the trust SID of {@code protection}: the
         * process that holds the token has that protection, and the kernel derives the trust SID from it (spec §4.3).
         */
        public Token resolve(TokenPresets security, PsProtection protection) {
            Sid trust = security.trustSid(protection);
            if (preset != null) return Fields.of(lookUp(security, preset, path)).toToken(trust);
            Fields base = this.base == null ? null : Fields.of(lookUp(security, this.base, path + ".base"));
            return fields.over(base).toToken(trust);
        }
    }

    private static Token lookUp(TokenPresets security, String name, String path) {
        try {
            return security.preset(name);
        } catch (InputException e) {
            throw InputException.at(path, e.getMessage());
        }
    }

    /** A token that is a preset name, resolved at once (the CLI's {@code --tokens}, catalogs). */
    public static Token preset(TokenPresets security, String name, PsProtection protection, String path) {
        return new Spec(path, name, null, null).resolve(security, protection);
    }

    /**
     * Reads a token spelling: a JSON/YAML string (a preset name) or object (an inline token). {@code path} names the
     * value in messages ({@code caller.token}); a batch prefixes its line number itself.
     */
    public static Spec read(JsonNode value, String path) {
        if (value == null || value.isNull()) throw InputException.at(path, "empty: give a preset name or an object");
        if (value.isTextual()) {
            String name = value.asText().trim();
            if (name.isEmpty()) throw InputException.at(path, "empty preset name");
            return new Spec(path, name, null, null);
        }
        if (!value.isObject()) {
            throw InputException.at(path, "expected a preset name (\"admin-elevated\") or an object with " + String.join(", ", FIELDS) + ", got " + value);
        }
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("trustSid")) {
                throw InputException.at(path + ".trustSid", "a token's trust SID is not given: it is derived from the process's protection (SepSidFromProcessProtection, spec §4.3)");
            }
            if (f.equals("protection")) {
                throw InputException.at(path + ".protection", "not part of a token: the protection is the process's, given beside its token");
            }
            if (!FIELDS.contains(f)) throw InputException.at(path + "." + f, "unknown field (expected one of: " + String.join(", ", FIELDS) + ")");
        }
        String base = present(value, "base") ? text(value.get("base"), path + ".base") : null;
        Sid user = present(value, "user") ? leaf(path + ".user", () -> sid(text(value.get("user"), path + ".user"))) : null;
        Sid il = present(value, "integrity") ? leaf(path + ".integrity", () -> integrity(text(value.get("integrity"), path + ".integrity"))) : null;
        List<TokenGroup> groups = present(value, "groups") ? groups(value.get("groups"), path + ".groups") : null;
        List<TokenPrivilege> privileges = present(value, "privileges") ? privileges(value.get("privileges"), path + ".privileges") : null;
        List<Sid> restricted = null;
        if (present(value, "restrictedSids")) {
            JsonNode a = array(value.get("restrictedSids"), path + ".restrictedSids");
            restricted = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                String p = path + ".restrictedSids[" + i + "]";
                JsonNode s = a.get(i);
                restricted.add(leaf(p, () -> sid(text(s, p))));
            }
        }
        Fields fields = new Fields(user, il, groups, privileges, restricted);
        if (base == null && !fields.missing().isEmpty()) {
            throw InputException.at(path, "missing " + String.join(", ", fields.missing())
                    + " (required without a base preset; [] for no groups or privileges)");
        }
        return new Spec(path, null, base, fields);
    }

    private static List<TokenGroup> groups(JsonNode node, String path) {
        JsonNode a = array(node, path);
        List<TokenGroup> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode g = a.get(i);
            if (!g.isObject()) throw InputException.at(p, "expected {sid, attributes}, got " + g);
            known(g, GROUP_FIELDS, p);
            if (!present(g, "sid")) throw InputException.at(p + ".sid", "required");
            if (!present(g, "attributes")) throw InputException.at(p + ".attributes", "required (SE_GROUP_* names joined by '|', or a number)");
            Sid sid = leaf(p + ".sid", () -> sid(text(g.get("sid"), p + ".sid")));
            JsonNode at = g.get("attributes");
            int attributes;
            if (at.isIntegralNumber()) {
                if (!at.canConvertToLong() || at.asLong() < 0 || at.asLong() > 0xFFFFFFFFL) {
                    throw InputException.at(p + ".attributes", at + " is not a 32-bit mask");
                }
                attributes = (int) at.asLong();
            } else {
                attributes = leaf(p + ".attributes", () -> groupAttributes(text(at, p + ".attributes")));
            }
            out.add(new TokenGroup(sid, attributes));
        }
        return out;
    }

    private static List<TokenPrivilege> privileges(JsonNode node, String path) {
        JsonNode a = array(node, path);
        List<TokenPrivilege> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode pr = a.get(i);
            if (!pr.isObject()) throw InputException.at(p, "expected {name, enabled}, got " + pr);
            known(pr, PRIVILEGE_FIELDS, p);
            if (!present(pr, "name")) throw InputException.at(p + ".name", "required");
            if (!present(pr, "enabled")) throw InputException.at(p + ".enabled", "required (true, or false for held but disabled)");
            Privilege priv = leaf(p + ".name", () -> privilege(text(pr.get("name"), p + ".name")));
            if (!pr.get("enabled").isBoolean()) throw InputException.at(p + ".enabled", "expected true or false, got " + pr.get("enabled"));
            out.add(new TokenPrivilege(priv, pr.get("enabled").asBoolean()));
        }
        return leaf(path, () -> privileges(out));
    }

    private static void known(JsonNode node, List<String> fields, String path) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) throw InputException.at(path + "." + f, "unknown field (expected one of: " + String.join(", ", fields) + ")");
        }
    }

    private static boolean present(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    private static JsonNode array(JsonNode n, String path) {
        if (!n.isArray()) throw InputException.at(path, "expected a list, got " + n);
        return n;
    }

    private static String text(JsonNode n, String path) {
        if (!n.isTextual()) throw InputException.at(path, "expected a string, got " + n);
        return n.asText();
    }

    /** Prefixes the path to a leaf's message, unless the message already starts with it. */
    private static <T> T leaf(String path, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InputException e) {
            String m = e.getMessage();
            if (m.startsWith(path)) throw e;
            // privileges(...) reports "[i].name: ..." relative to the list
            throw new InputException(m.startsWith("[") ? path + m : path + ": " + m);
        }
    }
}
