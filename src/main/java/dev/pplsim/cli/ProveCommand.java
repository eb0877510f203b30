package dev.pplsim.cli;

import dev.pplsim.jobs.Prover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code pplsim prove FILE...}: each property PROVED over its whole domain, or REFUTED with a minimal counterexample. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim prove policies/properties/loads.yaml", "  ./pplsim prove --json --build windows-10-11 policies/properties/loads.yaml"},
        description = {"Prove properties (policies/properties/*.yaml) by exhaustive enumeration, or refute them with a minimal counterexample.",
                "Exit 0: every property came out as declared (proved, or refuted where it says expected: refuted); 1: some did not; 2: bad input."})
final class ProveCommand extends SimulatorCommand {

    @picocli.CommandLine.Mixin
    ProgressOption progress = new ProgressOption();

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Property files, or directories of them.")
    List<Path> paths;

    @Option(names = "--build", paramLabel = "NAME", description = "Prove for this build (properties that name their builds keep them). Default: every build.")
    List<String> builds;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format: json is one JSON object per property (default: text).")
    dev.pplsim.jobs.ReportFormat format;

    @Option(names = "--json", description = "Same as --format json (kept for scripts).")
    boolean json;

    /** {@code --format json}, or {@code --json}; both with {@code --format text} is bad input, not a silent pick. */
    boolean jsonAsked() {
        if (json && format == dev.pplsim.jobs.ReportFormat.TEXT) throw dev.pplsim.request.InputException.at("--json", "contradicts --format text");
        return json || format == dev.pplsim.jobs.ReportFormat.JSON;
    }

    @Option(names = "--store", paramLabel = "DIR|off", description = {"Where the rules' runs per key are kept between runs, so a proof "
            + "of unchanged rules and build runs no rule again; off: run every key. Default: target/key-runs in a checkout, "
            + "else ~/.cache/pplsim. Runs of other rules or another build are never read: each file is named by their digest."})
    String store;

    /** The store's folder: --store, else -Dpplsim.store, else the checkout's target/, else the user's cache; null for off. */
    Path storeDir() {
        String s = store != null ? store : System.getProperty("pplsim.store");
        if (s != null) return s.equals("off") ? null : Path.of(s);
        String home = System.getProperty("pplsim.home");
        if (home != null && java.nio.file.Files.isDirectory(Path.of(home, "target"))) return Path.of(home, "target", "key-runs");
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("pplsim");
    }

    @Override
    public Integer call() {
        return Prover.run(simulator(), builds, paths, storeDir(), jsonAsked(), out(), spec.commandLine().getErr());
    }
}
