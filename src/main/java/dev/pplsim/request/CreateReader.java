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
import java.util.Set;
import java.util.function.Function;

/**
 * The one reader of a creation request (spec §12), from a batch line's JSON ({@code "op":"create"}) or from the
 * values of CLI options and scenario keys, with errors named as the entry point names the field.
 */
public final class CreateReader {

    private CreateReader() {
    }

    private static final Set<String> TOP = Set.of("id", "op", "creator", "api", "childToken", "image", "flags",
            "protectionLevel", "inheritHandles", "build", "secureProcess", "packageFullName");
    private static final Set<String> CREATOR = Set.of("protection", "token");
    private static final Set<String> IMAGE = Set.of("path", "signer", "subsystem", "ekus", "signingLevel", "trustletId", "sectionFlags");

    /** A batch line with {@code "op":"create"} (the id is checked, not read). */
    public static CreateQuery batch(JsonNode root) {
        RequestReader.known(root, TOP, "");
        if (!root.has("id") || root.get("id").isNull() || root.get("id").isContainerNode()) {
            throw InputException.at("id", "required: a string or number that names the line");
        }
        JsonNode creator = RequestReader.object(root, "creator");
        RequestReader.known(creator, CREATOR, "creator.");
        JsonNode image = RequestReader.object(root, "image");
        RequestReader.known(image, IMAGE, "image.");
        return read(Form.BATCH, f -> {
            String path = f.batch();
            if (path.startsWith("creator.")) return creator.get(path.substring(8));
            if (path.startsWith("image.")) return image.get(path.substring(6));
            return root.get(path);
        });
    }

    /** The creation {@code values} give (null or JSON null for a field not given). */
    public static CreateQuery read(Form form, Function<CreateField, JsonNode> values) {
        JsonNode[] v = new JsonNode[CreateField.values().length];
        for (CreateField f : CreateField.values()) {
            JsonNode n = values.apply(f);
            v[f.ordinal()] = n == null || n.isNull() ? null : n;
        }
        try {
            PsProtection creator = protection(form, required(form, v, CreateField.CREATOR));
            String token = v[CreateField.CREATOR_TOKEN.ordinal()] == null ? null : text(form, CreateField.CREATOR_TOKEN, v[CreateField.CREATOR_TOKEN.ordinal()]);
            CreateApi api = v[CreateField.API.ordinal()] == null ? CreateApi.CREATE_PROCESS
                    : at(CreateField.API, () -> Spelling.named(CreateApi.values(), CreateApi::sdkName, text(form, CreateField.API, v[CreateField.API.ordinal()]), form.shown(v[CreateField.API.ordinal()])));
            String childToken = v[CreateField.CHILD_TOKEN.ordinal()] == null ? null : text(form, CreateField.CHILD_TOKEN, v[CreateField.CHILD_TOKEN.ordinal()]);
            ImageSpec image = image(form, v);
            int flags = v[CreateField.FLAGS.ordinal()] == null ? 0 : at(CreateField.FLAGS, () -> flags(text(form, CreateField.FLAGS, v[CreateField.FLAGS.ordinal()]), api));
            Long level = v[CreateField.PROTECTION_LEVEL.ordinal()] == null ? null : at(CreateField.PROTECTION_LEVEL, () -> level(v[CreateField.PROTECTION_LEVEL.ordinal()]));
            boolean inherit = v[CreateField.INHERIT_HANDLES.ordinal()] != null && bool(form, CreateField.INHERIT_HANDLES, v[CreateField.INHERIT_HANDLES.ordinal()]);
            String build = v[CreateField.BUILD.ordinal()] == null ? AccessQuery.DEFAULT_BUILD : text(form, CreateField.BUILD, v[CreateField.BUILD.ordinal()]);
            boolean secure = v[CreateField.SECURE_PROCESS.ordinal()] != null && bool(form, CreateField.SECURE_PROCESS, v[CreateField.SECURE_PROCESS.ordinal()]);
            String pkg = v[CreateField.PACKAGE_FULL_NAME.ordinal()] == null ? null : text(form, CreateField.PACKAGE_FULL_NAME, v[CreateField.PACKAGE_FULL_NAME.ordinal()]);
            if (pkg != null && pkg.isBlank()) throw InputException.at(CreateField.PACKAGE_FULL_NAME, "is empty");
            return new CreateQuery(creator, token, api, childToken, image, flags, level, inherit, build, secure, pkg);
        } catch (InputException e) {
            throw e.in(form);
        }
    }

    private static ImageSpec image(Form form, JsonNode[] v) {
        String path = text(form, CreateField.IMAGE_PATH, required(form, v, CreateField.IMAGE_PATH));
        if (path.isBlank()) throw InputException.at(CreateField.IMAGE_PATH, "is empty");
        JsonNode signer = v[CreateField.IMAGE_SIGNER.ordinal()], ekus = v[CreateField.IMAGE_EKUS.ordinal()],
                level = v[CreateField.IMAGE_SIGNING_LEVEL.ordinal()], subsystem = v[CreateField.IMAGE_SUBSYSTEM.ordinal()];
        int given = (signer != null ? 1 : 0) + (ekus != null ? 1 : 0) + (level != null ? 1 : 0);
        if (given > 1) {
            throw InputException.at(signer != null ? CreateField.IMAGE_SIGNER : CreateField.IMAGE_EKUS,
                    "give one of " + form.name(CreateField.IMAGE_SIGNER) + ", " + form.name(CreateField.IMAGE_EKUS)
                            + " and " + form.name(CreateField.IMAGE_SIGNING_LEVEL));
        }
        PsProtectedSigner s = signer == null ? null : at(CreateField.IMAGE_SIGNER, () -> signer(text(form, CreateField.IMAGE_SIGNER, signer), form.shown(signer)));
        List<String> oids = ekus == null ? null : at(CreateField.IMAGE_EKUS, () -> ekus(ekus));
        Integer signingLevel = level == null ? null : at(CreateField.IMAGE_SIGNING_LEVEL, () -> signingLevel(level));
        ImageSpec.Subsystem sub = subsystem == null ? ImageSpec.Subsystem.WINDOWS : at(CreateField.IMAGE_SUBSYSTEM,
                () -> Spelling.named(ImageSpec.Subsystem.values(), ImageSpec.Subsystem::id, text(form, CreateField.IMAGE_SUBSYSTEM, subsystem), form.shown(subsystem)));
        JsonNode id = v[CreateField.IMAGE_TRUSTLET_ID.ordinal()], sf = v[CreateField.IMAGE_SECTION_FLAGS.ordinal()];
        Integer trustletId = id == null ? null : at(CreateField.IMAGE_TRUSTLET_ID, () -> (int) byteOrMore(id, "trustlet ID", 0xFFFFFFFFL));
        int sectionFlags = sf == null ? 0 : at(CreateField.IMAGE_SECTION_FLAGS, () -> (int) byteOrMore(sf, "section flags", 0xFF));
        return new ImageSpec(path, s, sub, oids, signingLevel, trustletId, sectionFlags);
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

    private static PsProtection protection(Form form, JsonNode n) {
        return at(CreateField.CREATOR, () -> protectionOf(n));
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

    private static JsonNode required(Form form, JsonNode[] v, CreateField f) {
        JsonNode n = v[f.ordinal()];
        if (n == null) throw InputException.at(f, "required");
        return n;
    }

    private static String text(Form form, CreateField f, JsonNode n) {
        if (!n.isTextual()) throw InputException.at(f, "expected a string, got " + n);
        return n.asText();
    }

    private static boolean bool(Form form, CreateField f, JsonNode n) {
        if (!n.isBoolean()) throw InputException.at(f, "expected true or false, got " + n);
        return n.asBoolean();
    }

    /** Runs a spelling, naming the field in its error unless it already names one. */
    private static <T> T at(CreateField f, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (InputException e) {
            throw e.field() != null ? e : InputException.at(f, e.getMessage());
        }
    }
}
