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

/**
 * {@code pplsim batch} with the security-descriptor stage's fields (caller.token, target.sd, target.token,
 * target.object token, operation, sourceAccess) and {@code --explain}, end to end. Every expected mask and status was
 * computed by hand from docs/ACCESS-CHECK.md and the presets of policies/tokens.yaml and
 * policies/security-descriptors.yaml.
 */
class BatchTokenTests {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_VS_LSASS = "{\"id\":\"a1\",\"caller\":{\"protection\":\"None\",\"token\":\"admin-elevated\"},"
            + "\"target\":{\"protection\":\"Lsa-Light\",\"token\":\"lsass\"},\"desired\":\"PROCESS_VM_READ|PROCESS_QUERY_INFORMATION\"}";
    private static final String USER_VS_LSASS = "{\"id\":\"u1\",\"caller\":{\"protection\":\"None\",\"token\":\"standard-user\"},"
            + "\"target\":{\"protection\":\"Lsa-Light\",\"token\":\"lsass\"},\"desired\":\"PROCESS_QUERY_LIMITED_INFORMATION\"}";
    private static final String OLD = "{\"id\":\"old\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}";

    private static List<JsonNode> lines(CliTests.Result r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.outLines()) out.add(JSON.readTree(l));
        return out;
    }

    private static void decided(JsonNode line, String id, String status, String ntstatus, String granted, String... rules) {
        assertEquals(id, line.get("id").asText(), line.toString());
        assertEquals(status, line.get("status").asText(), line.toString());
        assertEquals(ntstatus, line.get("ntstatus").asText(), line.toString());
        assertEquals(granted, line.get("granted").asText(), line.toString());
        List<String> fired = new ArrayList<>();
        line.get("rules").forEach(n -> fired.add(n.asText()));
        for (String rule : rules) assertTrue(fired.contains(rule), rule + " among " + fired);
    }

    @Test
    void presets_inline_tokens_sddl_token_objects_duplicates_and_debugging_are_decided() throws Exception {
        String in = String.join("\n",
                ADMIN_VS_LSASS,
                // SeDebugPrivilege grants 0x1000, which lies outside Lsa's denied mask 0xFC7FF
                "{\"id\":\"a2\",\"caller\":{\"protection\":\"None\",\"token\":\"admin-elevated\"},\"target\":{\"protection\":\"Lsa-Light\",\"token\":\"lsass\"},\"desired\":\"PROCESS_QUERY_LIMITED_INFORMATION\"}",
                // lsass's default DACL names SY and BA only: a standard user is granted nothing
                USER_VS_LSASS,
                // an inline token (a restricted standard user) and a given SDDL: both walks grant only 0x1000 | RC|WD of the owner
                "{\"id\":\"r1\",\"caller\":{\"protection\":\"None\",\"token\":{\"base\":\"standard-user\",\"restrictedSids\":[\"RC\",\"S-1-5-21-1111111111-2222222222-3333333333-1002\"]}},"
                        + "\"target\":{\"protection\":\"None\",\"sd\":\"O:S-1-5-21-1111111111-2222222222-3333333333-1002D:(A;;0x1fffff;;;BU)(A;;0x1000;;;RC)\"},\"desired\":\"MAXIMUM_ALLOWED\"}",
                // the deny ACE comes first
                "{\"id\":\"s1\",\"caller\":{\"protection\":\"None\",\"token\":\"standard-user\"},\"target\":{\"protection\":\"None\",\"sd\":\"D:(D;;0x10;;;BU)(A;;0x1fffff;;;BU)\"},\"desired\":\"PROCESS_VM_READ\"}",
                // the token of a user-run App-Light process: its trust label 0x2001E holds TOKEN_QUERY, not TOKEN_ADJUST_PRIVILEGES
                "{\"id\":\"t1\",\"caller\":{\"protection\":\"None\",\"token\":\"standard-user\"},\"target\":{\"protection\":\"App-Light\",\"object\":\"token\",\"token\":\"standard-user\"},\"desired\":\"TOKEN_QUERY\"}",
                "{\"id\":\"t2\",\"caller\":{\"protection\":\"None\",\"token\":\"standard-user\"},\"target\":{\"protection\":\"App-Light\",\"object\":\"token\",\"token\":\"standard-user\"},\"desired\":\"TOKEN_ADJUST_PRIVILEGES\"}",
                // DuplicateHandle: no access check, but PspProcessOpen with the receiver as caller (spec §3.4)
                "{\"id\":\"d1\",\"caller\":{\"protection\":\"None\",\"token\":\"standard-user\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":0,\"operation\":\"duplicate\",\"sourceAccess\":\"PROCESS_ALL_ACCESS\"}",
                "{\"id\":\"d2\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_QUERY_LIMITED_INFORMATION\",\"operation\":\"duplicate\",\"sourceAccess\":4096}",
                "{\"id\":\"g1\",\"caller\":{\"protection\":\"None\",\"token\":\"admin-elevated\"},\"target\":{\"protection\":\"Lsa-Light\",\"token\":\"lsass\"},\"desired\":\"PROCESS_SUSPEND_RESUME\",\"operation\":\"debug\"}",
                // SeSecurityPrivilege is held but disabled in admin-elevated
                "{\"id\":\"p1\",\"caller\":{\"protection\":\"None\",\"token\":\"admin-elevated\"},\"target\":{\"protection\":\"None\",\"token\":\"admin-elevated\"},\"desired\":\"ACCESS_SYSTEM_SECURITY|PROCESS_QUERY_LIMITED_INFORMATION\"}",
                "");
        CliTests.Result r = CliTests.run(in, "batch");
        assertEquals(0, r.exit(), r.out() + r.err());
        List<JsonNode> out = lines(r);
        assertEquals(11, out.size(), r.out());
        decided(out.get(0), "a1", "STATUS_ACCESS_DENIED", "0xC0000022", "0x00000000", "R20.6", "R40.4", "R50.5", "R90.2");
        decided(out.get(1), "a2", "STATUS_SUCCESS", "0x00000000", "0x00001000", "R20.6", "R40.4", "R90.3");
        decided(out.get(2), "u1", "STATUS_ACCESS_DENIED", "0xC0000022", "0x00000000", "R20.8", "R22.3", "R26.11", "R28.2", "R90.1");
        decided(out.get(3), "r1", "STATUS_SUCCESS", "0x00000000", "0x00061000", "R26.3", "R26.5", "R26.8", "R26.18", "R28.3");
        decided(out.get(4), "s1", "STATUS_ACCESS_DENIED", "0xC0000022", "0x00000000", "R26.7", "R26.14", "R28.2", "R90.1");
        decided(out.get(5), "t1", "STATUS_SUCCESS", "0x00000000", "0x00000008", "R24.5", "R28.1", "R90.3");
        decided(out.get(6), "t2", "STATUS_ACCESS_DENIED", "0xC0000022", "0x00000000", "R24.5", "R28.2", "R90.1");
        decided(out.get(7), "d1", "STATUS_ACCESS_DENIED", "0xC0000022", "0x00000000", "R20.9", "R50.5", "R90.2");
        decided(out.get(8), "d2", "STATUS_SUCCESS", "0x00000000", "0x00001000", "R20.9", "R40.4", "R90.3");
        decided(out.get(9), "g1", "STATUS_PROCESS_IS_PROTECTED", "0xC0000712", "0x00000000", "R20.6", "R85.1", "R90.2");
        decided(out.get(10), "p1", "STATUS_PRIVILEGE_NOT_HELD", "0xC0000061", "0x00000000", "R20.5", "R90.1");
        // a token object has no open procedure: no protection stage ran for the token open itself
        out.get(5).get("rules").forEach(n -> assertFalse(n.asText().startsWith("R40"), out.get(5).toString()));
        for (JsonNode l : out) assertFalse(l.has("stages"), "no --explain, no stages: " + l);
    }

    @Test
    void old_lines_answer_byte_for_byte_as_before_whatever_lines_surround_them() {
        String alone = CliTests.run(OLD + "\n", "batch").out();
        CliTests.Result mixed = CliTests.run(String.join("\n", USER_VS_LSASS, OLD, ADMIN_VS_LSASS, OLD, ""), "batch");
        assertEquals(0, mixed.exit(), mixed.err());
        assertEquals(alone.strip(), mixed.outLines().get(1));
        assertEquals(alone.strip(), mixed.outLines().get(3));
        // the contract's five fields in its order, nothing more
        assertTrue(alone.matches("\\{\"id\":\"old\",\"status\":\"STATUS_ACCESS_DENIED\",\"ntstatus\":\"0xC0000022\",\"granted\":\"0x00000000\",\"rules\":\\[(\"R\\d+\\.\\d+\",?)+]}\\R"), alone);
    }

    @Test
    void explain_adds_the_stages_decide_json_shows() throws Exception {
        CliTests.Result r = CliTests.run(String.join("\n", OLD, USER_VS_LSASS, ""), "batch", "--explain=decisive");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> out = lines(r);
        for (JsonNode l : out) {
            assertTrue(l.get("stages").isArray() && l.get("stages").size() > 0, l.toString());
            for (JsonNode st : l.get("stages")) {
                List<String> keys = new ArrayList<>();
                st.fieldNames().forEachRemaining(keys::add);
                assertEquals(List.of("stage", "title", "kernelFunction", "rule", "name", "cite", "matched", "derived"), keys);
            }
        }
        // the protection-only line explains exactly as decide --json --explain=decisive does
        CliTests.Result d = CliTests.run("", "decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ", "--json", "--explain=decisive");
        assertEquals(0, d.exit(), d.err());
        assertEquals(JSON.readTree(d.out()).get("stages"), out.get(0).get("stages"));
        // the standard user's refusal is explained at the access check's result: nothing granted it query-limited
        JsonNode refusal = null;
        for (JsonNode st : out.get(1).get("stages")) if (st.get("rule").asText().equals("R28.2")) refusal = st;
        assertTrue(refusal != null, out.get(1).toString());
        assertEquals(28, refusal.get("stage").asInt());
        assertEquals("SeAccessCheck: GrantedAccess", refusal.get("kernelFunction").asText());
        assertTrue(refusal.get("derived").get(0).asText().contains("never granted: PROCESS_QUERY_LIMITED_INFORMATION"), refusal.toString());
        // full: one stage per rule that fired, in firing order
        JsonNode full = lines(CliTests.run(USER_VS_LSASS + "\n", "batch", "--explain")).get(0);
        assertEquals(full.get("rules").size(), full.get("stages").size());
        for (int i = 0; i < full.get("rules").size(); i++) assertEquals(full.get("rules").get(i), full.get("stages").get(i).get("rule"));
        CliTests.assertOneLineError(CliTests.run(OLD, "batch", "--explain=loud"), "pplsim: --explain: expected off, decisive or full, got 'loud'");
        // a bare --explain before the file name does not take the file for its mode
        Path f = tmp.resolve("in.jsonl");
        Files.writeString(f, USER_VS_LSASS + "\n");
        CliTests.Result fromFile = CliTests.run("", "batch", "--explain", f.toString());
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertEquals(full, lines(fromFile).get(0));
        assertTrue(lines(CliTests.run("", "batch", "--explain", "decisive", f.toString())).get(0).get("stages").size() < full.get("stages").size());
    }

    @Test
    void bad_security_fields_are_one_line_errors_naming_the_field_and_processing_goes_on() {
        String in = String.join("\n",
                "{\"id\":\"e1\",\"caller\":{\"protection\":\"None\",\"token\":\"admin-elevated\"},\"target\":{\"protection\":\"None\",\"sd\":\"D:(Q;;GA;;;WD)\"},\"desired\":\"1\"}",
                "{\"id\":\"e2\",\"caller\":{\"protection\":\"None\",\"token\":{\"base\":\"standard-user\",\"groups\":[{\"sid\":\"XX\",\"attributes\":\"ENABLED\"}]}},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"}",
                "{\"id\":\"e3\",\"caller\":{\"protection\":\"None\",\"token\":{\"base\":\"standard-user\",\"privileges\":[{\"name\":\"SeChangeNotifyPrivilege\",\"enabled\":true},{\"name\":\"SeShutdownPrivilege\",\"enabled\":false},{\"name\":\"SeDebugPrivlege\",\"enabled\":true}]}},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"}",
                "{\"id\":\"e4\",\"caller\":{\"protection\":\"None\",\"token\":\"admin-elevated\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\",\"sdGranted\":\"1\"}",
                "{\"id\":\"e5\",\"caller\":{\"protection\":\"None\",\"token\":{\"base\":\"system\",\"trustSid\":\"S-1-19-1024-8192\"}},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"}",
                "{\"id\":\"e6\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"}",
                // after a protection-only line the table is warm: these must still reach the engine's input checks
                "{\"id\":\"e7\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\",\"object\":\"token\"},\"desired\":\"TOKEN_QUERY\"}",
                "{\"id\":\"e8\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\",\"sd\":\"D:NO_ACCESS_CONTROL\"},\"desired\":\"1\"}",
                "{\"id\":\"e9\",\"caller\":{\"protection\":\"None\",\"token\":\"admin-elevatd\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\"}",
                "{\"id\":\"e10\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"1\",\"operation\":\"attach\"}",
                "{\"id\":\"ok\",\"caller\":{\"protection\":\"None\",\"token\":\"standard-user\"},\"target\":{\"protection\":\"None\",\"token\":\"standard-user\"},\"desired\":\"PROCESS_TERMINATE\"}");
        CliTests.Result r = CliTests.run(in, "batch");
        assertEquals(2, r.exit(), r.out() + r.err());
        List<String> l = r.outLines();
        assertEquals(11, l.size(), r.out());
        assertTrue(l.get(0).startsWith("{\"id\":\"e1\",\"error\":\"line 1: target.sd: SDDL at 4: unknown ACE type 'Q'"), l.get(0));
        assertTrue(l.get(1).startsWith("{\"id\":\"e2\",\"error\":\"line 2: caller.token.groups[0].sid: unknown SID alias 'XX' (known: WD, "), l.get(1));
        assertTrue(l.get(2).startsWith("{\"id\":\"e3\",\"error\":\"line 3: caller.token.privileges[2].name: 'SeDebugPrivlege' is not a privilege (known: SeCreateTokenPrivilege, "), l.get(2));
        assertEquals("{\"id\":\"e4\",\"error\":\"line 4: sdGranted: must be absent when caller.token is given: the security-descriptor stage decides\"}", l.get(3));
        assertTrue(l.get(4).startsWith("{\"id\":\"e5\",\"error\":\"line 5: caller.token.trustSid: a token's trust SID is not given: it is derived from the process's protection"), l.get(4));
        assertTrue(l.get(5).startsWith("{\"id\":\"e6\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"granted\":\"0x00000001\""), l.get(5));
        assertTrue(l.get(6).startsWith("{\"id\":\"e7\",\"error\":\"line 7: caller.token: "), l.get(6));
        assertTrue(l.get(7).startsWith("{\"id\":\"e8\",\"error\":\"line 8: target.sd: needs caller.token"), l.get(7));
        assertTrue(l.get(8).startsWith("{\"id\":\"e9\",\"error\":\"line 9: caller.token: unknown token 'admin-elevatd' (known: admin-elevated, "), l.get(8));
        assertTrue(l.get(9).startsWith("{\"id\":\"e10\",\"error\":\"line 10: operation: expected open, duplicate or debug, got \\\"attach\\\""), l.get(9));
        // the user's own process: its DACL grants the user everything, at the user's own integrity
        assertTrue(l.get(10).startsWith("{\"id\":\"ok\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"granted\":\"0x00000001\""), l.get(10));
        for (String line : l) assertFalse(line.contains("\\tat ") || line.contains("Exception"), line);
    }
}
