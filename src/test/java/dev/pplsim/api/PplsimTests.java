package dev.pplsim.api;

import dev.pplsim.cli.Main;
import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Load;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtection;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library facade against the engine and the command line: the same answers, masks and statuses (it decides
 * nothing itself), the what-if paths (a build file, an overlay, a catalog, an overlay's creation switches), the batch
 * contract over characters, and one-line input errors.
 */
class PplsimTests {

    private static final Pplsim PPLSIM = Pplsim.builtIn();

    @TempDir
    Path tmp;

    @Test
    void an_elevated_admin_is_refused_vm_read_on_lsass_by_the_protection_table_as_the_engine_decides() {
        Decision d = PPLSIM.decide(Open.caller("None").token("admin-elevated").target("Lsa-Light").desired(ProcessRight.VM_READ));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, d.status());
        assertEquals(0, d.granted());
        assertEquals(List.of("R10.2", "R12.2", "R20.6", "R40.4", "R50.1", "R50.5", "R80.1", "R80.2", "R80.3", "R90.2"), d.rules());
        // the token was resolved from the preset: SeDebugPrivilege let it past the descriptor (R20.6), the table refused
        assertTrue(d.query().hasToken());
        assertEquals(d.rules(), Simulator.builtIn().decide(d.query()).rules());
    }

    @Test
    void every_spelling_of_a_mask_is_the_same_request() {
        Open base = Open.caller("WinTcb-Light").target("Lsa-Light");
        Decision byRights = PPLSIM.decide(base.desired(ProcessRight.VM_READ, ProcessRight.QUERY_LIMITED_INFORMATION));
        Decision byNames = PPLSIM.decide(base.desired("PROCESS_VM_READ|PROCESS_QUERY_LIMITED_INFORMATION"));
        Decision byNumber = PPLSIM.decide(base.desired(0x1010));
        for (Decision d : List.of(byRights, byNames, byNumber)) {
            assertEquals(NtStatus.STATUS_SUCCESS, d.status());
            assertEquals(0x1010, d.granted());
        }
        // a builder is a value: the base stayed without a mask, so deciding it is the reader's "required"
        InputException e = assertThrows(InputException.class, () -> PPLSIM.decide(base));
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void the_explanation_is_the_one_pplsim_decide_explain_prints() {
        Decision d = PPLSIM.decide(Open.caller("None").target("Lsa-Light").desired("PROCESS_VM_READ"));
        String cli = cli("decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ", "--explain");
        assertEquals(cli.strip(), PPLSIM.explain(d).strip());
        assertTrue(PPLSIM.explain(d).contains("refusal   explicit deny  PROCESS_VM_READ  by the protection table"), PPLSIM.explain(d));
    }

    @Test
    void a_build_file_is_a_build_not_an_unknown_name() throws Exception {
        // a what-if copy of the default build, renamed, whose Lsa row dominates Antimalware (0x110 -> 0x118)
        Path file = tmp.resolve("lsa-over-am.yaml");
        String text = Files.readString(Path.of("policies/builds/windows-10-11.yaml"))
                .replace("name: windows-10-11", "name: lsa-over-am")
                .replace("{signer: Lsa,          dominateMask: 0x110", "{signer: Lsa,          dominateMask: 0x118");
        Files.writeString(file, text);
        Open read = Open.caller("Lsa-Light").target("Antimalware-Light").desired(ProcessRight.VM_READ);
        Decision before = PPLSIM.decide(read);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, before.status());
        Pplsim whatIf = PPLSIM.withBuild(file.toString());
        assertEquals("lsa-over-am", whatIf.build());
        Decision after = whatIf.decide(read);
        assertEquals(NtStatus.STATUS_SUCCESS, after.status());
        assertEquals(0x10, after.granted());
        assertEquals("lsa-over-am", after.query().build());
        // the request's own build still wins, and the base instance is unchanged
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, whatIf.decide(read.build("windows-10-11")).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, PPLSIM.decide(read).status());
        assertEquals(NtStatus.STATUS_SUCCESS, PPLSIM.withBuild(file).decide(read).status());
    }

    @Test
    void a_shipped_overlay_is_found_in_the_built_in_policies_and_changes_the_decision() {
        Open read = Open.caller("Lsa-Light").target("Antimalware-Light").desired(ProcessRight.VM_READ);
        Decision d = PPLSIM.withOverlay("whatif/lsa-dominates-antimalware.yaml").decide(read);
        assertEquals(NtStatus.STATUS_SUCCESS, d.status());
        assertEquals(0x10, d.granted());
        assertTrue(d.rules().contains("R40.5"), d.rules().toString());
    }

    @Test
    void on_a_catalog_opens_name_processes_and_an_overlay_of_it_changes_lsass() {
        Open read = Open.caller("powershell.exe").target("lsass.exe").desired("PROCESS_VM_READ").withTokens();
        Pplsim windows11 = PPLSIM.withCatalog("windows-11");
        assertEquals("windows-11", windows11.catalog().name());
        Decision ppl = windows11.decide(read);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, ppl.status());
        assertEquals(new PsProtection(0x41), ppl.query().target());
        Pplsim runAsPplOff = PPLSIM.withOverlay("whatif/lsass-runasppl-off.yaml");
        assertEquals("windows-11-lsass-unprotected", runAsPplOff.catalog().name());
        Decision off = runAsPplOff.decide(read);
        assertEquals(NtStatus.STATUS_SUCCESS, off.status());
        assertEquals(0x10, off.granted());
        assertEquals(new PsProtection(0), off.query().target());
        // a standard user's shell is refused by the DACL, not the protection: R28.2 (never granted)
        Decision user = windows11.decide(Open.caller("explorer.exe").target("MsMpEng.exe").desired("PROCESS_QUERY_LIMITED_INFORMATION").withTokens());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, user.status());
        assertTrue(user.rules().contains("R28.2"), user.rules().toString());
    }

    @Test
    void an_admin_starts_services_exe_as_wintcb_light_and_gets_the_tables_handles() {
        Creation c = PPLSIM.create(Create.creator("None").token("admin-elevated").image("C:\\Windows\\System32\\services.exe").imageSigner("WinTcb")
                .flags("CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT").protectionLevel("PROTECTION_LEVEL_WINTCB_LIGHT"));
        assertEquals(NtStatus.STATUS_SUCCESS, c.status());
        assertEquals(0x61, c.child().value());
        assertEquals(0x3E, c.signatureLevel());
        assertEquals(0x0C, c.sectionLevel());
        assertEquals(0x00103800, c.processAccess());
        assertEquals(0x00101C01, c.threadAccess());
    }

    @Test
    void an_overlays_creation_switches_decide_creations_on_it() {
        Create lsaIso = Create.creator("WinTcb-Light").image("C:\\Windows\\System32\\LsaIso.exe")
                .imageEkus("1.3.6.1.4.1.311.10.3.37,1.3.6.1.4.1.311.10.3.6").imageTrustletId("1")
                .flags("EXTENDED_STARTUPINFO_PRESENT").secureProcess();
        Creation vbs = PPLSIM.create(lsaIso);
        assertEquals(NtStatus.STATUS_SUCCESS, vbs.status());
        assertEquals("trustlet", vbs.kind().id());
        Pplsim vbsOff = PPLSIM.withOverlay("whatif/vbs-off.yaml");
        Creation off = vbsOff.create(lsaIso);
        assertEquals(NtStatus.STATUS_NOT_SUPPORTED, off.status());
        assertTrue(off.rules().containsAll(List.of("C35.2", "C35.5", "C90.1")), off.rules().toString());
        assertTrue(!vbs.rules().contains("C35.5"), vbs.rules().toString());
        // a further what-if over it keeps VBS off
        assertEquals(NtStatus.STATUS_NOT_SUPPORTED, vbsOff.withOverlay("whatif/lsa-dominates-antimalware.yaml").create(lsaIso).status());
    }

    @Test
    void an_authenticode_dll_is_refused_by_a_wintcb_light_process() {
        Load l = PPLSIM.load(ImageLoad.into("WinTcb-Light").imageSigner("Authenticode"));
        assertEquals(NtStatus.STATUS_INVALID_IMAGE_HASH, l.status());
        assertEquals(0x04, l.imageLevel());
        assertEquals(0x0C, l.sectionLevel());
        assertTrue(l.rules().containsAll(List.of("L10.1", "L20.2", "L40.1", "L90.1")), l.rules().toString());
        assertTrue(PPLSIM.explain(l).contains("STATUS_INVALID_IMAGE_HASH"), PPLSIM.explain(l));
    }

    @Test
    void batch_over_characters_answers_as_the_contract_with_non_ascii_ids_and_error_lines() throws Exception {
        String in = "{\"id\":\"c2\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}\n"
                + "{\"id\":\"日本-é\",\"caller\":{\"protection\":\"WinTcb-Light\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}\n"
                + "{\"id\":3,\"caller\":{\"protection\":\"None\"}}\n";
        StringWriter out = new StringWriter();
        var counts = PPLSIM.batch(new StringReader(in), out);
        assertEquals(3, counts.lines());
        assertEquals(2, counts.decided());
        assertEquals(1, counts.errors());
        assertEquals(List.of(
                "{\"id\":\"c2\",\"status\":\"STATUS_ACCESS_DENIED\",\"ntstatus\":\"0xC0000022\",\"granted\":\"0x00000000\",\"rules\":[\"R10.2\",\"R12.2\",\"R20.2\",\"R40.4\",\"R50.1\",\"R50.5\",\"R80.1\",\"R80.2\",\"R80.3\",\"R90.2\"]}",
                "{\"id\":\"日本-é\",\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"granted\":\"0x00000010\",\"rules\":[\"R10.2\",\"R12.2\",\"R20.2\",\"R40.5\",\"R50.1\",\"R80.1\",\"R80.2\",\"R80.3\",\"R90.3\"]}",
                "{\"id\":3,\"error\":\"line 3: target: required\"}"), out.toString().lines().toList());
        // the same bytes through the byte streams
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PPLSIM.batch(new java.io.ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), bytes);
        assertEquals(out.toString(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_character_split_across_writes_is_written_whole() throws Exception {
        StringWriter w = new StringWriter();
        CharStreams.Decoding sink = new CharStreams.Decoding(w);
        byte[] b = "a日é\n".getBytes(StandardCharsets.UTF_8);
        for (byte x : b) sink.write(x);
        assertEquals("a日é\n", w.toString());
        var in = new CharStreams.Encoding(new StringReader("é日"));
        assertEquals("é日", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void bad_input_is_one_line_naming_what_is_wrong() {
        assertEquals("unknown build 'nope' (known: windows-10-11, windows-10-early, windows-10-rs)",
                assertThrows(InputException.class, () -> PPLSIM.withBuild("nope")).getMessage());
        assertEquals("missing.yaml: no such file", assertThrows(InputException.class, () -> PPLSIM.withBuild("missing.yaml")).getMessage());
        assertTrue(assertThrows(InputException.class, () -> PPLSIM.decide(Open.caller("Nonsense").target("Lsa-Light").desired("PROCESS_VM_READ")))
                .getMessage().startsWith("unknown protection 'Nonsense'"));
        assertEquals("caller: no process 'nosuch.exe' in system windows-11", assertThrows(InputException.class,
                () -> PPLSIM.withCatalog("windows-11").decide(Open.caller("nosuch.exe").target("lsass.exe").desired("PROCESS_VM_READ"))).getMessage());
        assertTrue(assertThrows(InputException.class, () -> PPLSIM.withCatalog("whatif/lsa-dominates-antimalware.yaml"))
                .getMessage().endsWith("is a build, not a system catalog: use withBuild"));
        assertTrue(assertThrows(InputException.class, () -> PPLSIM.withBuild("whatif/lsass-runasppl-off.yaml"))
                .getMessage().endsWith("is a system catalog, not a build: use withCatalog"));
    }

    @Test
    void a_query_is_decided_as_it_stands_and_warm_builds_the_session() {
        assertSame(PPLSIM, PPLSIM.warm());
        assertNull(PPLSIM.build());
        Decision d = PPLSIM.decide(AccessQuery.of(new PsProtection(0x72), new PsProtection(0x41), ObjectKind.THREAD, 0x1FFFFF));
        assertEquals(NtStatus.STATUS_SUCCESS, d.status());
        assertEquals(0x1FFFFF, d.granted());
        assertEquals("Pplsim[built-in policies and rules, build windows-10-early]", PPLSIM.withBuild("windows-10-early").toString());
    }

    private static synchronized String cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
