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
import dev.pplsim.request.Spelling;
import dev.pplsim.policy.SystemCatalog;
import java.util.List;
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

    @Option(names = "--caller", split = ",", paramLabel = "PROTECTION|IMAGE|PID",
            description = "Only these callers (rows), comma-separated: protections for a build (Lsa-Light, 0x41), images or pids for --system.")
    List<String> callers;

    @Option(names = "--target", split = ",", paramLabel = "PROTECTION|IMAGE|PID", description = "Only these targets (columns), spelled as --caller.")
    List<String> targets;

    @Option(names = "--right", paramLabel = "MASK", description = "Only these rights, each asked alone (PROCESS_VM_READ|PROCESS_TERMINATE, or a mask).")
    String right;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json|md|html", description = "Output format (default: ${DEFAULT-VALUE}).")
    Matrix.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the matrix to FILE, whole or not at all (a temporary file renamed into place), instead of standard output.")
    Path output;

    /** The protection bytes an option names (any spelling), or every level of the table when it names none. */
    private static List<Integer> bytes(List<Integer> levels, List<String> given, String option) {
        if (given == null || given.isEmpty()) return levels;
        List<Integer> out = new java.util.ArrayList<>();
        for (String g : given) {
            try {
                int b = Spelling.protection(g.trim()).value();
                if (!out.contains(b)) out.add(b);
            } catch (InputException e) {
                throw InputException.at(option, e.getMessage());
            }
        }
        return out;
    }

    /** The catalog processes an option names (images or pids), or all of them when it names none. */
    private static List<SystemCatalog.Process> processes(SystemCatalog s, List<String> given, String option) {
        if (given == null || given.isEmpty()) return s.processes();
        List<SystemCatalog.Process> out = new java.util.ArrayList<>();
        for (String g : given) {
            SystemCatalog.Process p = dev.pplsim.jobs.Catalog.one(s, g.trim(), option);
            if (!out.contains(p)) out.add(p);
        }
        return out;
    }

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
        int[] rights;
        try {
            rights = Matrix.rights(right == null ? 0 : Spelling.desiredMask(right, object));
        } catch (InputException e) {
            throw InputException.at("--right", e.getMessage());
        }
        if (rights.length == 0) throw InputException.at("--right", right + " holds none of the rights a matrix asks (each bit of 0x001FFFFF, MAXIMUM_ALLOWED)");
        if (system != null) {
            Overlay.World w = system(base, system);
            Matrix.print(base, w, object, mode, processes(w.system(), callers, "--caller"), processes(w.system(), targets, "--target"), rights, format, out);
            return 0;
        }
        Map.Entry<Simulator, String> resolved = build(base, build, "--build");
        Simulator sim = resolved.getKey();
        List<Integer> levels = protections.of(sim.policies().build(resolved.getValue()));
        Matrix.print(new DecisionTable(sim), resolved.getValue(), object, mode, relation, bytes(levels, callers, "--caller"), bytes(levels, targets, "--target"),
                rights, format, out);
        return 0;
    }
}
