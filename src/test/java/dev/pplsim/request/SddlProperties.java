package dev.pplsim.request;


import dev.pplsim.model.SecurityDescriptor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/** Printing is canonical: any descriptor prints to SDDL that parses back to it, and re-prints identically. */
class SddlProperties {

    static final int EXAMPLES = 2_000;
    /**
     * QuickTheories skips a draw whose random choices repeat an earlier one, and aliases or named masks repeat
     * often, so fewer distinct examples than asked run; this floor keeps a property from passing vacuously.
     */
    static final int AT_LEAST = 500;

    @Test
    void sddl_print_then_parse_is_identity() {
        AtomicLong ran = new AtomicLong();
        qt().withExamples(EXAMPLES).forAll(SecurityGenerators.descriptors()).checkAssert(sd -> {
            ran.incrementAndGet();
            String text = Sddl.print(sd);
            SecurityDescriptor back = Sddl.parse(text);
            assertEquals(sd, back, text);
            assertEquals(text, Sddl.print(back));
        });
        assertTrue(ran.get() >= AT_LEAST, "only " + ran.get() + " examples ran");
    }

    @Test
    void printed_masks_parse_back_to_the_same_bits() {
        AtomicLong ran = new AtomicLong();
        qt().withExamples(EXAMPLES).forAll(in -> SecurityGenerators.mask(in)).checkAssert(mask -> {
            ran.incrementAndGet();
            String text = "D:(A;;" + Sddl.rights(mask, false) + ";;;WD)";
            assertEquals(mask, Sddl.parse(text).dacl().get(0).mask(), text);
        });
        assertTrue(ran.get() >= AT_LEAST, "only " + ran.get() + " examples ran");
    }
}
