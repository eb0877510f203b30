/**
 * The one table learnt from rule runs ({@link dev.pplsim.engine.table.DecisionTable}), for batches, matrices,
 * what-if, the catalog queries and proofs: per protection key what stages 12 and 40-85 derived, per access asked what
 * stages 10-28 derived, and per pair of the two the outcome the decision stage gave, each read off a trace, never
 * computed here; kept on disk between processes for proofs ({@link dev.pplsim.engine.table.KeyRunStore}). May
 * import: the engine, policy, request, model.
 */
package dev.pplsim.engine.table;
