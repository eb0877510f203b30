/**
 * What rule runs derived, kept so that later queries of the same key are answered without running the rules
 * again: for batches and system matrices, and for the enumerations of prove, build matrices and what-if, with the
 * key runs kept on disk between processes. Learnt from rule runs only. May import: the engine, policy, request, model.
 */
package dev.pplsim.engine.table;
