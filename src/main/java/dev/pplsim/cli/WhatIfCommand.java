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
import java.util.stream.Stream;
import java.util.Map;

/** {@code pplsim whatif --base A --change B}: the cells two builds decide differently, grouped by cause. */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim whatif --base windows-10-early --change windows-10-11", "  ./pplsim whatif --base windows-10-11 --change policies/whatif/lsa-dominates-antimalware.yaml --fail-on gained   # exits 1: it gains"},
        description = {"Compare two builds, two systems, or overlays of them (policies/whatif/*.yaml) cell by cell: which requests gain or lose access, and which table row, switch or process change causes it.",
                "Exit 0, or 1 when --fail-on finds cells of that kind; 2 on bad input."})
final class WhatIfCommand extends SimulatorCommand {

    @picocli.CommandLine.Mixin
    ProgressOption progress = new ProgressOption();

    @Option(names = "--base", required = true, paramLabel = "NAME|FILE.yaml", description = "Compared from: a build or system name, or a build, system or overlay file.")
    String base;

    @Option(names = "--change", required = true, paramLabel = "NAME|FILE.yaml", description = "Compared to: as --base, of the same kind.")
    String change;

    @Option(names = "--protections", defaultValue = "named", paramLabel = "named|all", description = "Caller and target bytes (default: ${DEFAULT-VALUE}).")
    Levels protections;

    @Option(names = "--fail-on", paramLabel = "gained|lost|any", description = "Exit 1 when such cells exist (CI: --fail-on gained is the no-new-access check).")
    WhatIf.FailOn failOn;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json", description = "Output format (default: ${DEFAULT-VALUE}; csv and json list every cell).")
    WhatIf.Format format;

    @Option(names = "--caller", paramLabel = "PROTECTION|IMAGE|PID", description = "Show only cells of this caller: a protection for builds, an image or pid for systems.")
    String caller;

    @Option(names = "--target", paramLabel = "PROTECTION|IMAGE|PID", description = "Show only cells of this target, spelled as --caller.")
    String target;

    @Option(names = "--right", paramLabel = "MASK", description = "Show only cells that asked for one of these rights (PROCESS_VM_READ|PROCESS_TERMINATE).")
    String right;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "Cells shown per cause in the table (default: ${DEFAULT-VALUE}; csv shows all).")
    int limit;

    private static Overlay.World world(Simulator sim, String ref, String option) {
        try {
            return Overlay.resolve(sim.policies(), ref);
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
        WhatIf.Filter filter = filter(wa, wb);
        if (wa.system() != null) {
            var r = filter.systems(WhatIf.systems(sim.policies(), sim.rules(), wa, wb));
            if (format == WhatIf.Format.JSON) {
                out.println(WhatIf.systemsJson(base, change, r).toPrettyString());
                return exit(r);
            }
            WhatIf.printSystems(r, "whatif: system " + wa.name() + " -> " + wb.name()
                    + "; every process x every process x process, thread x each right, user mode", csv, limit, out);
            return exit(r);
        }
        Build a = wa.build(), b = wb.build();
        var r = filter.builds(WhatIf.builds(sim.policies(), sim.rules(), a, b, protections.of(a.table().size() >= b.table().size() ? a : b),
                ObjectKind.PROTECTED, List.of(AccessMode.values()), List.of(Relation.NONE, Relation.PARENT, Relation.STALE_PARENT)));
        if (format == WhatIf.Format.JSON) {
            out.println(WhatIf.buildsJson(base, change, r).toPrettyString());
            return exit(r);
        }
        WhatIf.printBuilds(r, "whatif: " + base + " (" + a.name() + ") -> " + change + " (" + b.name() + "); " + protections.id()
                + " protections x process, thread x user, kernel x none, parent, stale-parent x each right", csv, limit, out);
        return exit(r);
    }

    /** The filters, checked before the comparison runs: a misspelt protection or right is bad input at once. */
    private WhatIf.Filter filter(Overlay.World wa, Overlay.World wb) {
        boolean systems = wa.system() != null;
        Integer rights = null;
        if (right != null) {
            // process or thread rights: a what-if of builds compares both objects
            try {
                rights = dev.pplsim.request.Spelling.desiredMask(right, dev.pplsim.model.ObjectKind.PROCESS);
            } catch (InputException e) {
                try {
                    rights = dev.pplsim.request.Spelling.desiredMask(right, dev.pplsim.model.ObjectKind.THREAD);
                } catch (InputException t) {
                    throw InputException.at("--right", e.getMessage());
                }
            }
        }
        if (!systems) {
            for (String[] o : new String[][]{{"--caller", caller}, {"--target", target}}) {
                if (o[1] == null) continue;
                try {
                    dev.pplsim.request.Spelling.protection(o[1]);
                } catch (InputException e) {
                    throw InputException.at(o[0], e.getMessage());
                }
            }
        }
        if (systems) {
            for (String[] o : new String[][]{{"--caller", caller}, {"--target", target}}) {
                if (o[1] != null && Stream.of(wa, wb).flatMap(w -> w.system().processes().stream())
                        .noneMatch(p -> dev.pplsim.model.Ascii.equalsIgnoreCase(p.image(), o[1]) || String.valueOf(p.pid()).equals(o[1]))) {
                    throw InputException.at(o[0], "no process " + InputException.quoted(o[1]) + " in " + wa.name() + " or " + wb.name());
                }
            }
        }
        return new WhatIf.Filter(caller, target, rights);
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
