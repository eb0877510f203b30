package dev.pplsim.model;

import java.util.function.Function;

/** Case-insensitive (ASCII only, see {@link Ascii}) lookup of an enum constant by the lower-case id users type. */
public final class Ids {

    private Ids() {
    }

    /** The constant whose id equals {@code text} ignoring case, or null. */
    public static <E extends Enum<E>> E byId(E[] values, Function<E, String> id, String text) {
        for (E e : values) {
            if (Ascii.equalsIgnoreCase(id.apply(e), text)) return e;
        }
        return null;
    }
}
