package dev.pplsim.engine.table;

import dev.pplsim.TestTrees;
import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.PropertyFileTests;
import dev.pplsim.jobs.Prover;
import dev.pplsim.policy.PolicySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key runs kept between processes change no verdict, case count or counterexample; they are read only for the rules
 * and build they came from; a damaged file is set aside, not trusted.
 */
class KeyRunStoreTests {

    @TempDir
    Path tmp;

    /** One property that holds and one that is refuted, so a counterexample is kept and compared too. */
    private static final String PROPERTIES = PropertyFileTests.GOOD + """
              - name: a_signer_always_dominates_itself
                why: App dominates nothing, itself included, so this is refuted
                cite: "spec §2.1"
                expected: refuted
                forall:
                  where: {sameByte: true}
                  relations: [none]
                then: {protection: compatible}
            """;

    private record Run(List<Prover.Result> results, long ruleRuns, long fromStore, List<String> notes) {
    }

    private static Run prove(Simulator sim, Path store, Path file) {
        DecisionTable d = new DecisionTable(sim, store);
        Prover prover = new Prover(d, List.of("windows-10-11"));
        List<Prover.Result> results = Prover.read(List.of(file)).stream().map(e -> prover.prove(e.getKey(), e.getValue())).toList();
        d.keep();
        return new Run(results, d.engineRuns(), d.fromStore(), d.storeNotes());
    }

    /** What a proof says, without its timing. */
    private static List<String> verdicts(Run r) {
        return r.results().stream().map(x -> x.name() + " " + x.verdict() + " " + x.cases() + " " + x.undecidable() + " " + x.counterexample()
                + " " + x.failure()).toList();
    }

    @Test
    void a_second_proof_runs_no_rule_and_says_the_same() throws Exception {
        Path file = Files.writeString(tmp.resolve("p.yaml"), PROPERTIES), store = tmp.resolve("store");
        Simulator sim = Simulator.builtIn();
        Run first = prove(sim, store, file), second = prove(sim, store, file), without = prove(sim, null, file);
        assertTrue(first.ruleRuns() > 1_000 && first.fromStore() == 0, first.ruleRuns() + " runs, " + first.fromStore() + " stored");
        assertEquals(0, second.ruleRuns());
        assertTrue(second.fromStore() > 1_000, second.fromStore() + " keys from the store");
        assertEquals(verdicts(without), verdicts(first));
        assertEquals(verdicts(without), verdicts(second));
        assertEquals("REFUTED", second.results().get(1).verdict().name());
        assertEquals(1, Files.list(store).count());
    }

    @Test
    void an_edited_build_or_rule_never_reads_the_runs_of_the_original() throws Exception {
        Path file = Files.writeString(tmp.resolve("p.yaml"), PROPERTIES), store = tmp.resolve("store");
        Run original = prove(Simulator.builtIn(), store, file);
        // a what-if: App (signer 8) dominates itself, so the second property's minimal counterexample moves
        Path policies = TestTrees.copy("policies", tmp.resolve("copy"));
        Path build = policies.resolve("builds/windows-10-11.yaml");
        String text = Files.readString(build);
        TestTrees.edit(build, "{signer: App,          dominateMask: 0x000", "{signer: App,          dominateMask: 0x100");
        assertTrue(!text.equals(Files.readString(build)), "the fixture edit did not apply");
        Simulator edited = new Simulator(PolicySet.load(policies), RuleBase.builtIn());
        Run whatIf = prove(edited, store, file);
        assertTrue(whatIf.ruleRuns() > 1_000 && whatIf.fromStore() == 0, whatIf.ruleRuns() + " runs, " + whatIf.fromStore() + " stored");
        assertEquals(verdicts(prove(edited, null, file)), verdicts(whatIf));
        assertTrue(!verdicts(original).equals(verdicts(whatIf)), "the edit changed no verdict: " + verdicts(whatIf));
        // a changed rule file: another digest again
        Path rules = TestTrees.copy("rules", tmp.resolve("rules"));
        Files.writeString(rules.resolve("40-protection-compatibility.drl"), Files.readString(rules.resolve("40-protection-compatibility.drl")) + "\n// a comment\n");
        Run otherRules = prove(new Simulator(PolicySet.builtIn(), RuleBase.load(rules)), store, file);
        assertEquals(0, otherRules.fromStore());
        assertEquals(3, Files.list(store).count());
    }

    /** A first proof of {@link #PROPERTIES} into a fresh store: what it said, and the one file it kept. */
    private record Kept(Simulator sim, Path properties, Path store, Run first, Path file) {
        Run again() {
            return prove(sim, store, properties);
        }
    }

    private Kept firstProof() throws Exception {
        Path file = Files.writeString(tmp.resolve("p.yaml"), PROPERTIES), store = tmp.resolve("store");
        Simulator sim = Simulator.builtIn();
        Run first = prove(sim, store, file);
        try (var files = Files.list(store)) {
            return new Kept(sim, file, store, first, files.findFirst().orElseThrow());
        }
    }

    /** With {@code damaged} in place of the kept file: the same verdicts from the rules, one note, and a rewritten file. */
    private static void assertSetAsideAndRewritten(Kept k, byte[] damaged, String what) throws Exception {
        Files.write(k.file(), damaged);
        Run again = k.again();
        assertEquals(verdicts(k.first()), verdicts(again), what);
        assertEquals(k.first().ruleRuns(), again.ruleRuns(), what + ": the rules ran again");
        assertEquals(1, again.notes().size(), again.notes().toString());
        assertTrue(again.notes().get(0).contains("the rules run again"), again.notes().get(0));
        assertEquals(0, k.again().ruleRuns(), what + ": the file was written anew");
    }

    @Test
    void a_damaged_file_is_set_aside_and_written_anew() throws Exception {
        Kept k = firstProof();
        byte[] bytes = Files.readAllBytes(k.file());
        assertSetAsideAndRewritten(k, java.util.Arrays.copyOf(bytes, bytes.length / 2), "half the file");
    }

    @Test
    void a_count_field_of_0x7FFFFFFF_is_set_aside_and_the_next_proof_reads_the_rewritten_file() throws Exception {
        // issue #14: such a store broke every proof until it was deleted by hand
        Kept k = firstProof();
        byte[] good = Files.readAllBytes(k.file());
        List<Integer> counts = countOffsets(good);
        assertEquals(4, counts.size());
        for (int at : counts) {
            byte[] bad = good.clone();
            java.nio.ByteBuffer.wrap(bad).putInt(at, 0x7FFFFFFF);
            assertSetAsideAndRewritten(k, bad, "count at " + at);
        }
    }

    @Test
    void a_temporary_file_left_by_a_killed_proof_is_removed_by_the_next_save() throws Exception {
        Kept k = firstProof();
        Path kept = k.file(), store = k.store();
        Files.delete(kept);
        // pid 2^22+1 is above Linux's pid_max default: no process has it, as none has a killed proof's
        Path orphan = Files.writeString(store.resolve("." + kept.getFileName() + ".4194305.pplsim-tmp"), "half a store");
        k.again();
        try (var files = Files.list(store)) {
            assertEquals(List.of(kept), files.toList());
        }
        assertTrue(Files.notExists(orphan));
    }

    /** Where the file's four counts are (runs, placed keys, access results, outcomes), walking the format as save writes it. */
    private static List<Integer> countOffsets(byte[] bytes) throws java.io.IOException {
        var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
        List<Integer> at = new java.util.ArrayList<>();
        in.readUTF();
        in.readUTF();
        at.add(bytes.length - in.available());
        int runs = in.readInt();
        for (int r = 0; r < runs; r++) {
            if (in.readBoolean()) {
                in.readUTF();
                continue;
            }
            in.readBoolean();
            in.readUTF();
            int vetoes = in.readInt();
            for (int v = 0; v < vetoes; v++) {
                in.readInt();
                in.readInt();
                in.readUTF();
                in.readUTF();
            }
            in.skipNBytes(8L * in.readInt());
            ids(in);
            ids(in);
        }
        at.add(bytes.length - in.available());
        in.skipNBytes(6L * in.readInt());
        at.add(bytes.length - in.available());
        int probes = in.readInt();
        for (int p = 0; p < probes; p++) {
            in.readLong();
            in.readInt();
            in.readBoolean();
            in.readUTF();
            in.readUTF();
            ids(in);
            ids(in);
        }
        at.add(bytes.length - in.available());
        return at;
    }

    private static void ids(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) in.readUTF();
    }
}
