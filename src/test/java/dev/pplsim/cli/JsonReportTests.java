package dev.pplsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON reports of test, verify, replay and who-can-start say what their text says, finding by finding. */
class JsonReportTests {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static JsonNode json(int exit, String... args) throws Exception {
        CliTests.Result r = CliTests.run("", args);
        assertEquals(exit, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void verify_gives_the_counts_and_each_mismatch_with_both_answers() throws Exception {
        JsonNode v = json(1, "verify", "src/test/resources/observations/sample.jsonl", "--format", "json");
        // as the text's first line: 14 observations; 11 agree, 0 explained, 2 mismatches, 1 skipped
        assertEquals(List.of(14, 11, 0, 2, 1), List.of(v.get("observations").asInt(), v.get("agree").asInt(), v.get("explained").asInt(),
                v.get("mismatches").asInt(), v.get("skipped").asInt()));
        List<String> kinds = new ArrayList<>();
        v.get("findings").forEach(f -> kinds.add(f.get("kind").asText() + " " + f.get("id").asText()));
        assertEquals(3, kinds.size(), kinds.toString());
        JsonNode o7 = v.get("findings").get(kinds.indexOf("MISMATCH o7"));
        // o7: the machine granted nothing where the model grants PROCESS_SUSPEND_RESUME
        assertEquals("0x00000000", o7.get("observed").get("granted").asText());
        assertEquals("0x00000800", o7.get("model").get("granted").asText());
        assertEquals("PROCESS_SUSPEND_RESUME", o7.get("desiredName").asText());
        assertEquals("0x31", o7.get("target").get("protection").asText());
        assertEquals("STATUS_SUCCESS", o7.get("explanation").get("status").asText());
        assertEquals(1, kinds.stream().filter(k -> k.startsWith("SKIPPED")).count());
    }

    @Test
    void replay_gives_each_flagged_and_unknown_record_then_the_counts() throws Exception {
        JsonNode r = json(1, "replay", "src/test/resources/sysmon/events.xml", "--format", "json");
        assertEquals(List.of(4, 2, 1, 1), List.of(r.get("records").asInt(), r.get("consistent").asInt(), r.get("flagged").asInt(), r.get("unknown").asInt()));
        JsonNode flagged = r.get("findings").get(0), unknown = r.get("findings").get(1);
        assertEquals("FLAGGED", flagged.get("kind").asText());
        // powershell reading lsass's memory under RunAsPPL: no user-mode open obtains 0x1010 (spec §2.2)
        assertEquals("powershell.exe (6600)", flagged.get("source").get("label").asText());
        assertEquals("0x41", flagged.get("target").get("protection").asText());
        assertEquals("0x00001010", flagged.get("grantedAccess").asText());
        assertEquals("STATUS_ACCESS_DENIED", flagged.get("model").get("status").asText());
        assertTrue(flagged.get("rules").toString().contains("R90.2"), flagged.toString());
        assertFalse(flagged.has("explanation"));
        assertEquals("UNKNOWN", unknown.get("kind").asText());
        assertFalse(unknown.get("source").get("inCatalog").asBoolean());
        assertTrue(json(1, "replay", "src/test/resources/sysmon/events.xml", "--format", "json", "--explain").get("findings").get(0).has("explanation"));
    }

    @Test
    void test_gives_each_scenario_and_a_failed_one_its_explanation() throws Exception {
        Path wrong = Files.writeString(tmp.resolve("wrong.yaml"), """
                scenarios:
                  - note: a wrong expectation
                    request: {caller: WinTcb-Light, target: Lsa-Light, desired: PROCESS_VM_READ}
                    want: {status: STATUS_ACCESS_DENIED}
                """);
        JsonNode t = json(1, "test", "policies/scenarios/self.yaml", wrong.toString(), "--format", "json", "--coverage");
        JsonNode last = t.get("scenarios").get(t.get("scenarios").size() - 1);
        assertEquals(List.of(t.get("scenarios").size() - 1, 1), List.of(t.get("passed").asInt(), t.get("failed").asInt()));
        assertEquals("a wrong expectation", last.get("note").asText());
        assertFalse(last.get("passed").asBoolean());
        assertTrue(last.get("failure").asText().contains("STATUS_SUCCESS"), last.toString());
        assertEquals("STATUS_SUCCESS", last.get("explanation").get("status").asText());
        assertTrue(t.get("coverage").size() > 0);
        CliTests.Result junit = CliTests.run("", "test", wrong.toString(), "--format", "junit");
        assertEquals(1, junit.exit());
        assertTrue(junit.out().contains("<testsuite name=\"pplsim scenarios\" tests=\"1\" failures=\"1\""), junit.out());
    }

    @Test
    void who_can_start_gives_each_creator_and_what_it_gets_back() throws Exception {
        JsonNode w = json(0, "who-can-start", "--image", "C:\\Windows\\System32\\services.exe", "--image-signer", "WinTcb", "--format", "json");
        CliTests.Result text = CliTests.run("", "who-can-start", "--image", "C:\\Windows\\System32\\services.exe", "--image-signer", "WinTcb");
        int yes = 0;
        for (JsonNode r : w.get("rows")) {
            // each row as the table prints it: the creator, the status, the child and the handle it gets back
            String line = text.out().lines().filter(l -> l.startsWith(r.get("creator").get("label").asText() + " ")).findFirst().orElseThrow();
            assertTrue(line.contains(r.get("status").asText()), line);
            if (r.get("status").asText().equals("STATUS_SUCCESS")) {
                yes++;
                assertTrue(line.contains(r.get("processAccess").asText()) && line.contains(r.get("childName").asText()), line + "\n" + r);
            } else {
                assertTrue(r.get("child").isNull() && r.get("processAccess").isNull(), r.toString());
            }
        }
        assertTrue(yes > 0);
        assertEquals(yes, w.get("count").asInt());
        assertTrue(text.out().contains(yes + " of " + w.get("rows").size() + " processes can start it"), text.out());
    }
}
