/**
 * The regression-oracle interfaces: the JSON-lines batch contract (one query a line in, one decision a line out,
 * streamed in input order, errors per line, a line answered as soon as no more input waits), scenarios and
 * observations.
 */
package dev.pplsim.oracle;
