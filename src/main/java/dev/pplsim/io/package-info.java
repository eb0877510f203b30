/**
 * Writing what the tool produces so that a failure is never silent: {@link dev.pplsim.io.OutputException} (the CLI's
 * exit 3), standard output checked as it is written, and files written whole or not at all (reports, matrices, the
 * key-run store), with the temporary files of killed runs cleaned. Used by the writers (cli, jobs, the engine's store); may import nothing of pplsim.
 */
package dev.pplsim.io;
