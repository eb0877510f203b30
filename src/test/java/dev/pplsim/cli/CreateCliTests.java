package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim create} and batch lines with {@code "op":"create"}: the contract's exact output and one-line errors. */
class CreateCliTests {

    static final String SERVICES = "{\"id\":\"k1\",\"op\":\"create\",\"creator\":{\"protection\":\"None\",\"token\":\"admin-elevated\"},"
            + "\"api\":\"CreateProcess\",\"childToken\":null,\"image\":{\"path\":\"C:\\\\Windows\\\\System32\\\\services.exe\",\"signer\":\"WinTcb\","
            + "\"subsystem\":\"windows\"},\"flags\":\"CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT\",\"protectionLevel\":\"PROTECTION_LEVEL_WINTCB_LIGHT\","
            + "\"inheritHandles\":false,\"build\":\"windows-10-11\"}";

    @Test
    void the_contract_example_gives_the_contract_answer() {
        CliTests.Result r = CliTests.run(SERVICES + "\n", "batch", "-");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"id\":\"k1\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"child\":{\"protection\":\"0x61\","
                + "\"signatureLevel\":\"0x3E\",\"sectionSignatureLevel\":\"0x0C\"},\"processAccess\":\"0x00103800\",\"threadAccess\":\"0x00101C01\","
                + "\"rules\":[\"C10.5\",\"C20.1\",\"C30.2\",\"C30.8\",\"C35.4\",\"C40.1\",\"C50.1\",\"C50.5\",\"C50.12\",\"C60.1\",\"C60.2\",\"C60.7\",\"C70.2\",\"C90.2\"]}\n", r.out());
    }

    @Test
    void a_refused_creation_has_no_child_and_no_masks() {
        CliTests.Result r = CliTests.run("{\"id\":2,\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"C:\\\\Windows\\\\System32\\\\notepad.exe\"},"
                + "\"flags\":\"CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT\",\"protectionLevel\":1}\n", "batch", "-");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\"id\":2,\"status\":\"STATUS_INVALID_IMAGE_HASH\",\"ntstatus\":\"0xC0000428\",\"rules\":["), r.out());
    }

    @Test
    void bad_creation_lines_are_answered_per_line_and_the_batch_exits_2() {
        String lines = String.join("\n",
                "{\"id\":1,\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"x.exe\"},\"flags\":\"CREATE_BOGUS\"}",
                "{\"id\":2,\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"x.exe\"},\"protectionLevel\":4294967296}",
                "{\"id\":3,\"op\":\"create\",\"creator\":{\"protection\":\"None\",\"token\":\"nobody\"},\"image\":{\"path\":\"x.exe\"}}",
                "{\"id\":4,\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"x.exe\"},\"api\":\"NtCreateUserProcess\",\"flags\":\"CREATE_SUSPENDED\"}",
                "{\"id\":5,\"op\":\"create\",\"image\":{\"path\":\"x.exe\"}}",
                "{\"id\":6,\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"x.exe\",\"sign\":\"WinTcb\"}}",
                "{\"id\":7,\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"x.exe\"},\"build\":\"windows-10-rs\"}",
                "{\"id\":8,\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"x.exe\"}}") + "\n";
        CliTests.Result r = CliTests.run(lines, "batch", "-");
        assertEquals(2, r.exit());
        String[] out = r.out().split("\n");
        assertEquals(8, out.length, r.out());
        assertEquals("{\"id\":1,\"error\":\"line 1: flags: unknown creation flag 'CREATE_BOGUS' for CreateProcess (expected DEBUG_PROCESS, "
                + "DEBUG_ONLY_THIS_PROCESS, CREATE_SUSPENDED, CREATE_NEW_CONSOLE, INHERIT_PARENT_AFFINITY, CREATE_PROTECTED_PROCESS, "
                + "EXTENDED_STARTUPINFO_PRESENT or CREATE_BREAKAWAY_FROM_JOB)\"}", out[0]);
        assertEquals("{\"id\":2,\"error\":\"line 2: protectionLevel: 4294967296 is out of range: a protection level is a DWORD (0..0xFFFFFFFF)\"}", out[1]);
        assertTrue(out[2].startsWith("{\"id\":3,\"error\":\"line 3: creator.token: unknown token 'nobody' (known: admin-elevated,"), out[2]);
        assertTrue(out[3].startsWith("{\"id\":4,\"error\":\"line 4: flags: unknown native flag 'CREATE_SUSPENDED' for NtCreateUserProcess"), out[3]);
        assertEquals("{\"id\":5,\"error\":\"line 5: creator: required\"}", out[4]);
        assertEquals("{\"id\":6,\"error\":\"line 6: image.sign: unknown field (expected one of: ekus, path, sectionFlags, signer, signingLevel, subsystem, trustletId)\"}", out[5]);
        assertTrue(out[6].startsWith("{\"id\":7,\"error\":\"line 7: build: build 'windows-10-rs' has no creation switches"), out[6]);
        assertTrue(out[7].startsWith("{\"id\":8,\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"child\":{\"protection\":\"0x00\""), out[7]);
    }

    @Test
    void create_explains_and_bad_options_are_one_line_errors_with_exit_2() {
        CliTests.Result r = CliTests.run("", "create", "--creator", "None", "--token", "admin-elevated", "--image", "C:\\Windows\\System32\\services.exe",
                "--image-signer", "WinTcb", "--flags", "CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT",
                "--protection-level", "PROTECTION_LEVEL_WINTCB_LIGHT", "--explain");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("hProcess  0x00103800 PROCESS_SUSPEND_RESUME|PROCESS_QUERY_LIMITED_INFORMATION|PROCESS_SET_LIMITED_INFORMATION|SYNCHRONIZE"), r.out());
        assertTrue(r.out().contains("[C70] Returned handles: NtCreateUserProcess: RtlTestProtectedAccess for hProcess / hThread (spec §12.5)"), r.out());

        r = CliTests.run("", "create", "--creator", "None", "--image", "x.exe", "--flags", "CREATE_PROTECTED_PROCESS|");
        CliTests.assertOneLineError(r, "pplsim: --flags: empty flag name in 'CREATE_PROTECTED_PROCESS|'");
        r = CliTests.run("", "create", "--creator", "None", "--image", "x.exe", "--protection-level", "PROTECTION_LEVEL_BEST");
        CliTests.assertOneLineError(r, "pplsim: --protection-level: unknown protection level 'PROTECTION_LEVEL_BEST'");
        r = CliTests.run("", "create", "--creator", "None", "--image", "x.exe", "--protection-level", "0x100000000");
        CliTests.assertOneLineError(r, "pplsim: --protection-level: '0x100000000' is out of range");
        r = CliTests.run("", "create", "--creator", "None", "--image", "x.exe", "--child-token", "system");
        CliTests.assertOneLineError(r, "pplsim: --child-token: CreateProcess gives the child the creator's token");
    }

    @Test
    void a_refused_creation_names_the_single_changes_that_succeed() {
        CliTests.Result r = CliTests.run("", "create", "--creator", "None", "--image", "C:\\Windows\\System32\\notepad.exe",
                "--flags", "CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT", "--protection-level", "PROTECTION_LEVEL_WINDOWS", "--explain", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"status\" : \"STATUS_INVALID_IMAGE_HASH\""), r.out());
        assertTrue(r.out().contains("\"change\" : \"an image that may claim the Windows signer\""), r.out());
    }

    static final String LSAISO = "{\"id\":\"t1\",\"op\":\"create\",\"creator\":{\"protection\":\"WinTcb-Light\"},\"image\":{\"path\":\"C:\\\\Windows\\\\System32\\\\LsaIso.exe\","
            + "\"ekus\":[\"1.3.6.1.4.1.311.10.3.37\",\"1.3.6.1.4.1.311.10.3.6\"],\"trustletId\":1},\"flags\":\"EXTENDED_STARTUPINFO_PRESENT\",\"secureProcess\":true}";

    @Test
    void a_trustlet_line_carries_its_kind_and_a_bad_kind_field_is_a_line_error() {
        String lines = String.join("\n", LSAISO,
                LSAISO.replace("\"t1\"", "\"t2\"").replace("\"trustletId\":1", "\"trustletId\":-1"),
                LSAISO.replace("\"t1\"", "\"t3\"").replace("\"secureProcess\":true", "\"secureProcess\":\"yes\""),
                "{\"id\":\"t4\",\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"Notes.exe\",\"signingLevel\":6,"
                        + "\"sectionFlags\":\"0x50\"},\"flags\":\"EXTENDED_STARTUPINFO_PRESENT\",\"packageFullName\":\"Contoso.Notes_1.0.0.0_x64__8wekyb3d8bbwe\"}",
                "{\"id\":\"t5\",\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"Notes.exe\",\"sectionFlags\":256}}") + "\n";
        CliTests.Result r = CliTests.run(lines, "batch", "-");
        assertEquals(2, r.exit());
        String[] out = r.out().split("\n");
        assertEquals("{\"id\":\"t1\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"child\":{\"protection\":\"0x00\",\"signatureLevel\":\"0x00\","
                + "\"sectionSignatureLevel\":\"0x00\",\"kind\":\"trustlet\"},\"processAccess\":\"0x001FFFFF\",\"threadAccess\":\"0x001FFFFF\",\"rules\":[", out[0].substring(0, out[0].indexOf('[') + 1));
        assertEquals("{\"id\":\"t2\",\"error\":\"line 2: image.trustletId: trustlet ID -1 is out of range (0..2147483647)\"}", out[1]);
        assertEquals("{\"id\":\"t3\",\"error\":\"line 3: secureProcess: expected true or false, got \\\"yes\\\"\"}", out[2]);
        // App-PPL 0x81, Store level 6 flagged PPL; a packaged process
        assertTrue(out[3].startsWith("{\"id\":\"t4\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"child\":{\"protection\":\"0x81\","
                + "\"signatureLevel\":\"0x36\",\"sectionSignatureLevel\":\"0x06\",\"kind\":\"packaged\"},\"processAccess\":\"0x00103901\""), out[3]);
        assertEquals("{\"id\":\"t5\",\"error\":\"line 5: image.sectionFlags: section flags 256 is out of range (0..0xFF)\"}", out[4]);
    }

    @Test
    void create_names_a_trustlet_and_its_refusals() {
        String[] base = {"create", "--creator", "WinTcb-Light", "--image", "C:\\Windows\\System32\\LsaIso.exe",
                "--image-ekus", "1.3.6.1.4.1.311.10.3.37,1.3.6.1.4.1.311.10.3.6", "--flags", "EXTENDED_STARTUPINFO_PRESENT", "--secure-process"};
        CliTests.Result r = CliTests.run("", concat(base, "--image-trustlet-id", "1"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("          attributes PS_CP_SECURE_PROCESS"), r.out());
        assertTrue(r.out().contains("child     EPROCESS.Protection 0x00 None, a trustlet process"), r.out());
        r = CliTests.run("", base);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("decision  STATUS_INVALID_IMAGE_HASH (0xC0000428)"), r.out());
        assertTrue(r.out().contains("because   a trustlet's image needs a .tPolicy section exporting s_IumPolicyMetadata"), r.out());
        r = CliTests.run("", concat(base, "--image-trustlet-id", "one"));
        CliTests.assertOneLineError(r, "pplsim: --image-trustlet-id: expected a trustlet ID");
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void who_can_start_lists_each_process_of_the_catalog_as_the_creator() {
        CliTests.Result r = CliTests.run("", "who-can-start", "--image", "C:\\Windows\\System32\\services.exe", "--image-signer", "WinTcb",
                "--flags", "CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT", "--protection-level", "PROTECTION_LEVEL_WINTCB_LIGHT", "--inherit-handles");
        assertEquals(0, r.exit(), r.err());
        // an unprotected admin shell starts it and gets 0x00103800; a PP WinSystem creator may not leak handles into a PPL child
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("powershell.exe (6600)") && l.contains("STATUS_SUCCESS")
                && l.contains("0x61 WinTcb-Light") && l.contains("0x00103800") && l.endsWith("C90.2")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("WerFaultSecure.exe (7100)") && l.contains("STATUS_INVALID_PARAMETER") && l.endsWith("C60.3")), r.out());
        // the four minimal processes run no user-mode code, so they never call CreateProcess (spec §7.1, §12.7)
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("System (4)") || l.startsWith("MemCompression")), r.out());
        assertTrue(r.out().contains("16 of 18 processes can start it"), r.out());
        assertTrue(r.out().contains("not asked: System (4), Secure System (60), Registry (100), MemCompression (2000) (minimal processes run no user-mode code"), r.out());
    }
}
