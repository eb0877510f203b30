package dev.pplsim.schema;

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
import java.util.List;
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
}
