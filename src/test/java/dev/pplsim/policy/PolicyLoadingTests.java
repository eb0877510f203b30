package dev.pplsim.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyLoadingTests {

    @TempDir
    Path tmp;

    @Test
    void built_in_policies_hold_the_spec_table_and_three_builds() {
        PolicySet p = PolicySet.builtIn();
        assertEquals(java.util.List.of("windows-10-11", "windows-10-early", "windows-10-rs"), p.builds().keySet().stream().sorted().toList());
        Build b = p.build("windows-10-11");
        assertEquals(9, b.table().size());
        assertEquals(new SignerAccess(6, 0x17E, 0x000FC7FF, 0x000FE3FF), b.row(6));
        assertEquals(new SignerAccess(8, 0x000, 0x000FC6FE, 0x000FE3FD), b.row(8));
        assertEquals(ParentExemption.PID_AND_SEQUENCE, b.switches().parentExemption());
        Build old = p.build("windows-10-early");
        assertEquals(ParentExemption.NONE, old.switches().parentExemption());
        assertFalse(old.switches().picoCheck());
        assertEquals(ImpliedRights.QUERY_ONLY, old.switches().impliedRights());
        assertEquals(ParentExemption.PID, p.build("windows-10-rs").switches().parentExemption());
    }

    private String loadError(String file, String from, String to) throws IOException {
        return dev.pplsim.TestTrees.policyError(tmp, file, from, to, PolicySet::load);
    }

    @Test
    void an_unknown_yaml_field_names_file_line_and_field() throws IOException {
        String m = loadError("builds/windows-10-11.yaml", "  picoCheck: true", "  picoCheck: true\n  picoChek: true");
        assertTrue(m.matches(".*builds/windows-10-11\\.yaml:\\d+:\\d+: switches\\.picoChek: unknown field 'picoChek' \\(expected one of: .*"), m);
        assertEquals(1, m.lines().count());
    }

    @Test
    void a_misspelt_table_field_names_the_row() throws IOException {
        String m = loadError("builds/windows-10-early.yaml", "{signer: Lsa,          dominateMask", "{signer: Lsa,          dominateMsk");
        assertTrue(m.contains("windows-10-early.yaml:"), m);
        assertTrue(m.contains("signers[4].dominateMsk: unknown field 'dominateMsk' (expected one of: deniedProcessAccess, deniedThreadAccess, dominateMask, signer)"), m);
        assertEquals(1, m.lines().count());
    }

    @Test
    void a_misspelt_field_is_named_before_an_error_jackson_meets_first() throws IOException {
        // a clean read skips the walk for misspelt names; a failed one still names the misspelling, also when Jackson
        // stopped at an earlier row's bad mask
        String m = loadError("builds/windows-10-early.yaml",
                "{signer: Antimalware,  dominateMask: 0x108, deniedProcessAccess: 0x000FC7FF, deniedThreadAccess: 0x000FE3FF}\n  - {signer: Lsa,          dominateMask",
                "{signer: Antimalware,  dominateMask: 0x1G8, deniedProcessAccess: 0x000FC7FF, deniedThreadAccess: 0x000FE3FF}\n  - {signer: Lsa,          dominateMsk");
        assertTrue(m.contains("signers[4].dominateMsk: unknown field 'dominateMsk'"), m);
    }

    @Test
    void a_malformed_mask_names_its_field() throws IOException {
        String m = loadError("builds/windows-10-11.yaml", "deniedProcessAccess: 0x000FC7FF, deniedThreadAccess: 0x000FE3FF}\n  - {signer: Lsa",
                "deniedProcessAccess: 0x000FG7FF, deniedThreadAccess: 0x000FE3FF}\n  - {signer: Lsa");
        assertTrue(m.contains("signers[3]"), m);
        assertTrue(m.contains("signers[3].deniedProcessAccess: '0x000FG7FF' is not a mask (write hex 0x110 or decimal 272)"), m);
    }

    @Test
    void a_denied_mask_out_of_range_is_refused() throws IOException {
        String m = loadError("builds/windows-10-11.yaml", "{signer: App,          dominateMask: 0x000, deniedProcessAccess: 0x000FC6FE",
                "{signer: App,          dominateMask: 0x000, deniedProcessAccess: 0x010FC6FE");
        assertTrue(m.contains("signers[8]: denied mask 0x010FC6FE has bits outside 0x001FFFFF"), m);
    }

    @Test
    void rows_out_of_signer_order_are_refused() throws IOException {
        String m = loadError("builds/windows-10-rs.yaml", "{signer: CodeGen, ", "{signer: Lsa, ");
        assertTrue(m.contains("windows-10-rs.yaml:"), m);
        assertTrue(m.contains("row 2 is for signer 4"), m);
    }

    @Test
    void an_unknown_signer_name_in_a_row_is_refused() throws IOException {
        String m = loadError("builds/windows-10-rs.yaml", "{signer: CodeGen, ", "{signer: CodeGenn, ");
        assertTrue(m.contains("unknown signer 'CodeGenn'"), m);
    }

    @Test
    void a_missing_switch_is_refused() throws IOException {
        String m = loadError("builds/windows-10-11.yaml", "(?m)^  picoCheck:.*\\n", "");
        assertTrue(m.contains("missing required field 'picoCheck'"), m);
    }

    @Test
    void broken_yaml_syntax_names_the_line() throws IOException {
        String m = loadError("object-types.yaml", "thread:\n", "thread: [\n");
        assertTrue(m.matches("(?s).*object-types\\.yaml:\\d+:\\d+: .*"), m);
        assertEquals(1, m.lines().count());
    }

    @Test
    void an_unknown_generic_mapping_row_is_refused() throws IOException {
        String m = loadError("builds/windows-10-11.yaml", "genericMapping: observed", "genericMapping: observd");
        assertTrue(m.contains("switches.genericMapping: 'observd' is not a mapping"), m);
    }
}
