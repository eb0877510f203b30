package dev.pplsim.cli;

import dev.pplsim.jobs.Inputs;
import dev.pplsim.jobs.Verify;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** {@code pplsim verify FILE}: the model against what a real Windows machine answered. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim verify src/test/resources/observations/sample.jsonl --exceptions src/test/resources/observations/exceptions.yaml   # exits 1: o8 is a mismatch"},
        description = {"Compare observations from a real machine (JSON lines, see src/main/scripts/capture-observations.ps1) with the model: agreement, and every mismatch with the model's explanation.",
                "Input: UTF-8 (with or without a byte-order mark) or UTF-16 with one, read a line at a time.",
                "Exit 0: no unexplained mismatch; 1: some; 2: bad input; 3: output could not be written."})
final class VerifyCommand extends SimulatorCommand {

    @Parameters(index = "0", paramLabel = "FILE|-", description = "Observations, one JSON object a line (a file, FIFO or - for standard input).")
    String file;

    @Option(names = "--exceptions", paramLabel = "FILE.yaml", description = "Known, explained divergences.")
    Path exceptions;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    dev.pplsim.jobs.ReportFormat format;

    @Option(names = "--max-line-bytes", defaultValue = "1048576", paramLabel = "N",
            description = "Longest line, in bytes (default: ${DEFAULT-VALUE}); a longer one is bad input.")
    int maxLineBytes;

    @Override
    public Integer call() throws IOException {
        int limit = Inputs.maxLineBytes(maxLineBytes);
        return Verify.run(simulator(), file, exceptions, format, out(), limit);
    }
}
