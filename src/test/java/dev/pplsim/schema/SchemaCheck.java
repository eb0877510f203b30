package dev.pplsim.schema;

import dev.pplsim.policy.Yaml;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation of policy YAML against the checked-in schemas of docs/schemas. The YAML is read into a tree by the
 * policy mapper itself ({@link Yaml#mapper()}), so the schema judges the values the reader sees: {@code 0110}, {@code -1}
 * and {@code yes} are the strings they are to the reader, not YAML 1.1's octal, negative number and boolean.
 */
final class SchemaCheck {

    static final String BASE = "https://pplsim.invalid/schemas/";

    private static SchemaRegistry registry;
    private static List<Long> stamps;
    private static boolean updated;

    private SchemaCheck() {
    }

    /** The registry of the files as they are now: -Dschema.update=true may have rewritten them in this run. */
    private static synchronized SchemaRegistry registry() {
        if (Boolean.getBoolean("schema.update") && !updated) {
            // whichever test class runs first, the checks see the files the update writes
            PolicySchemas.writeAll();
            updated = true;
        }
        List<Long> now = new java.util.ArrayList<>();
        for (PolicySchemas.Schema s : PolicySchemas.ALL) now.add(PolicySchemas.DIR.resolve(s.file()).toFile().lastModified());
        if (registry != null && now.equals(stamps)) return registry;
        Map<String, String> texts = new LinkedHashMap<>();
        for (PolicySchemas.Schema s : PolicySchemas.ALL) {
            try {
                texts.put(BASE + s.file(), Files.readString(PolicySchemas.DIR.resolve(s.file())));
            } catch (IOException e) {
                // a missing file is the golden test's to report; its schema then validates nothing
                texts.put(BASE + s.file(), "{\"not\": {}}");
            }
        }
        stamps = now;
        // errorMessage is the YAML language server's message keyword: an annotation here, so not an unknown keyword
        var dialect = com.networknt.schema.dialect.Dialect.builder(com.networknt.schema.dialect.Dialects.getDraft202012())
                .keyword(new com.networknt.schema.keyword.AnnotationKeyword("errorMessage")).build();
        registry = SchemaRegistry.withDefaultDialect(dialect, b -> b.schemas(texts));
        return registry;
    }

    /** The schema file's root, or one of its definitions ({@code #/$defs/protection}). */
    static Schema schema(String file, String fragment) {
        return registry().getSchema(SchemaLocation.of(BASE + file + fragment));
    }

    /** The errors of the YAML text against the schema file. */
    static List<Error> validate(String file, String yaml) {
        return validate(schema(file, ""), yaml);
    }

    static List<Error> validate(Schema schema, String yaml) {
        return schema.validate(tree(yaml));
    }

    /** The YAML as the policy mapper reads its tokens, as the validator's tree. */
    static tools.jackson.databind.JsonNode tree(String yaml) {
        String json;
        try {
            json = Yaml.mapper().readTree(yaml).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new tools.jackson.databind.ObjectMapper().readTree(json);
    }

    /**
     * The YAML as an editor's language server reads it: YAML 1.2's core schema (the VS Code YAML extension's default),
     * where {@code 0x110} and {@code 0110} are integers and {@code True} a boolean. SnakeYAML Engine is on the test
     * class path with the validator's YAML support.
     */
    static tools.jackson.databind.JsonNode editorTree(String yaml) {
        var load = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder()
                .setSchema(new org.snakeyaml.engine.v2.schema.CoreSchema()).build());
        return new tools.jackson.databind.ObjectMapper().valueToTree(load.loadFromString(yaml));
    }

    /** One error per line: where, which keyword, the message. */
    static String show(List<Error> errors) {
        StringBuilder b = new StringBuilder();
        for (Error e : errors) b.append("\n  ").append(e.getInstanceLocation()).append(" [").append(e.getKeyword()).append("] ").append(e.getMessage());
        return b.toString();
    }
}
