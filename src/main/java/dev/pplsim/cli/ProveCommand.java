package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;
import dev.pplsim.jobs.Prover;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.PropertyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code pplsim prove FILE...}: each property PROVED over its whole domain, or REFUTED with a minimal counterexample. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Prove properties (policies/properties/*.yaml) by exhaustive enumeration, or refute them with a minimal counterexample.",
                "Exit 0: every property came out as declared (proved, or refuted where it says expected: refuted); 1: some did not; 2: bad input."})
final class ProveCommand extends SimulatorCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Property files, or directories of them.")
    List<Path> paths;

    @Option(names = "--build", paramLabel = "NAME", description = "Prove for this build (properties that name their builds keep them). Default: every build.")
    List<String> builds;

    @Option(names = "--json", description = "One JSON object per property.")
    boolean json;

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
        Simulator sim = simulator();
        List<String> defaults = builds != null ? builds : List.copyOf(sim.policies().builds().keySet());
        for (String b : defaults) sim.policies().build(b);
        List<Map.Entry<String, PropertyFile.Entry>> props = Prover.read(paths);
        DecisionTable table = new DecisionTable(sim, storeDir());
        Prover prover = new Prover(table, defaults);
        PrintWriter out = out();
        long start = System.nanoTime(), cases = 0;
        int proved = 0, refuted = 0, unexpected = 0;
        int width = props.stream().mapToInt(e -> e.getValue().name().length()).max().orElse(10);
        List<Prover.Result> results = new ArrayList<>();
        for (var e : props) {
            Prover.Result r = prover.prove(e.getKey(), e.getValue());
            results.add(r);
            cases += r.cases();
            if (r.verdict() == Prover.Verdict.PROVED) proved++;
            else refuted++;
            if (!r.asExpected()) unexpected++;
            if (json) {
                out.println(json(sim, r));
            } else {
                report(sim, r, width, out);
            }
            out.flush();
        }
        table.keep();
        table.storeNotes().forEach(n -> spec.commandLine().getErr().println("pplsim: " + n));
        if (!json) {
            out.printf("%d proved, %d refuted (%d not as declared): %,d cases from %,d rule runs%s in %.2f s%n", proved, refuted, unexpected,
                    cases, table.engineRuns(), table.fromStore() == 0 ? ""
                            : String.format(" and %,d keys' runs kept from an earlier run of the same rules and build", table.fromStore()),
                    (System.nanoTime() - start) / 1e9);
        }
        out.flush();
        return unexpected == 0 ? 0 : 1;
    }

    private static String describe(Prover.Case c) {
        var k = c.key();
        return String.format("build %s, caller %s -> %s %s, %s, %s%s, relation %s", k.build(), new PsProtection(k.caller()),
                k.object().id(), new PsProtection(k.target()), SdkNames.rightNames(c.desired(), k.object()), k.mode().sdkName(),
                k.force() ? " + OBJ_FORCE_ACCESS_CHECK" : "", k.relation().id());
    }

    private static void report(Simulator sim, Prover.Result r, int width, PrintWriter out) {
        String declared = r.cases() == 0 ? " (VACUOUS: no case in the domain could be decided)"
                : r.expected() != null && r.expected().equals("refuted") ? (r.asExpected() ? " (as declared)" : " (declared refuted)")
                : r.asExpected() ? "" : " (declared proved)";
        out.printf("%-8s %-" + width + "s %,12d cases %7.2f s%s%s%n", r.verdict(), r.name(), r.cases(), r.millis() / 1000.0,
                r.undecidable() > 0 ? String.format("  (%,d keys undecidable: signer without a table row)", r.undecidable()) : "", declared);
        if (r.counterexample() == null) return;
        Prover.Case c = r.counterexample();
        out.println("         minimal counterexample: " + describe(c));
        if (c.changed() != null) out.println("         changed to:             " + describe(new Prover.Case(c.changed(), c.desired(), null)));
        out.println("         " + r.failure());
        out.println("         " + r.cite() + ": " + r.why().strip().replaceAll("\\s+", " "));
        for (var key : c.changed() == null ? List.of(c.key()) : List.of(c.key(), c.changed())) {
            var d = sim.decide(key.query(c.desired()));
            Render.text(d, ExplainMode.DECISIVE).forEach(l -> out.println("           " + l));
        }
    }

    private static String json(Simulator sim, Prover.Result r) {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        n.put("file", r.file()).put("property", r.name()).put("verdict", r.verdict().name()).put("asDeclared", r.asExpected());
        n.put("cases", r.cases()).put("undecidableKeys", r.undecidable()).put("millis", r.millis());
        if (r.counterexample() != null) {
            var c = r.counterexample();
            var ce = n.putObject("counterexample");
            ce.put("build", c.key().build()).put("object", c.key().object().id())
                    .put("caller", new PsProtection(c.key().caller()).hex()).put("target", new PsProtection(c.key().target()).hex())
                    .put("desired", SdkNames.hex(c.desired())).put("mode", c.key().mode().id()).put("forceAccessCheck", c.key().force())
                    .put("relation", c.key().relation().id()).put("failure", r.failure());
            ce.set("decision", Render.json(sim.decide(c.key().query(c.desired())), ExplainMode.DECISIVE));
        }
        return n.toString();
    }
}
