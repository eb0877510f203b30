package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.Levels;
import dev.pplsim.jobs.WhatIf;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code pplsim whatif --base A --change B}: the cells two builds decide differently, grouped by cause. */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = {"Compare two builds, two systems, or overlays of them (policies/whatif/*.yaml) cell by cell: which requests",
                "gain or lose access, and which table row, switch or process change causes it.",
                "Exit 0, or 1 when --fail-on finds cells of that kind; 2 on bad input."})
final class WhatIfCommand extends SimulatorCommand {

    @Option(names = "--base", required = true, paramLabel = "NAME|FILE.yaml", description = "Compared from: a build or system name, or a build, system or overlay file.")
    String base;

    @Option(names = "--change", required = true, paramLabel = "NAME|FILE.yaml", description = "Compared to: as --base, of the same kind.")
    String change;

    @Option(names = "--protections", defaultValue = "named", paramLabel = "named|all", description = "Caller and target bytes (default: ${DEFAULT-VALUE}).")
    Levels protections;

    @Option(names = "--fail-on", paramLabel = "gained|lost|any", description = "Exit 1 when such cells exist (CI: --fail-on gained is the no-new-access check).")
    WhatIf.FailOn failOn;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv", description = "Output format (default: ${DEFAULT-VALUE}).")
    WhatIf.Format format;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "Cells shown per cause in the table (default: ${DEFAULT-VALUE}; csv shows all).")
    int limit;

    private static Overlay.World world(Simulator sim, String ref, String option) {
        try {
            return Overlay.resolve(sim.policies(), ref);
        } catch (InputException e) {
            throw InputException.at(option, e.getMessage());
        }
    }

    /** A build by name, or a build YAML file added to the simulator's policies. */
    static Map.Entry<PolicySet, String> resolve(Simulator sim, String nameOrFile, String option) {
        try {
            return sim.policies().resolve(nameOrFile);
        } catch (InputException e) {
            throw InputException.at(option, e.getMessage());
        }
    }

    @Override
    public Integer call() {
        Simulator sim = simulator();
        Overlay.World wa = world(sim, base, "--base"), wb = world(sim, change, "--change");
        if ((wa.system() == null) != (wb.system() == null)) {
            throw InputException.at("--change", "compare a system with a system and a build with a build ('" + base + "' is a "
                    + (wa.system() == null ? "build" : "system") + ", '" + change + "' a " + (wb.system() == null ? "build" : "system") + ")");
        }
        PrintWriter out = out();
        boolean csv = format == WhatIf.Format.CSV;
        if (wa.system() != null) {
            var r = WhatIf.systems(sim.policies(), sim.rules(), wa, wb);
            WhatIf.printSystems(r, "whatif: system " + wa.name() + " -> " + wb.name()
                    + "; every process x every process x process, thread x each right, user mode", csv, limit, out);
            return exit(r);
        }
        Build a = wa.build(), b = wb.build();
        var r = WhatIf.builds(sim.policies(), sim.rules(), a, b, protections.of(a.table().size() >= b.table().size() ? a : b),
                ObjectKind.PROTECTED, List.of(AccessMode.values()), List.of(Relation.NONE, Relation.PARENT, Relation.STALE_PARENT));
        WhatIf.printBuilds(r, "whatif: " + base + " (" + a.name() + ") -> " + change + " (" + b.name() + "); " + protections.id()
                + " protections x process, thread x user, kernel x none, parent, stale-parent x each right", csv, limit, out);
        return exit(r);
    }

    private int exit(WhatIf.Result<?> r) {
        String why = failOn == null ? null : failOn.why(r);
        if (why == null) return 0;
        out().flush();
        err().println(why);
        err().flush();
        return 1;
    }
}
