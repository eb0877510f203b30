package dev.pplsim.model;

import java.util.function.Function;

/** Case-insensitive lookup of an enum constant by the lower-case id users type. */
public final class Ids {

    private Ids() {
    }

    /** The constant whose id equals {@code text} ignoring case, or null. */
    public static <E extends Enum<E>> E byId(E[] values, Function<E, String> id, String text) {
        for (E e : values) {
            if (id.apply(e).equalsIgnoreCase(text)) return e;
        }
        return null;
    }
}
