package dev.pplsim.cli;

import dev.pplsim.model.SdkNames;

import dev.pplsim.jobs.Linter;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.request.Spelling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code pplsim lint}: completeness, determinism and dead rules of the rule set, and each build's dominance relation. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check the rule set over the finite domain: every request reaches exactly one decision, no two rules disagree,",
                "every rule fires for some request; and report each build's signer dominance relation.",
                "Exit 0: no finding; 1: findings; 2: bad input."})
final class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatorOptions source = new SimulatorOptions();

    @Option(names = "--build", paramLabel = "NAME", description = "Lint for these builds only (a rule used by another build then shows as dead). Default: every build.")
    List<String> builds;

    @Override
    public Integer call() {
        Simulator sim = source.simulator();
        List<String> names = builds != null ? builds : List.copyOf(sim.policies().builds().keySet());
        for (String b : names) sim.policies().build(b);
        Linter.Report report = new Linter(sim).lint(names);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("pplsim lint: %d rules from %s, builds %s%n%n", report.rules().size(), sim.rules().source(), String.join(", ", names));
        for (Linter.BuildReport b : report.builds()) {
            out.printf("%s%n", b.build());
            out.printf("  (A) protection keys, proved:   %,9d requests (%,d undecidable: signer without a table row)%n", b.keys() - b.undecidable(), b.undecidable());
            out.printf("      all 256 x 256 bytes x process, thread x user, kernel, each +/- OBJ_FORCE_ACCESS_CHECK x none, self, parent, stale-parent%n");
            out.printf("  (B) decision stage, proved:    %,9d requests: each distinct derived verdict/veto/implied set x 27 masks x 3 SD results%n", b.decisionRequests());
            out.printf("  (C) Pico, DisallowUserTerminate, checked (bounded): %,d requests on the spec's 12 named bytes%n", b.extensionRequests());
            dominance(b.dominates(), out);
            out.println();
        }
        out.println("Rules (each with the first request that fired it):");
        for (var r : report.rules()) {
            AccessQuery q = report.firedBy().get(r.id());
            out.printf("  %-6s %-" + width(report) + "s  %s%n", r.id(), r.name(), q == null ? "NEVER FIRES" : describe(q));
        }
        out.println();
        if (report.findings().isEmpty()) {
            out.printf("complete, deterministic, no dead rules (%.1f s)%n", report.millis() / 1000.0);
        } else {
            for (Linter.Finding f : report.findings()) {
                out.printf("%-10s %s [%s] %s%s%n", f.kind(), String.join(" ", f.rules()), f.build(), f.detail(),
                        f.example() == null ? "" : "\n           e.g. " + describe(f.example()));
            }
            out.printf("%d findings (%.1f s)%n", report.findings().size(), report.millis() / 1000.0);
        }
        out.flush();
        return report.findings().isEmpty() ? 0 : 1;
    }

    private static int width(Linter.Report r) {
        return r.rules().stream().mapToInt(x -> x.name().length()).max().orElse(10);
    }

    static String describe(AccessQuery q) {
        return String.format("%s -> %s %s, %s, %s%s, %s%s%s%s", q.caller(), q.object().id(), q.target(),
                SdkNames.rightNames(q.desired(), q.object()), q.mode().id(), q.forceAccessCheck() ? "+force" : "", q.relation().id(),
                q.sdGranted() == null ? "" : ", sdGranted " + SdkNames.hex(q.sdGranted()),
                q.targetPico() == null ? "" : (q.callerPico() ? ", both Pico" : ", Pico target"),
                q.targetDisallowUserTerminate() ? ", DisallowUserTerminate" : "");
    }

    private static void dominance(Map<Integer, Set<Integer>> dom, PrintWriter out) {
        List<Integer> signers = new ArrayList<>(dom.keySet());
        out.println("  dominance (rules' verdict, PPL caller row vs PPL target column, user mode):");
        StringBuilder h = new StringBuilder(String.format("    %-13s", ""));
        for (int t : signers) h.append(String.format(" %-5.5s", Linter.signerName(t)));
        out.println(h);
        for (int s : signers) {
            StringBuilder row = new StringBuilder(String.format("    %-13s", Linter.signerName(s)));
            for (int t : signers) row.append(String.format(" %-5s", dom.get(s).contains(t) ? "Y" : "."));
            row.append("  dominates: ").append(dom.get(s).isEmpty() ? "nothing" : String.join(", ", dom.get(s).stream().map(Linter::signerName).toList()));
            out.println(row);
        }
        List<String> notReflexive = new ArrayList<>(), notTransitive = new ArrayList<>(), notAntisymmetric = new ArrayList<>();
        for (int a : signers) {
            if (!dom.get(a).contains(a)) notReflexive.add(Linter.signerName(a));
            for (int b : signers) {
                if (a < b && dom.get(a).contains(b) && dom.get(b).contains(a)) notAntisymmetric.add(Linter.signerName(a) + "<->" + Linter.signerName(b));
                for (int c : signers) {
                    if (dom.get(a).contains(b) && dom.get(b).contains(c) && !dom.get(a).contains(c)) {
                        notTransitive.add(Linter.signerName(a) + ">" + Linter.signerName(b) + ">" + Linter.signerName(c));
                    }
                }
            }
        }
        out.printf("    reflexive: %s%n", notReflexive.isEmpty() ? "yes" : "no (not dominating itself: " + String.join(", ", notReflexive) + ")");
        out.printf("    transitive: %s%n", notTransitive.isEmpty() ? "yes" : "no (" + String.join(", ", notTransitive) + ")");
        out.printf("    antisymmetric: %s%n", notAntisymmetric.isEmpty() ? "yes" : "no (" + String.join(", ", notAntisymmetric) + ")");
    }
}
