package dev.pplsim.request;

import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Ascii;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The one reader of an image-load request (spec §12.8), from a batch line's JSON ({@code "op":"load"}) or from the
 * values of CLI options and scenario keys, with errors named as the entry point names the field. The image's
 * signer, EKUs and signing level are spelled as a creation's image spells them ({@link CreateReader}).
 */
public final class LoadReader {

    private LoadReader() {
    }

    private static final Set<String> TOP = Set.of("id", "op", "process", "image", "build");
    private static final Set<String> PROCESS = Set.of("protection", "sectionSignatureLevel");
    private static final Set<String> IMAGE = Set.of("path", "signer", "ekus", "signingLevel", "source", "pageHashes", "pagesModified");

    /** A batch line with {@code "op":"load"} (the id is checked, not read). */
    public static LoadQuery batch(JsonNode root) {
        RequestReader.known(root, TOP, "");
        if (!root.has("id") || root.get("id").isNull() || root.get("id").isContainerNode()) {
            throw InputException.at("id", "required: a string or number that names the line");
        }
        JsonNode process = RequestReader.object(root, "process");
        RequestReader.known(process, PROCESS, "process.");
        JsonNode image = RequestReader.object(root, "image");
        RequestReader.known(image, IMAGE, "image.");
        return read(Form.BATCH, f -> {
            String path = f.batch();
            if (path.startsWith("process.")) return process.get(path.substring(8));
            if (path.startsWith("image.")) return image.get(path.substring(6));
            return root.get(path);
        });
    }

    /** The load {@code values} give (null or JSON null for a field not given). */
    public static LoadQuery read(Form form, Function<LoadField, JsonNode> values) {
        JsonNode[] v = new JsonNode[LoadField.values().length];
        for (LoadField f : LoadField.values()) {
            JsonNode n = values.apply(f);
            v[f.ordinal()] = n == null || n.isNull() ? null : n;
        }
        try {
            JsonNode p = v[LoadField.PROCESS.ordinal()];
            if (p == null) throw InputException.at(LoadField.PROCESS, "required");
            PsProtection process = at(LoadField.PROCESS, () -> CreateReader.protectionOf(p));
            JsonNode sl = v[LoadField.SECTION_LEVEL.ordinal()];
            Integer section = sl == null ? null : at(LoadField.SECTION_LEVEL, () -> CreateReader.signingLevel(sl));
            ImageSpec image = image(form, v);
            JsonNode src = v[LoadField.IMAGE_SOURCE.ordinal()];
            ImageSource source = src == null ? ImageSource.LOCAL : at(LoadField.IMAGE_SOURCE, () -> source(src, form));
            boolean pageHashes = v[LoadField.PAGE_HASHES.ordinal()] == null || bool(form, LoadField.PAGE_HASHES, v[LoadField.PAGE_HASHES.ordinal()]);
            boolean modified = v[LoadField.PAGES_MODIFIED.ordinal()] != null && bool(form, LoadField.PAGES_MODIFIED, v[LoadField.PAGES_MODIFIED.ordinal()]);
            JsonNode b = v[LoadField.BUILD.ordinal()];
            String build = b == null ? AccessQuery.DEFAULT_BUILD : text(LoadField.BUILD, b);
            return new LoadQuery(process, section, image, source, pageHashes, modified, build);
        } catch (InputException e) {
            throw e.in(form);
        }
    }

    private static ImageSpec image(Form form, JsonNode[] v) {
        JsonNode pathNode = v[LoadField.IMAGE_PATH.ordinal()];
        String path = pathNode == null ? LoadQuery.DEFAULT_PATH : text(LoadField.IMAGE_PATH, pathNode);
        if (path.isBlank()) throw InputException.at(LoadField.IMAGE_PATH, "is empty");
        JsonNode signer = v[LoadField.IMAGE_SIGNER.ordinal()], ekus = v[LoadField.IMAGE_EKUS.ordinal()],
                level = v[LoadField.IMAGE_SIGNING_LEVEL.ordinal()];
        int given = (signer != null ? 1 : 0) + (ekus != null ? 1 : 0) + (level != null ? 1 : 0);
        if (given != 1) {
            throw InputException.at(signer != null ? LoadField.IMAGE_SIGNER : given == 0 ? LoadField.IMAGE_SIGNING_LEVEL : LoadField.IMAGE_EKUS,
                    (given == 0 ? "required: " : "") + "give one of " + form.name(LoadField.IMAGE_SIGNER) + ", " + form.name(LoadField.IMAGE_EKUS)
                            + " and " + form.name(LoadField.IMAGE_SIGNING_LEVEL));
        }
        PsProtectedSigner s = signer == null ? null : at(LoadField.IMAGE_SIGNER, () -> CreateReader.signer(text(LoadField.IMAGE_SIGNER, signer), form.shown(signer)));
        List<String> oids = ekus == null ? null : at(LoadField.IMAGE_EKUS, () -> CreateReader.ekus(ekus));
        Integer signingLevel = level == null ? null : at(LoadField.IMAGE_SIGNING_LEVEL, () -> CreateReader.signingLevel(level));
        return new ImageSpec(path, s, null, oids, signingLevel);
    }

    private static ImageSource source(JsonNode n, Form form) {
        ImageSource s = n.isTextual() ? ImageSource.byId(n.asText().trim()) : null;
        if (s == null) {
            throw new InputException("expected " + Spelling.oneOf(Arrays.stream(ImageSource.values()).map(ImageSource::id).toList())
                    + ", got " + form.shown(n));
        }
        return s;
    }

    private static String text(LoadField f, JsonNode n) {
        if (!n.isTextual()) throw InputException.at(f, "expected a string, got " + n);
        return n.asText();
    }

    /** A JSON boolean; the CLI and a scenario may also spell it {@code true} / {@code false} as text. */
    private static boolean bool(Form form, LoadField f, JsonNode n) {
        if (n.isBoolean()) return n.asBoolean();
        if (form != Form.BATCH && n.isTextual()) {
            if (Ascii.equalsIgnoreCase(n.asText().trim(), "true")) return true;
            if (Ascii.equalsIgnoreCase(n.asText().trim(), "false")) return false;
        }
        throw InputException.at(f, "expected true or false, got " + (form == Form.BATCH ? n.toString() : form.shown(n)));
    }

    /** Runs a spelling, naming the field in its error unless it already names one. */
    private static <T> T at(LoadField f, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (InputException e) {
            throw e.field() != null ? e : InputException.at(f, e.getMessage());
        }
    }
}
