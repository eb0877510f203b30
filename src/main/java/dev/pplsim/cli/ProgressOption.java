package dev.pplsim.cli;

import picocli.CommandLine.Option;

/**
 * {@code --progress} of the long analyses (lint, whatif, prove, matrix): a line on stderr that counts the runs done.
 * Shown anyway when the tool runs on a terminal; {@link Main} starts it before the command and clears it after.
 */
final class ProgressOption {

    @Option(names = "--progress", description = "Count the runs on stderr, one updating line, for a run over a second. Default: on a terminal only.")
    boolean on;

    /** Whether this run reports progress: asked for, or an interactive terminal (never for redirected output). */
    boolean wanted() {
        return on || System.console() != null;
    }
}
