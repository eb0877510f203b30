package dev.pplsim.request;


import dev.pplsim.model.Sid;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/** SID spellings print and parse back to the same SID (aliases, integrity and trust SIDs, arbitrary literals). */
class SidSpellingProperties {

    static final int EXAMPLES = 2_000;
    /**
     * QuickTheories skips a draw whose random choices repeat an earlier one, and aliases or named masks repeat
     * often, so fewer distinct examples than asked run; this floor keeps a property from passing vacuously.
     */
    static final int AT_LEAST = 500;

    @Test
    void sid_spelling_round_trips() {
        AtomicLong ran = new AtomicLong();
        qt().withExamples(EXAMPLES).forAll(SecurityGenerators.sids()).checkAssert(sid -> {
            ran.incrementAndGet();
            assertEquals(sid, SidSpelling.parse(SidSpelling.print(sid)), SidSpelling.print(sid));
            assertEquals(sid, SidSpelling.parse(sid.toString()), sid.toString());
            // lower case parses the same: aliases are case-insensitive, and so are "s-" and "0x"
            assertEquals(sid, SidSpelling.parse(SidSpelling.print(sid).toLowerCase(Locale.ROOT)));
        });
        assertTrue(ran.get() >= AT_LEAST, "only " + ran.get() + " examples ran");
    }

    @Test
    void the_literal_length_scanner_stops_exactly_at_the_end_of_the_sid() {
        AtomicLong ran = new AtomicLong();
        qt().withExamples(EXAMPLES).forAll(SecurityGenerators.sids()).checkAssert(sid -> {
            ran.incrementAndGet();
            String text = sid.toString();
            // the next SDDL part may start with a hex-looking letter (D:); it must not be taken into the SID
            assertEquals(text.length(), SidSpelling.literalLength(text + "D:(A;;GA;;;SY)", 0), text);
            Sid back = Sddl.parse("O:" + text + "D:").owner();
            assertEquals(sid, back);
        });
        assertTrue(ran.get() >= AT_LEAST, "only " + ran.get() + " examples ran");
    }
}
