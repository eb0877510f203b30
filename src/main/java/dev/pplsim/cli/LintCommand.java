package dev.pplsim.cli;


import dev.pplsim.jobs.Linter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code pplsim lint}: completeness, determinism and dead rules of the rule set, and each build's dominance relation. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim lint --build windows-10-11   # exits 1: R50.3, the parent check of windows-10-rs, is dead in this build"},
        description = {"Check the rule set over the finite domain: every request reaches exactly one decision, no two rules disagree, every rule fires for some request; and report each build's signer dominance relation.",
                "Exit 0: no finding; 1: findings; 2: bad input."})
final class LintCommand extends SimulatorCommand {

    @picocli.CommandLine.Mixin
    ProgressOption progress = new ProgressOption();

    @Option(names = "--build", paramLabel = "NAME", description = "Lint for these builds only (a rule used by another build then shows as dead). Default: every build.")
    List<String> builds;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    dev.pplsim.jobs.ReportFormat format;

    @Override
    public Integer call() {
        return Linter.run(simulator(), builds, format, out());
    }
}
