package dev.pplsim.io;

/**
 * Output that could not be written: a full disk, a closed pipe, a file that cannot be created. Work stops at once
 * (nothing written after a failure could be trusted to arrive), and the CLI prints one line and exits 3, so a
 * pipeline never mistakes lost output for an answer.
 */
public class OutputException extends RuntimeException {

    public OutputException(String message) {
        super(message, null, false, false);
    }
}
