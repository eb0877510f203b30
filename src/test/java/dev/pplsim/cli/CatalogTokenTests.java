package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * who-can / what-can {@code --tokens}: the catalog's token presets decide the security-descriptor stage. The rows
 * asserted were computed by hand from policies/tokens.yaml and policies/security-descriptors.yaml: lsass runs as
 * SYSTEM, so its default descriptor is {@code O:BAD:(A;;0x1fffff;;;SY)(A;;0x121411;;;BA)S:(ML;;NWNR;;;SI)}.
 */
class CatalogTokenTests {

    @Test
    void who_can_query_lsass_with_the_catalogs_tokens() {
        CliTests.Result r = CliTests.run("", "who-can", "--target", "lsass.exe", "--access", "PROCESS_QUERY_LIMITED_INFORMATION", "--tokens");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("who can open process lsass.exe (800), 0x41 Lsa-Light, token lsass, with PROCESS_QUERY_LIMITED_INFORMATION? "
                + "system windows-11 (build windows-10-11), user mode, with the catalog's tokens"), out);
        assertTrue(out.matches("(?s).*\\ncaller\\s+protection\\s+token\\s+relation\\s+status\\s+granted\\s+decided by\\R.*"), out);
        // explorer's standard user: Medium is below System but NO_READ_UP|NO_WRITE_UP keep 0x1000; the DACL names only SY
        // and BA, so nothing grants it (R26.11 not the owner, R28.2), and the access check alone refuses (R90.1)
        assertTrue(out.matches("(?s).*\\nexplorer\\.exe \\(5120\\)\\s+0x00 None\\s+standard-user\\s+none\\s+STATUS_ACCESS_DENIED\\s+0x00000000\\s+R28\\.2 \\(R90\\.1\\)\\R.*"), out);
        // NisSrv runs as LocalService: System integrity, no SeDebugPrivilege, not named by the DACL either
        assertTrue(out.matches("(?s).*\\nNisSrv\\.exe \\(4200\\)\\s+0x31 Antimalware-Light\\s+nissrv\\s+none\\s+STATUS_ACCESS_DENIED\\s+0x00000000\\s+R28\\.2 \\(R90\\.1\\)\\R.*"), out);
        // the elevated shell's SeDebugPrivilege skips the descriptor; 0x1000 is outside Lsa's denied mask 0xFC7FF
        assertTrue(out.matches("(?s).*\\npowershell\\.exe \\(6600\\)\\s+0x00 None\\s+admin-elevated\\s+none\\s+STATUS_SUCCESS\\s+0x00001000\\s+R20\\.6 R40\\.4 \\(R90\\.3\\)\\R.*"), out);
        assertTrue(out.matches("(?s).*\\nwininit\\.exe \\(636\\)\\s+0x61 WinTcb-Light\\s+wininit\\s+parent\\s+STATUS_SUCCESS\\s+0x00001000\\s+R20\\.6 R40\\.5 \\(R90\\.3\\)\\R.*"), out);
        // the six refused (LsaIso runs as SYSTEM): the two service svchosts, NisSrv, sppsvc (NetworkService), explorer and
        // notepad; the four minimal processes are not asked (they run no user-mode code, spec §7.1, §12.7)
        assertTrue(out.contains("12 of 18 processes can open it" + System.lineSeparator()) || out.contains("12 of 18 processes can open it\n"), out);
    }

    @Test
    void without_tokens_who_can_is_the_protection_only_table_as_before() {
        CliTests.Result r = CliTests.run("", "who-can", "--target", "lsass.exe", "--access", "PROCESS_QUERY_LIMITED_INFORMATION");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("who can open process lsass.exe (800), 0x41 Lsa-Light, with PROCESS_QUERY_LIMITED_INFORMATION? system windows-11 (build windows-10-11), user mode\n")
                || out.startsWith("who can open process lsass.exe (800), 0x41 Lsa-Light, with PROCESS_QUERY_LIMITED_INFORMATION? system windows-11 (build windows-10-11), user mode\r\n"), out);
        assertTrue(out.contains(String.format("%-25s %-22s %-12s %-21s %-11s %s", "caller", "protection", "relation", "status", "granted", "decided by")), out);
        // SeDebugPrivilege's stand-in grants everyone 0x1000, which no denied mask holds
        assertTrue(out.contains(String.format("%-25s %-22s %-12s %-21s %-11s %s", "explorer.exe (5120)", "0x00 None", "none", "STATUS_SUCCESS", "0x00001000", "R40.4 (R90.3)")), out);
        assertFalse(out.contains("standard-user"), out);
        assertTrue(out.contains("18 of 18 processes can open it"), out);
    }

    @Test
    void what_can_with_tokens_separates_the_access_checks_refusals_from_protections() {
        CliTests.Result r = CliTests.run("", "what-can", "--caller", "powershell.exe", "--tokens");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        // SeDebugPrivilege: the access check refuses nothing; on lsass protection refuses the 0xFC7FF bits (spec §2.2)
        assertTrue(out.matches("(?s).*\\nlsass\\.exe \\(800\\)\\s+0x41 Lsa-Light\\s+lsass\\s+none\\s+0x00103800\\s+0x00000000\\s+0x000FC7FF\\s+R40\\.4\\s+.*"), out);
        CliTests.Result user = CliTests.run("", "what-can", "--caller", "explorer.exe", "--tokens");
        assertEquals(0, user.exit(), user.err());
        // a standard user gets nothing on a SYSTEM process (the DACL), everything on its own child notepad
        assertTrue(user.out().matches("(?s).*\\nlsass\\.exe \\(800\\)\\s+0x41 Lsa-Light\\s+lsass\\s+none\\s+0x00000000\\s+0x001FFFFF\\s+0x00000000\\s+R40\\.4\\s+0\\R.*"), user.out());
        assertTrue(user.out().matches("(?s).*\\nnotepad\\.exe \\(6200\\)\\s+0x00 None\\s+standard-user\\s+parent\\s+0x001FFFFF\\s+0x00000000\\s+0x00000000\\s+R40\\.3\\s+PROCESS_ALL_ACCESS\\R.*"), user.out());
    }

    @Test
    void token_objects_need_tokens_and_show_the_trust_label() {
        CliTests.assertOneLineError(CliTests.run("", "who-can", "--target", "lsass.exe", "--access", "TOKEN_QUERY", "--object", "token"),
                "pplsim: --object: a process's token is opened through the access check of its descriptor: add --tokens");
        CliTests.Result r = CliTests.run("", "who-can", "--target", "MsMpEng.exe", "--access", "TOKEN_ADJUST_PRIVILEGES", "--object", "token", "--tokens");
        assertEquals(0, r.exit(), r.err());
        // MsMpEng's token carries (TL;;0x2001E;;;S-1-19-512-1536): winlogon (SYSTEM, unprotected) passes the DACL but not
        // the trust label; services.exe (0x61, S-1-19-512-8192) dominates it; the token open has no protection stage
        assertTrue(r.out().matches("(?s).*\\nwinlogon\\.exe \\(720\\)\\s+0x00 None\\s+system\\s+none\\s+STATUS_ACCESS_DENIED\\s+0x00000000\\s+R28\\.2 \\(R90\\.1\\)\\R.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nservices\\.exe \\(780\\)\\s+0x61 WinTcb-Light\\s+services\\s+parent\\s+STATUS_SUCCESS\\s+0x00000020\\s+R28\\.1 \\(R90\\.3\\)\\R.*"), r.out());
    }
}
