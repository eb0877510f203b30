package dev.pplsim.cli;

import dev.pplsim.jobs.OutputException;
import dev.pplsim.jobs.Outputs;

import java.io.BufferedOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output for the commands that stream (batch, replay, verify): checked ({@link Outputs#checked}), so the
 * first write that fails stops the work with an {@link OutputException}, which {@link #failed} turns into exit 3.
 */
final class CheckedOut {

    private CheckedOut() {
    }

    /**
     * A writer onto standard output that throws {@link OutputException} as soon as a write fails (a PrintWriter
     * passes runtime exceptions on; it keeps only IOExceptions to itself). {@code picocli} is flushed first, so
     * whatever it holds comes before.
     */
    static PrintWriter writer(PrintWriter picocli) {
        picocli.flush();
        return new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(Outputs.checked(System.out, "standard output"), 1 << 16),
                StandardCharsets.UTF_8), false);
    }

    /**
     * Exit 3 for output that failed. Standard output's failure is reported by {@link Main} itself, once, when it
     * finds the print stream's error; any other output failure is passed on for it to report.
     */
    static int failed(OutputException e) {
        if (System.out.checkError()) return Main.OUTPUT_FAILED;
        throw e;
    }
}
