/**
 * The jobs a user runs, each over the engine and rendered through explain: the JSON-lines batch contract (one query
 * a line in, one decision a line out, streamed in input order, errors per line), scenarios ({@code test}),
 * observations ({@code verify}, {@code replay}), {@code prove} over the finite domain, {@code lint}, matrices,
 * what-if between builds or systems, and the catalog queries. May import: explain, engine, policy, request, model, io.
 */
package dev.pplsim.jobs;
