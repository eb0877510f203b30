package dev.pplsim.cli;

import dev.pplsim.oracle.BatchRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pplsim batch [FILE|-]}: JSON lines in, JSON lines out, streamed. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Decide JSON lines: one query a line in, one decision a line out, in input order.",
                "A line that cannot be decided yields {\"id\":...,\"error\":\"...\"}; processing goes on and the exit code is 2."})
final class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatorOptions source = new SimulatorOptions();

    @Parameters(index = "0", arity = "0..1", defaultValue = "-", paramLabel = "FILE|-", description = "Input file, or - for standard input (default).")
    String file;

    @Override
    public Integer call() throws Exception {
        var sim = source.simulator();
        BufferedReader in;
        if (file.equals("-")) {
            in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        } else {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) throw dev.pplsim.policy.InputException.at(file, "no such file");
            in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
        }
        var out = spec.commandLine().getOut();
        try (in) {
            BatchRunner.Counts counts = BatchRunner.run(sim, in, out);
            return counts.errors() > 0 ? Main.BAD_INPUT : 0;
        }
    }
}
