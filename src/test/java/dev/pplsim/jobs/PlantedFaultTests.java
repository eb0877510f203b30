package dev.pplsim.jobs;

import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.engine.table.Key;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.PolicySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults planted on purpose must be found: prove refutes what they break, minimally; lint names them. */
class PlantedFaultTests {

    @TempDir
    Path tmp;

    private Path copy(String dir) throws IOException {
        return dev.pplsim.TestTrees.copy(dir, tmp);
    }

    private static void edit(Path f, String from, String to) throws IOException {
        dev.pplsim.TestTrees.edit(f, from, to);
    }

    private static Prover.Result prove(Simulator sim, String property) {
        var entry = Prover.read(List.of(Path.of("policies/properties"))).stream()
                .filter(e -> e.getValue().name().equals(property)).findFirst().orElseThrow();
        return new Prover(new DecisionTable(sim), List.of("windows-10-11")).prove(entry.getKey(), entry.getValue());
    }

    @Test
    void a_faulty_table_row_is_refuted_with_the_minimal_counterexample() throws IOException {
        // WinSystem loses bit 3 (Antimalware) from its DominateMask
        Path policies = copy("policies");
        edit(policies.resolve("builds/windows-10-11.yaml"), "{signer: WinSystem,    dominateMask: 0x1FE", "{signer: WinSystem,    dominateMask: 0x1F6");
        Simulator sim = new Simulator(PolicySet.load(policies), RuleBase.builtIn());
        Prover.Result r = prove(sim, "winsystem_dominates_every_signer");
        assertEquals(Prover.Verdict.REFUTED, r.verdict());
        assertEquals(new Key("windows-10-11", ObjectKind.PROCESS, 0x72, 0x31, AccessMode.USER, false, Relation.NONE), r.counterexample().key());
        assertEquals(0x1, r.counterexample().desired());
        assertEquals("expected protection compatible, got incompatible", r.failure());
        // and the shipped table still proves it
        assertEquals(Prover.Verdict.PROVED, prove(Simulator.builtIn(), "winsystem_dominates_every_signer").verdict());
    }

    @Test
    void a_faulty_rule_is_refuted_with_the_minimal_counterexample() throws IOException {
        // the type comparison lets a PPL through to a PP one type up
        Path rules = copy("rules");
        Path f = rules.resolve("40-protection-compatibility.drl");
        edit(f, "OpenRequest( object.hasOpenProcedure(), !sameProcess(), targetType() != 0, callerType() < targetType() )",
                "OpenRequest( object.hasOpenProcedure(), !sameProcess(), targetType() != 0, callerType() + 1 < targetType() )");
        edit(f, "OpenRequest( object.hasOpenProcedure(), !sameProcess(), targetType() != 0, callerType() >= targetType() )\n    EffectiveMode( request == $r, mode == AccessMode.USER )\n    $s : SignerAccess( signer == $r.callerSigner(), dominates(",
                "OpenRequest( object.hasOpenProcedure(), !sameProcess(), targetType() != 0, callerType() + 1 >= targetType() )\n    EffectiveMode( request == $r, mode == AccessMode.USER )\n    $s : SignerAccess( signer == $r.callerSigner(), dominates(");
        edit(f, "OpenRequest( object.hasOpenProcedure(), !sameProcess(), targetType() != 0, callerType() >= targetType() )\n    EffectiveMode( request == $r, mode == AccessMode.USER )\n    $s : SignerAccess( signer == $r.callerSigner(), !dominates(",
                "OpenRequest( object.hasOpenProcedure(), !sameProcess(), targetType() != 0, callerType() + 1 >= targetType() )\n    EffectiveMode( request == $r, mode == AccessMode.USER )\n    $s : SignerAccess( signer == $r.callerSigner(), !dominates(");
        Simulator sim = new Simulator(PolicySet.builtIn(), RuleBase.compile(rules));
        Prover.Result r = prove(sim, "ppl_never_reaches_pp");
        assertEquals(Prover.Verdict.REFUTED, r.verdict());
        assertEquals(new Key("windows-10-11", ObjectKind.PROCESS, 0x11, 0x12, AccessMode.USER, false, Relation.NONE), r.counterexample().key());
        assertEquals(0x1, r.counterexample().desired());
    }

    @Test
    void lint_reports_a_planted_dead_rule_and_a_planted_conflict() throws IOException {
        Path rules = copy("rules");
        Files.writeString(rules.resolve("40-protection-compatibility.drl"), Files.readString(rules.resolve("40-protection-compatibility.drl")) + """

                rule "allow a caller whose protection type is above seven"
                    @id("R40.7") @cite("spec §3.2 (planted: no type is above 7)")
                    salience -40
                when
                    $r : OpenRequest( !sameProcess(), targetType() > 7 )
                then
                    insertLogical(new ProtectionVerdict($r, false, "planted"));
                end

                rule "let Lsa dominate Antimalware"
                    @id("R40.8") @cite("spec §2.3 (planted: contradicts the table)")
                    salience -40
                when
                    $r : OpenRequest( !sameProcess(), callerSigner() == 4, targetSigner() == 3, targetType() != 0, callerType() >= targetType() )
                    EffectiveMode( request == $r, mode == AccessMode.USER )
                then
                    insertLogical(new ProtectionVerdict($r, false, "planted"));
                end
                """);
        Simulator sim = new Simulator(PolicySet.builtIn(), RuleBase.compile(rules));
        Linter.Report report = new Linter(sim).lint(List.of("windows-10-11"));
        List<Linter.Finding> dead = report.findings().stream().filter(f -> f.kind() == Linter.Kind.DEAD_RULE).toList();
        // R50.3 is the pid-only parent exemption of windows-10-rs, not linted here
        assertEquals(List.of(List.of("R40.7"), List.of("R50.3")), dead.stream().map(Linter.Finding::rules).toList());
        List<Linter.Finding> conflicts = report.findings().stream().filter(f -> f.kind() == Linter.Kind.CONFLICT).toList();
        assertTrue(!conflicts.isEmpty(), report.findings().toString());
        Linter.Finding c = conflicts.get(0);
        assertTrue(c.rules().containsAll(List.of("R40.6", "R40.8")), c.toString());
        assertEquals(4, c.example().caller().signer());
        assertEquals(3, c.example().target().signer());
        assertTrue(report.findings().stream().noneMatch(f -> f.kind() == Linter.Kind.INCOMPLETE), report.findings().toString());
    }

    @Test
    void lint_finds_nothing_in_the_shipped_rules() {
        Linter linter = new Linter(Simulator.builtIn());
        Linter.Report report = linter.lint(List.copyOf(Simulator.builtIn().policies().builds().keySet()));
        assertEquals(List.of(), report.findings());
        long requests = report.builds().stream().mapToLong(b -> b.keys() - b.undecidable() + b.decisionRequests() + b.extensionRequests()).sum();
        System.out.printf("lint: %,d requests over %d builds, %d rules all fired, in %d ms%n", requests, report.builds().size(), report.rules().size(), report.millis());
        // every rule fires under a shipped build but R65.1, the U alternative of spec §7.3, which fires under its what-if
        assertEquals(List.of("R65.1"), List.copyOf(linter.overlayFired().keySet()));
        assertEquals("windows-10-11-trustlet-vm-open-refused", linter.overlayFired().get("R65.1").overlay());
        assertEquals(report.rules().size() - 1, report.firedBy().size());
        assertTrue(!report.firedBy().containsKey("R65.1"));
    }
}
