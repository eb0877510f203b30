package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim prove policies/properties}, as CI runs it: what should hold is PROVED, App self-dominance is REFUTED; laws of creation too. */
class ShippedPropertiesTests {

    /** Exactly what CI promises: {@code pplsim prove policies/properties}, its exit code and its JSON report. */
    @Test
    void shipped_properties_come_out_as_declared() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            exit = dev.pplsim.cli.Main.run("prove", "policies/properties", "--json");
        } finally {
            System.setOut(old);
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, exit, String.join("\n", lines));
        // 12 laws of opens (protection.yaml), 8 of creation (creation.yaml) and 7 of image loads (loads.yaml)
        assertEquals(27, lines.size());
        ObjectMapper json = new ObjectMapper();
        long cases = 0;
        for (String line : lines) {
            JsonNode r = json.readTree(line);
            cases += r.get("cases").asLong();
            System.out.printf("%-8s %-60s %,12d cases %6d ms%n", r.get("verdict").asText(), r.get("property").asText(), r.get("cases").asLong(), r.get("millis").asLong());
            assertTrue(r.get("asDeclared").asBoolean(), line);
            assertTrue(r.get("cases").asLong() > 0, line);
            if (r.has("op")) {
                assertTrue(r.get("op").asText().equals("create") || r.get("op").asText().equals("load"), line);
                assertTrue(r.get("constrained").asLong() > 0, line);
            }
            if (r.get("property").asText().equals("a_signer_always_dominates_itself")) {
                assertEquals("REFUTED", r.get("verdict").asText());
                JsonNode c = r.get("counterexample");
                assertEquals("windows-10-11", c.get("build").asText());
                assertEquals("0x81", c.get("caller").asText());
                assertEquals("0x81", c.get("target").asText());
                assertEquals("process", c.get("object").asText());
                assertEquals("0x00000001", c.get("desired").asText());
                assertEquals("user", c.get("mode").asText());
                assertEquals("none", c.get("relation").asText());
                assertEquals("expected protection compatible, got incompatible", c.get("failure").asText());
                assertEquals("R40.6", c.get("decision").get("stages").findValues("rule").stream().map(JsonNode::asText)
                        .filter(id -> id.startsWith("R40")).findFirst().orElseThrow());
            } else if (r.get("property").asText().equals("a_ppl_loads_below_its_section_level_from_knowndlls_before_july_2022")) {
                // PPLdump's path, as declared: the minimal counterexample maps an unchecked \KnownDlls section on an early build
                assertEquals("REFUTED", r.get("verdict").asText());
                JsonNode c = r.get("counterexample");
                assertEquals("windows-10-early", c.get("request").get("build").asText());
                assertEquals("known-dlls", c.get("request").get("image").get("source").asText());
                assertEquals("[\"L10.5\",\"L20.2\",\"L30.3\",\"L40.3\",\"L50.3\",\"L90.2\"]", c.get("decision").get("rules").toString());
            } else {
                assertEquals("PROVED", r.get("verdict").asText(), line);
                assertNull(r.get("counterexample"), line);
            }
        }
        System.out.printf("shipped properties: %,d cases%n", cases);
    }

    @Test
    void one_property_over_the_whole_default_domain() {
        // every caller byte x target byte x process/thread x user/kernel x each right bit, flipping the audit bit
        Simulator sim = Simulator.builtIn();
        Prover prover = new Prover(new DecisionTable(sim), List.of("windows-10-11"));
        var audit = Prover.read(List.of(Path.of("policies/properties/protection.yaml"))).stream()
                .filter(e -> e.getValue().name().equals("audit_bit_never_changes_a_decision")).findFirst().orElseThrow();
        Prover.Result r = prover.prove(audit.getKey(), audit.getValue());
        System.out.printf("full-domain proof: %s %,d cases (%,d keys undecidable) in %d ms%n", r.verdict(), r.cases(), r.undecidable(), r.millis());
        assertEquals(Prover.Verdict.PROVED, r.verdict());
        // 144 x 144 decidable pairs x 2 objects x 2 modes x 2 relations x 21 rights
        assertEquals(144L * 144 * 2 * 2 * 2 * 21, r.cases());
    }
}
