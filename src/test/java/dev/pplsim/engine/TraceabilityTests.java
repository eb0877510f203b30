package dev.pplsim.engine;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule and every policy file traces to a section of the spec that exists, and every rule's id names the
 * stage of the file it is in. The spec lives beside the checkout (../shared/spec), as on developers' machines and
 * in CI; where it is absent the section check is skipped, the id check is not.
 */
class TraceabilityTests {

    private static final Path SPEC = Path.of("..", "shared", "spec", "windows-protection.md");
    private static final Pattern SECTION = Pattern.compile("§(\\d+(?:\\.\\d+)?)");

    private static List<Path> files(String dir, String ending) throws IOException {
        try (Stream<Path> s = Files.walk(Path.of(dir))) {
            return s.filter(p -> p.toString().endsWith(ending)).sorted().toList();
        }
    }

    @Test
    void every_rule_id_names_the_stage_of_its_file() throws IOException {
        // an open's stages are R<NN>, a creation's (rules/create/) C<NN>, a load's (rules/load/) L<NN>
        Pattern id = Pattern.compile("@id\\(\"([A-Z])(\\d{2})\\.\\d+\"\\)");
        int rules = 0;
        for (Path f : files("rules", ".drl")) {
            String stage = f.getFileName().toString().substring(0, 2);
            String parent = f.getParent().getFileName().toString();
            String prefix = parent.equals("create") ? "C" : parent.equals("load") ? "L" : "R";
            String text = Files.readString(f);
            int inFile = text.split("\\nrule \"", -1).length - 1;
            Matcher m = id.matcher(text);
            int ids = 0;
            while (m.find()) {
                assertEquals(prefix + stage, m.group(1) + m.group(2), f + ": a rule of stage " + prefix + stage + " has id " + m.group(1) + m.group(2));
                ids++;
            }
            assertEquals(inFile, ids, f + ": every rule needs one @id");
            rules += ids;
        }
        assertEquals(Simulator.builtIn().rules().rules().size(), rules);
    }

    @Test
    void every_cited_section_exists_in_the_spec() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SPEC), "the spec is not beside this checkout");
        String spec = Files.readString(SPEC);
        Set<String> sections = new HashSet<>();
        Matcher h = Pattern.compile("(?m)^#{2,3} (\\d+(?:\\.\\d+)?)[. ]").matcher(spec);
        while (h.find()) sections.add(h.group(1));
        // §9.N cites the N-th worked case, a numbered item of section 9
        String nine = spec.substring(spec.indexOf("## 9."), spec.indexOf("## 10."));
        Matcher item = Pattern.compile("(?m)^(\\d+)\\. ").matcher(nine);
        while (item.find()) sections.add("9." + item.group(1));
        List<String> missing = new ArrayList<>();
        int cites = 0;
        List<Path> cited = new ArrayList<>(files("rules", ".drl"));
        cited.addAll(files("policies", ".yaml"));
        for (Path f : cited) {
            Matcher m = SECTION.matcher(Files.readString(f));
            while (m.find()) {
                cites++;
                if (!sections.contains(m.group(1))) missing.add(f + ": §" + m.group(1));
            }
        }
        assertTrue(cites > 100, "citations found: " + cites);
        assertEquals(List.of(), missing, "sections cited but not in the spec");
    }
}
