package dev.pplsim.reach;

import dev.pplsim.model.ProcessKind;
import dev.pplsim.policy.SystemCatalog;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

/**
 * Small generated catalogs (two to five processes of any shipped protection, token preset and kind, parents among the
 * earlier ones), each reached by the job and by the reference's brute force over every simple path of up to five
 * primitives, on the serviced and on the early build.
 */
class ReachProperties {

    private static final String[] PROTECTIONS = {"None", "None", "WinTcb-Light", "Lsa-Light", "Antimalware-Light", "Windows-Light", "Windows", "WinTcb", "WinSystem"};
    private static final String[] TOKENS = {"admin-elevated", "admin-filtered", "standard-user", "system", "local-service", "network-service", "msmpeng"};
    private static final String[] IMAGES = {"a.exe", "b.exe", "services.exe", "svchost.exe", "notepad.exe"};

    record Case(SystemCatalog catalog, String build) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(build + ":");
            for (SystemCatalog.Process p : catalog.processes()) {
                b.append(" ").append(p.pid()).append("<").append(p.parent()).append(" ").append(p.protection()).append("/").append(p.token())
                        .append(p.kind() == null ? "" : "/" + p.kind());
            }
            return b.toString();
        }
    }

    static Gen<Case> catalogs() {
        Gen<Integer> size = Generate.range(2, 5);
        return size.flatMap(n -> Generate.longRange(0, Long.MAX_VALUE).map(seed -> {
            java.util.Random r = new java.util.Random(seed);
            List<SystemCatalog.Process> ps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long pid = 100L * (i + 1);
                long parent = i == 0 || r.nextBoolean() ? 4 : 100L * (1 + r.nextInt(i));
                // the first process is the start: it holds code; later ones may be minimal or a trustlet (no code, spec §7.1, §7.3)
                int k = i == 0 ? 0 : r.nextInt(8);
                String kind = k == 6 ? "minimal" : k == 7 ? "trustlet" : null;
                String protection = kind != null && kind.equals("trustlet") ? "None" : PROTECTIONS[r.nextInt(PROTECTIONS.length)];
                ps.add(new SystemCatalog.Process(IMAGES[r.nextInt(IMAGES.length)], pid, parent, protection, TOKENS[r.nextInt(TOKENS.length)], null,
                        r.nextInt(4) == 0 ? List.of() : List.of(pid + 4), null, null, "generated", kind, kind != null && kind.equals("trustlet") ? 1 : null));
            }
            String build = r.nextBoolean() ? "windows-10-11" : "windows-10-early";
            return new Case(new SystemCatalog("generated", "generated", build, "test", ps), build);
        }));
    }

    @Test
    void reach_finds_the_places_and_shortest_lengths_that_brute_force_over_all_paths_finds() {
        java.util.concurrent.atomic.AtomicInteger moved = new java.util.concurrent.atomic.AtomicInteger(), children = new java.util.concurrent.atomic.AtomicInteger();
        qt().withExamples(60).withShrinkCycles(20).forAll(catalogs()).checkAssert(c -> {
            SystemCatalog.Process start = c.catalog().processes().get(0);
            Map<String, Integer> job = ReachFixture.job(c.catalog(), c.build(), start, 5);
            Map<String, Integer> reference = ReachFixture.reference(c.catalog(), c.build(), start, 5);
            assertEquals(new TreeMap<>(reference), new TreeMap<>(job), c.toString());
            if (job.size() > 1) moved.incrementAndGet();
            if (job.keySet().stream().anyMatch(k -> k.startsWith("c:"))) children.incrementAndGet();
        });
        // the generator is no use if code never moves: most catalogs must let it reach a second place, many a started child
        org.junit.jupiter.api.Assertions.assertTrue(moved.get() >= 20 && children.get() >= 5, moved + " moved, " + children + " reached a child");
    }

    @Test
    void a_longer_bound_never_loses_a_place_nor_lengthens_a_path() {
        qt().withExamples(30).withShrinkCycles(10).forAll(catalogs()).checkAssert(c -> {
            SystemCatalog.Process start = c.catalog().processes().get(0);
            Map<String, Integer> two = ReachFixture.job(c.catalog(), c.build(), start, 2), six = ReachFixture.job(c.catalog(), c.build(), start, 6);
            two.forEach((place, length) -> assertEquals(length, six.get(place), c + " " + place));
            six.forEach((place, length) -> {
                if (length <= 2) assertEquals(length, two.get(place), c + " " + place);
            });
        });
    }
}
