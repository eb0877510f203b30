package dev.pplsim.engine.fact;

import dev.pplsim.model.Sid;
import java.util.Locale;

/** One row of SepSidFromProcessProtection's table: a protection byte and its token trust SID (spec §4.3). */
public record TrustLevelRow(int protection, Sid sid) implements Described {
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "SepSidFromProcessProtection: 0x%02X -> %s (spec §4.3)", protection, sid);
    }
}
