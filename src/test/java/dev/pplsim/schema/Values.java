package dev.pplsim.schema;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessRight;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.GroupAttribute;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.NativeCreateFlag;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SigningLevel;
import dev.pplsim.model.StandardRight;
import dev.pplsim.policy.ImpliedRights;
import dev.pplsim.policy.ParentExemption;
import dev.pplsim.request.TokenSpelling;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static dev.pplsim.schema.SchemaBuilder.alt;
import static dev.pplsim.schema.SchemaBuilder.anyOf;
import static dev.pplsim.schema.SchemaBuilder.arrayOf;
import static dev.pplsim.schema.SchemaBuilder.described;
import static dev.pplsim.schema.SchemaBuilder.integer;
import static dev.pplsim.schema.SchemaBuilder.obj;
import static dev.pplsim.schema.SchemaBuilder.string;

/**
 * The schemas of the values the readers spell: numbers as the policy grammar writes them, protections, signers,
 * masks, levels, flags, tokens. Every list of names comes from the Java enum the reader looks the name up in, so an
 * enum that gains a constant changes the schema (and {@code SchemaTests} asks for the files to be regenerated).
 * The names are the spellings the docs and shipped files use; the readers also forgive case and spaces around.
 */
final class Values {

    private Values() {
    }

    /** A number as {@code Spelling.numberValue} reads it: hex with {@code 0x}, or decimal without a leading zero. */
    static final String NUMBER = "0[xX][0-9A-Fa-f]+|0|[1-9][0-9]*";
    /** The same, of at most 32 bits by its digits: the schema checks a quoted number's form, the integer its range. */
    static final String NUMBER32 = "0[xX]0*[0-9A-Fa-f]{1,8}|0|[1-9][0-9]{0,9}";

    static <E extends Enum<E>> List<String> ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).toList();
    }

    static ObjectNode enumOf(List<String> names) {
        return obj("enum", names);
    }

    /**
     * The alternatives of a value, the usual spellings first (an editor reports the best-matching alternative's
     * problem, the first among equals), each with one message for editors: the VS Code YAML extension shows
     * {@code errorMessage} instead of its own words (a list of every name, or a 1 KB pattern); a JSON Schema validator
     * takes it for an annotation.
     */
    static ObjectNode forms(String expected, JsonNode... alternatives) {
        for (JsonNode a : alternatives) {
            if (!(a instanceof ObjectNode o) || o.has("$ref")) continue;
            o.put("errorMessage", expected);
        }
        return alternatives.length == 1 ? (ObjectNode) alternatives[0] : anyOf(alternatives);
    }

    // ---- numbers ------------------------------------------------------------------------------------------------

    static JsonNode dword() {
        return described("A whole number of at most 32 bits (a pid, a thread id): decimal 272 or hex 0x110, no sign, "
                + "no leading zero, no fraction. Quoted, it is read the same.",
                forms("expected a whole number of at most 32 bits: decimal 272 or hex 0x110", string("^(?:" + NUMBER32 + ")$"), integer(0, 0xFFFFFFFFL)));
    }

    static JsonNode int31() {
        return described("A whole number from 0 to 2147483647: decimal 272 or hex 0x110, no sign, no leading zero, no fraction.",
                forms("expected a whole number from 0 to 2147483647: decimal 272 or hex 0x110", string("^(?:" + NUMBER32 + ")$"), integer(0, Integer.MAX_VALUE)));
    }

    static JsonNode mask() {
        return described("A 32-bit mask: hex 0x110 or decimal 272 (no sign, no leading zero, no fraction, no 0b or octal).",
                forms("expected a 32-bit mask: hex 0x110 or decimal 272", string("^(?:" + NUMBER32 + ")$"), integer(0, 0xFFFFFFFFL)));
    }

    /** A denied mask of the protection table: only specific and standard rights, 0x001FFFFF. */
    static JsonNode deniedMask() {
        return described("A denied-access mask within 0x001FFFFF (the protection check sees only the specific and standard rights): hex or decimal.",
                forms("expected a mask within 0x001FFFFF: hex 0x000FC7FF or decimal", string("^(?:0[xX]0*[01]?[0-9A-Fa-f]{1,5}|0|[1-9][0-9]{0,6})$"), integer(0, 0x001FFFFF)));
    }

    // ---- protections and signers --------------------------------------------------------------------------------

    /** Signer names as PsProtectedSigner.byName takes them: the short name or the SDK name. */
    static List<String> signerNames() {
        List<String> out = new ArrayList<>(ids(PsProtectedSigner.values(), PsProtectedSigner::shortName));
        out.addAll(ids(PsProtectedSigner.values(), PsProtectedSigner::sdkName));
        return out;
    }

    static JsonNode signerName() {
        return described("A signer (PS_PROTECTED_SIGNER, spec §1.2) by its short or SDK name.", enumOf(signerNames()));
    }

    /** The common protection spellings, offered for completion. */
    static List<String> commonProtections() {
        List<String> out = new ArrayList<>();
        for (PsProtectedSigner s : PsProtectedSigner.values()) {
            out.add(s.shortName());
            if (s != PsProtectedSigner.NONE) out.add(s.shortName() + "-Light");
        }
        return out;
    }

    /** The grammar of {@code Spelling.protection}, in the case the docs write it. */
    static String protectionPattern() {
        String signer = "(?:" + alt(signerNames()) + "|Signer(?:0?[0-9]|1[0-5]))";
        String bytes = "0[xX]0*[0-9A-Fa-f]{1,2}|[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5]";
        String named = "(?:Type[0-7]/" + signer + "|" + signer + "(?:-Light)?)(?:\\+Audit)?";
        return "^(?:" + bytes + "|" + named + ")$";
    }

    static JsonNode protection() {
        return described("A protection (the PS_PROTECTION byte, spec §1.2): None, <Signer> (PP) or <Signer>-Light (PPL), "
                        + "optionally +Audit; Type<n>/<Signer> for the odd bytes; or the byte itself, 0x61 or 97.",
                forms("expected None, <Signer> or <Signer>-Light (WinTcb-Light), optionally +Audit, Type<n>/<Signer>, or a byte 0..255 (0x61)",
                        enumOf(commonProtections()), string(protectionPattern()), integer(0, 255)));
    }

    /** A build table row's signer: a number 0..15 or a name (BuildFile.Row.of). */
    static JsonNode rowSigner(SchemaBuilder.Doc d) {
        return described("The signer this row is for: a number 0..15 or a name (WinTcb).", forms("expected a signer name (WinTcb) or a number 0..15", d.ref("signerName", Values::signerName), integer(0, 15)));
    }

    /** A signer named in an overlay row or a filter: a name, or a number 0..15 (quoted or not). */
    static JsonNode signerRef(SchemaBuilder.Doc d) {
        return described("A signer: a name (WinTcb) or a number 0..15.",
                forms("expected a signer name (WinTcb) or a number 0..15", d.ref("signerName", Values::signerName), string("^(?:0?[0-9]|1[0-5])$"), integer(0, 15)));
    }

    // ---- access masks -------------------------------------------------------------------------------------------

    /** Every right name a desired mask may spell, of every object type, and the ALL_ACCESS names. */
    static List<String> rightNames(boolean granted) {
        Set<String> out = new LinkedHashSet<>();
        for (ObjectKind k : ObjectKind.values()) {
            for (AccessRight r : k.specificRights()) out.add(r.sdkName());
        }
        out.addAll(List.of("PROCESS_ALL_ACCESS", "THREAD_ALL_ACCESS", "TOKEN_ALL_ACCESS"));
        for (StandardRight r : StandardRight.values()) {
            // an access check never returns GENERIC_* or MAXIMUM_ALLOWED (Spelling.grantedMask)
            if (granted && (r == StandardRight.MAXIMUM_ALLOWED || r.sdkName().startsWith("GENERIC_"))) continue;
            out.add(r.sdkName());
        }
        return List.copyOf(out);
    }

    private static JsonNode accessMask(boolean granted) {
        String term = "(?:" + alt(rightNames(granted)) + "|" + NUMBER32 + ")";
        return forms("expected right names and numbers joined by | (PROCESS_VM_READ|SYNCHRONIZE)" + (granted ? ", without GENERIC_* or MAXIMUM_ALLOWED" : ""),
                enumOf(rightNames(granted)), string("^" + term + "(?: *\\| *" + term + ")*$"), integer(0, 0xFFFFFFFFL));
    }

    static JsonNode desiredMask() {
        return described("An access mask: SDK right names and numbers joined by |, e.g. PROCESS_VM_READ|0x10|SYNCHRONIZE, "
                + "MAXIMUM_ALLOWED, GENERIC_READ, PROCESS_ALL_ACCESS. The rights must be the object's.", accessMask(false));
    }

    static JsonNode grantedMask() {
        return described("A granted mask (what an access check returned): right names and numbers joined by |, without GENERIC_* or MAXIMUM_ALLOWED.",
                accessMask(true));
    }

    // ---- names the readers look up ------------------------------------------------------------------------------

    static JsonNode objectKind() {
        return described("The object type opened.", enumOf(ids(ObjectKind.values(), ObjectKind::id)));
    }

    static JsonNode accessMode() {
        return described("The previous mode of the call (spec §3.1): user or kernel.", enumOf(ids(AccessMode.values(), AccessMode::id)));
    }

    static JsonNode relation() {
        return described("How the caller relates to the target (spec §3.2 PspIsParentProcess): none, self, parent, or stale-parent "
                + "(the pid matches but the target is older than the caller).", enumOf(ids(Relation.values(), Relation::id)));
    }

    static JsonNode operation() {
        return described("What asks for the handle: an open, a handle duplication or a debugger attach.", enumOf(ids(Operation.values(), Operation::id)));
    }

    static JsonNode processKind() {
        return described("The process kind (spec §7, §12.7).", enumOf(ids(ProcessKind.values(), ProcessKind::id)));
    }

    static JsonNode ntStatus() {
        return described("An NTSTATUS by its name.", enumOf(ids(NtStatus.values(), NtStatus::name)));
    }

    /** The statuses an open returns (the rest are a creation's or a load's). */
    static List<String> openStatuses() {
        return Arrays.stream(NtStatus.values()).filter(s -> !s.creationOnly()).map(NtStatus::name).toList();
    }

    static JsonNode parentExemption() {
        return described("How PspIsParentProcess recognises a parent (spec §3.2): none (B-old), pid (B-rs), pid-and-sequence (B-w11).",
                enumOf(ids(ParentExemption.values(), ParentExemption::id)));
    }

    static JsonNode impliedRights() {
        return described("Which rights a successful open adds (spec §3.2, §3.3): full (B-rs and later) or query-only (B-old).",
                enumOf(ids(ImpliedRights.values(), ImpliedRights::id)));
    }

    static JsonNode createApi() {
        return described("The entry point that creates the process (spec §12.1).", enumOf(ids(CreateApi.values(), CreateApi::sdkName)));
    }

    static JsonNode subsystem() {
        return described("The image's subsystem.", enumOf(ids(ImageSpec.Subsystem.values(), ImageSpec.Subsystem::id)));
    }

    static JsonNode imageSource() {
        return described("Where the image is mapped from (spec §12.8).", enumOf(ids(ImageSource.values(), ImageSource::id)));
    }

    static List<String> win32Flags() {
        return ids(CreationFlag.values(), CreationFlag::name);
    }

    static List<String> nativeFlags() {
        return ids(NativeCreateFlag.values(), NativeCreateFlag::sdkName);
    }

    private static JsonNode flags(List<String> names, String expected) {
        String f = alt(names);
        return forms(expected, enumOf(names), string("^(?:0|" + f + "(?: *\\| *" + f + ")*)$"));
    }

    static JsonNode win32Flags(SchemaBuilder.Doc d) {
        return d.ref("win32Flags", () -> described("Win32 creation flags joined by | (CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT), or 0.", flags(win32Flags(), "expected Win32 creation flags joined by | (CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT), or 0")));
    }

    static JsonNode nativeFlags(SchemaBuilder.Doc d) {
        return d.ref("nativeFlags", () -> described("PROCESS_CREATE_FLAGS_* joined by |, or 0: the flags of RtlCreateUserProcess and NtCreateUserProcess.", flags(nativeFlags(), "expected PROCESS_CREATE_FLAGS_* joined by |, or 0 (the flags of RtlCreateUserProcess and NtCreateUserProcess)")));
    }

    static JsonNode creationFlags(SchemaBuilder.Doc d) {
        return described("Creation flags joined by |, or 0: Win32 CREATE_* flags for a Win32 entry point, PROCESS_CREATE_FLAGS_* for RtlCreateUserProcess "
                + "and NtCreateUserProcess.", anyOf(win32Flags(d), nativeFlags(d)));
    }

    /** The APIs whose flags are native (CreateApi.win32() false). */
    static List<String> nativeApis() {
        return Arrays.stream(CreateApi.values()).filter(a -> !a.win32()).map(CreateApi::sdkName).toList();
    }

    static JsonNode protectionLevel() {
        return described("The PROTECTION_LEVEL_* the creator asks for (spec §12.3), by name or as its DWORD.",
                forms("expected a PROTECTION_LEVEL_* name or a number", enumOf(ids(ProtectionLevel.values(), ProtectionLevel::name)), string("^(?:" + NUMBER32 + ")$"),
                        integer(0, 0xFFFFFFFFL)));
    }

    static List<String> signingLevelNames() {
        List<String> out = new ArrayList<>(ids(SigningLevel.values(), SigningLevel::sdkName));
        out.addAll(ids(SigningLevel.values(), SigningLevel::name));
        return out;
    }

    static JsonNode signingLevel() {
        return described("A signing level 0..15 (spec §12.4), or its SE_SIGNING_LEVEL_* name.",
                forms("expected a signing level 0..15 or an SE_SIGNING_LEVEL_* name", enumOf(signingLevelNames()), string("^(?:[0-9]|1[0-5]|0[xX]0?[0-9A-Fa-f])$"), integer(0, 15)));
    }

    static final String OID = "[0-2](?:\\.(?:0|[1-9][0-9]{0,9}))+";

    static JsonNode ekus() {
        return described("The image's EKU OIDs: a list, or text separated by commas (1.3.6.1.4.1.311.10.3.22).",
                forms("expected a list of OIDs, or OIDs separated by commas (1.3.6.1.4.1.311.10.3.22)", string("^ *" + OID + " *(?:, *" + OID + " *)*$"),
                        arrayOf(forms("expected an OID (1.3.6.1.4.1.311.10.3.22)", string("^" + OID + "$")))));
    }

    static JsonNode trustletId() {
        return described("A trustlet ID from the image's .tpolicy section (spec §7.3): 0..2147483647, as a number or its text.",
                forms("expected a trustlet ID 0..2147483647", string("^(?:0|[1-9][0-9]{0,9}|0[xX][0-9A-Fa-f]{1,8})$"), integer(0, Integer.MAX_VALUE)));
    }

    static JsonNode sectionFlags() {
        return described("The image section's flags byte (spec §12.7): 0..0xFF, as a number or its text.",
                forms("expected a flags byte 0..0xFF", string("^(?:0|[1-9][0-9]{0,9}|0[xX][0-9A-Fa-f]{1,8})$"), integer(0, 255)));
    }

    /** A boolean a scenario may also write as the text true or false (LoadReader.bool). */
    static JsonNode looseBoolean() {
        return described("true or false (a quoted \"true\" or \"false\" is read the same).", forms("expected true or false", obj("type", "boolean"), enumOf(List.of("true", "false"))));
    }

    static JsonNode nonBlank() {
        return string("\\S");
    }

    // ---- tokens -------------------------------------------------------------------------------------------------

    static JsonNode privilege() {
        return described("A privilege by its winnt.h name.", enumOf(ids(Privilege.values(), Privilege::sdkName)));
    }

    /** SE_GROUP_* names with or without the prefix, as TokenSpelling.groupAttributes takes them. */
    static List<String> groupAttributeNames() {
        List<String> out = new ArrayList<>();
        for (GroupAttribute a : GroupAttribute.values()) out.add(a.sdkName().substring("SE_GROUP_".length()));
        out.addAll(ids(GroupAttribute.values(), GroupAttribute::sdkName));
        return out;
    }

    static JsonNode groupAttributes() {
        String term = "(?:" + alt(groupAttributeNames()) + "|" + NUMBER32 + ")";
        return described("Group attributes: winnt.h SE_GROUP_* names joined by | (the prefix is optional: MANDATORY|ENABLED), or a number.",
                forms("expected SE_GROUP_* names joined by | (MANDATORY|ENABLED), or a number", enumOf(groupAttributeNames()), string("^" + term + "(?: *\\| *" + term + ")*$"),
                        integer(0, 0xFFFFFFFFL)));
    }

    static JsonNode token(SchemaBuilder.Doc d) {
        ObjectNode inline = obj("type", "object", "additionalProperties", false);
        ObjectNode p = inline.putObject("properties");
        if (!TokenSpelling.FIELDS.equals(List.of("base", "user", "integrity", "groups", "privileges", "restrictedSids"))) {
            throw new IllegalStateException("TokenSpelling.FIELDS changed: " + TokenSpelling.FIELDS + "; describe the new fields here");
        }
        p.set("base", described("A preset of policies/tokens.yaml whose fields this token overrides, field by field.", obj("type", "string")));
        p.set("user", described("The user SID or its SDDL alias (S-1-5-18, SY).", obj("type", "string")));
        p.set("integrity", described("The integrity SID S-1-16-* or its alias (ME, HI, SI; spec §4.2).", obj("type", "string")));
        ObjectNode group = obj("type", "object", "required", List.of("sid", "attributes"), "additionalProperties", false);
        group.putObject("properties")
                .<ObjectNode>set("sid", described("The group's SID or SDDL alias.", obj("type", "string")))
                .set("attributes", d.ref("groupAttributes", Values::groupAttributes));
        p.set("groups", described("The groups, each {sid, attributes}; [] for none.", arrayOf(group)));
        ObjectNode priv = obj("type", "object", "required", List.of("name", "enabled"), "additionalProperties", false);
        priv.putObject("properties")
                .<ObjectNode>set("name", d.ref("privilege", Values::privilege))
                .set("enabled", described("true, or false for held but disabled.", obj("type", "boolean")));
        p.set("privileges", described("The privileges held, each once; [] for none.", arrayOf(priv)));
        p.set("restrictedSids", described("Restricting SIDs, for a restricted token.", arrayOf(obj("type", "string"))));
        // without a base every field but restrictedSids is given (TokenSpelling.read)
        inline.set("anyOf", SchemaBuilder.array(SchemaBuilder.required("base"), SchemaBuilder.required("user", "integrity", "groups", "privileges")));
        return described("A token (spec §4): a preset name of policies/tokens.yaml (admin-elevated), or the token's fields, optionally over a "
                + "base preset. Its trust SID is never given: the kernel derives it from the process's protection (spec §4.3).",
                anyOf(obj("type", "string", "minLength", 1), inline));
    }
}
