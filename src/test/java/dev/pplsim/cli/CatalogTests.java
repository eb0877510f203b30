package dev.pplsim.cli;

import dev.pplsim.model.ProcessKind;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped system catalogs, who-can and what-can. */
class CatalogTests {

    @TempDir
    Path tmp;

    @Test
    void both_shipped_catalogs_load_and_differ_only_in_lsass() {
        var all = SystemCatalog.load(Path.of("policies"));
        assertEquals(List.of("windows-11", "windows-11-no-runasppl"), all.keySet().stream().sorted().toList());
        SystemCatalog on = all.get("windows-11"), off = all.get("windows-11-no-runasppl");
        assertEquals(22, on.processes().size());
        assertEquals(0x41, on.byImage("lsass.exe").get(0).protectionByte().value());
        assertEquals(0x00, off.byImage("lsass.exe").get(0).protectionByte().value());
        for (int i = 0; i < on.processes().size(); i++) {
            if (!on.processes().get(i).image().equals("lsass.exe")) {
                assertEquals(on.processes().get(i).protection(), off.processes().get(i).protection());
            }
        }
    }

    @Test
    void who_can_read_lsass_with_runasppl_on_and_off() {
        CliTests.Result on = CliTests.run("", "who-can", "--target", "lsass.exe", "--access", "PROCESS_VM_READ");
        assertEquals(0, on.exit(), on.err());
        // the four minimal processes (System, Secure System, Registry, MemCompression) run no user-mode code: not callers here
        assertTrue(on.out().contains("9 of 18 processes can open it"), on.out());
        assertTrue(on.out().lines().noneMatch(l -> l.startsWith("System (4)")), on.out());
        assertTrue(on.out().matches("(?s).*powershell\\.exe \\(6600\\)\\s+0x00 None\\s+none\\s+STATUS_ACCESS_DENIED\\s+0x00000000\\s+R40\\.4 \\(R90\\.2\\).*"), on.out());
        assertTrue(on.out().matches("(?s).*MsMpEng\\.exe \\(3880\\)\\s+0x31 Antimalware-Light\\s+none\\s+STATUS_ACCESS_DENIED.*R40\\.6.*"), on.out());
        assertTrue(on.out().matches("(?s).*wininit\\.exe \\(636\\)\\s+0x61 WinTcb-Light\\s+parent\\s+STATUS_SUCCESS.*"), on.out());
        CliTests.Result off = CliTests.run("", "who-can", "--system", "windows-11-no-runasppl", "--target", "lsass.exe", "--access", "PROCESS_VM_READ");
        assertTrue(off.out().contains("18 of 18 processes can open it"), off.out());
        // in kernel mode a driver runs in any process's context, System's among them: all 22 are asked
        CliTests.Result kernel = CliTests.run("", "who-can", "--target", "lsass.exe", "--access", "PROCESS_VM_READ", "--mode", "kernel");
        assertEquals(0, kernel.exit(), kernel.err());
        assertTrue(kernel.out().contains("22 of 22 processes can open it"), kernel.out());
        assertFalse(kernel.out().contains("not asked"), kernel.out());
    }

    @Test
    void a_minimal_process_makes_no_user_mode_open() {
        CliTests.Result r = CliTests.run("", "what-can", "--caller", "Secure System");
        CliTests.assertOneLineError(r, "pplsim: Secure System (60) is a minimal process: it runs no user-mode code, so it makes no user-mode open (spec §7.1, §12.7); ask with --mode kernel");
        r = CliTests.run("", "what-can", "--caller", "Secure System", "--mode", "kernel");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*lsass\\.exe \\(800\\)\\s+0x41 Lsa-Light\\s+none\\s+0x001FFFFF.*"), r.out());
    }

    @Test
    void what_can_msmpeng_open() {
        CliTests.Result r = CliTests.run("", "what-can", "--caller", "MsMpEng.exe", "--object", "thread");
        assertEquals(0, r.exit(), r.err());
        // an Antimalware-Light caller gets only what the thread masks leave on WinTcb and Lsa threads (spec §2.2)
        assertTrue(r.out().matches("(?s).*lsass\\.exe \\(800\\)\\s+0x41 Lsa-Light\\s+none\\s+0x00101C00\\s+R40\\.6.*"), r.out());
        assertTrue(r.out().matches("(?s).*System \\(4\\)\\s+0x72 WinSystem\\s+none\\s+0x00100800\\s+R40\\.4.*"), r.out());
        assertTrue(r.out().matches("(?s).*NisSrv\\.exe \\(4200\\)\\s+0x31 Antimalware-Light\\s+none\\s+0x001FFFFF\\s+R40\\.5.*"), r.out());
    }

    @Test
    void the_matrix_of_a_system_relates_its_processes_as_the_catalog_says() {
        CliTests.Result grid = CliTests.run("", "matrix", "--system", "windows-11");
        assertEquals(0, grid.exit(), grid.err());
        // the admin shell obtains on lsass only what 0xFC7FF leaves (spec §2.2); System obtains everything everywhere
        assertTrue(grid.out().matches("(?s).*\\npowershell\\.exe \\(6600\\)(\\s+\\S+){7} 103800 .*"), grid.out());
        assertTrue(grid.out().matches("(?s).*\\nSystem \\(4\\)( +1FFFFF){22}\\n.*"), grid.out());
        CliTests.Result csv = CliTests.run("", "matrix", "--system", "windows-11", "--format", "csv");
        assertEquals(22 * 22 * 22 + 1, csv.outLines().size());
        assertTrue(csv.out().contains("\nwindows-11,windows-10-11,process,user,parent,wininit.exe,636,0x61,WinTcb-Light,lsass.exe,800,0x41,Lsa-Light,0x00000001,PROCESS_TERMINATE,STATUS_SUCCESS,0x00000000,0x00000001,R90.3\n"), csv.out());
        CliTests.assertOneLineError(CliTests.run("", "matrix", "--system", "windows-10-11"), "pplsim: --system: 'windows-10-11' is a build, not a system");
    }

    @Test
    void an_image_name_with_spaces_is_one_csv_field_of_the_matrix_and_the_whatif() throws Exception {
        String yaml = """
                name: comma-system
                description: "an image whose name holds spaces"
                build: windows-10-11
                cite: "spec §5"
                processes:
                  - {image: "Acme Inc agent.exe", pid: 900, parent: 4, protection: Antimalware-Light, token: system, threads: [904], confidence: "test"}
                  - {image: explorer.exe, pid: 5120, parent: 5000, protection: None, token: standard-user, threads: [5124], confidence: "test"}
                """;
        Path base = Files.writeString(tmp.resolve("comma.yaml"), yaml);
        Path change = Files.writeString(tmp.resolve("comma-none.yaml"), yaml.replace("comma-system", "comma-none").replace("protection: Antimalware-Light", "protection: None"));
        var csv = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerForArrayOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY);
        CliTests.Result m = CliTests.run("", "matrix", "--system", base.toString(), "--format", "csv");
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.out().contains("\ncomma-system,windows-10-11,process,user,none,Acme Inc agent.exe,900,0x31,Antimalware-Light,explorer.exe,5120,"), m.out());
        List<String[]> rows = csv.<String[]>readValues(m.out()).readAll();
        assertEquals(dev.pplsim.jobs.Matrix.SYSTEM_COLUMNS, List.of(rows.get(0)));
        assertEquals(2 * 2 * 22 + 1, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.length == rows.get(0).length));
        assertEquals("Acme Inc agent.exe", rows.get(1)[5]);
        CliTests.Result w = CliTests.run("", "whatif", "--base", base.toString(), "--change", change.toString(), "--format", "csv");
        assertEquals(0, w.exit(), w.err());
        List<String[]> changed = csv.<String[]>readValues(w.out()).readAll();
        assertEquals(dev.pplsim.jobs.WhatIf.SYSTEM_COLUMNS, List.of(changed.get(0)));
        // explorer gains on the agent once it is unprotected: its image is one field, its causes another
        String[] gained = changed.stream().filter(r -> r[0].equals("gained") && r[5].equals("Acme Inc agent.exe")).findFirst().orElseThrow();
        assertEquals(List.of("explorer.exe", "5120", "900"), List.of(gained[3], gained[4], gained[6]));
        assertEquals("Acme Inc agent.exe (900) protection 0x31 Antimalware-Light -> 0x00 None", gained[gained.length - 1]);
    }

    @Test
    void an_ambiguous_or_unknown_image_is_a_one_line_error() {
        CliTests.assertOneLineError(CliTests.run("", "who-can", "--target", "csrss.exe", "--access", "1"),
                "pplsim: --target: csrss.exe runs 2 times in windows-11; give a pid: 560, 648");
        CliTests.assertOneLineError(CliTests.run("", "what-can", "--caller", "nothere.exe"), "pplsim: --caller: no process 'nothere.exe' in system windows-11");
        CliTests.assertOneLineError(CliTests.run("", "what-can", "--caller", "1", "--system", "windows-12"), "pplsim: --system: unknown system 'windows-12'");
    }

    @Test
    void a_catalog_with_a_bad_protection_names_file_line_and_field() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, Files.readString(Path.of("policies/systems/windows-11.yaml")).replace("protection: Lsa-Light", "protection: Lsa-Lite"));
        String m = assertThrows(InputException.class, () -> SystemCatalog.read(f)).getMessage();
        assertTrue(m.matches(".*bad\\.yaml:\\d+:\\d+: processes\\[9\\]: unknown protection 'Lsa-Lite'.*"), m);
        Path dup = tmp.resolve("dup.yaml");
        Files.writeString(dup, Files.readString(Path.of("policies/systems/windows-11.yaml")).replace("pid: 400,", "pid: 4,"));
        assertTrue(assertThrows(InputException.class, () -> SystemCatalog.read(dup)).getMessage().contains("pid 4 is listed twice"));
        Path sddl = tmp.resolve("sddl.yaml");
        Files.writeString(sddl, Files.readString(Path.of("policies/systems/windows-11.yaml")).replace("token: lsass,", "token: lsass, sd: \"D:(Q;;GA;;;SY)\","));
        String sm = assertThrows(InputException.class, () -> SystemCatalog.read(sddl)).getMessage();
        assertTrue(sm.matches(".*sddl\\.yaml:\\d+:\\d+: processes\\[9\\]: SDDL at \\d+: unknown ACE type 'Q'.*"), sm);
        Path tok = tmp.resolve("tok.yaml");
        Files.writeString(tok, Files.readString(Path.of("policies/systems/windows-11.yaml")).replace("token: lsass,", "token: lsas,"));
        CliTests.assertOneLineError(CliTests.run("", "who-can", "--system", tok.toString(), "--target", "1", "--access", "1"),
                "pplsim: --system: " + tok + ": processes[9].token: unknown token preset 'lsas' (known: admin-elevated, ");
        assertTrue(PolicySet.builtIn().builds().containsKey(SystemCatalog.read(Path.of("policies/systems/windows-11.yaml")).build()));
    }

    @Test
    void both_catalogs_say_which_kind_each_process_is() {
        for (SystemCatalog c : SystemCatalog.load(Path.of("policies")).values()) {
            // spec §7.1, §12.7: System, Registry, Memory Compression and Secure System are minimal processes
            for (String minimal : List.of("System", "Registry", "MemCompression", "Secure System")) {
                assertEquals(ProcessKind.MINIMAL, c.byImage(minimal).get(0).processKind(), c.name() + " " + minimal);
            }
            // spec §7.3: LsaIso is trustlet 1; its VTL0 protection is not established (U), modelled as None
            SystemCatalog.Process iso = c.byImage("LsaIso.exe").get(0);
            assertEquals(ProcessKind.TRUSTLET, iso.processKind());
            assertEquals(1, iso.trustletId());
            assertEquals(0x00, iso.protectionByte().value());
            assertTrue(iso.confidence().startsWith("U"), iso.confidence());
            assertTrue(c.byImage("Secure System").get(0).confidence().startsWith("U"));
            assertEquals(0x72, c.byImage("Secure System").get(0).protectionByte().value());
            assertEquals(ProcessKind.NORMAL, c.byImage("lsass.exe").get(0).processKind());
            assertEquals(5, c.processes().stream().filter(p -> p.processKind() != ProcessKind.NORMAL).count(), c.name());
        }
    }

    @Test
    void a_bad_kind_or_trustlet_id_names_file_line_and_field() throws Exception {
        String base = Files.readString(Path.of("policies/systems/windows-11.yaml"));
        Path f = tmp.resolve("kind.yaml");
        Files.writeString(f, base.replace("kind: trustlet, trustletId: 1", "kind: enclave, trustletId: 1"));
        String m = assertThrows(InputException.class, () -> SystemCatalog.read(f)).getMessage();
        assertTrue(m.matches(".*kind\\.yaml:\\d+:\\d+: processes\\[8\\]: expected normal, minimal, pico, trustlet or packaged, got 'enclave'.*"), m);
        Files.writeString(f, base.replace("kind: trustlet, trustletId: 1", "kind: trustlet"));
        m = assertThrows(InputException.class, () -> SystemCatalog.read(f)).getMessage();
        assertTrue(m.contains("processes[8]: process LsaIso.exe: a trustlet needs its trustletId"), m);
        Files.writeString(f, base.replace("kind: trustlet, trustletId: 1", "kind: minimal, trustletId: 1"));
        m = assertThrows(InputException.class, () -> SystemCatalog.read(f)).getMessage();
        assertTrue(m.contains("processes[8]: process LsaIso.exe: only a trustlet has a trustletId"), m);
        Files.writeString(f, base.replace("kind: trustlet, trustletId: 1", "kind: trustlet, kind: minimal, trustletId: 1"));
        m = assertThrows(InputException.class, () -> SystemCatalog.read(f)).getMessage();
        assertTrue(m.toLowerCase(java.util.Locale.ROOT).contains("duplicate"), m);
    }

    @Test
    void decide_takes_the_kinds_shows_them_and_names_a_bad_one() {
        CliTests.Result r = CliTests.run("", "decide", "--caller", "None", "--target", "None", "--target-kind", "trustlet", "--access", "PROCESS_VM_READ");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("          kinds   caller normal, target trustlet"), r.out());
        assertTrue(r.out().matches("(?s).*rules +R10\\.2 R12\\.2 R20\\.2 R40\\.3 R50\\.1 R80\\.1 R80\\.2 R80\\.3 R90\\.3 R95\\.1\\R.*"), r.out());
        CliTests.Result bad = CliTests.run("", "decide", "--caller", "None", "--target", "None", "--target-kind", "enclave", "--access", "1");
        assertEquals(2, bad.exit());
        CliTests.assertOneLineError(bad, "pplsim: --target-kind: expected normal, minimal, pico, trustlet or packaged, got 'enclave'");
        CliTests.assertOneLineError(CliTests.run("", "decide", "--caller", "None", "--target", "None", "--target-kind", "pico", "--access", "1"),
                "pplsim: --target-kind: a pico target needs its provider's masks");
    }
}
