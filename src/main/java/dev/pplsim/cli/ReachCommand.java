package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.io.Outputs;
import dev.pplsim.jobs.Catalog;
import dev.pplsim.jobs.Reach;
import dev.pplsim.jobs.ReachRender;
import dev.pplsim.policy.Overlay;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.ReachPolicy;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code pplsim reach}: the processes and protection levels code can come to run in from one process, step by step. */
@Command(name = "reach", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim reach --from powershell.exe --build windows-10-early", "  ./pplsim reach --from MsMpEng.exe --system windows-11-no-runasppl --format dot"},
        description = {"Which processes and protection levels an identity can come to run code in, over a system catalog, and the shortest path to each.",
                "Edges are decisions of the engine: an open with code-injection rights, a protected child started from a signed image,",
                "the handle that creation returns, and a historical DLL load in that child (policies/reach.yaml, docs/reach.md)."})
final class ReachCommand extends SimulatorCommand {

    @Option(names = "--from", required = true, paramLabel = "IMAGE|PID", description = "The process code starts in (image name or pid); its token is the identity.")
    String from;

    @Option(names = "--system", defaultValue = "windows-11", paramLabel = "NAME|FILE.yaml", description = "System catalog or overlay (default: ${DEFAULT-VALUE}).")
    String system;

    @Option(names = "--build", paramLabel = "NAME|FILE.yaml", description = "Decide on this build instead of the catalog's (e.g. windows-10-early).")
    String build;

    @Option(names = "--format", paramLabel = "text|json|dot|svg|png",
            description = "Output format (default: text, or what the -o file's extension says). svg and png need Graphviz's dot.")
    String format;

    @Option(names = "--graph", defaultValue = "paths", paramLabel = "paths|all",
            description = "json/dot/svg/png: the graph of the shortest paths (default) or of every edge explored.")
    String graph;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE, whole or not at all, instead of standard output.")
    Path output;

    @Option(names = "--max-steps", defaultValue = "8", paramLabel = "N", description = "At most N primitives on a path (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Override
    public Integer call() throws java.io.IOException {
        ReachRender.Format f = format();
        ReachRender.Graph g = named(ReachRender.Graph.values(), ReachRender.Graph::id, graph, "--graph");
        Simulator base = simulator();
        Overlay.World w = system(base, system);
        Simulator sim = base.withWorld(w);
        String buildName = w.build().name();
        if (build != null) {
            Map.Entry<Simulator, String> b = build(base, build, "--build");
            sim = b.getKey();
            buildName = b.getValue();
        }
        SystemCatalog s = w.system();
        SystemCatalog.Process start = Catalog.one(s, from, "--from");
        ReachPolicy policy = ReachPolicy.load(base.policies().root());
        Reach.Result r;
        try {
            r = Reach.run(sim, s, buildName, start, policy, maxSteps);
        } catch (InputException e) {
            // a build without a creation or load model: the engine names the request's build field; here it is the option
            throw e.field() != null && e.detail() != null && e.field().batch().equals("build") ? InputException.at("--build", e.detail()) : e;
        }
        switch (f) {
            case TEXT -> write(out -> ReachRender.text(r, out));
            case JSON -> write(out -> ReachRender.json(r, g, out));
            case DOT -> write(out -> ReachRender.dot(r, g, out));
            case SVG, PNG -> {
                StringWriter dot = new StringWriter();
                ReachRender.dot(r, g, new PrintWriter(dot));
                byte[] image = ReachRender.image(dot.toString(), f);
                if (output != null) {
                    Outputs.writeAtomically(output, o -> o.write(image));
                } else {
                    var o = Outputs.checked(System.out, "standard output");
                    o.write(image, 0, image.length);
                    o.flush();
                }
            }
        }
        return 0;
    }

    private ReachRender.Format format() {
        if (format != null) return named(ReachRender.Format.values(), ReachRender.Format::id, format, "--format");
        if (output != null && output.getFileName() != null) {
            ReachRender.Format byName = ReachRender.Format.ofFile(output);
            if (byName != null) return byName;
        }
        return ReachRender.Format.TEXT;
    }

    private static <E extends Enum<E>> E named(E[] values, java.util.function.Function<E, String> id, String text, String option) {
        try {
            return dev.pplsim.request.Spelling.named(values, id, text);
        } catch (InputException e) {
            throw InputException.at(option, e.getMessage());
        }
    }

    private void write(java.util.function.Consumer<PrintWriter> body) {
        if (output == null) body.accept(out());
        else Outputs.writeText(output, body);
    }
}
