/**
 * JUnit 5 support for test authors: {@link dev.pplsim.junit.PplsimOracle} injects a warm, shared
 * {@link dev.pplsim.api.Pplsim} into test parameters and fields, and {@link dev.pplsim.junit.PplsimAssertions}
 * asserts on its answers with failure messages that carry the decision's explanation. JUnit Jupiter's API is a
 * provided dependency of the library: the user's tests bring their JUnit (5.x or 6.x). The application jar leaves
 * this package out.
 *
 * <pre>{@code
 * import static dev.pplsim.junit.PplsimAssertions.assertThat;
 *
 * @PplsimOracle
 * class LsassProtectionTests {
 *     @Test
 *     void an_elevated_admin_cannot_read_lsass_as_ppl(Pplsim pplsim) {
 *         Decision d = pplsim.decide(Open.caller("None").token("admin-elevated").target("Lsa-Light").desired(ProcessRight.VM_READ));
 *         assertThat(d).isDenied().withStatus("STATUS_ACCESS_DENIED").by("R50.5");
 *     }
 * }
 * }</pre>
 *
 * May import: api, explain, engine, request, model (and JUnit Jupiter's API).
 */
package dev.pplsim.junit;
