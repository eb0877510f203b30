package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.Levels;
import dev.pplsim.jobs.SystemWhatIf;
import dev.pplsim.jobs.WhatIf;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code pplsim whatif --base A --change B}: the cells two builds decide differently, grouped by cause. */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = {"Compare two builds, two systems, or overlays of them (policies/whatif/*.yaml) cell by cell: which requests",
                "gain or lose access, and which table row, switch or process change causes it.",
                "Exit 0, or 1 when --fail-on finds cells of that kind; 2 on bad input."})
final class WhatIfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatorOptions source = new SimulatorOptions();

    @Option(names = "--base", required = true, paramLabel = "NAME|FILE.yaml", description = "Compared from: a build or system name, or a build, system or overlay file.")
    String base;

    @Option(names = "--change", required = true, paramLabel = "NAME|FILE.yaml", description = "Compared to: as --base, of the same kind.")
    String change;

    @Option(names = "--protections", defaultValue = "named", paramLabel = "named|all", description = "Caller and target bytes (default: ${DEFAULT-VALUE}).")
    String protections;

    @Option(names = "--fail-on", paramLabel = "gained|lost|any", description = "Exit 1 when such cells exist (CI: --fail-on gained is the no-new-access check).")
    String failOn;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "Cells shown per cause in the table (default: ${DEFAULT-VALUE}; csv shows all).")
    int limit;

    private static Overlay.World world(Simulator sim, String ref, String option) {
        try {
            return Overlay.resolve(sim.policies(), ref);
        } catch (InputException e) {
            throw InputException.at(option, e.getMessage());
        }
    }

    private Integer systems(Simulator sim, Overlay.World wa, Overlay.World wb) {
        SystemWhatIf.Result r = SystemWhatIf.compare(sim.policies(), sim.rules(), wa, wb);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("csv")) {
            out.println("direction,caller,target,object,desired,desired_name,base,change,rights,causes");
            for (SystemWhatIf.Changed c : r.cells()) {
                if (c.gained() != 0) out.println(systemCsv("gained", c, c.gained()));
                if (c.lost() != 0) out.println(systemCsv("lost", c, c.lost()));
            }
        } else {
            out.printf("whatif: system %s -> %s; every process x every process x process, thread x each right, user mode%n", wa.name(), wb.name());
            out.println(r.differences().isEmpty() ? "differences: none" : "differences:");
            for (SystemWhatIf.Difference d : r.differences()) out.println("  " + d.describe());
            out.printf("%,d cells compared: %,d gained access, %,d lost access%n", r.compared(), r.gained().size(), r.lost().size());
            systemSection("GAINED (the change grants rights the base did not)", r.gained(), true, out);
            systemSection("LOST (the base granted rights the change does not)", r.lost(), false, out);
        }
        out.flush();
        return exitCode(!r.gained().isEmpty(), !r.lost().isEmpty());
    }

    /** The cells of one direction grouped by cause, at most --limit rows a cause, in the columns {@code format} aligns. */
    private <C> void section(String title, List<C> cells, Function<C, List<String>> causes, String format, Object[] header,
                             Function<C, Object[]> row, PrintWriter out) {
        if (cells.isEmpty()) return;
        out.println();
        out.println(title);
        Map<String, List<C>> byCause = new LinkedHashMap<>();
        for (C c : cells) byCause.computeIfAbsent(String.join(" + ", causes.apply(c)), k -> new java.util.ArrayList<>()).add(c);
        for (var e : byCause.entrySet()) {
            out.printf("  because of %s: %,d cells%n", e.getKey(), e.getValue().size());
            out.printf(format, header);
            int shown = 0;
            for (C c : e.getValue()) {
                if (shown++ == limit) {
                    out.printf("    ... %,d more (--limit, or --format csv for all)%n", e.getValue().size() - limit);
                    break;
                }
                out.printf(format, row.apply(c));
            }
        }
    }

    private static final String SYSTEM_ROW = "    %-26s %-26s %-7s %-34s %-14s %s%n";

    private void systemSection(String title, List<SystemWhatIf.Changed> cells, boolean gained, PrintWriter out) {
        section(title, cells, SystemWhatIf.Changed::causes, SYSTEM_ROW, new Object[]{"caller", "target", "object", "asked", "base", "change"},
                c -> new Object[]{c.caller(), c.target(), c.object().id(), SdkNames.rightNames(c.desired(), c.object()), showDecision(c.base()),
                        showDecision(c.change()) + (gained ? "  +" : "  -") + SdkNames.rightNames(gained ? c.gained() : c.lost(), c.object())}, out);
    }

    private static String showDecision(dev.pplsim.engine.Decision d) {
        return d == null ? "(no process)" : d.status().isSuccess() ? d.grantedHex() : "ACCESS_DENIED";
    }

    private static String systemCsv(String direction, SystemWhatIf.Changed c, int rights) {
        return String.join(",", direction, "\"" + c.caller() + "\"", "\"" + c.target() + "\"", c.object().id(), SdkNames.hex(c.desired()),
                SdkNames.rightNames(c.desired(), c.object()), showDecision(c.base()), showDecision(c.change()), SdkNames.rightNames(rights, c.object()),
                "\"" + String.join("; ", c.causes()) + "\"");
    }

    /** 1 when --fail-on names a kind of change that was found. */
    private int exitCode(boolean gained, boolean lost) {
        boolean fail = failOn != null && switch (failOn) {
            case "gained" -> gained;
            case "lost" -> lost;
            default -> gained || lost;
        };
        return fail ? 1 : 0;
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
        if (failOn != null && !List.of("gained", "lost", "any").contains(failOn)) {
            throw InputException.at("--fail-on", "expected gained, lost or any, got '" + failOn + "'");
        }
        if (!List.of("table", "csv").contains(format)) throw InputException.at("--format", "expected table or csv, got '" + format + "'");
        Simulator sim = source.simulator();
        Overlay.World wa = world(sim, base, "--base"), wb = world(sim, change, "--change");
        if ((wa.system() == null) != (wb.system() == null)) {
            throw InputException.at("--change", "compare a system with a system and a build with a build ('" + base + "' is a "
                    + (wa.system() == null ? "build" : "system") + ", '" + change + "' a " + (wb.system() == null ? "build" : "system") + ")");
        }
        if (wa.system() != null) return systems(sim, wa, wb);
        Build baseBuild = wa.build(), changeBuild = wb.build();
        List<Integer> levels = Levels.of(protections, baseBuild.table().size() >= changeBuild.table().size() ? baseBuild : changeBuild);
        List<Relation> relations = List.of(Relation.NONE, Relation.PARENT, Relation.STALE_PARENT);
        WhatIf.Result r = WhatIf.compare(sim.policies(), sim.rules(), baseBuild, changeBuild, levels, ObjectKind.PROTECTED,
                List.of(AccessMode.values()), relations);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("csv")) {
            out.println("direction,object,mode,relation,caller,target,desired,desired_name,base_status,base_granted,change_status,change_granted,rights,causes");
            for (WhatIf.Changed c : r.cells()) {
                if (c.gained() != 0) out.println(csv("gained", c, c.gained()));
                if (c.lost() != 0) out.println(csv("lost", c, c.lost()));
            }
        } else {
            out.printf("whatif: %s (%s) -> %s (%s); %s protections x process, thread x user, kernel x none, parent, stale-parent x each right%n",
                    base, baseBuild.name(), change, changeBuild.name(), protections);
            out.println(r.differences().isEmpty() ? "differences: none" : "differences:");
            for (WhatIf.Difference d : r.differences()) out.println("  " + d.describe());
            out.printf("%,d cells compared: %,d gained access, %,d lost access%n", r.compared(), r.gained().size(), r.lost().size());
            section("GAINED (the change grants rights the base did not)", r.gained(), true, out);
            section("LOST (the base granted rights the change does not)", r.lost(), false, out);
        }
        out.flush();
        return exitCode(!r.gained().isEmpty(), !r.lost().isEmpty());
    }

    private static final String BUILD_ROW = "    %-22s %-7s %-6s %-12s %-22s %-34s %-24s %s%n";

    private void section(String title, List<WhatIf.Changed> cells, boolean gained, PrintWriter out) {
        section(title, cells, WhatIf.Changed::causes, BUILD_ROW, new Object[]{"caller", "object", "mode", "relation", "target", "asked", "base", "change"},
                c -> {
                    var k = c.key();
                    return new Object[]{new PsProtection(k.caller()), k.object().id(), k.mode().id(), k.relation().id(), new PsProtection(k.target()),
                            SdkNames.rightNames(c.desired(), k.object()), show(c.base(), k.object()), show(c.change(), k.object()) + (gained ? "  +" : "  -")
                                    + SdkNames.rightNames(gained ? c.gained() : c.lost(), k.object())};
                }, out);
    }

    private static String show(dev.pplsim.engine.table.CaseOutcome o, ObjectKind kind) {
        return o.status().isSuccess() ? SdkNames.hex(o.granted()) : "ACCESS_DENIED";
    }

    private static String csv(String direction, WhatIf.Changed c, int rights) {
        var k = c.key();
        return String.join(",", direction, k.object().id(), k.mode().id(), k.relation().id(), new PsProtection(k.caller()).hex(),
                new PsProtection(k.target()).hex(), SdkNames.hex(c.desired()), SdkNames.rightNames(c.desired(), k.object()),
                c.base().status().name(), SdkNames.hex(c.base().granted()), c.change().status().name(), SdkNames.hex(c.change().granted()),
                SdkNames.rightNames(rights, k.object()), "\"" + String.join("; ", c.causes()) + "\"");
    }
}
