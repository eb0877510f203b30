package dev.pplsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pplsim.cli.CliTests.assertOneLineError;
import static dev.pplsim.cli.CliTests.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a descriptor holds that pplsim keeps but does not apply is said where the decision is: a {@code note} line in
 * {@code decide}, {@code target.sdNotes} in {@code decide --json}, {@code sdNotes} in a batch line; an ACL beyond
 * its 16-bit size is a one-line error in both.
 */
class SdNotesCliTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SD = "D:(XA;;GA;;;WD;(Member_of {SID(BA)}))(A;;0x1000;;;WD)S:(AU;SAFA;GA;;;WD)(SP;;;;;S-1-17-1)";
    private static final String XA_NOTE = "DACL ACE #1 (XA): conditional ACE not applied: pplsim evaluates no conditions (it models no claims),"
            + " and an allow ACE whose condition is unknown grants nothing (MS-DTYP 2.4.4.17.3)";
    private static final String SP_NOTE = "SACL ACE #2 (SP): central access policy not applied: pplsim models none, and a policy's rules"
            + " could only remove rights the DACL grants";

    @Test
    void decide_prints_a_note_line_per_kind_of_ace_it_does_not_apply_and_keeps_the_audit_ace_in_the_descriptor() throws Exception {
        CliTests.Result r = run("", "decide", "--caller", "None", "--target", "None", "--token", "standard-user", "--sd", SD,
                "--access", "MAXIMUM_ALLOWED");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("          object descriptor " + SD + "\n"), r.out());
        assertTrue(r.out().contains("decision  STATUS_SUCCESS (0x00000000), granted 0x00001000"), r.out());
        assertTrue(r.out().contains("\nnote      " + XA_NOTE + "\nnote      " + SP_NOTE + "\n"), r.out());
        r = run("", "decide", "--caller", "None", "--target", "None", "--token", "standard-user", "--sd", SD, "--access", "MAXIMUM_ALLOWED", "--json");
        JsonNode target = JSON.readTree(r.out()).get("target");
        assertEquals(List.of(XA_NOTE, SP_NOTE), List.of(target.get("sdNotes").get(0).asText(), target.get("sdNotes").get(1).asText()));
        assertEquals(2, target.get("sdNotes").size());
        // a descriptor without such ACEs has neither
        r = run("", "decide", "--caller", "None", "--target", "None", "--token", "standard-user", "--sd", "D:(A;;0x1000;;;WD)S:(AU;SA;GA;;;WD)",
                "--access", "MAXIMUM_ALLOWED", "--json");
        assertFalse(JSON.readTree(r.out()).get("target").has("sdNotes"), r.out());
    }

    @Test
    void a_batch_line_carries_its_descriptor_notes_and_an_oversized_acl_is_its_error() throws Exception {
        String line = "{\"id\":\"n1\",\"caller\":{\"protection\":\"None\",\"token\":\"standard-user\"},\"target\":{\"protection\":\"None\",\"sd\":"
                + JSON.writeValueAsString(SD) + "},\"desired\":\"MAXIMUM_ALLOWED\"}";
        // a policy ACE is no fact of the rules: with it and without it, the same rules give the same outcome, and a
        // line kept for that outcome must neither lose the notes nor lend them
        String policy = line.replace("\"n1\"", "\"n2\"").replace(JSON.writeValueAsString(SD), "\"D:(A;;0x1000;;;WD)S:(SP;;;;;S-1-17-1)\"");
        String plain = line.replace("\"n1\"", "\"n3\"").replace(JSON.writeValueAsString(SD), "\"D:(A;;0x1000;;;WD)\"");
        String big = line.replace("\"n1\"", "\"n6\"").replace(JSON.writeValueAsString(SD), "\"D:" + "(A;;0x1;;;WD)".repeat(4000) + "\"");
        CliTests.Result r = run(String.join("\n", line, plain, policy, plain.replace("\"n3\"", "\"n4\""), policy.replace("\"n2\"", "\"n5\""), big)
                + "\n", "batch");
        List<String> out = r.outLines();
        assertEquals(6, out.size(), r.out() + r.err());
        List<JsonNode> n = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) n.add(JSON.readTree(out.get(k)));
        for (JsonNode l : n) assertEquals("0x00001000", l.get("granted").asText(), l.toString());
        assertEquals(List.of(XA_NOTE, SP_NOTE), List.of(n.get(0).get("sdNotes").get(0).asText(), n.get(0).get("sdNotes").get(1).asText()));
        String policyNote = "SACL ACE #1 (SP): central access policy not applied: pplsim models none, and a policy's rules could only remove rights the DACL grants";
        for (int k : new int[]{2, 4}) {
            assertEquals(1, n.get(k).get("sdNotes").size(), n.get(k).toString());
            assertEquals(policyNote, n.get(k).get("sdNotes").get(0).asText());
        }
        for (int k : new int[]{1, 3}) assertFalse(n.get(k).has("sdNotes"), n.get(k).toString());
        assertEquals(n.get(1).get("rules"), n.get(2).get("rules"), "the same outcome with and without the policy ACE");
        assertEquals("line 6: target.sd: SDDL at " + (3 + 13 * 3276) + ": the DACL would exceed 65,535 bytes (an ACL's size is 16 bits) at ACE 3277",
                JSON.readTree(out.get(5)).get("error").asText());
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--token", "standard-user",
                "--sd", "D:" + "(A;;0x1;;;WD)".repeat(4000), "--access", "1"),
                "pplsim: --sd: SDDL at " + (3 + 13 * 3276) + ": the DACL would exceed 65,535 bytes (an ACL's size is 16 bits) at ACE 3277");
    }
}
