package dev.pplsim.schema;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.ImpliedRights;
import dev.pplsim.policy.ParentExemption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schemas of docs/schemas are what {@link PolicySchemas} generates from the readers' records and enums
 * ({@code mvn test -Dtest=SchemaTests -Dschema.update=true} rewrites them after a deliberate change; review the
 * diff), and every shipped policy file is valid by its schema.
 */
class SchemaTests {

    @TestFactory
    Stream<DynamicTest> the_checked_in_schemas_are_generated_from_the_readers() {
        return PolicySchemas.ALL.stream().map(s -> DynamicTest.dynamicTest(s.file(), () -> {
            String generated = PolicySchemas.generate(s);
            Path file = PolicySchemas.DIR.resolve(s.file());
            boolean update = Boolean.getBoolean("schema.update");
            if (update || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, generated, StandardCharsets.UTF_8);
                if (!update) fail("schema file was missing and has been written: " + file + "; review and commit it");
            }
            assertEquals(generated, Files.readString(file), file + " differs from what the readers give "
                    + "(rerun with -Dschema.update=true after a deliberate change, and review the diff)");
        }));
    }

    @Test
    void docs_schemas_holds_the_generated_files_and_nothing_else() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (PolicySchemas.Schema s : PolicySchemas.ALL) expected.add(s.file());
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(PolicySchemas.DIR)) {
            files.forEach(f -> present.add(f.getFileName().toString()));
        }
        assertEquals(expected, present, "a schema no reader generates would drift unnoticed");
    }

    /**
     * Each schema is a valid draft 2020-12 schema, and a valid draft-07 one too: docs/schemas.md says an older YAML
     * language server, which validates by draft-07, reads them alike.
     */
    @TestFactory
    Stream<DynamicTest> each_schema_is_valid_by_the_2020_12_and_the_draft_07_meta_schemas() {
        var meta2020 = com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        var meta07 = com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_7)
                .getSchema(com.networknt.schema.SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        return PolicySchemas.ALL.stream().map(s -> DynamicTest.dynamicTest(s.file(), () -> {
            var schema = new tools.jackson.databind.ObjectMapper().readTree(Files.readString(PolicySchemas.DIR.resolve(s.file())));
            List<Error> e2020 = meta2020.validate(schema), e07 = meta07.validate(schema);
            assertTrue(e2020.isEmpty(), s.file() + " by 2020-12:" + SchemaCheck.show(e2020));
            assertTrue(e07.isEmpty(), s.file() + " by draft-07:" + SchemaCheck.show(e07));
        }));
    }

    /** docs/schemas.md's settings snippet maps each schema to the files it describes, and its table lists them. */
    @Test
    void the_docs_map_each_schema_to_its_files() throws IOException {
        String page = Files.readString(Path.of("docs/schemas.md"));
        int start = page.indexOf("```json\n") + 8;
        JsonNode mapping = new ObjectMapper().readTree(page.substring(start, page.indexOf("```", start))).get("yaml.schemas");
        Map<String, String> given = new LinkedHashMap<>(), expected = new LinkedHashMap<>();
        mapping.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().asText()));
        for (PolicySchemas.Schema s : PolicySchemas.ALL) {
            expected.put("docs/schemas/" + s.file(), s.files());
            assertTrue(page.contains("| [`" + s.file() + "`](schemas/" + s.file() + ") | `" + s.files() + "`"), s.file() + " is not in the table with " + s.files());
        }
        assertEquals(expected, given);
        // the repository's own editor settings are that snippet
        JsonNode vscode = new ObjectMapper().readTree(Files.readString(Path.of(".vscode/settings.json"))).get("yaml.schemas");
        assertEquals(mapping, vscode, ".vscode/settings.json maps the schemas as docs/schemas.md does");
    }

    /** A YAML example of docs/schemas.md that names its schema is valid by it and read by its reader. */
    @Test
    void the_docs_examples_with_a_modeline_are_valid_and_read() throws IOException {
        String page = Files.readString(Path.of("docs/schemas.md"));
        int examples = 0;
        for (int at = page.indexOf("```yaml\n"); at >= 0; at = page.indexOf("```yaml\n", at + 1)) {
            String yaml = page.substring(at + 8, page.indexOf("```", at + 8));
            String first = yaml.lines().findFirst().orElse("");
            if (!first.startsWith("# yaml-language-server: $schema=")) continue;
            String file = first.substring(first.lastIndexOf('/') + 1);
            List<Error> errors = SchemaCheck.validate(file, yaml);
            assertTrue(errors.isEmpty(), "the example is not valid by " + file + ":" + SchemaCheck.show(errors));
            assertEquals(null, SchemaAgreementTests.read(new SchemaAgreementTests.Example(file, "docs", yaml, null, null, null)), "the reader refuses the example");
            examples++;
        }
        assertTrue(examples > 0, "no example with a modeline");
    }

    /**
     * Read from the checked-in files, not from the generator: each enum a schema defines lists exactly the spellings
     * of the Java enum its reader looks names up in, in the enum's order.
     */
    @Test
    void each_enum_of_the_schemas_lists_the_spellings_of_its_java_enum() throws IOException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("ntStatus", names(NtStatus.values(), Enum::name));
        expected.put("processKind", names(ProcessKind.values(), ProcessKind::id));
        expected.put("objectKind", names(ObjectKind.values(), ObjectKind::id));
        expected.put("accessMode", names(AccessMode.values(), AccessMode::id));
        expected.put("relation", names(Relation.values(), Relation::id));
        expected.put("operation", names(Operation.values(), Operation::id));
        expected.put("parentExemption", names(ParentExemption.values(), ParentExemption::id));
        expected.put("impliedRights", names(ImpliedRights.values(), ImpliedRights::id));
        expected.put("createApi", names(CreateApi.values(), CreateApi::sdkName));
        expected.put("subsystem", names(ImageSpec.Subsystem.values(), ImageSpec.Subsystem::id));
        expected.put("imageSource", names(ImageSource.values(), ImageSource::id));
        expected.put("privilege", names(Privilege.values(), Privilege::sdkName));
        List<String> signers = new ArrayList<>(names(PsProtectedSigner.values(), PsProtectedSigner::shortName));
        signers.addAll(names(PsProtectedSigner.values(), PsProtectedSigner::sdkName));
        expected.put("signerName", signers);
        Set<String> seen = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (PolicySchemas.Schema s : PolicySchemas.ALL) {
            JsonNode defs = json.readTree(PolicySchemas.DIR.resolve(s.file()).toFile()).path("$defs");
            for (var e : expected.entrySet()) {
                if (!defs.has(e.getKey())) continue;
                List<String> listed = new ArrayList<>();
                defs.get(e.getKey()).get("enum").forEach(n -> listed.add(n.asText()));
                assertEquals(e.getValue(), listed, s.file() + " $defs/" + e.getKey());
                seen.add(e.getKey());
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), seen, "an enum no schema defines");
    }

    private static <E extends Enum<E>> List<String> names(E[] values, java.util.function.Function<E, String> name) {
        return java.util.Arrays.stream(values).map(name).toList();
    }

    /** Each shipped file, with the schema its directory takes. */
    static List<Object[]> shipped() throws IOException {
        List<Object[]> out = new ArrayList<>();
        for (PolicySchemas.Schema s : PolicySchemas.ALL) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + s.files());
            List<Path> files;
            try (Stream<Path> all = Files.walk(Path.of("policies"))) {
                files = all.filter(p -> m.matches(p) || (s.files().contains("/**/") && FileSystems.getDefault()
                        .getPathMatcher("glob:" + s.files().replace("/**/", "/")).matches(p))).sorted().toList();
            }
            assertFalse(files.isEmpty(), s.files() + " matches no file");
            for (Path f : files) out.add(new Object[]{s.file(), f});
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> every_shipped_policy_file_is_valid_by_its_schema() throws IOException {
        return shipped().stream().map(c -> DynamicTest.dynamicTest(c[1] + " by " + c[0], () -> {
            List<Error> errors = SchemaCheck.validate((String) c[0], Files.readString((Path) c[1]));
            assertTrue(errors.isEmpty(), c[1] + " is not valid by " + c[0] + ":" + SchemaCheck.show(errors));
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_shipped_policy_file_is_valid_as_a_yaml_1_2_editor_reads_it() throws IOException {
        return shipped().stream().map(c -> DynamicTest.dynamicTest(c[1] + " by " + c[0], () -> {
            var schema = SchemaCheck.schema((String) c[0], "");
            List<Error> errors = schema.validate(SchemaCheck.editorTree(Files.readString((Path) c[1])));
            assertTrue(errors.isEmpty(), c[1] + " is not valid by " + c[0] + " as an editor reads it:" + SchemaCheck.show(errors));
        }));
    }

    /**
     * docs/schemas.md: an editor reads YAML 1.2, where {@code 0110} is the integer 110 and {@code True} a boolean; the
     * policy reader refuses both, and so does the schema on the values the reader sees, but the editor cannot tell.
     */
    @Test
    void an_editor_takes_the_numbers_and_booleans_yaml_1_2_resolves_which_the_reader_refuses() {
        String pid = SchemaAgreementTests.with(SchemaAgreementTests.SYSTEM, "pid: 800", "pid: 0110");
        String bool = SchemaAgreementTests.with(SchemaAgreementTests.SYSTEM, "kind: minimal}", "kind: minimal, disallowUserTerminate: True}");
        for (String yaml : List.of(pid, bool)) {
            assertTrue(SchemaCheck.schema("system.schema.json", "").validate(SchemaCheck.editorTree(yaml)).isEmpty(), "the editor's reading is valid:\n" + yaml);
            assertFalse(SchemaCheck.validate("system.schema.json", yaml).isEmpty(), "the reader's reading is not:\n" + yaml);
        }
    }
}
