/**
 * {@code pplsim serve}: the local HTTP service, a JSON API under {@code /v1/} (its OpenAPI document is
 * {@code src/main/resources/pplsim/openapi.json}) and the training page ({@code src/main/resources/pplsim/web/}),
 * both answered from one immutable snapshot of the policies and rules, swapped whole when their files change.
 * Loopback only, every API call carrying the access token the server made at start (docs/serve.md). The answers are
 * the jobs' and the explanations the explain package's; nothing is decided here. May import: jobs, explain, engine,
 * policy, request, model, io.
 */
package dev.pplsim.serve;
