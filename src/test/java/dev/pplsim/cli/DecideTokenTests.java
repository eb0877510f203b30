package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import static dev.pplsim.cli.CliTests.assertOneLineError;
import static dev.pplsim.cli.CliTests.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplsim decide} with the caller's token: the SD stage's answers and its input errors, end to end. */
class DecideTokenTests {

    @Test
    void a_token_makes_the_security_descriptor_decide() {
        // spec §9.1 with a token: SeDebugPrivilege grants, protection refuses (R20.6, R50.5)
        CliTests.Result r = run("", "decide", "--caller", "None", "--target", "Lsa-Light", "--token", "admin-elevated",
                "--access", "PROCESS_VM_READ|PROCESS_QUERY_INFORMATION");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"), r.out());
        assertTrue(r.out().contains("rules     R10.2 R12.2 R20.6 R40.4 R50.1 R50.5 R80.1 R80.2 R80.3 R90.2"), r.out());
        // the same user at Medium against its elevated process: the label removes PROCESS_VM_READ (R22.3)
        r = run("", "decide", "--caller", "None", "--target", "None", "--token", "admin-filtered", "--target-token", "admin-elevated",
                "--access", "PROCESS_VM_READ", "--explain");
        assertTrue(r.out().contains("decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"), r.out());
        assertTrue(r.out().contains("refusal   explicit deny  PROCESS_VM_READ  by the integrity label"), r.out());
        assertTrue(r.out().contains("  - run the caller at HI integrity (SECURITY_MANDATORY_HIGH_RID) -> granted 0x00000010"), r.out());
        // a token given by its fields: the standard user at Low integrity cannot write up to a Medium-labeled process
        r = run("", "decide", "--caller", "None", "--target", "None", "--token", "{\"base\":\"standard-user\",\"integrity\":\"LW\"}",
                "--sd", "O:SYD:(A;;0x1fffff;;;WD)S:(ML;;NW;;;ME)", "--access", "PROCESS_VM_WRITE");
        assertTrue(r.out().contains("token user S-1-5-21-1111111111-2222222222-3333333333-1002, integrity LW"), r.out());
        assertTrue(r.out().contains("decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"), r.out());
        // an explicit descriptor: MAXIMUM_ALLOWED collects 0x1410 from the DACL
        r = run("", "decide", "--caller", "None", "--target", "None", "--token", "standard-user",
                "--sd", "O:SYD:(A;;0x1410;;;WD)S:(ML;;NW;;;LW)", "--access", "MAXIMUM_ALLOWED");
        assertTrue(r.out().contains("decision  STATUS_SUCCESS (0x00000000), granted 0x00001410"), r.out());
        // DebugActiveProcess opens lsass with 0x00000C3A first, which the protection check refuses (spec §12.6) ...
        r = run("", "decide", "--caller", "None", "--target", "Lsa-Light", "--token", "admin-elevated", "--operation", "debug");
        assertTrue(r.out().contains("decision  STATUS_ACCESS_DENIED (0xC0000022), granted 0x00000000"), r.out());
        // ... and NtDebugActiveProcess on a handle with PROCESS_SUSPEND_RESUME alone meets the debugger's check (spec §3.4)
        r = run("", "decide", "--caller", "None", "--target", "Lsa-Light", "--token", "admin-elevated", "--operation", "debug", "--access", "PROCESS_SUSPEND_RESUME");
        assertTrue(r.out().contains("decision  STATUS_PROCESS_IS_PROTECTED (0xC0000712), granted 0x00000000"), r.out());
        // ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege enabled (spec §2.2)
        r = run("", "decide", "--caller", "None", "--target", "None", "--token", "admin-elevated", "--access", "ACCESS_SYSTEM_SECURITY");
        assertTrue(r.out().contains("decision  STATUS_PRIVILEGE_NOT_HELD (0xC0000061), granted 0x00000000"), r.out());
    }

    @Test
    void bad_security_input_is_a_one_line_error_naming_the_option() {
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--token", "standard-user",
                "--sd", "O:SYD:(A;;0x10;;;XX)", "--access", "1"), "pplsim: --sd: SDDL at 18: unknown SID alias 'XX'");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--token", "standard-user",
                "--sd", "O:SYD:(A;;0x10;;WD", "--access", "1"), "pplsim: --sd: SDDL at 7: unterminated ACE");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--token", "nobody", "--access", "1"),
                "pplsim: --token: unknown token 'nobody'");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--token",
                "{\"base\":\"standard-user\",\"privileges\":[{\"name\":\"SeDebugPrivlege\",\"enabled\":true}]}", "--access", "1"),
                "pplsim: --token.privileges[0].name: 'SeDebugPrivlege' is not a privilege");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--token", "{\"user\":\"XX\"}", "--access", "1"),
                "pplsim: --token.user: unknown SID alias 'XX'");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--token", "{\"base\":", "--access", "1"),
                "pplsim: --token: malformed JSON");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--token", "standard-user", "--sd-granted", "1",
                "--access", "1"), "pplsim: --sd-granted: must be absent when caller.token is given");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--object", "token", "--access", "TOKEN_QUERY"),
                "pplsim: --token: opening a process's token is decided by the token's descriptor");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--operation", "duplicate", "--source-access", "0x1000",
                "--access", "PROCESS_VM_READ"), "pplsim: --access: 0x00000010 asks for rights the source handle (0x00001000) lacks");
        assertOneLineError(run("", "decide", "--caller", "None", "--target", "None", "--object", "token", "--token", "standard-user",
                "--access", "PROCESS_VM_READ"), "pplsim: --access: desired access: PROCESS_VM_READ is a process right, but the object is a token");
    }
}
