package dev.pplsim.cli;

import dev.pplsim.jobs.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code pplsim replay FILE}: flag Sysmon ProcessAccess grants the kernel cannot have made from user mode. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay Sysmon Event ID 10 (ProcessAccess) records, XML or JSON, against a system catalog: every GrantedAccess",
                "the model says a user-mode open could not have obtained is flagged (a bypass, or a handle from kernel mode).",
                "Exit 0: nothing flagged; 1: flagged records; 2: bad input."})
final class ReplayCommand extends SimulatorCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "Sysmon events: XML export or JSON lines.")
    Path file;

    @Option(names = "--system", defaultValue = "windows-11", paramLabel = "NAME|FILE.yaml", description = "System catalog whose images the records name (default: ${DEFAULT-VALUE}).")
    String system;

    @Option(names = "--explain", description = "Explain each flagged record.")
    boolean explain;

    @Override
    public Integer call() {
        return Replay.run(simulator(), system, file, explain, out());
    }
}
