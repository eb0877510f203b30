package dev.pplsim.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A 32-bit mask in a policy file, written as hex ({@code 0x110}) or decimal ({@code 272}); anything else
 * ({@code 272.9}, {@code 0b100011000}, {@code 0110}, {@code -1}) is refused by {@link Scalars#mask}, which reads the
 * text as written.
 */
@JsonDeserialize(using = Scalars.MaskDeserializer.class)
public record Mask(int value) {

    /** The mask a policy text spells, or an error naming the text. */
    public static Mask of(String text) {
        return new Mask(Scalars.mask(text));
    }
}
