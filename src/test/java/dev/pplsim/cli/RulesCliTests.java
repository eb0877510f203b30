package dev.pplsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim rules}: the catalog, its filters, one rule shown in full, and an unknown id with the nearest ones. */
class RulesCliTests {

    @Test
    void the_list_is_an_aligned_table_of_every_rule() {
        CliTests.Result r = CliTests.run("", "rules");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).matches("ID +STAGE +KIND +NAME +CITE"), lines.get(0));
        int cite = lines.get(0).indexOf("CITE");
        String r505 = lines.stream().filter(l -> l.startsWith("R50.5 ")).findFirst().orElseThrow();
        assertTrue(r505.matches("R50\\.5 +50 Denied access +open +veto the denied rights for an incompatible caller +spec §3\\.2"), r505);
        assertEquals(cite, r505.indexOf("spec §3.2"), "the cite column is aligned");
        // every rule once: the header, one row each, the count
        assertEquals(lines.size() - 2 + " rules", lines.get(lines.size() - 1));
        assertTrue(lines.size() - 2 > 100, "rules listed: " + (lines.size() - 2));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("C70.1 ")) && lines.stream().anyMatch(l -> l.startsWith("L50.1 ")));
    }

    @Test
    void filters_narrow_the_list_by_stage_kind_and_text() {
        CliTests.Result stage = CliTests.run("", "rules", "--stage", "50", "--kind", "OPEN");
        assertEquals(0, stage.exit(), stage.err());
        List<String> ids = stage.outLines().stream().skip(1).filter(l -> l.matches("^[RCL]\\d.*")).map(l -> l.split(" ")[0]).toList();
        assertEquals(List.of("R50.1", "R50.2", "R50.3", "R50.4", "R50.5", "R50.6"), ids);
        assertEquals(stage.out(), CliTests.run("", "rules", "--stage", "R50").out(), "R50 is an open's stage 50");
        CliTests.Result label = CliTests.run("", "rules", "--stage", "c50");
        assertTrue(label.outLines().stream().skip(1).filter(l -> l.matches("^[RCL]\\d.*")).allMatch(l -> l.startsWith("C50.")), label.out());
        CliTests.Result grep = CliTests.run("", "rules", "--grep", "PPLFAULT");
        assertEquals(0, grep.exit(), grep.err());
        assertTrue(grep.out().contains("L50.6 ") && grep.out().contains("L50.3 "), grep.out());
        assertTrue(grep.outLines().stream().skip(1).filter(l -> l.matches("^[RCL]\\d.*")).allMatch(l -> l.contains("PPLFault")), grep.out());
        CliTests.assertOneLineError(CliTests.run("", "rules", "--stage", "fifty"), "pplsim: --stage: expected a stage number");
    }

    // --rules/--policies: the checkout's directories, as ./pplsim names them (a test run's built-in copy is target/classes/pplsim/)
    @Test
    void one_rule_shows_its_stage_cite_source_text_and_scenarios() {
        CliTests.Result r = CliTests.run("", "rules", "r50.5", "--rules", "rules", "--policies", "policies");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("R50.5  veto the denied rights for an incompatible caller\n"), r.out());
        assertTrue(r.out().contains("  stage       50 Denied access (open rules)\n"), r.out());
        assertTrue(r.out().contains("  kernel      PspProcessOpen / PspThreadOpen: RtlProtectedAccess[]\n"), r.out());
        assertTrue(r.out().contains("  source      rules/50-denied-access.drl:"), r.out());
        assertTrue(r.out().contains("policies/scenarios/bypass-lessons.yaml:"), r.out());
        assertTrue(r.out().contains("    rule \"veto the denied rights for an incompatible caller\"\n        @id(\"R50.5\") @cite(\"spec §3.2\")"), r.out());
        assertTrue(r.out().strip().endsWith("end"), r.out());
    }

    @Test
    void a_cite_with_a_confidence_mark_shows_it() {
        CliTests.Result r = CliTests.run("", "rules", "L50.5");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  confidence  U (from the cite)\n"), r.out());
    }

    @Test
    void json_gives_the_same_facts() throws Exception {
        JsonNode one = new ObjectMapper().readTree(CliTests.run("", "rules", "R50.5", "--format", "json", "--rules", "rules", "--policies", "policies").out());
        assertEquals("R50.5", one.get("id").asText());
        assertEquals(50, one.get("stage").get("number").asInt());
        assertEquals("open", one.get("kind").asText());
        assertEquals("rules/50-denied-access.drl", one.get("source").get("file").asText());
        assertTrue(one.get("source").get("text").asText().startsWith("rule \"veto the denied rights for an incompatible caller\""));
        assertTrue(one.get("scenarios").size() > 0);
        JsonNode list = new ObjectMapper().readTree(CliTests.run("", "rules", "--kind", "load", "--format", "json").out());
        assertTrue(list.isArray() && list.size() > 5);
        for (JsonNode n : list) assertEquals("load", n.get("kind").asText(), n.toString());
    }

    @Test
    void an_unknown_id_is_one_line_naming_the_nearest() {
        CliTests.Result r = CliTests.run("", "rules", "R50.55");
        CliTests.assertOneLineError(r, "pplsim: unknown rule 'R50.55'; did you mean R50.5?");
        assertEquals("", r.out());
        CliTests.assertOneLineError(CliTests.run("", "rules", "nonsense-id"), "pplsim: unknown rule 'nonsense-id'\n");
        CliTests.assertOneLineError(CliTests.run("", "rules", "R50.5", "--kind", "open"), "pplsim: --kind: filters the list");
    }
}
