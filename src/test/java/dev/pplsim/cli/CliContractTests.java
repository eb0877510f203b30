package dev.pplsim.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI contract of docs/cli.md, command by command: 0 done, 1 a finding (said on stderr in one line), 2 bad
 * input (one line), and the table there names every command. Exit 3 (output lost) is ReliabilityTests'.
 */
class CliContractTests {

    @TempDir
    static Path dir;
    static Path failingScenario, refutedProperty, provedProperty, agreeingObservations;

    @BeforeAll
    static void files() throws IOException {
        failingScenario = Files.writeString(dir.resolve("wrong.yaml"), """
                scenarios:
                  - note: a wrong expectation (WinTcb-Light reads Lsa-Light)
                    request: {caller: WinTcb-Light, target: Lsa-Light, desired: PROCESS_VM_READ}
                    want: {status: STATUS_ACCESS_DENIED}
                """);
        String law = """
                properties:
                  - name: %s
                    why: a contract test's law
                    cite: "spec §3.2"
                    forall:
                      caller: {type: [1]}
                      target: {type: [2]}
                      objects: [process]
                      modes: [user]
                    then: {protection: %s}
                """;
        provedProperty = Files.writeString(dir.resolve("proved.yaml"), law.formatted("ppl_never_reaches_pp_again", "incompatible"));
        refutedProperty = Files.writeString(dir.resolve("refuted.yaml"), law.formatted("ppl_reaches_pp", "compatible"));
        List<String> agree = Files.readAllLines(Path.of("src/test/resources/observations/sample.jsonl")).subList(0, 2);
        agreeingObservations = Files.write(dir.resolve("agree.jsonl"), agree);
    }

    /** One row of the contract: a command line, the exit code it must give, and the start of its one stderr line. */
    record Row(int exit, String stderr, String stdin, String... args) {
    }

    static final String DENIED = "{\"id\":1,\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}\n";

    static List<Row> rows() {
        String image = "C:\\Windows\\System32\\services.exe";
        List<Row> r = new ArrayList<>();
        r.add(new Row(0, null, "", "decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ"));
        r.add(new Row(1, "pplsim: decide: refused with STATUS_ACCESS_DENIED (--fail-on-deny)", "", "decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ", "--fail-on-deny"));
        r.add(new Row(0, null, "", "decide", "--caller", "WinTcb-Light", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ", "--fail-on-deny"));
        r.add(new Row(2, "pplsim: --caller: ", "", "decide", "--caller", "Lsa-Heavy", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ"));
        r.add(new Row(0, null, "", "create", "--creator", "None", "--image", image, "--image-signer", "WinTcb"));
        r.add(new Row(2, "pplsim: ", "", "create", "--creator", "None", "--image", image, "--image-signer", "Nobody"));
        r.add(new Row(0, null, "", "load", "--process", "WinTcb-Light", "--image-signer", "Windows"));
        r.add(new Row(2, "pplsim: ", "", "load", "--process", "WinTcb-Light", "--image-signer", "Windows", "--image-source", "floppy"));
        r.add(new Row(0, null, DENIED, "batch", "-"));
        r.add(new Row(2, null, "{\"id\":1}\n", "batch", "-"));
        r.add(new Row(0, null, "", "test", "policies/scenarios/self.yaml"));
        r.add(new Row(1, null, "", "test", failingScenario.toString()));
        r.add(new Row(2, "pplsim: ", "", "test", dir.resolve("missing.yaml").toString()));
        r.add(new Row(0, null, "", "who-can", "--target", "lsass.exe", "--access", "PROCESS_VM_READ"));
        r.add(new Row(2, "pplsim: ", "", "who-can", "--target", "nosuch.exe", "--access", "PROCESS_VM_READ"));
        r.add(new Row(0, null, "", "what-can", "--caller", "MsMpEng.exe"));
        r.add(new Row(2, "pplsim: ", "", "what-can", "--caller", "nosuch.exe"));
        r.add(new Row(0, null, "", "who-can-start", "--image", image, "--image-signer", "WinTcb"));
        r.add(new Row(2, "pplsim: ", "", "who-can-start", "--image", image, "--image-signer", "Nobody"));
        r.add(new Row(0, null, "", "matrix", "--object", "thread"));
        r.add(new Row(2, "pplsim: ", "", "matrix", "--format", "pdf"));
        r.add(new Row(0, null, "", "whatif", "--base", "windows-10-11", "--change", "windows-10-11", "--fail-on", "any"));
        r.add(new Row(1, "pplsim: whatif: 318 cells gained access (--fail-on gained)", "", "whatif", "--base", "windows-10-11",
                "--change", "policies/whatif/lsa-dominates-antimalware.yaml", "--fail-on", "gained"));
        r.add(new Row(2, "pplsim: ", "", "whatif", "--base", "windows-10-11", "--change", "windows-12"));
        r.add(new Row(0, null, "", "prove", "--store", "off", provedProperty.toString()));
        r.add(new Row(1, null, "", "prove", "--store", "off", refutedProperty.toString()));
        r.add(new Row(2, "pplsim: ", "", "prove", dir.resolve("missing.yaml").toString()));
        r.add(new Row(2, "pplsim: ", "", "lint", "--build", "windows-12"));
        r.add(new Row(0, null, "", "rules", "--kind", "load"));
        r.add(new Row(2, "pplsim: unknown rule 'R50.55'; did you mean R50.5?", "", "rules", "R50.55"));
        r.add(new Row(0, null, "", "completion", "bash"));
        r.add(new Row(2, "pplsim: ", "", "completion", "fish"));
        r.add(new Row(0, null, "", "verify", agreeingObservations.toString()));
        r.add(new Row(1, null, "", "verify", "src/test/resources/observations/sample.jsonl"));
        r.add(new Row(2, "pplsim: ", "", "verify", dir.resolve("missing.jsonl").toString()));
        r.add(new Row(1, null, "", "replay", "src/test/resources/sysmon/events.xml"));
        r.add(new Row(2, "pplsim: ", "", "replay", dir.resolve("missing.xml").toString()));
        return r;
    }

    @Test
    void every_command_exits_as_the_contract_says() {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            CliTests.Result r = CliTests.run(row.stdin(), row.args());
            String line = String.join(" ", row.args());
            if (r.exit() != row.exit()) wrong.add(line + ": exit " + r.exit() + ", the contract says " + row.exit() + "\n" + r.err());
            List<String> err = r.err().lines().filter(l -> !l.startsWith("Try '") && !l.startsWith("pplsim: note:")).toList();
            if (row.exit() == 2 && row.stderr() != null && (err.size() != 1 || !err.get(0).startsWith(row.stderr()))) {
                wrong.add(line + ": bad input must be one line starting '" + row.stderr() + "', was:\n" + r.err());
            }
            if (row.exit() == 1 && row.stderr() != null && !err.contains(row.stderr())) {
                wrong.add(line + ": a finding must say why on stderr ('" + row.stderr() + "'), was:\n" + r.err());
            }
            if (row.exit() == 0 && !err.isEmpty()) wrong.add(line + ": exit 0 with stderr:\n" + r.err());
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void the_contract_names_every_command_and_every_exit_code() throws IOException {
        String doc = Files.readString(Path.of("docs/cli.md"));
        Set<String> missing = new TreeSet<>();
        for (String c : Main.commandNames()) {
            if (!doc.contains("| `" + c + "`")) missing.add(c);
        }
        assertEquals(Set.of(), missing, "commands without a row in docs/cli.md");
        for (String code : List.of("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 70 |")) assertTrue(doc.contains(code), code);
        Set<String> tested = new TreeSet<>();
        for (Row row : rows()) tested.add(row.args()[0]);
        assertTrue(tested.size() >= 14, "rows cover " + tested);
    }
}
