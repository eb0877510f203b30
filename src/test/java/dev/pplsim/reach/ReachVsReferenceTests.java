package dev.pplsim.reach;

import dev.pplsim.model.ProcessKind;
import dev.pplsim.policy.SystemCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job's reach against the reference's brute force (every simple path up to the length) on the shipped catalogs:
 * the same places code runs in, each at the same shortest length. On windows-10-11 every process that holds code
 * starts once; on the early build, where the PPLdump and PPLFault loads open the PPL levels and the graph is ten
 * times larger, the three acceptance identities and a service.
 */
class ReachVsReferenceTests {

    /** Deeper than any shortest path the shipped catalogs have (3), so the brute force also sees every longer way round. */
    static final int LENGTH = 4;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String system : List.of("windows-11", "windows-11-no-runasppl")) {
            SystemCatalog s = SystemCatalog.resolve(ReachFixture.SIM.policies(), system);
            for (SystemCatalog.Process p : s.processes()) {
                if (p.processKind() == ProcessKind.NORMAL) out.add(Arguments.of(system, "windows-10-11", p.pid()));
            }
            for (long pid : new long[]{6600, 5120, 3880, 1100}) out.add(Arguments.of(system, "windows-10-early", pid));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1} from pid {2}")
    @MethodSource("cases")
    void the_job_reaches_what_brute_force_reaches_at_the_same_lengths(String system, String build, long pid) {
        SystemCatalog s = SystemCatalog.resolve(ReachFixture.SIM.policies(), system);
        SystemCatalog.Process start = s.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
        Map<String, Integer> job = ReachFixture.job(s, build, start, LENGTH);
        Map<String, Integer> reference = ReachFixture.reference(s, build, start, LENGTH);
        assertTrue(job.containsKey("p" + pid));
        assertEquals(new java.util.TreeMap<>(reference), new java.util.TreeMap<>(job));
    }
}
