/**
 * Explanations and every rendering of a decision: one {@link dev.pplsim.engine.Trace} is recorded per decision
 * (every rule that fired, what it matched and what it derived); the text and JSON renderings and the explain modes
 * are filters over it. A refused decision's {@link dev.pplsim.explain.Refusal} is read off the same trace, and its
 * {@link dev.pplsim.explain.Counterfactuals} are single changes each verified by deciding it. May import: engine,
 * policy, request, model.
 */
package dev.pplsim.explain;
