/** The {@code pplsim} command line (picocli): the tour, {@code decide} and {@code batch}. Exit 0 decided, 2 bad input. */
package dev.pplsim.cli;
