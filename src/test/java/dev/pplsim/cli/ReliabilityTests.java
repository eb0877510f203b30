package dev.pplsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14 at the command line: output that cannot be written is exit 3, files are written whole or not at all,
 * a run with nothing to do is bad input, numbers do not follow the JVM's locale, and look-alike spellings are
 * refused wherever they are read. Each case was reproduced before its fix.
 */
class ReliabilityTests {

    @TempDir
    Path tmp;

    /** A disk that fills after {@code room} bytes: what /dev/full is with room 0. */
    private static final class FullDisk extends OutputStream {
        private int room;
        int written;

        FullDisk(int room) {
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            if (room-- <= 0) throw new IOException("No space left on device");
            written++;
        }
    }

    private record Outcome(int exit, String err, int written) {
    }

    private static synchronized Outcome runInto(FullDisk disk, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(disk, false, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Outcome(exit, err.toString(StandardCharsets.UTF_8), disk.written);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void a_decision_that_cannot_be_written_is_exit_3_not_0() {
        Outcome o = runInto(new FullDisk(0), "decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ");
        assertEquals(3, o.exit(), o.err());
        assertEquals("pplsim: output could not be written: standard output\n", o.err());
    }

    @Test
    void a_matrix_cut_off_half_way_is_exit_3() {
        Outcome o = runInto(new FullDisk(2000), "matrix", "--format", "csv");
        assertEquals(3, o.exit(), o.err());
        assertEquals("pplsim: output could not be written: standard output\n", o.err());
        assertEquals(2000, o.written());
    }

    @Test
    void matrix_output_file_is_written_whole_and_a_failed_run_keeps_the_old_one() throws Exception {
        Path f = tmp.resolve("m.csv");
        CliTests.Result ok = CliTests.run("", "matrix", "--format", "csv", "-o", f.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("", ok.out());
        String whole = Files.readString(f);
        assertTrue(whole.startsWith("build,object,mode,relation,caller,caller_name,target,target_name,desired,desired_name,status,ntstatus,granted,rule\n"), whole);
        // 17 protections (None, 8 signers as PPL and PP) squared, 22 rights each, and the header
        assertEquals(17 * 17 * 22 + 1, whole.lines().count());
        CliTests.Result bad = CliTests.run("", "matrix", "--format", "csv", "--object", "token", "-o", f.toString());
        CliTests.assertOneLineError(bad, "pplsim: --object: expected process or thread, got 'token'");
        assertEquals(whole, Files.readString(f), "the failed run left the earlier file as it was");
        try (var files = Files.list(tmp)) {
            assertEquals(java.util.List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void a_stale_temporary_file_of_a_killed_run_is_removed_by_the_next_write() throws Exception {
        Path f = tmp.resolve("m.csv");
        // pid 2^22+1 is above Linux's pid_max default, so no process has it: what a killed run leaves
        Path stale = Files.writeString(tmp.resolve(".m.csv.4194305.pplsim-tmp"), "half a matr");
        Path other = Files.writeString(tmp.resolve(".other.csv.4194305.pplsim-tmp"), "not ours");
        assertEquals(0, CliTests.run("", "matrix", "--format", "json", "-o", f.toString()).exit());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other), "only the target's own temporary files are cleaned");
    }

    @Test
    void an_output_file_that_cannot_be_created_is_exit_3_with_one_line() {
        Path f = tmp.resolve("no-such-dir").resolve("m.csv");
        CliTests.Result r = CliTests.run("", "matrix", "--format", "csv", "-o", f.toString());
        assertEquals(3, r.exit(), r.err());
        assertEquals("pplsim: output could not be written: " + f + ": no such directory\n", r.err());
    }

    @Test
    void a_junit_report_onto_a_directory_is_exit_3_not_an_internal_error() {
        CliTests.Result r = CliTests.run("", "test", "--junit", "/", scenario("self.yaml"));
        assertEquals(3, r.exit(), r.err());
        assertEquals("pplsim: output could not be written: /: is a directory\n", r.err());
    }

    private static String scenario(String name) {
        return Path.of(System.getProperty("pplsim.home", "."), "policies", "scenarios", name).toString();
    }

    @Test
    void a_junit_report_is_readable_like_any_new_file_and_parses_with_control_characters_in_a_note() throws Exception {
        Path s = Files.writeString(tmp.resolve("s.yaml"), """
                scenarios:
                  - note: "a note with a bell \\a, a tab \\t, a line break \\n and <markup> & \\"quotes\\""
                    cite: "spec §3.2"
                    request: {caller: Lsa-Light, target: Lsa-Light, desired: PROCESS_ALL_ACCESS, relation: self}
                    want: {status: STATUS_SUCCESS, granted: "0x001FFFFF"}
                """);
        Path report = tmp.resolve("report.xml");
        CliTests.Result r = CliTests.run("", "test", "--junit", report.toString(), s.toString());
        assertEquals(0, r.exit(), r.err());
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        String name = d.getElementsByTagName("testcase").item(0).getAttributes().getNamedItem("name").getNodeValue();
        assertEquals("a note with a bell \\u0007, a tab \t, a line break \n and <markup> & \"quotes\"", name);
        Set<PosixFilePermission> made = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain")));
        assertEquals(made, Files.getPosixFilePermissions(report), "the umask decides, as for any file the user creates");
    }

    @Test
    void numbers_do_not_follow_the_jvm_locale() throws Exception {
        Locale old = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Path report = tmp.resolve("report.xml");
            CliTests.Result t = CliTests.run("", "test", "--junit", report.toString(), scenario("self.yaml"));
            assertEquals(0, t.exit(), t.err());
            assertTrue(Files.readString(report).matches("(?s).*time=\"[0-9]+\\.[0-9]{3}\".*"), Files.readString(report));
            CliTests.Result p = CliTests.run("", "prove", "--store", "off",
                    Path.of(System.getProperty("pplsim.home", "."), "policies", "properties", "protection.yaml").toString());
            String last = p.outLines().get(p.outLines().size() - 1);
            assertTrue(last.matches("[0-9]+ proved, [0-9]+ refuted \\([0-9]+ not as declared\\): [0-9]{1,3}(,[0-9]{3})* cases from [0-9,]+ rule runs in [0-9]+\\.[0-9]{2} s"),
                    last);
        } finally {
            Locale.setDefault(old);
        }
    }

    @Test
    void a_run_with_nothing_to_do_is_bad_input() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        CliTests.Result prove = CliTests.run("", "prove", empty.toString());
        CliTests.assertOneLineError(prove, "pplsim: " + empty + ": no property files (*.yaml) in this directory, so nothing to run");
        CliTests.Result test = CliTests.run("", "test", empty.toString());
        CliTests.assertOneLineError(test, "pplsim: " + empty + ": no scenario files (*.yaml) in this directory, so nothing to run");
        Path none = Files.writeString(tmp.resolve("none.yaml"), "scenarios: []\n");
        CliTests.assertOneLineError(CliTests.run("", "test", none.toString()), "pplsim: " + none + ":2:1: no scenarios");
        Path noProps = Files.writeString(tmp.resolve("noprops.yaml"), "properties: []\n");
        CliTests.assertOneLineError(CliTests.run("", "prove", noProps.toString()),
                "pplsim: " + noProps + ":2:1: no properties: give 'properties' (laws of opens), 'creations' (laws of process creation) or 'loads' (laws of image loads)");
    }

    @Test
    void look_alike_spellings_are_refused_on_the_command_line_and_in_build_yaml() throws Exception {
        CliTests.Result caller = CliTests.run("", "decide", "--caller", "٩٧", "--target", "None", "--access", "PROCESS_VM_READ");
        CliTests.assertOneLineError(caller, "pplsim: --caller: unknown protection '٩٧'");
        CliTests.Result bar = CliTests.run("", "decide", "--caller", "None", "--target", "None", "--access", "|");
        CliTests.assertOneLineError(bar, "pplsim: --access: malformed desired access '|': empty term between '|'");
        Path build = tmp.resolve("b.yaml");
        Files.writeString(build, Files.readString(Path.of(System.getProperty("pplsim.home", "."), "policies", "builds", "windows-10-11.yaml"))
                .replace("  - {signer: Lsa,  ", "  - {signer: Lſa,  "));
        CliTests.Result yaml = CliTests.run("", "decide", "--build", build.toString(), "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ");
        CliTests.assertOneLineError(yaml, "pplsim: --build: ");
        assertTrue(yaml.err().contains("Lſa"), yaml.err());
    }

    @Test
    void help_that_cannot_be_written_is_exit_3_once_without_a_class_name() {
        Outcome o = runInto(new FullDisk(0), "--help");
        assertEquals(3, o.exit(), o.err());
        assertEquals("pplsim: output could not be written: standard output\n", o.err());
    }

    @Test
    void integer_options_take_the_one_number_grammar() {
        CliTests.assertOneLineError(CliTests.run("", "batch", "--max-line-bytes", "+1000", "-"),
                "pplsim: --max-line-bytes: malformed number '+1000': expected a hex (0x10) or decimal number of at most 32 bits");
        CliTests.assertOneLineError(CliTests.run("", "batch", "--max-line-bytes", "١٠٠٠", "-"), "pplsim: --max-line-bytes: malformed number '١٠٠٠'");
        assertEquals(0, CliTests.run("", "batch", "--max-line-bytes", "0x100000", "-").exit());
    }

    @Test
    void a_planted_symlink_at_the_temporary_name_is_refused_not_followed() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "keep me");
        Path f = tmp.resolve("m.csv");
        // the next write's temporary name is unknown (pid and a sequence); plant every name of this process's next few
        for (int seq = 0; seq < 200; seq++) {
            Files.createSymbolicLink(tmp.resolve(".m.csv." + ProcessHandle.current().pid() + "-" + seq + ".pplsim-tmp"), victim);
        }
        CliTests.Result r = CliTests.run("", "matrix", "--format", "csv", "-o", f.toString());
        assertEquals("keep me", Files.readString(victim), "the symlink's target was not written");
        assertTrue(r.exit() == 0 || r.exit() == 3, r.err());
    }

    @Test
    void replay_and_verify_of_an_empty_file_are_bad_input_not_zero_records() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        CliTests.assertOneLineError(CliTests.run("", "replay", empty.toString()), "pplsim: " + empty + ": no Sysmon Event ID 10 (ProcessAccess) records, so nothing to replay");
        CliTests.assertOneLineError(CliTests.run("", "verify", empty.toString()), "pplsim: " + empty + ": no observations, so nothing to verify");
    }

    @Test
    void a_sysmon_data_element_without_a_name_is_skipped_not_a_null_pointer() throws Exception {
        Path x = Files.writeString(tmp.resolve("e.xml"), "<Events><Event><System><EventID>10</EventID></System><EventData><Data>x</Data>"
                + "<Data Name=\"SourceImage\">C:\\Windows\\explorer.exe</Data><Data Name=\"SourceProcessId\">5120</Data>"
                + "<Data Name=\"TargetImage\">C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\MsMpEng.exe</Data>"
                + "<Data Name=\"TargetProcessId\">3880</Data><Data Name=\"GrantedAccess\">0x1000</Data></EventData></Event></Events>");
        CliTests.Result r = CliTests.run("", "replay", x.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1 records: 1 consistent with the model, 0 flagged, 0 not in the catalog"), r.out());
    }

    @Test
    void an_explicit_null_in_an_observation_is_named() throws Exception {
        Path o = Files.writeString(tmp.resolve("o.jsonl"), "{\"id\":\"x\",\"windowsBuild\":null}\n");
        CliTests.Result r = CliTests.run("", "verify", o.toString());
        CliTests.assertOneLineError(r, "pplsim: " + o + ":1: windowsBuild: a value is required (null given)");
    }

    @Test
    void a_megabyte_sddl_mask_is_quoted_short() {
        String sddl = "D:(A;;0x" + "0".repeat(1 << 20) + ";;;WD)";
        CliTests.Result r = CliTests.run("", "decide", "--caller", "None", "--target", "None", "--access", "PROCESS_VM_READ", "--token", "system", "--sd", sddl);
        CliTests.assertOneLineError(r, "pplsim: --sd: SDDL at 7: malformed access mask '0x" + "0".repeat(58) + "...'");
        assertTrue(r.err().length() < 300, r.err().length() + " characters");
    }

    @Test
    void utf32_input_is_refused_by_its_mark_as_policy_yaml_refuses_it() throws Exception {
        // read as UTF-16LE before, FF FE 00 00 made a line of NULs; the YAML reader already refused it
        byte[] line = "{\"id\":1}\n".getBytes(java.nio.charset.Charset.forName("UTF-32LE"));
        byte[] bytes = new byte[line.length + 4];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(line, 0, bytes, 4, line.length);
        Path f = Files.write(tmp.resolve("u32.jsonl"), bytes);
        CliTests.assertOneLineError(CliTests.run("", "batch", f.toString()),
                "pplsim: " + f + ": the input is UTF-32 (by its byte order mark); save it as UTF-8 or UTF-16");
        Path be = Files.write(tmp.resolve("u32be.jsonl"), new byte[]{0, 0, (byte) 0xFE, (byte) 0xFF, 0, 0, 0, '{'});
        CliTests.assertOneLineError(CliTests.run("", "batch", be.toString()), "pplsim: " + be + ": the input is UTF-32");
        // UTF-16LE whose first character is not NUL still reads
        byte[] le = "{\"id\":1,\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\"},\"desired\":\"0x10\"}\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[le.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withMark, 2, le.length);
        CliTests.Result ok = CliTests.run("", "batch", Files.write(tmp.resolve("u16.jsonl"), withMark).toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("{\"id\":1,\"status\":\"STATUS_SUCCESS\""), ok.out());
    }
}
