package dev.pplsim.jobs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The catalog's small parts: edit distance, the nearest ids, the confidence marks a cite carries. */
class RuleCatalogTests {

    @Test
    void edit_distance_counts_insertions_deletions_and_substitutions() {
        assertEquals(0, RuleCatalog.distance("R50.5", "R50.5"));
        assertEquals(1, RuleCatalog.distance("R50.55", "R50.5"));
        assertEquals(1, RuleCatalog.distance("R50.6", "R50.5"));
        assertEquals(2, RuleCatalog.distance("R05.5", "R50.5"));
        assertEquals(5, RuleCatalog.distance("", "R50.5"));
    }

    @Test
    void the_nearest_ids_are_the_closest_and_only_close_ones() {
        List<String> known = List.of("R40.1", "R50.1", "R50.5", "R50.6", "C50.5");
        assertEquals(List.of("R50.5"), RuleCatalog.nearest("R50.55", known));
        assertEquals(List.of("R50.1", "R50.5", "R50.6"), RuleCatalog.nearest("R50.9", known));
        assertEquals(List.of(), RuleCatalog.nearest("NONSENSE-ID", known));
    }

    @Test
    void confidence_marks_come_from_the_cites_parentheses() {
        assertEquals(List.of("U"), RuleCatalog.confidence("spec §4.2 (U)"));
        assertEquals(List.of("I"), RuleCatalog.confidence("spec §6.3 (I: an unprotected loader uses KnownDlls)"));
        assertEquals(List.of("I"), RuleCatalog.confidence("spec §4.1 (OWNER RIGHTS, I)"));
        assertEquals(List.of("U"), RuleCatalog.confidence("spec §7.3, §12.7, §6.1 (the status is U: switch trustletImageRefused)"));
        assertEquals(List.of("I", "U"), RuleCatalog.confidence("spec §12.3 item 8 (I; the level is U: creation.yaml appPpl.signingLevel)"));
        assertEquals(List.of(), RuleCatalog.confidence("spec §3.2 PspIsParentProcess (B-w11)"));
        assertEquals(List.of(), RuleCatalog.confidence("spec §3.2"));
    }
}
