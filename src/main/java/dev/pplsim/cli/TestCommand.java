package dev.pplsim.cli;

import dev.pplsim.engine.RuleInfo;
import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.ScenarioRunner;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pplsim test [PATH...]}: run scenario files; one line per case and a closing "N passed, M failed". */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run scenarios (policies/scenarios/**/*.yaml by default): a request and the answer wanted, per case.",
                "Exit 0: all passed; 1: some failed; 2: bad input."})
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatorOptions source = new SimulatorOptions();

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Scenario files or directories (default: policies/scenarios).")
    List<Path> paths;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (for CI).")
    Path junit;

    @Option(names = "--coverage", description = "List which rules the scenarios fired, and which never fired.")
    boolean coverage;

    @Override
    public Integer call() throws IOException {
        Simulator sim = source.simulator();
        List<Path> where = paths != null ? paths : List.of(defaultScenarios());
        List<ScenarioRunner.Result> results = ScenarioRunner.run(sim, where);
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0, failed = 0;
        for (ScenarioRunner.Result r : results) {
            if (r.passed()) {
                passed++;
                out.printf("PASS  %s: %s%n", r.file(), r.scenario().note());
            } else {
                failed++;
                out.printf("FAIL  %s: %s%n      %s%n", r.file(), r.scenario().note(), r.failure());
            }
        }
        if (coverage) coverage(sim, results, out);
        if (junit != null) writeJunit(results, passed, failed);
        out.printf("%d passed, %d failed%n", passed, failed);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static Path defaultScenarios() {
        String home = System.getProperty("pplsim.home");
        Path p = home != null ? Path.of(home, "policies", "scenarios") : Path.of("policies", "scenarios");
        if (!Files.isDirectory(p)) throw InputException.at(p.toString(), "no scenarios directory; name scenario files or directories");
        return p;
    }

    private static void coverage(Simulator sim, List<ScenarioRunner.Result> results, PrintWriter out) {
        Map<String, Integer> fired = new LinkedHashMap<>();
        for (ScenarioRunner.Result r : results) {
            for (String id : r.decision().rules()) fired.merge(id, 1, Integer::sum);
        }
        out.println("coverage (scenarios in which each rule fired):");
        int never = 0;
        for (RuleInfo rule : sim.rules().rules()) {
            int n = fired.getOrDefault(rule.id(), 0);
            if (n == 0) never++;
            out.printf("  %-6s %5s  %s%n", rule.id(), n == 0 ? "NEVER" : n, rule.name());
        }
        out.printf("%d of %d rules fired%n", sim.rules().rules().size() - never, sim.rules().rules().size());
    }

    /** Written to a temporary file and moved into place, so a failed run leaves no half-written report. */
    private void writeJunit(List<ScenarioRunner.Result> results, int passed, int failed) throws IOException {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format("<testsuite name=\"pplsim scenarios\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">%n", passed + failed, failed));
        for (ScenarioRunner.Result r : results) {
            x.append(String.format("  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">", xml(r.file()), xml(r.scenario().note()), r.millis() / 1000.0));
            if (!r.passed()) x.append(String.format("<failure message=\"%s\"/>", xml(r.failure())));
            x.append("</testcase>\n");
        }
        x.append("</testsuite>\n");
        Path target = junit.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".pplsim-junit", ".tmp");
        try {
            Files.writeString(tmp, x, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
