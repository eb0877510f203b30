/**
 * Formal checking over the finite protection domain: properties stated in YAML are proved by exhaustive
 * enumeration or refuted with a minimal counterexample ({@code pplsim prove}), and the rule set itself is checked
 * for completeness, determinism and dead rules ({@code pplsim lint}). The enumeration shares work: the rules run
 * once per protection key (build, object, caller, target, mode, force, relation) and each right is then decided
 * from that run's derived vetoes by bit arithmetic; a test shows this equals full enumeration. The runs per key
 * can be kept on disk between processes ({@link dev.pplsim.analysis.KeyRunStore}), named by the digest of what they
 * read, so only changed rules or data run again.
 */
package dev.pplsim.analysis;
