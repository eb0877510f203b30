package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code pplsim test [PATH...]}: run scenario files; one line per case and a closing "N passed, M failed". */
@Command(name = "test", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim test policies/scenarios/self.yaml", "  ./pplsim test --coverage policies/scenarios/bypass-lessons.yaml", "  ./pplsim test --run PPLdump"},
        description = {"Run scenarios (policies/scenarios/**/*.yaml by default): a request and the answer wanted, per case.",
                "Exit 0: all passed; 1: some failed; 2: bad input."})
final class TestCommand extends SimulatorCommand {

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Scenario files or directories (default: policies/scenarios).")
    List<Path> paths;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (for CI).")
    Path junit;

    @Option(names = "--run", paramLabel = "PATTERN", description = "Only the cases whose 'file: note' this regular expression finds (case-insensitive), e.g. --run PPLdump.")
    String run;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|junit",
            description = "Output format: junit is the XML --junit FILE writes (default: ${DEFAULT-VALUE}).")
    ScenarioRunner.Format format;

    @Option(names = "--coverage", description = "List which rules the scenarios fired, and which never fired.")
    boolean coverage;

    @Override
    public Integer call() {
        Simulator sim = simulator();
        List<Path> where = paths != null ? paths : List.of(ScenarioRunner.defaultScenarios());
        return ScenarioRunner.report(sim, ScenarioRunner.only(ScenarioRunner.run(sim, where), run), coverage, junit, format, out());
    }
}
