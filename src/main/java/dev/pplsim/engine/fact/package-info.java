/**
 * The facts the rules match and derive. Input facts ({@link dev.pplsim.engine.fact.OpenRequest} and the policy
 * records) are inserted by Java; every other fact here is derived by a rule with {@code insertLogical}, so it
 * disappears with the request it was derived from. Each derived fact describes itself for the explanation.
 */
package dev.pplsim.engine.fact;
