/**
 * Explanations: one {@link dev.pplsim.explain.Trace} is recorded per decision (every rule that fired, what it
 * matched and what it derived); the text and JSON renderings and the explain modes are filters over it.
 */
package dev.pplsim.explain;
