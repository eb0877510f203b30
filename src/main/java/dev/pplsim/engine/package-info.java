/**
 * The Drools engine: compiles the stage files of {@code rules/} to a KieBase, turns an
 * {@link dev.pplsim.model.AccessQuery} into EPROCESS/ETHREAD facts plus the build's table rows and switches, fires
 * the rules, and records every firing into one {@link dev.pplsim.engine.Trace} ({@link dev.pplsim.engine.Stage} names
 * the stages in the kernel's order). The rules hold the decision; this package holds none of it. May import: policy,
 * request, model, io (and Drools).
 */
package dev.pplsim.engine;
