package dev.pplsim.reference;

/**
 * The reference does not model this input (for example a token object without an explicit descriptor, whose default
 * the contract leaves to policy data): not an input error, not a decision. Generated cases avoid it.
 */
public class ReferenceUndecidable extends RuntimeException {

    public ReferenceUndecidable(String message) {
        super(message);
    }
}
