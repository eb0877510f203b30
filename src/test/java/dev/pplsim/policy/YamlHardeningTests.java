package dev.pplsim.policy;

import dev.pplsim.cli.Main;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Policy YAML an independent review found mishandled (issue #14): oversized files and scalars, masks and numbers
 * in YAML 1.1's other forms, YAML 1.1 booleans, explicit nulls, deep overlay chains, and malformed documents. Each
 * gets one line naming the file, position and field, and exit 2 on the CLI.
 */
class YamlHardeningTests {

    @TempDir
    Path tmp;

    private static final String OVERLAY = "overlay: x\nbase: windows-11\nnote: n\n";

    private Path file(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Path bytes(String name, byte[] content) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return f;
    }

    private static String build() throws Exception {
        return Files.readString(Path.of("policies/builds/windows-10-11.yaml"));
    }

    /** The shipped build with one edit, which must apply. */
    private Path editedBuild(String from, String to) throws Exception {
        String text = build();
        assertFalse(text.equals(text.replace(from, to)), "fixture text present: " + from);
        return file("b.yaml", text.replace(from, to));
    }

    private static String error(Path f, Class<?> type) {
        String m = assertThrows(InputException.class, () -> Yaml.read(f, f.getFileName().toString(), type)).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    private record Cli(int exit, String err) {
    }

    private static synchronized Cli cli(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Cli(Main.run(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static void assertCliError(String expected, String... args) {
        Cli r = cli(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals(expected + "\n", r.err().replace("\r\n", "\n"));
    }

    // ---- 1. size limits, before SnakeYAML scans anything --------------------------------------------------------

    @Test
    void a_file_over_the_size_limit_is_refused_by_its_size_before_snakeyaml_scans_it() throws Exception {
        // one 2 MiB scalar: SnakeYAML's scan of it is quadratic (a 50 MB one never finished); refused unread
        Path f = file("b.yaml", build().replaceFirst("(?m)^description: .*$", "description: " + "x".repeat(2 << 20)));
        long size = Files.size(f);
        assertEquals("b.yaml: is " + size + " bytes, over the limit of 1048576 for a policy file (system property pplsim.yaml.maxBytes)",
                error(f, BuildFile.class));
        assertCliError("pplsim: --build: " + PolicySet.shown(f) + ": is " + size + " bytes, over the limit of 1048576 for a policy file (system property pplsim.yaml.maxBytes)",
                "decide", "--build", f.toString(), "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ");
    }

    @Test
    void a_line_over_the_length_limit_is_refused_with_its_line_number() throws Exception {
        Path f = file("b.yaml", build().replaceFirst("(?m)^description: .*$", "description: " + "x".repeat(100_000)));
        assertEquals("b.yaml:5: a line of 100013 characters is over the limit of 65536 (system property pplsim.yaml.maxLineChars)",
                error(f, BuildFile.class));
    }

    @Test
    void the_limits_are_set_by_system_properties() throws Exception {
        Path f = file("b.yaml", build());
        try {
            System.setProperty("pplsim.yaml.maxBytes", "1000");
            assertEquals("b.yaml: is " + Files.size(f) + " bytes, over the limit of 1000 for a policy file (system property pplsim.yaml.maxBytes)",
                    error(f, BuildFile.class));
            System.clearProperty("pplsim.yaml.maxBytes");
            System.setProperty("pplsim.yaml.maxLineChars", "100");
            assertEquals("b.yaml:1: a line of 108 characters is over the limit of 100 (system property pplsim.yaml.maxLineChars)",
                    error(f, BuildFile.class));
            System.setProperty("pplsim.yaml.maxLineChars", "lots");
            assertEquals("system property pplsim.yaml.maxLineChars: 'lots' is not a whole number from 1 to 1073741824", error(f, BuildFile.class));
        } finally {
            System.clearProperty("pplsim.yaml.maxBytes");
            System.clearProperty("pplsim.yaml.maxLineChars");
        }
        assertEquals("windows-10-11", Yaml.read(f, "b.yaml", BuildFile.class).name());
    }

    // ---- 2. masks and numbers: hex or decimal, read from the text as written -------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"272.9", "0b100011000", "0110", "-1", "+272", "1_000", "0x_110", ".5", "1e3", "0o17", "٢٧٢", "０x110", "\"27 2\"", "0x"})
    void a_mask_is_hex_or_decimal_only(String written) throws Exception {
        Path f = editedBuild("{signer: Authenticode, dominateMask: 0x002,", "{signer: Authenticode, dominateMask: " + written + ",");
        String shown = written.startsWith("\"") ? written.substring(1, written.length() - 1) : written;
        assertEquals("b.yaml:20:42: signers[1].dominateMask: '" + shown + "' is not a mask (write hex 0x110 or decimal 272)", error(f, BuildFile.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x110", "0X110", "0x0110", "272", "\"0x110\"", "'272'"})
    void a_mask_in_hex_or_decimal_is_read(String written) throws Exception {
        Path f = editedBuild("{signer: Authenticode, dominateMask: 0x002,", "{signer: Authenticode, dominateMask: " + written + ",");
        assertEquals(0x110, Yaml.read(f, "b.yaml", BuildFile.class).signers().get(1).dominateMask().value());
    }

    @Test
    void a_key_given_twice_is_refused_not_last_wins() throws Exception {
        // last wins would flip lsass -> MsMpEng to success: 0x118 adds Antimalware's bit 0x8 to Lsa's 0x110 (issue #14)
        Path f = editedBuild("{signer: Lsa,          dominateMask: 0x110,", "{signer: Lsa,          dominateMask: 0x110, dominateMask: 0x118,");
        assertEquals("b.yaml:23:61: signers[4]: Duplicate field 'dominateMask'", error(f, BuildFile.class));
    }

    @Test
    void a_mask_over_32_bits_is_refused() throws Exception {
        Path f = editedBuild("{signer: Authenticode, dominateMask: 0x002,", "{signer: Authenticode, dominateMask: 0x100000110,");
        assertEquals("b.yaml:20:42: signers[1].dominateMask: '0x100000110' does not fit 32 bits (a mask is at most 0xFFFFFFFF)", error(f, BuildFile.class));
    }

    @Test
    void whole_number_fields_take_the_same_forms_as_masks() throws Exception {
        for (String written : new String[]{"12.5", "0110", "-4", "0b1"}) {
            Path f = file("o.yaml", OVERLAY + "set:\n  - {image: lsass.exe, pid: " + written + "}\n");
            assertEquals("o.yaml:5:29: set[0].pid: '" + written + "' is not a whole number (write decimal 272 or hex 0x110)", error(f, Overlay.class));
        }
        Path big = file("o.yaml", OVERLAY + "set:\n  - {image: lsass.exe, pid: 0x100000000}\n");
        assertEquals("o.yaml:5:29: set[0].pid: '0x100000000' is over the largest allowed, 4294967295", error(big, Overlay.class));
        assertEquals(0x2A0L, Yaml.read(file("o.yaml", OVERLAY + "set:\n  - {image: lsass.exe, pid: 0x2A0}\n"), "o.yaml", Overlay.class).set().get(0).pid());
    }

    @Test
    void a_signer_number_beyond_four_bits_is_refused_not_wrapped() throws Exception {
        // intValue() made 0x100000000 signer 0, which the row order then accepted; a row's own check is placed at its end
        Path f = editedBuild("{signer: None,", "{signer: 0x100000000,");
        assertEquals("b.yaml:19:119: signers[0]: signer 4294967296 is not 0..15 (a signer is 4 bits)", error(f, BuildFile.class));
    }

    @Test
    void a_number_in_a_number_or_name_field_is_written_as_a_number() throws Exception {
        String trust = Files.readString(Path.of("policies/trust-levels.yaml"));
        Path f = file("t.yaml", trust.replace("{protection: 0x61,", "{protection: 0141,"));
        assertEquals("t.yaml:15:79: table[4]: protection '0141' is not a number (write decimal 272 or hex 0x110)", error(f, TrustLevels.File.class));
        String tokens = Files.readString(Path.of("policies/tokens.yaml"));
        Path g = file("k.yaml", tokens.replaceFirst("attributes: \"MANDATORY\\|ENABLED_BY_DEFAULT\\|ENABLED\"", "attributes: 07"));
        assertEquals("k.yaml:30:43: tokens[0].groups[0]: attributes: '07' is not a number (write decimal 272 or hex 0x110)", error(g, TokensFile.class));
    }

    // ---- 3. booleans: true or false --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "on", "off", "True", "FALSE", "1", "0", "\"true\"", "y"})
    void a_boolean_is_true_or_false_only(String written) throws Exception {
        Path f = file("o.yaml", OVERLAY + "switches: {picoCheck: " + written + "}\n");
        String shown = written.replace("\"", "");
        assertEquals("o.yaml:4:23: switches.picoCheck: '" + shown + "' is not a boolean (write true or false, unquoted)", error(f, Overlay.class));
    }

    @Test
    void true_and_false_are_booleans() throws Exception {
        Path f = file("o.yaml", OVERLAY + "switches: {picoCheck: false, disallowUserTerminateCheck: true}\n");
        Overlay o = Yaml.read(f, "o.yaml", Overlay.class);
        assertEquals(false, o.switches().picoCheck());
        assertEquals(true, o.switches().disallowUserTerminateCheck());
    }

    @Test
    void a_property_change_of_force_access_check_is_a_boolean() throws Exception {
        // the change map is untyped, and the prover read anything but "true" as false
        Path f = file("p.yaml", "properties:\n  - name: p\n    why: w\n    cite: \"spec §3.2\"\n    forall: {modes: [user]}\n"
                + "    compare: {change: {forceAccessCheck: yes}, expect: {sameOutcome: true}}\n");
        assertEquals("p.yaml:6:75: properties[0].compare: change.forceAccessCheck: 'yes' is not a boolean (write true or false, unquoted)",
                error(f, PropertyFile.class));
    }

    @Test
    void text_fields_keep_what_yaml_1_1_would_have_read_as_numbers_or_booleans() throws Exception {
        Overlay o = Yaml.read(file("o.yaml", "overlay: yes\nbase: 10.0\nnote: 0110\n"), "o.yaml", Overlay.class);
        assertEquals("yes", o.overlay());
        assertEquals("10.0", o.base());
        assertEquals("0110", o.note());
    }

    @Test
    void an_enum_is_written_by_name_not_by_number() throws Exception {
        String creation = Files.readString(Path.of("policies/creation.yaml"));
        Path f = file("c.yaml", creation.replaceFirst("terminateAddedTo: \\w+", "terminateAddedTo: 1"));
        String m = error(f, CreationPolicy.File.class);
        assertEquals("terminateAddedTo: '1' is not one of thread, both", m.substring(m.indexOf("terminateAddedTo:")), m);
    }

    // ---- 4. explicit nulls ---------------------------------------------------------------------------------------

    @Test
    void an_explicit_null_is_a_named_error_not_a_null_pointer() throws Exception {
        Path f = editedBuild("{signer: Authenticode, dominateMask: 0x002,", "{signer: Authenticode, dominateMask: ~,");
        assertEquals("b.yaml:20:42: signers[1].dominateMask: a value is required (null given)", error(f, BuildFile.class));
        assertCliError("pplsim: --build: " + PolicySet.shown(f) + ":20:42: signers[1].dominateMask: a value is required (null given)",
                "decide", "--build", f.toString(), "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"~", "null", "Null", "NULL", ""})
    void every_spelling_of_null_is_refused_where_a_value_is_given(String written) throws Exception {
        Path f = file("o.yaml", OVERLAY + "signers:\n  - signer: WinTcb\n    dominateMask: " + written + "\n");
        int column = written.isEmpty() ? 18 : 19;
        assertEquals("o.yaml:6:" + column + ": signers[0].dominateMask: a value is required (null given)", error(f, Overlay.class));
    }

    @Test
    void a_null_list_item_or_section_is_refused() throws Exception {
        assertEquals("o.yaml:5:4: set[0]: a value is required (null given)", error(file("o.yaml", OVERLAY + "set:\n  -\n  - {image: a.exe}\n"), Overlay.class));
        assertEquals("o.yaml:4:10: switches: a value is required (null given)", error(file("o.yaml", OVERLAY + "switches:\n"), Overlay.class));
        assertEquals("o.yaml:4:27: set[0].pid: a value is required (null given)", error(file("o.yaml", OVERLAY + "set: [{image: a.exe, pid: null}]\n"), Overlay.class));
    }

    @Test
    void an_omitted_optional_field_is_still_allowed() throws Exception {
        Overlay o = Yaml.read(file("o.yaml", OVERLAY + "signers:\n  - {signer: WinTcb, dominateMask: 0x110}\n"), "o.yaml", Overlay.class);
        assertEquals(0x110, o.signers().get(0).dominateMask().value());
        assertEquals(null, o.signers().get(0).deniedProcessAccess());
        assertEquals(null, o.switches());
    }

    // ---- 5. overlay chains -----------------------------------------------------------------------------------------

    @Test
    void an_overlay_chain_over_the_depth_limit_is_refused_naming_the_file_not_a_stack_overflow() throws Exception {
        file("o1.yaml", "overlay: o1\nbase: windows-11\nnote: n\n");
        for (int i = 2; i <= 3000; i++) file("o" + i + ".yaml", "overlay: o" + i + "\nbase: o" + (i - 1) + ".yaml\nnote: n\n");
        PolicySet policies = PolicySet.load(Path.of("policies"));
        String m = assertThrows(InputException.class, () -> Overlay.resolve(policies, tmp.resolve("o3000.yaml").toString())).getMessage();
        assertEquals(PolicySet.shown(tmp.resolve("o2936.yaml")) + ": is overlay 65 in a chain of bases from " + PolicySet.shown(tmp.resolve("o3000.yaml"))
                + ", over the limit of 64 (system property pplsim.overlay.maxDepth)", m);
        assertEquals("o64", Overlay.resolve(policies, tmp.resolve("o64.yaml").toString()).name());
    }

    @Test
    void an_overlay_with_a_byte_order_mark_is_still_an_overlay() throws Exception {
        // the overlay: line was looked for in the raw text, behind the mark, and the file was read as a build
        Path f = bytes("o.yaml", ("\uFEFF" + OVERLAY).getBytes(StandardCharsets.UTF_8));
        assertEquals("x", Overlay.resolve(PolicySet.load(Path.of("policies")), f.toString()).name());
    }

    // ---- 6. malformed documents ------------------------------------------------------------------------------------

    @Test
    void a_top_level_list_or_single_value_is_refused() throws Exception {
        assertEquals("o.yaml:1:1: the file is a list, but a policy file is a mapping of fields (name: value)", error(file("o.yaml", "- a\n- b\n"), Overlay.class));
        assertEquals("o.yaml:1:1: the file is a single value, but a policy file is a mapping of fields (name: value)", error(file("o.yaml", "hello\n"), Overlay.class));
    }

    @Test
    void an_empty_file_is_refused_as_empty() throws Exception {
        assertEquals("o.yaml: the file is empty", error(file("o.yaml", ""), Overlay.class));
        assertEquals("o.yaml: the file is empty", error(file("o.yaml", "# nothing\n"), Overlay.class));
        assertEquals("o.yaml: the file is empty", error(file("o.yaml", "~\n"), Overlay.class));
    }

    @Test
    void a_second_document_is_refused() throws Exception {
        String expected = "o.yaml:5:1: a second YAML document starts here; a policy file holds one document (remove the '---' and what follows, or split the file)";
        assertEquals(expected, error(file("o.yaml", OVERLAY + "---\n" + OVERLAY), Overlay.class));
        assertEquals(expected, error(file("o.yaml", OVERLAY + "---\n"), Overlay.class));
        // a leading --- and a closing ... are one document
        assertEquals("x", Yaml.read(file("o.yaml", "---\n" + OVERLAY + "...\n"), "o.yaml", Overlay.class).overlay());
    }

    @Test
    void a_tab_is_refused_in_one_line_with_its_position() throws Exception {
        assertEquals("o.yaml:5:1: a tab here: YAML indents and separates with spaces, not tabs",
                error(file("o.yaml", OVERLAY + "switches:\n\tpicoCheck: true\n"), Overlay.class));
        assertEquals("o.yaml:1:9: a tab here: YAML indents and separates with spaces, not tabs",
                error(file("o.yaml", "overlay:\tx\nbase: b\nnote: n\n"), Overlay.class));
        // inside a value a tab is text
        assertEquals("a\tb", Yaml.read(file("o.yaml", "overlay: x\nbase: b\nnote: \"a\tb\"\n"), "o.yaml", Overlay.class).note());
    }

    @Test
    void a_utf8_byte_order_mark_is_accepted() throws Exception {
        Path f = bytes("o.yaml", ("\uFEFF" + OVERLAY).getBytes(StandardCharsets.UTF_8));
        assertEquals("x", Yaml.read(f, "o.yaml", Overlay.class).overlay());
    }

    @Test
    void utf16_with_a_byte_order_mark_is_accepted() throws Exception {
        // Windows PowerShell 5 writes UTF-16LE with a mark by default
        for (var cs : new java.nio.charset.Charset[]{StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            Path f = bytes("o.yaml", ("\uFEFF" + OVERLAY.replace("note: n", "note: né")).getBytes(cs));
            assertEquals("né", Yaml.read(f, "o.yaml", Overlay.class).note(), cs.name());
        }
    }

    @Test
    void a_nul_byte_is_refused_with_its_position() throws Exception {
        Path f = bytes("o.yaml", "overlay: x\nbase: b\u0000c\nnote: n\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("o.yaml:2:8: a NUL character (U+0000) is not allowed in a YAML file (a UTF-16 file needs its byte order mark)", error(f, Overlay.class));
        // UTF-16 without its mark is mostly NULs to a UTF-8 reader
        Path u16 = bytes("u.yaml", OVERLAY.getBytes(StandardCharsets.UTF_16LE));
        assertEquals("u.yaml:1:2: a NUL character (U+0000) is not allowed in a YAML file (a UTF-16 file needs its byte order mark)", error(u16, Overlay.class));
        Path bell = bytes("o.yaml", "overlay: x\u0007\nbase: b\nnote: n\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("o.yaml:1:11: the control character U+0007 is not allowed in a YAML file", error(bell, Overlay.class));
    }

    @Test
    void bytes_that_are_not_utf8_are_refused_with_their_position() throws Exception {
        Path f = bytes("o.yaml", new byte[]{'o', 'v', 'e', 'r', 'l', 'a', 'y', ':', ' ', (byte) 0xC3, '(', '\n'});
        assertEquals("o.yaml:1:10: the byte 0xC3 is not UTF-8; save the file as UTF-8", error(f, Overlay.class));
    }

    @Test
    void aliases_and_anchors_are_refused_so_billion_laughs_cannot_expand() throws Exception {
        // Jackson read an alias as the anchor's name: base: *a was the base "a"
        assertEquals("o.yaml:2:7: base: an alias (*a) is not supported in a policy file: write the value out",
                error(file("o.yaml", "overlay: x\nbase: *a\nnote: n\n"), Overlay.class));
        assertEquals("o.yaml:1:10: overlay: an anchor (&a) is not supported in a policy file: write each value out",
                error(file("o.yaml", "overlay: &a x\nbase: *a\nnote: n\n"), Overlay.class));
        StringBuilder lol = new StringBuilder(OVERLAY + "add:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) lol.append("  - &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        assertEquals("o.yaml:5:5: add[0]: an anchor (&a0) is not supported in a policy file: write each value out",
                error(file("o.yaml", lol.toString()), Overlay.class));
    }

    @Test
    void a_tag_is_refused() throws Exception {
        assertEquals("o.yaml:4:23: switches.picoCheck: a tag (tag:yaml.org,2002:bool) is not supported in a policy file: write the value without it",
                error(file("o.yaml", OVERLAY + "switches: {picoCheck: !!bool yes}\n"), Overlay.class));
        assertEquals("o.yaml:1:10: overlay: a tag (tag:yaml.org,2002:binary) is not supported in a policy file: write the value without it",
                error(file("o.yaml", "overlay: !!binary aGk=\nbase: b\nnote: n\n"), Overlay.class));
    }

    @Test
    void nesting_deeper_than_the_limit_is_refused_in_one_line() throws Exception {
        Path f = file("p.yaml", "properties:\n  - name: p\n    why: w\n    cite: \"spec §3.2\"\n    forall: {modes: [user]}\n"
                + "    compare: {expect: {sameOutcome: true}, change: {build: " + "[\n".repeat(5000) + "}}\n");
        assertEquals("p.yaml:65:1: properties[0].compare.change.build" + "[0]".repeat(59)
                + ": mappings and lists nest more than 64 deep here; a policy file needs a handful of levels", error(f, PropertyFile.class));
    }
}
