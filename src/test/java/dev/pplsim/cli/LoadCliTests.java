package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim load} and batch lines with {@code "op":"load"}: the contract's exact output and one-line errors. */
class LoadCliTests {

    @Test
    void batch_load_lines_give_the_contract_answer() {
        String lines = String.join("\n",
                "{\"id\":\"ppldump\",\"op\":\"load\",\"process\":{\"protection\":\"WinTcb-Light\"},\"image\":{\"signingLevel\":1,\"source\":\"known-dlls\"},\"build\":\"windows-10-early\"}",
                "{\"id\":\"pplfault\",\"op\":\"load\",\"process\":{\"protection\":\"0x61\"},\"image\":{\"signer\":\"Windows\",\"source\":\"network\",\"pagesModified\":true}}",
                "{\"id\":3,\"op\":\"load\",\"process\":{\"protection\":\"Lsa-Light\",\"sectionSignatureLevel\":\"SE_SIGNING_LEVEL_WINDOWS\"},\"image\":{\"ekus\":[\"1.3.6.1.4.1.311.10.3.6\"],\"pageHashes\":false}}") + "\n";
        CliTests.Result r = CliTests.run(lines, "batch", "-");
        assertEquals(0, r.exit(), r.err());
        String[] out = r.out().split("\n");
        assertEquals("{\"id\":\"ppldump\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"imageSigningLevel\":\"0x01\",\"sectionSignatureLevel\":\"0x0C\","
                + "\"knownDllsSection\":true,\"pageHashesEnforced\":false,\"modifiedBytesRun\":false,\"rules\":[\"L10.5\",\"L20.2\",\"L30.3\",\"L40.3\",\"L50.3\",\"L90.2\"]}", out[0]);
        assertEquals("{\"id\":\"pplfault\",\"status\":\"STATUS_IN_PAGE_ERROR\",\"ntstatus\":\"0xC0000006\",\"imageSigningLevel\":\"0x0C\",\"sectionSignatureLevel\":\"0x0C\","
                + "\"rules\":[\"L10.1\",\"L20.2\",\"L30.1\",\"L40.2\",\"L50.2\",\"L50.6\",\"L90.1\"]}", out[1]);
        assertEquals("{\"id\":3,\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"imageSigningLevel\":\"0x0C\",\"sectionSignatureLevel\":\"0x0C\","
                + "\"knownDllsSection\":false,\"pageHashesEnforced\":false,\"modifiedBytesRun\":false,\"rules\":[\"L10.3\",\"L20.1\",\"L30.1\",\"L40.2\",\"L50.3\",\"L90.2\"]}", out[2]);
    }

    @Test
    void bad_load_lines_are_answered_per_line_naming_the_field_and_the_batch_exits_2() {
        String lines = String.join("\n",
                "{\"id\":1,\"op\":\"load\",\"image\":{\"signingLevel\":4}}",
                "{\"id\":2,\"op\":\"load\",\"process\":{\"protection\":\"0x61\"},\"image\":{\"signingLevel\":4,\"source\":\"smb\"}}",
                "{\"id\":3,\"op\":\"load\",\"process\":{\"protection\":\"0x61\"},\"image\":{\"signer\":\"WinTcb\",\"signingLevel\":4}}",
                "{\"id\":4,\"op\":\"load\",\"process\":{\"protection\":\"0x61\",\"sectionSignatureLevel\":16},\"image\":{\"signingLevel\":4}}",
                "{\"id\":5,\"op\":\"load\",\"process\":{\"protection\":\"0x61\"},\"image\":{\"signingLevel\":4,\"pageHashes\":\"yes\"}}",
                "{\"id\":6,\"op\":\"load\",\"process\":{\"protection\":\"0x63\"},\"image\":{\"signingLevel\":4}}",
                "{\"id\":7,\"op\":\"load\",\"process\":{\"protection\":\"0x61\"},\"image\":{\"signingLevel\":4},\"build\":\"windows-12\"}",
                "{\"id\":8,\"op\":\"unload\"}") + "\n";
        CliTests.Result r = CliTests.run(lines, "batch", "-");
        assertEquals(2, r.exit());
        String[] out = r.out().split("\n");
        assertEquals(8, out.length, r.out());
        assertEquals("{\"id\":1,\"error\":\"line 1: process: required\"}", out[0]);
        assertEquals("{\"id\":2,\"error\":\"line 2: image.source: expected local, known-dlls or network, got \\\"smb\\\"\"}", out[1]);
        assertEquals("{\"id\":3,\"error\":\"line 3: image.signer: give one of image.signer, image.ekus and image.signingLevel\"}", out[2]);
        assertEquals("{\"id\":4,\"error\":\"line 4: process.sectionSignatureLevel: expected a signing level 0..15 or an SE_SIGNING_LEVEL_* name, got 16\"}", out[3]);
        assertEquals("{\"id\":5,\"error\":\"line 5: image.pageHashes: expected true or false, got \\\"yes\\\"\"}", out[4]);
        assertTrue(out[5].startsWith("{\"id\":6,\"error\":\"line 6: process.protection: 0x63 Type3/WinTcb has type 3, which is no PS_PROTECTED_TYPE"), out[5]);
        assertTrue(out[6].startsWith("{\"id\":7,\"error\":\"line 7: build: "), out[6]);
        assertEquals("{\"id\":8,\"error\":\"line 8: op: expected \\\"open\\\", \\\"create\\\" or \\\"load\\\", got \\\"unload\\\"\"}", out[7]);
    }

    @Test
    void the_load_command_decides_explains_and_refuses_bad_options_with_exit_2() {
        CliTests.Result r = CliTests.run("", "load", "--process", "Lsa-Light", "--image-signing-level", "SE_SIGNING_LEVEL_MICROSOFT");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("decision  STATUS_SUCCESS (0x00000000)\n"), r.out());
        assertTrue(r.out().contains("rules     L10.5 L20.2 L30.1 L40.2 L50.3 L90.2\n"), r.out());

        r = CliTests.run("", "load", "--process", "WinTcb-Light", "--image-signer", "Authenticode", "--explain", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"status\" : \"STATUS_INVALID_IMAGE_HASH\""), r.out());
        assertTrue(r.out().contains("\"rule\" : \"L40.1\""), r.out());
        assertTrue(r.out().contains("\"change\" : \"an image of 0x0C SE_SIGNING_LEVEL_WINDOWS\""), r.out());

        r = CliTests.run("", "load", "--process", "0x61", "--image-signer", "Windows", "--pages-modified", "maybe");
        assertEquals(2, r.exit());
        assertEquals("pplsim: --pages-modified: expected true or false, got 'maybe'\n", r.err());
        assertFalse(r.err().contains("Exception"));
    }
}
