package dev.pplsim.request;

import dev.pplsim.model.Ascii;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.NativeCreateFlag;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SigningLevel;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The one reader of a creation request (spec §12), from a batch line's JSON ({@code "op":"create"}) or from the
 * values of CLI options and scenario keys, with errors named as the entry point names the field.
 */
public final class CreateReader {

    private CreateReader() {
    }

    /** The field table a creation is read by: a batch line (with {@code "op":"create"}) or a scenario gives its values through it. */
    public static final Fields<CreateField> FIELDS = new Fields<>(CreateField.class, "creator", "image");

    /** The creation {@code values} give (null or JSON null for a field not given). */
    public static CreateQuery read(Form form, Function<CreateField, JsonNode> values) {
        return FIELDS.read(form, values, g -> {
            PsProtection creator = g.required(CreateField.CREATOR, CreateReader::protectionOf);
            String token = g.text(CreateField.CREATOR_TOKEN, null);
            CreateApi api = g.read(CreateField.API, CreateApi.CREATE_PROCESS,
                    n -> Spelling.named(CreateApi.values(), CreateApi::sdkName, g.string(CreateField.API, n), g.shown(n)));
            String childToken = g.text(CreateField.CHILD_TOKEN, null);
            String path = g.required(CreateField.IMAGE_PATH, n -> g.string(CreateField.IMAGE_PATH, n));
            if (path.isBlank()) throw InputException.at(CreateField.IMAGE_PATH, "is empty");
            Claim claim = Claim.read(g, CreateField.IMAGE_SIGNER, CreateField.IMAGE_EKUS, CreateField.IMAGE_SIGNING_LEVEL, false);
            ImageSpec.Subsystem sub = g.read(CreateField.IMAGE_SUBSYSTEM, ImageSpec.Subsystem.WINDOWS,
                    n -> Spelling.named(ImageSpec.Subsystem.values(), ImageSpec.Subsystem::id, g.string(CreateField.IMAGE_SUBSYSTEM, n), g.shown(n)));
            Integer trustletId = g.read(CreateField.IMAGE_TRUSTLET_ID, null, n -> (int) byteOrMore(n, "trustlet ID", 0xFFFFFFFFL));
            int sectionFlags = g.read(CreateField.IMAGE_SECTION_FLAGS, 0, n -> (int) byteOrMore(n, "section flags", 0xFF));
            ImageSpec image = new ImageSpec(path, claim.signer(), sub, claim.ekus(), claim.level(), trustletId, sectionFlags);
            int flags = g.read(CreateField.FLAGS, 0, n -> flags(g.string(CreateField.FLAGS, n), api));
            Long level = g.read(CreateField.PROTECTION_LEVEL, null, CreateReader::level);
            boolean inherit = g.bool(CreateField.INHERIT_HANDLES, false);
            String build = g.text(CreateField.BUILD, AccessQuery.DEFAULT_BUILD);
            boolean secure = g.bool(CreateField.SECURE_PROCESS, false);
            String pkg = g.text(CreateField.PACKAGE_FULL_NAME, null);
            if (pkg != null && pkg.isBlank()) throw InputException.at(CreateField.PACKAGE_FULL_NAME, "is empty");
            return new CreateQuery(creator, token, api, childToken, image, flags, level, inherit, build, secure, pkg);
        });
    }

    /** What an image claims, a creation's or a load's: one of its signer, its EKUs and its signing level. */
    record Claim(PsProtectedSigner signer, List<String> ekus, Integer level) {

        /** With {@code required}, exactly one must be given; else at most one. */
        static <F extends Enum<F> & RequestField> Claim read(Fields.Given<F> g, F signer, F ekus, F level, boolean required) {
            JsonNode s = g.get(signer), e = g.get(ekus), l = g.get(level);
            int given = (s != null ? 1 : 0) + (e != null ? 1 : 0) + (l != null ? 1 : 0);
            if (given > 1 || (required && given == 0)) {
                throw InputException.at(s != null ? signer : given == 0 ? level : ekus, (given == 0 ? "required: " : "") + "give one of "
                        + g.name(signer) + ", " + g.name(ekus) + " and " + g.name(level));
            }
            return new Claim(g.read(signer, null, n -> CreateReader.signer(g.string(signer, n), g.shown(n))), g.read(ekus, null, CreateReader::ekus),
                    g.read(level, null, CreateReader::signingLevel));
        }
    }

    /** A whole number 0..max: a JSON number, or decimal or 0x-hex text (the trustlet ID and the section-flags byte). */
    private static long byteOrMore(JsonNode n, String what, long max) {
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) v = n.asLong();
        else if (n.isTextual() && n.asText().trim().matches("[0-9]{1,10}|0[xX][0-9a-fA-F]{1,8}")) v = Spelling.number(n.asText().trim(), what);
        else throw new InputException("expected a " + what + " (a number 0.." + (max == 0xFF ? "0xFF" : Long.toString(Integer.MAX_VALUE)) + "), got " + n);
        if (v < 0 || v > Math.min(max, Integer.MAX_VALUE)) throw new InputException(what + " " + n + " is out of range (0.." + (max == 0xFF ? "0xFF" : Long.toString(Integer.MAX_VALUE)) + ")");
        return v;
    }

    /** A signer's name ({@code WinTcb}, {@code PsProtectedSignerWinTcb}); {@code shown} is the value as the error quotes it. */
    static PsProtectedSigner signer(String text, String shown) {
        PsProtectedSigner p = PsProtectedSigner.byName(text);
        if (p == null) {
            throw new InputException("expected " + Spelling.oneOf(Arrays.stream(PsProtectedSigner.values()).map(PsProtectedSigner::shortName).toList())
                    + ", got " + shown);
        }
        return p;
    }

    /**
     * Flag names joined by {@code |}: Win32 creation flags for a Win32 entry point, PROCESS_CREATE_FLAGS_* for
     * RtlCreateUserProcess and NtCreateUserProcess; {@code 0} for none.
     */
    static int flags(String text, CreateApi api) {
        if (text.trim().equals("0")) return 0;
        int flags = 0;
        for (String part : text.split("\\|", -1)) {
            String name = part.trim();
            if (name.isEmpty()) throw new InputException("empty flag name in '" + text + "'");
            if (api.win32()) {
                CreationFlag f = CreationFlag.byName(name);
                if (f == null) {
                    throw new InputException("unknown creation flag '" + name + "' for " + api.sdkName() + " (expected "
                            + Spelling.oneOf(Arrays.stream(CreationFlag.values()).map(CreationFlag::name).toList())
                            + (NativeCreateFlag.bySdkName(name) != null ? "; native flags go with NtCreateUserProcess" : "") + ")");
                }
                flags |= f.value();
            } else {
                NativeCreateFlag f = NativeCreateFlag.bySdkName(name);
                if (f == null) {
                    throw new InputException("unknown native flag '" + name + "' for " + api.sdkName() + " (PROCESS_CREATE_FLAGS_*"
                            + (CreationFlag.byName(name) != null ? "; " + name + " is a Win32 flag, for CreateProcess" : "") + ")");
                }
                flags |= f.value();
            }
        }
        return flags;
    }

    /** A PROTECTION_LEVEL_* name or its DWORD (a JSON number, or hex or decimal text). */
    static long level(JsonNode n) {
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong() || n.asLong() < 0 || n.asLong() > 0xFFFFFFFFL) {
                throw new InputException(n + " is out of range: a protection level is a DWORD (0..0xFFFFFFFF)");
            }
            return n.asLong();
        }
        if (!n.isTextual()) throw new InputException("expected a PROTECTION_LEVEL_* name or a number, got " + n);
        ProtectionLevel named = ProtectionLevel.byName(n.asText().trim());
        if (named != null) return named.value();
        String t = n.asText().trim();
        if (!t.isEmpty() && Ascii.isDigit(t.charAt(0))) {
            try {
                return Spelling.number(t, "protection level");
            } catch (InputException e) {
                throw new InputException("'" + t + "' is out of range: a protection level is a DWORD (0..0xFFFFFFFF)");
            }
        }
        throw new InputException("unknown protection level '" + t + "' (expected PROTECTION_LEVEL_WINTCB_LIGHT .. PROTECTION_LEVEL_PPL_APP, PROTECTION_LEVEL_SAME, PROTECTION_LEVEL_NONE or a number)");
    }

    /** EKU OIDs: a JSON list of strings, or text separated by commas (a load's image reads them the same way). */
    static List<String> ekus(JsonNode n) {
        List<String> oids = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isTextual()) throw new InputException("expected a list of OID strings, got " + n);
                oids.add(oid(e.asText()));
            }
        } else if (n.isTextual()) {
            for (String part : n.asText().split(",", -1)) oids.add(oid(part));
        } else {
            throw new InputException("expected a list of OID strings, got " + n);
        }
        return oids;
    }

    private static String oid(String text) {
        String t = text.trim();
        if (!t.matches("[0-2](\\.(0|[1-9][0-9]{0,9}))+")) throw new InputException("malformed OID '" + t + "' (dotted decimal, e.g. 1.3.6.1.4.1.311.10.3.22)");
        return t;
    }

    /** A signing level 0..15 or an SE_SIGNING_LEVEL_* name (a load's image and process read them the same way). */
    static int signingLevel(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= 0 && n.asInt() <= 15) return n.asInt();
        if (n.isTextual()) {
            SigningLevel l = SigningLevel.byName(n.asText().trim());
            if (l != null) return l.value();
            String t = n.asText().trim();
            if (t.matches("[0-9]{1,2}|0[xX][0-9a-fA-F]{1,2}")) {
                long v = Spelling.number(t, "signing level");
                if (v <= 15) return (int) v;
            }
        }
        throw new InputException("expected a signing level 0..15 or an SE_SIGNING_LEVEL_* name, got " + n);
    }

    /** A PS_PROTECTION byte: a JSON number 0..255 or a spelling ({@code 0x61}, {@code WinTcb-Light}). */
    static PsProtection protectionOf(JsonNode n) {
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong() || n.asLong() < 0 || n.asLong() > 0xFF) throw new InputException("protection " + n + " is not a byte (0..255)");
            return new PsProtection((int) n.asLong());
        }
        if (!n.isTextual()) throw new InputException("expected a string, got " + n);
        return Spelling.protection(n.asText());
    }
}
