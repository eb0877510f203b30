package dev.pplsim.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository carries the model it cites: every spec section a rule or a policy file names has a line in
 * docs/model.md's index, so a reader without the research notes can look it up.
 */
class ModelIndexTests {

    private static final Pattern CITED = Pattern.compile("§(\\d+(?:\\.\\d+)?)");

    /** The sections an index row covers: "§3, §3.1" and ranges "§1.1-1.3". */
    static Set<String> indexed(String model) {
        int from = model.indexOf("## The spec sections the rules cite");
        assertTrue(from >= 0, "docs/model.md has the index");
        Set<String> out = new TreeSet<>();
        for (String line : model.substring(from).split("\n")) {
            if (!line.startsWith("| §")) continue;
            String cell = line.substring(2, line.indexOf('|', 2)).trim();
            for (String part : cell.split(",\\s*")) {
                Matcher range = Pattern.compile("§(\\d+)\\.(\\d+)-(\\d+)\\.(\\d+)").matcher(part);
                if (range.matches()) {
                    for (int i = Integer.parseInt(range.group(2)); i <= Integer.parseInt(range.group(4)); i++) out.add(range.group(1) + "." + i);
                } else {
                    out.add(part.replace("§", "").trim());
                }
            }
        }
        return out;
    }

    static Set<String> cited(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> rules = Files.walk(root.resolve("rules")); Stream<Path> policies = Files.walk(root.resolve("policies"))) {
            rules.filter(p -> p.toString().endsWith(".drl")).forEach(files::add);
            policies.filter(p -> p.toString().endsWith(".yaml")).forEach(files::add);
        }
        for (Path f : files) {
            Matcher m = CITED.matcher(Files.readString(f));
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    @Test
    void every_section_a_rule_or_policy_cites_is_in_the_model_index() throws IOException {
        Set<String> index = indexed(Files.readString(Path.of("docs/model.md")));
        Set<String> missing = new TreeSet<>(cited(Path.of(".")));
        missing.removeAll(index);
        assertEquals(Set.of(), missing, "cited in rules/ or policies/ but not in docs/model.md's index");
    }

    @Test
    void the_index_reads_ranges_and_lists() {
        assertEquals(Set.of("1.1", "1.2", "1.3", "3", "3.1"), indexed("## The spec sections the rules cite\n| §1.1-1.3 | x | C | y |\n| §3, §3.1 | x | C | y |\n"));
    }
}
