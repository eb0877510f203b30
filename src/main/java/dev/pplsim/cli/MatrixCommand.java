package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.jobs.Levels;
import dev.pplsim.jobs.Matrix;
import dev.pplsim.io.Outputs;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code pplsim matrix}: every caller x target x right with its outcome; flat rows for tools, a grid for people. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim matrix --object thread", "  ./pplsim matrix --system windows-11"},
        description = {"The exhaustive matrix: every caller x target x right (each bit of 0x001FFFFF, then MAXIMUM_ALLOWED).",
                "csv and json: one flat row per cell, stable order. table, md and html: a grid of the rights each caller can obtain on each target."})
final class MatrixCommand extends SimulatorCommand {

    @picocli.CommandLine.Mixin
    ProgressOption progress = new ProgressOption();

    @Option(names = "--build", defaultValue = "windows-10-11", paramLabel = "NAME|FILE.yaml", description = "Build name, or a build or what-if overlay YAML file (default: ${DEFAULT-VALUE}).")
    String build;

    @Option(names = "--object", defaultValue = "process", paramLabel = "process|thread", description = "Object (default: ${DEFAULT-VALUE}).")
    ObjectKind object;

    @Option(names = "--mode", defaultValue = "user", paramLabel = "user|kernel", description = "Previous mode (default: ${DEFAULT-VALUE}).")
    AccessMode mode;

    @Option(names = "--relation", defaultValue = "none", paramLabel = "none|parent|stale-parent", description = "Relation (default: ${DEFAULT-VALUE}).")
    Relation relation;

    @Option(names = "--protections", defaultValue = "named", paramLabel = "named|all",
            description = "named: None and the PPL and PP of every signer; all: the 256 bytes (default: ${DEFAULT-VALUE}).")
    Levels protections;

    @Option(names = "--system", paramLabel = "NAME|FILE.yaml",
            description = "Instead of protections: every process of this system catalog (or overlay) as caller and target, related as the catalog says.")
    String system;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json|md|html", description = "Output format (default: ${DEFAULT-VALUE}).")
    Matrix.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the matrix to FILE, whole or not at all (a temporary file renamed into place), instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        if (output == null) return write(out());
        Outputs.writeText(output, this::write);
        return 0;
    }

    private int write(PrintWriter out) {
        if (object == ObjectKind.TOKEN) throw InputException.at("--object", "expected process or thread, got 'token'");
        if (relation == Relation.SELF) throw InputException.at("--relation", "expected none, parent or stale-parent, got 'self'");
        Simulator base = simulator();
        if (system != null) {
            Overlay.World w = system(base, system);
            Matrix.print(base, w, object, mode, format, out);
            return 0;
        }
        Map.Entry<Simulator, String> resolved = build(base, build, "--build");
        Simulator sim = resolved.getKey();
        Matrix.print(new DecisionTable(sim), resolved.getValue(), object, mode, relation, protections.of(sim.policies().build(resolved.getValue())),
                format, out);
        return 0;
    }
}
