package dev.pplsim.policy;

import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.annotation.JsonCreator;

/** A 32-bit mask in a policy file, written as a hex or decimal number. */
public record Mask(int value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Mask parse(Object raw) {
        if (raw instanceof Number n) {
            long v = n.longValue();
            if (v < 0 || v > 0xFFFFFFFFL) throw new InputException("mask " + raw + " does not fit 32 bits");
            return new Mask((int) v);
        }
        if (raw instanceof String s) return new Mask((int) Spelling.number(s, "mask"));
        throw new InputException("expected a mask (a hex or decimal number), got " + raw);
    }
}
