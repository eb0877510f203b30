package dev.pplsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.pplsim.jobs.Matrix;
import dev.pplsim.jobs.WhatIf;
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

    /**
     * One format of the contract's formats column: a command line with {@code --format}, the exit code, and what
     * its output must be: JSON with these top-level fields (one document, or one per line for JSON lines), CSV with
     * this header, JUnit XML, or text (anything on stdout).
     */
    record Formatted(int exit, String kind, List<String> expect, String... args) {
    }

    static final String SERVICES = "C:\\Windows\\System32\\services.exe";

    static List<Formatted> formats() {
        List<String> decision = List.of("caller", "target", "status", "ntstatus", "granted", "rules");
        List<String> who = List.of("system", "build", "object", "mode", "tokens", "target", "desired", "desiredName", "rows", "notAsked", "count");
        List<String> whatif = List.of("kind", "base", "change", "differences", "compared", "gained", "lost", "cells");
        List<Formatted> f = new ArrayList<>();
        String[] decide = {"decide", "--caller", "None", "--target", "Lsa-Light", "--access", "PROCESS_VM_READ"};
        f.add(new Formatted(0, "text", List.of(), decide));
        f.add(new Formatted(0, "json", decision, concat(decide, "--format", "JSON")));
        f.add(new Formatted(0, "json", decision, concat(decide, "--json")));
        String[] create = {"create", "--creator", "None", "--image", SERVICES, "--image-signer", "WinTcb"};
        f.add(new Formatted(0, "text", List.of(), create));
        f.add(new Formatted(0, "json", List.of("status", "ntstatus", "child", "processAccess", "rules"), concat(create, "--format", "json")));
        f.add(new Formatted(0, "json", List.of("status", "ntstatus", "child", "processAccess", "rules"), concat(create, "--json")));
        String[] load = {"load", "--process", "WinTcb-Light", "--image-signer", "Windows"};
        f.add(new Formatted(0, "text", List.of(), load));
        f.add(new Formatted(0, "json", List.of("status", "ntstatus", "imageSigningLevel", "rules"), concat(load, "--format", "json")));
        f.add(new Formatted(0, "json", List.of("status", "ntstatus", "imageSigningLevel", "rules"), concat(load, "--json")));
        f.add(new Formatted(0, "text", List.of(), "test", "policies/scenarios/self.yaml"));
        f.add(new Formatted(0, "json", List.of("scenarios", "passed", "failed"), "test", "policies/scenarios/self.yaml", "--format", "json"));
        f.add(new Formatted(1, "json", List.of("scenarios", "passed", "failed"), "test", failingScenario.toString(), "--format", "json"));
        f.add(new Formatted(1, "junit", List.of("testsuite"), "test", failingScenario.toString(), "--format", "junit"));
        String[] whoCan = {"who-can", "--target", "lsass.exe", "--access", "PROCESS_VM_READ"};
        f.add(new Formatted(0, "text", List.of(), whoCan));
        f.add(new Formatted(0, "json", who, concat(whoCan, "--format", "json")));
        f.add(new Formatted(0, "text", List.of(), "what-can", "--caller", "MsMpEng.exe"));
        f.add(new Formatted(0, "json", List.of("system", "build", "object", "mode", "tokens", "caller", "rows"), "what-can", "--caller", "MsMpEng.exe", "--format", "json"));
        String[] start = {"who-can-start", "--image", SERVICES, "--image-signer", "WinTcb"};
        f.add(new Formatted(0, "text", List.of(), start));
        f.add(new Formatted(0, "json", List.of("system", "build", "image", "api", "rows", "notAsked", "count"), concat(start, "--format", "json")));
        for (String m : List.of("table", "md", "html")) f.add(new Formatted(0, "text", List.of(), "matrix", "--object", "thread", "--format", m));
        f.add(new Formatted(0, "csv", Matrix.BUILD_COLUMNS, "matrix", "--object", "thread", "--format", "csv"));
        f.add(new Formatted(0, "jsonl", List.of("build", "object", "mode", "relation", "caller", "target", "desired", "status", "granted", "rule"),
                "matrix", "--object", "thread", "--format", "json"));
        f.add(new Formatted(0, "csv", Matrix.SYSTEM_COLUMNS, "matrix", "--system", "windows-11", "--format", "CSV"));
        f.add(new Formatted(0, "jsonl", List.of("system", "object", "mode", "caller", "callerPid", "target", "targetPid", "relation", "desired", "status", "granted", "rule"),
                "matrix", "--system", "windows-11", "--format", "json"));
        String[] builds = {"whatif", "--base", "windows-10-early", "--change", "windows-10-11", "--caller", "None"};
        f.add(new Formatted(0, "text", List.of(), builds));
        f.add(new Formatted(0, "csv", WhatIf.BUILD_COLUMNS, concat(builds, "--format", "csv")));
        f.add(new Formatted(0, "json", whatif, concat(builds, "--format", "json")));
        f.add(new Formatted(1, "json", whatif, concat(builds, "--format", "json", "--fail-on", "gained")));
        String[] systems = {"whatif", "--base", "windows-11", "--change", "windows-11-no-runasppl"};
        f.add(new Formatted(0, "csv", WhatIf.SYSTEM_COLUMNS, concat(systems, "--format", "csv")));
        f.add(new Formatted(0, "json", whatif, concat(systems, "--format", "json")));
        f.add(new Formatted(0, "text", List.of(), "prove", "--store", "off", provedProperty.toString()));
        List<String> proof = List.of("file", "property", "verdict", "asDeclared", "cases");
        f.add(new Formatted(0, "jsonl", proof, "prove", "--store", "off", provedProperty.toString(), "--format", "json"));
        f.add(new Formatted(1, "jsonl", proof, "prove", "--store", "off", refutedProperty.toString(), "--json"));
        List<String> verified = List.of("file", "observations", "agree", "explained", "mismatches", "skipped", "findings");
        f.add(new Formatted(0, "json", verified, "verify", agreeingObservations.toString(), "--format", "json"));
        f.add(new Formatted(1, "json", verified, "verify", "src/test/resources/observations/sample.jsonl", "--format", "json"));
        f.add(new Formatted(1, "json", List.of("system", "build", "file", "findings", "records", "consistent", "flagged", "unknown"),
                "replay", "src/test/resources/sysmon/events.xml", "--format", "json", "--explain"));
        // one build alone: the rules only another build uses are dead here, a finding (exit 1)
        f.add(new Formatted(1, "json", List.of("source", "linted", "builds", "rules", "findings", "count"), "lint", "--build", "windows-10-11", "--format", "json"));
        f.add(new Formatted(0, "text", List.of(), "reach", "--from", "explorer.exe"));
        f.add(new Formatted(0, "json", List.of("system", "build", "from", "levels"), "reach", "--from", "explorer.exe", "--format", "json"));
        f.add(new Formatted(1, "text", List.of(), "replay", "src/test/resources/sysmon/events.xml", "--format", "TEXT"));
        f.add(new Formatted(0, "json", List.of("id", "name", "kind", "stage", "cite", "kernelFunction", "confidence", "source"), "rules", "r50.5", "--format", "JSON"));
        f.add(new Formatted(0, "text", List.of(), "rules", "--kind", "load", "--format", "text"));
        f.add(new Formatted(0, "text", List.of(), "verify", agreeingObservations.toString(), "--format", "text"));
        return f;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void every_format_of_the_contract_parses_and_has_its_fields() throws IOException {
        ObjectMapper json = new ObjectMapper();
        var csv = new CsvMapper().readerForArrayOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String> wrong = new ArrayList<>();
        for (Formatted f : formats()) {
            CliTests.Result r = CliTests.run("", f.args());
            String line = String.join(" ", f.args());
            if (r.exit() != f.exit()) {
                wrong.add(line + ": exit " + r.exit() + ", the contract says " + f.exit() + "\n" + r.err());
                continue;
            }
            if (r.out().isBlank()) wrong.add(line + ": nothing on standard output");
            List<JsonNode> docs = new ArrayList<>();
            switch (f.kind()) {
                case "json" -> docs.add(json.readTree(r.out()));
                case "jsonl" -> {
                    for (String l : r.outLines()) docs.add(json.readTree(l));
                }
                case "csv" -> {
                    List<String[]> rows = csv.<String[]>readValues(r.out()).readAll();
                    if (!List.of(rows.get(0)).equals(f.expect())) wrong.add(line + ": CSV header " + List.of(rows.get(0)) + ", documented " + f.expect());
                    if (rows.size() < 2 || rows.stream().anyMatch(x -> x.length != f.expect().size())) wrong.add(line + ": CSV rows not of the header's width");
                }
                case "junit" -> {
                    try {
                        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                                .parse(new java.io.ByteArrayInputStream(r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                        if (!doc.getDocumentElement().getTagName().equals("testsuite")) wrong.add(line + ": not a JUnit testsuite");
                        if (doc.getElementsByTagName("failure").getLength() != (f.exit() == 0 ? 0 : 1)) wrong.add(line + ": JUnit failures");
                    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
                        wrong.add(line + ": JUnit XML does not parse: " + e);
                    }
                }
                default -> { }
            }
            for (JsonNode d : docs) {
                if (!d.isObject()) wrong.add(line + ": JSON is not an object");
                for (String field : f.expect()) if (!d.has(field)) wrong.add(line + ": JSON without '" + field + "': " + d.toString().substring(0, Math.min(200, d.toString().length())));
            }
            if ((f.kind().startsWith("json") && docs.isEmpty())) wrong.add(line + ": no JSON");
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void every_command_that_prints_a_result_takes_format_json_in_any_case() {
        for (String c : Main.commandNames()) {
            if (c.equals("batch") || c.equals("serve") || c.equals("completion")) continue; // JSON lines always; HTTP; a shell script
            assertTrue(formats().stream().anyMatch(f -> f.args()[0].equals(c) && f.kind().startsWith("json")), c + " has no JSON row");
        }
        // a value outside the command's set is bad input naming the option and the values it takes
        CliTests.assertOneLineError(CliTests.run("", "who-can", "--target", "lsass.exe", "--access", "PROCESS_VM_READ", "--format", "pdf"),
                "pplsim: --format: expected text or json, got 'pdf'");
        CliTests.assertOneLineError(CliTests.run("", "decide", "--caller", "None", "--target", "None", "--access", "1", "--json", "--format", "text"),
                "pplsim: --json: contradicts --format text");
        CliTests.assertOneLineError(CliTests.run("", "load", "--process", "WinTcb-Light", "--image-signer", "Windows", "--json", "--format", "text"),
                "pplsim: --json: contradicts --format text");
        CliTests.assertOneLineError(CliTests.run("", "test", "policies/scenarios/self.yaml", "--format", "csv"),
                "pplsim: --format: expected text, json or junit, got 'csv'");
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
