package dev.pplsim.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Hands a test a warm {@link dev.pplsim.api.Pplsim}: as a parameter of type {@code Pplsim} (of a test, a lifecycle
 * method or the constructor), and in every non-final field of that type (static fields before {@code @BeforeAll}).
 * One instance per policies and rules directory is built per JVM, kept in JUnit's root store and shared by every
 * test class (the rules' first build costs about 0.3 s once, not per class); a build, overlay or catalog over it
 * swaps data only.
 *
 * <p>On a class it configures every injection in it (and in its {@code @Nested} classes); on a field, parameter or
 * method it configures that one, over the class's. Paths are relative to the working directory (the module's, under
 * Maven); empty means the built-in policies and rules. On JUnit 5.10 and earlier an extension declared on a field
 * alone is registered too late to fill it: annotate the class too there (5.11+ and 6.x need not).
 *
 * <pre>{@code
 * @PplsimOracle
 * class LsassTests {
 *     @Test
 *     void an_admin_cannot_read_lsass_memory(Pplsim pplsim) {
 *         assertThat(pplsim.decide(Open.caller("None").token("admin-elevated").target("Lsa-Light").desired(ProcessRight.VM_READ)))
 *                 .isDenied().withStatus("STATUS_ACCESS_DENIED").by("R50.5");
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PplsimExtension.class)
public @interface PplsimOracle {

    /** A policies directory ({@code object-types.yaml}, {@code builds/}, ...); empty: the built-in policies. */
    String policies() default "";

    /** A rules directory ({@code NN-*.drl}); empty: the built-in rules. */
    String rules() default "";

    /** {@link dev.pplsim.api.Pplsim#withBuild}: a build name, or a build or overlay file; empty: each request's own. */
    String build() default "";

    /** {@link dev.pplsim.api.Pplsim#withOverlay}: a what-if overlay file; empty: none. */
    String overlay() default "";

    /** {@link dev.pplsim.api.Pplsim#withCatalog}: a system catalog by name or file; empty: none (opens name protections). */
    String catalog() default "";
}
