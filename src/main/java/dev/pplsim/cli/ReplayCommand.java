package dev.pplsim.cli;

import dev.pplsim.jobs.Inputs;
import dev.pplsim.jobs.Replay;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code pplsim replay FILE}: flag Sysmon ProcessAccess grants the kernel cannot have made from user mode. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim replay src/test/resources/sysmon/events.xml --explain   # exits 1: a record is flagged"},
        description = {"Replay Sysmon Event ID 10 (ProcessAccess) records, XML or JSON, against a system catalog: every GrantedAccess the model says a user-mode open could not have obtained is flagged (a bypass, or a handle from kernel mode).",
                "Input: UTF-8 (with or without a byte-order mark) or UTF-16 with one, read a record at a time.",
                "Exit 0: nothing flagged; 1: flagged records; 2: bad input; 3: output could not be written."})
final class ReplayCommand extends SimulatorCommand {

    @Parameters(index = "0", paramLabel = "FILE|-", description = "Sysmon events: XML export or JSON lines (a file, FIFO or - for standard input).")
    String file;

    @Option(names = "--system", defaultValue = "windows-11", paramLabel = "NAME|FILE.yaml", description = "System catalog whose images the records name (default: ${DEFAULT-VALUE}).")
    String system;

    @Option(names = "--explain", description = "Explain each flagged record.")
    boolean explain;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    dev.pplsim.jobs.ReportFormat format;

    @Option(names = "--max-line-bytes", defaultValue = "1048576", paramLabel = "N",
            description = "Longest JSON line or XML <Event>, in bytes (default: ${DEFAULT-VALUE}); a longer one is bad input.")
    int maxLineBytes;

    @Override
    public Integer call() {
        int limit = Inputs.maxLineBytes(maxLineBytes);
        PrintWriter out = out();
        try {
            return Replay.run(simulator(), system, file, explain, format, out, limit);
        } catch (InputException e) {
            // the records answered before the bad one go out before its error
            out.flush();
            throw e;
        }
    }
}
