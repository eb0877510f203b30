package dev.pplsim.explain;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request lines of an open's text explanation. */
class RenderTests {

    static String desiredLine(AccessQuery q) {
        Decision d = Simulator.builtIn().decide(q);
        List<String> lines = Render.text(d, ExplainMode.OFF);
        return lines.stream().filter(l -> l.trim().startsWith("desired")).findFirst().orElseThrow();
    }

    @Test
    void a_duplicate_shows_its_source_handle_with_or_without_sd_granted() {
        int query = ProcessRight.QUERY_LIMITED_INFORMATION.mask();
        AccessQuery dup = AccessQuery.of(PsProtection.NONE, PsProtection.NONE, ObjectKind.PROCESS, query)
                .withOperation(Operation.DUPLICATE).withSourceAccess(query);
        // the source handle used to show only beside sdGranted, which a duplicate never has (the conditional swallowed it)
        assertEquals("          desired 0x00001000 PROCESS_QUERY_LIMITED_INFORMATION, UserMode, source handle 0x00001000", desiredLine(dup));
        AccessQuery open = AccessQuery.of(PsProtection.NONE, PsProtection.NONE, ObjectKind.PROCESS, query).withSdGranted(0x001FFFFF);
        assertEquals("          desired 0x00001000 PROCESS_QUERY_LIMITED_INFORMATION, UserMode, sdGranted 0x001FFFFF", desiredLine(open));
    }
}
