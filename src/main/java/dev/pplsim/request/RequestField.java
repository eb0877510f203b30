package dev.pplsim.request;

/**
 * A field of a request (an open's {@link Field}, a creation's {@link CreateField}, a load's {@link LoadField}) as each
 * entry point names it. A kind of request is an enum of these, in the order its reader reads them ({@link Fields}).
 */
public interface RequestField {

    /** A field's three names: the batch contract's path, the CLI option, and the scenario key (empty for a bare spelling). */
    record Names(String batch, String cli, String scenario) {
    }

    Names names();

    /** The batch contract's path: {@code caller.protection}, {@code desired}. */
    default String batch() {
        return names().batch();
    }

    /** The CLI option. */
    default String cli() {
        return names().cli();
    }

    /** The scenario file's key; empty for a bare spelling. */
    default String scenario() {
        return names().scenario();
    }
}
