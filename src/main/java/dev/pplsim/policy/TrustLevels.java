package dev.pplsim.policy;

import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.request.InputException;
import dev.pplsim.request.SidSpelling;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code SepSidFromProcessProtection}: the token trust SID of each protection byte, by exact byte match; every
 * byte not in the table (0x41 Lsa-Light, 0x11, 0x21, any byte with the audit bit, ...) has none (spec §4.3, C).
 * Loaded from {@code policies/trust-levels.yaml}.
 */
public record TrustLevels(Map<Integer, Sid> sids) {

    public TrustLevels {
        sids = Collections.unmodifiableMap(new TreeMap<>(sids));
    }

    /** The trust SID a token of a process with this protection carries, or null for none. */
    public Sid trustSid(PsProtection protection) {
        return sids.get(protection.value());
    }

    /** The YAML shape of {@code policies/trust-levels.yaml}. */
    public record File(
            @JsonProperty(required = true) String cite,
            @JsonProperty(required = true) List<Row> table) {

        public File {
            if (table == null || table.isEmpty()) throw new InputException("table is empty");
            for (int a = 0; a < table.size(); a++) {
                for (int b = a + 1; b < table.size(); b++) {
                    if (table.get(a).protection.value() == table.get(b).protection.value()) {
                        throw new InputException("table[" + b + "]: protection " + table.get(b).protection.hex() + " is also in table[" + a + "]");
                    }
                }
            }
        }

        TrustLevels toTrustLevels() {
            Map<Integer, Sid> m = new TreeMap<>();
            for (Row r : table) m.put(r.protection.value(), r.sid);
            return new TrustLevels(m);
        }
    }

    /** One row: a protection byte (any spelling of {@link Spelling#protection}), its trust SID and kernel symbol. */
    public record Row(PsProtection protection, Sid sid, String symbol) {

        @JsonCreator
        public static Row of(@JsonProperty(value = "protection", required = true) Object protection,
                             @JsonProperty(value = "sid", required = true) String sid,
                             @JsonProperty(value = "symbol", required = true) String symbol) {
            PsProtection p = Spelling.protection(Scalars.numberOrName(protection, "protection"));
            Sid s = SidSpelling.parse(sid);
            if (!s.isTrust()) throw new InputException("sid " + sid + " is not a trust SID S-1-19-<type>-<level> (spec §4.3)");
            if (symbol == null || symbol.isBlank()) throw new InputException("symbol is empty");
            return new Row(p, s, symbol);
        }
    }
}
