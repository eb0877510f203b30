package dev.pplsim.request;

/**
 * Input that cannot be decided: an unknown name, a malformed mask, a signer the build has no table row for,
 * broken YAML or JSON. The message is one line that says where and what; the CLI prints it and exits 2.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        // no stack trace: input errors are reported as one line, and analyses raise many of them
        super(message, null, false, false);
    }

    /** {@code where: message}, where is a file:line:column, a field path, or both. */
    public static InputException at(String where, String message) {
        return new InputException(where == null || where.isEmpty() ? message : where + ": " + message);
    }
}
