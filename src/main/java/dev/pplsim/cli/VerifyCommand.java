package dev.pplsim.cli;

import dev.pplsim.jobs.Verify;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** {@code pplsim verify FILE}: the model against what a real Windows machine answered. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare observations from a real machine (JSON lines, see src/main/scripts/capture-observations.ps1) with the",
                "model: agreement, and every mismatch with the model's explanation. Exit 0: no unexplained mismatch; 1: some; 2: bad input."})
final class VerifyCommand extends SimulatorCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "Observations, one JSON object a line.")
    Path file;

    @Option(names = "--exceptions", paramLabel = "FILE.yaml", description = "Known, explained divergences.")
    Path exceptions;

    @Override
    public Integer call() throws IOException {
        return Verify.run(simulator(), file, exceptions, out());
    }
}
