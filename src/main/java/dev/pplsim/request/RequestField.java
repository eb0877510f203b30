package dev.pplsim.request;

/** A field of a request (an open's {@link Field}, a creation's {@link CreateField}) as each entry point names it. */
public interface RequestField {
    /** The batch contract's path. */
    String batch();

    /** The CLI option. */
    String cli();

    /** The scenario file's key; empty for a bare spelling. */
    String scenario();
}
