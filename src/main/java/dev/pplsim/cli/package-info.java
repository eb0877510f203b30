/**
 * The {@code pplsim} command line (picocli): the tour and one subcommand per job; exit 0 decided, 2 bad input. The
 * warm {@link dev.pplsim.cli.Server} runs the same command lines for the launcher, output captured.
 */
package dev.pplsim.cli;
