package dev.pplsim.request;

import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Ascii;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.PsProtection;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The one reader of an image-load request (spec §12.8), from a batch line's JSON ({@code "op":"load"}) or from the
 * values of CLI options and scenario keys, with errors named as the entry point names the field. The image's
 * signer, EKUs and signing level are spelled as a creation's image spells them ({@link CreateReader}).
 */
public final class LoadReader {

    private LoadReader() {
    }

    /** The field table a load is read by: a batch line (with {@code "op":"load"}) or a scenario gives its values through it. */
    public static final Fields<LoadField> FIELDS = new Fields<>(LoadField.class, "process", "image");

    /** The load {@code values} give (null or JSON null for a field not given). */
    public static LoadQuery read(Form form, Function<LoadField, JsonNode> values) {
        return FIELDS.read(form, values, g -> {
            PsProtection process = g.required(LoadField.PROCESS, CreateReader::protectionOf);
            Integer section = g.read(LoadField.SECTION_LEVEL, null, CreateReader::signingLevel);
            String path = g.text(LoadField.IMAGE_PATH, LoadQuery.DEFAULT_PATH);
            if (path.isBlank()) throw InputException.at(LoadField.IMAGE_PATH, "is empty");
            var claim = CreateReader.Claim.read(g, LoadField.IMAGE_SIGNER, LoadField.IMAGE_EKUS, LoadField.IMAGE_SIGNING_LEVEL, true);
            ImageSpec image = new ImageSpec(path, claim.signer(), null, claim.ekus(), claim.level());
            ImageSource source = g.read(LoadField.IMAGE_SOURCE, ImageSource.LOCAL, n -> source(n, g.form()));
            boolean pageHashes = g.read(LoadField.PAGE_HASHES, true, n -> bool(g.form(), n));
            boolean modified = g.read(LoadField.PAGES_MODIFIED, false, n -> bool(g.form(), n));
            String build = g.text(LoadField.BUILD, AccessQuery.DEFAULT_BUILD);
            return new LoadQuery(process, section, image, source, pageHashes, modified, build);
        });
    }

    private static ImageSource source(JsonNode n, Form form) {
        ImageSource s = n.isTextual() ? ImageSource.byId(n.asText().trim()) : null;
        if (s == null) {
            throw new InputException("expected " + Spelling.oneOf(Arrays.stream(ImageSource.values()).map(ImageSource::id).toList())
                    + ", got " + form.shown(n));
        }
        return s;
    }

    /** A JSON boolean; the CLI and a scenario may also spell it {@code true} / {@code false} as text. */
    private static boolean bool(Form form, JsonNode n) {
        if (n.isBoolean()) return n.asBoolean();
        if (form != Form.BATCH && n.isTextual()) {
            if (Ascii.equalsIgnoreCase(n.asText().trim(), "true")) return true;
            if (Ascii.equalsIgnoreCase(n.asText().trim(), "false")) return false;
        }
        throw new InputException("expected true or false, got " + (form == Form.BATCH ? n.toString() : form.shown(n)));
    }
}
