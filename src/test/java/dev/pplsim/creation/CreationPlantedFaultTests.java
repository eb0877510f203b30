package dev.pplsim.creation;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.RuleBase;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.reference.ReferenceCreation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential check is not vacuous against a fault in the rules or the data: a rules directory whose C70.2 adds
 * TERMINATE to the process handle too, and a policies directory whose WinTcb signing level is Authenticode's, each
 * disagree with the reference on the worked cases, and a creation decided with them follows the edit.
 */
class CreationPlantedFaultTests {

    @TempDir
    Path dir;

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
        return to;
    }

    static long disagreements(Simulator sim) {
        List<String> wrong = new ArrayList<>();
        for (int creator : new int[]{0x00, 0x31}) {
            for (Long level : CreationVsReferenceTests.LEVELS) {
                for (var signer : PsProtectedSigner.values()) {
                    CreateQuery q = new CreateQuery(new PsProtection(creator), null, CreateApi.CREATE_PROCESS, null,
                            new ImageSpec("C:\\Windows\\System32\\services.exe", signer, null, null, null),
                            CreationWorkedCasesTests.PROTECTED_EXT, level, false, null);
                    Creation c = sim.create(q);
                    ReferenceCreation.Result want = ReferenceCreation.create(q, null, true, ReferenceCreation.Switches.B22631);
                    ReferenceCreation.Result got = new ReferenceCreation.Result(c.status(), c.child() == null ? -1 : c.child().value(),
                            c.signatureLevel(), c.sectionLevel(), c.processAccess(), c.threadAccess(), c.debugPort(), c.kind());
                    if (!want.equals(got)) wrong.add(q.toString());
                }
            }
        }
        return wrong.size();
    }

    @Test
    void a_planted_rule_fault_and_a_planted_data_fault_are_caught() throws IOException {
        assertEquals(0, disagreements(Simulator.builtIn()));

        Path rules = copy(Path.of("rules"), dir.resolve("rules"));
        Path c70 = rules.resolve("create/70-returned-handles.drl");
        String text = Files.readString(c70);
        String planted = text.replace("boolean both = $s.terminateAddedTo() == CreationSwitches.TerminateAddedTo.BOTH;", "boolean both = true;");
        assertTrue(!planted.equals(text), "the planted line is in the rule");
        Files.writeString(c70, planted);
        Simulator ruleFault = new Simulator(PolicySet.builtIn(), RuleBase.compile(rules));
        long byRules = disagreements(ruleFault);
        assertTrue(byRules > 0, "a rule fault is caught");
        Creation services = ruleFault.create(CreateQuery.of(PsProtection.NONE,
                new ImageSpec("C:\\Windows\\System32\\services.exe", PsProtectedSigner.WINTCB, null, null, null),
                CreationWorkedCasesTests.PROTECTED_EXT, 0L));
        assertEquals(0x00103801, services.processAccess(), "the edited rule decides");

        Path policies = copy(Path.of("policies"), dir.resolve("policies"));
        Path creation = policies.resolve("creation.yaml");
        String yaml = Files.readString(creation);
        Files.writeString(creation, yaml.replace("{signer: WinTcb,       exe: 14, dll: 12}", "{signer: WinTcb,       exe: 4,  dll: 4}"));
        long byData = disagreements(new Simulator(PolicySet.load(policies), RuleBase.builtIn()));
        assertTrue(byData > 0, "a data fault is caught");
        System.out.printf(java.util.Locale.ROOT, "creation planted faults: rule fault %d disagreements, data fault %d%n", byRules, byData);
    }
}
