package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.Key;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.reference.ReferenceDecider;
import dev.pplsim.reference.ReferenceDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhatIfTests {

    private static final Simulator SIM = Simulator.builtIn();
    private static final List<Relation> RELATIONS = List.of(Relation.NONE, Relation.PARENT, Relation.STALE_PARENT);

    @TempDir
    Path tmp;

    private static WhatIf.Result<Key> compare(Build a, Build b) {
        return WhatIf.builds(SIM.policies(), SIM.rules(), a, b, Levels.NAMED.of(a), ObjectKind.PROTECTED,
                List.of(AccessMode.values()), RELATIONS);
    }

    private static String cell(WhatIf.Changed<Key> c, int rights) {
        var k = c.row();
        return String.format("%s %s %s %02X %02X %08X %08X", k.object(), k.mode(), k.relation(), k.caller(), k.target(), c.desired(), rights);
    }

    @Test
    void a_build_against_itself_is_empty() {
        Build b = SIM.policies().build("windows-10-11");
        WhatIf.Result<Key> r = compare(b, b);
        assertEquals(List.of(), r.differences());
        assertEquals(List.of(), r.cells());
        assertEquals(17L * 17 * 2 * 2 * 3 * 22, r.compared());
    }

    @Test
    void swapping_base_and_change_swaps_gained_and_lost() {
        Build early = SIM.policies().build("windows-10-early"), w11 = SIM.policies().build("windows-10-11");
        WhatIf.Result<Key> forward = compare(early, w11), back = compare(w11, early);
        Set<String> gained = new TreeSet<>(), lostBack = new TreeSet<>(), lost = new TreeSet<>(), gainedBack = new TreeSet<>();
        forward.gained().forEach(c -> gained.add(cell(c, c.gained())));
        forward.lost().forEach(c -> lost.add(cell(c, c.lost())));
        back.lost().forEach(c -> lostBack.add(cell(c, c.lost())));
        back.gained().forEach(c -> gainedBack.add(cell(c, c.gained())));
        assertEquals(gained, lostBack);
        assertEquals(lost, gainedBack);
        assertTrue(!gained.isEmpty());
    }

    /** The expected cells come from the independent reference decider, not from the rules. */
    @Test
    void early_to_w11_changes_exactly_what_the_spec_differences_imply() {
        Build early = SIM.policies().build("windows-10-early"), w11 = SIM.policies().build("windows-10-11");
        WhatIf.Result<Key> r = compare(early, w11);
        Set<String> expected = new TreeSet<>(), actual = new TreeSet<>();
        for (ObjectKind o : ObjectKind.PROTECTED) {
            for (AccessMode m : AccessMode.values()) {
                for (Relation rel : RELATIONS) {
                    for (int c : Levels.NAMED.of(w11)) {
                        for (int t : Levels.NAMED.of(w11)) {
                            for (int desired : Matrix.RIGHTS) {
                                AccessQuery q = new AccessQuery(new PsProtection(c), false, new PsProtection(t), o, desired, m, false, rel,
                                        "windows-10-early", null, null, false);
                                ReferenceDecision a = ReferenceDecider.decide(q), b = ReferenceDecider.decide(q.withBuild("windows-10-11"));
                                if (a.status() != b.status() || a.granted() != b.granted()) {
                                    expected.add(String.format("%s %s %s %02X %02X %08X", o, m, rel, c, t, desired));
                                }
                            }
                        }
                    }
                }
            }
        }
        r.cells().forEach(x -> actual.add(String.format("%s %s %s %02X %02X %08X", x.row().object(), x.row().mode(), x.row().relation(),
                x.row().caller(), x.row().target(), x.desired())));
        assertEquals(expected, actual);
        System.out.printf("whatif windows-10-early -> windows-10-11: %,d changed cells of %,d, as the reference derives%n", actual.size(), r.compared());
        // B-old -> B-w11 only adds: the parent exemption and the implied rights (spec §3.2)
        assertEquals(List.of(), r.lost());
        for (WhatIf.Changed<Key> c : r.gained()) {
            String cause = c.row().relation() == Relation.PARENT && c.desired() == 1
                    ? "switches.parentExemption none -> pid-and-sequence" : "switches.impliedRights query-only -> full";
            assertEquals(List.of(cause), c.causes(), c.toString());
        }
    }

    @Test
    void an_edited_table_row_is_named_as_the_cause() throws Exception {
        String yaml = Files.readString(Path.of("policies/builds/windows-10-11.yaml"))
                .replace("name: windows-10-11", "name: lsa-dominates-am")
                .replace("{signer: Lsa,          dominateMask: 0x110", "{signer: Lsa,          dominateMask: 0x118");
        Path f = tmp.resolve("lsa.yaml");
        Files.writeString(f, yaml);
        Build changed = PolicySet.loadBuild(f, SIM.policies().objectTypes());
        WhatIf.Result<Key> r = compare(SIM.policies().build("windows-10-11"), changed);
        assertEquals(1, r.differences().size());
        assertEquals("signers[4].dominateMask 0x110 -> 0x118", r.differences().get(0).describe());
        assertEquals(List.of(), r.lost());
        assertTrue(!r.gained().isEmpty());
        for (WhatIf.Changed<Key> c : r.gained()) {
            assertEquals(4, c.row().caller() >>> 4, c.toString());
            assertEquals(3, c.row().target() >>> 4, c.toString());
            assertEquals(List.of("signers[4].dominateMask 0x110 -> 0x118"), c.causes());
        }
    }
}
