/**
 * The Drools engine: compiles the stage files of {@code rules/} to a KieBase, turns an
 * {@link dev.pplsim.model.AccessQuery} into EPROCESS/ETHREAD facts plus the build's table rows and switches,
 * fires the rules, and records every firing into a {@link dev.pplsim.explain.Trace}. {@link
 * dev.pplsim.engine.Materialised} keeps what rule runs derived, per key, and decides later queries from it. The rules
 * hold the logic; this package holds none of the decision.
 */
package dev.pplsim.engine;
