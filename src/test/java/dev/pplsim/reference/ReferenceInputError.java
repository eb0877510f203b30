package dev.pplsim.reference;

/** The reference's counterpart of the engine's InputException: the query cannot be decided. */
public class ReferenceInputError extends RuntimeException {

    public ReferenceInputError(String message) {
        super(message);
    }
}
