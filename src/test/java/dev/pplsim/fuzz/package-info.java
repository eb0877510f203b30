/**
 * Fuzz tests of the input readers (#14): Jazzer fuzz tests that the normal run replays on a corpus and on seeded
 * mutants of it ({@link dev.pplsim.fuzz.Mutator}), and that {@code JAZZER_FUZZ=1} fuzzes coverage-guided. Test code only.
 */
package dev.pplsim.fuzz;
