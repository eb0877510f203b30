package dev.pplsim.policy;

import dev.pplsim.model.Ascii;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * The scalars a policy file may write where a record wants a number or a boolean, read from the scalar's text as
 * written (never YAML 1.1's resolved value, which truncates {@code 272.9}, reads {@code 0110} as octal and
 * {@code 0b1} as binary, and takes {@code yes}, {@code 1} or {@code "true"} for true):
 * <ul>
 * <li>a number is decimal without sign or leading zero ({@code 272}) or hex ({@code 0x110}), ASCII digits only;</li>
 * <li>a boolean is {@code true} or {@code false}, unquoted.</li>
 * </ul>
 * The deserializers report a refusal through Jackson, so the message gets the file position and field path.
 */
final class Scalars {

    /** An example of each accepted number form, shown in every refusal. */
    static final String MASK_FORMS = "write hex 0x110 or decimal 272";
    static final String NUMBER_FORMS = "write decimal 272 or hex 0x110";

    private Scalars() {
    }

    /** The value of {@code text} as a number, or -1: the one grammar of {@link Spelling#numberValue}. */
    static long number(String text) {
        return Spelling.numberValue(text);
    }

    /** A 32-bit mask written as a policy number, or an error naming the text. */
    static int mask(String text) {
        long v = number(text);
        if (v < 0) throw new InputException(InputException.quoted(text) + " is not a mask (" + MASK_FORMS + ")");
        if (v > 0xFFFFFFFFL) throw new InputException(InputException.quoted(text) + " does not fit 32 bits (a mask is at most 0xFFFFFFFF)");
        return (int) v;
    }

    /**
     * Refuses a value that starts like a number but is not written as a policy number ({@code 0141}, {@code +97},
     * {@code 97.5}), for the fields that take a number or a name and hand the text to a spelling; a name, or a
     * {@code |}-joined list of names and numbers, passes unchanged. {@code what} names the value in the message, or
     * is null when the caller names the field.
     */
    static String numberOrName(Object raw, String what) {
        // an unquoted number reaches an Object field as an Integer, Long or BigInteger: its digits, exactly
        String text = String.valueOf(raw);
        if (raw instanceof Number || text.isEmpty() || text.indexOf('|') >= 0) return text;
        char c = text.charAt(0);
        if ((Ascii.isDigit(c) || c == '+' || c == '-' || c == '.') && number(text) < 0) {
            throw new InputException((what == null ? "" : what + " ") + InputException.quoted(text) + " is not a number (" + NUMBER_FORMS + ")");
        }
        return text;
    }

    /** What a non-scalar token is, in the words of a refusal. */
    private static String kind(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "a " + t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The module that gives the policy mapper these rules for every int, long and boolean field. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("pplsim-scalars");
        m.addDeserializer(Integer.class, new WholeNumber<>(Integer.class, Integer.MAX_VALUE, null, Long::intValue));
        m.addDeserializer(Integer.TYPE, new WholeNumber<>(Integer.TYPE, Integer.MAX_VALUE, 0, Long::intValue));
        // pids and thread ids are DWORDs
        m.addDeserializer(Long.class, new WholeNumber<>(Long.class, 0xFFFFFFFFL, null, v -> v));
        m.addDeserializer(Long.TYPE, new WholeNumber<>(Long.TYPE, 0xFFFFFFFFL, 0L, v -> v));
        m.addDeserializer(Boolean.class, new Bool(Boolean.class, null));
        m.addDeserializer(Boolean.TYPE, new Bool(Boolean.TYPE, false));
        return m;
    }

    /** A {@link Mask} field: the text as written, by {@link #mask(String)}. */
    static final class MaskDeserializer extends StdScalarDeserializer<Mask> {
        MaskDeserializer() {
            super(Mask.class);
        }

        @Override
        public Mask deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING) {
                return (Mask) ctxt.reportInputMismatch(this, "expected a mask (" + MASK_FORMS + "), got " + kind(t));
            }
            try {
                return new Mask(mask(p.getText()));
            } catch (InputException e) {
                return (Mask) ctxt.reportInputMismatch(this, e.getMessage());
            }
        }
    }

    private static final class WholeNumber<T> extends StdScalarDeserializer<T> {
        private final long max;
        private final T absent;
        private final java.util.function.Function<Long, T> box;

        WholeNumber(Class<T> type, long max, T absent, java.util.function.Function<Long, T> box) {
            super(type);
            this.max = max;
            this.absent = absent;
            this.box = box;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING) {
                return fail(ctxt, "expected a whole number (" + NUMBER_FORMS + "), got " + kind(t));
            }
            String text = p.getText();
            long v = number(text);
            if (v < 0) return fail(ctxt, InputException.quoted(text) + " is not a whole number (" + NUMBER_FORMS + ")");
            if (v > max) return fail(ctxt, InputException.quoted(text) + " is over the largest allowed, " + max);
            return box.apply(v);
        }

        @SuppressWarnings("unchecked")
        private T fail(DeserializationContext ctxt, String message) throws IOException {
            return (T) ctxt.reportInputMismatch(this, message);
        }

        // an omitted optional primitive is 0, as Jackson's own deserializer gives (an explicit null never gets here)
        @Override
        public T getNullValue(DeserializationContext ctxt) {
            return absent;
        }
    }

    private static final class Bool extends StdScalarDeserializer<Boolean> {
        private final Boolean absent;

        Bool(Class<Boolean> type, Boolean absent) {
            super(type);
            this.absent = absent;
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE) return Boolean.TRUE;
            if (t == JsonToken.VALUE_FALSE) return Boolean.FALSE;
            if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
                return (Boolean) ctxt.reportInputMismatch(this, InputException.quoted(p.getText()) + " is not a boolean (write true or false, unquoted)");
            }
            return (Boolean) ctxt.reportInputMismatch(this, "expected true or false, got " + kind(t));
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            return absent;
        }
    }
}
