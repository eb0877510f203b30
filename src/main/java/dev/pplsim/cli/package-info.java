/**
 * The {@code pplsim} command line (picocli): the tour and one subcommand per job; exit 0 decided, 2 bad input.
 * Options and their parsing only: the work is the jobs'. May import everything below it.
 */
package dev.pplsim.cli;
