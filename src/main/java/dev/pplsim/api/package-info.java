/**
 * pplsim as a library: {@link dev.pplsim.api.Pplsim}, a facade over the engine and the jobs for programs and tests
 * that ask many questions in one JVM. A request is built with {@link dev.pplsim.api.Open},
 * {@link dev.pplsim.api.Create} or {@link dev.pplsim.api.ImageLoad}, whose fields and spellings are a scenario's
 * (read by the same readers as the command line and the batch contract); the answers are the engine's
 * {@link dev.pplsim.engine.Decision}, {@link dev.pplsim.engine.Creation} and {@link dev.pplsim.engine.Load}.
 * Nothing is decided here. docs/library.md says how to depend on the artifact.
 *
 * <pre>{@code
 * Pplsim pplsim = Pplsim.builtIn();
 * Decision d = pplsim.decide(Open.caller("None").token("admin-elevated").target("Lsa-Light").desired(ProcessRight.VM_READ));
 * d.status();                   // STATUS_ACCESS_DENIED
 * pplsim.explain(d);            // as pplsim decide --explain prints it
 *
 * Pplsim noRunAsPpl = pplsim.withOverlay("whatif/lsass-runasppl-off.yaml");   // a what-if on the windows-11 catalog
 * noRunAsPpl.decide(Open.caller("powershell.exe").target("lsass.exe").desired("PROCESS_VM_READ")).status();
 * }</pre>
 *
 * May import: jobs, explain, engine, policy, request, model (and Jackson for the builders' values).
 */
package dev.pplsim.api;
