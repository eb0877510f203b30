package dev.pplsim.junit;

import dev.pplsim.api.Open;
import dev.pplsim.api.Pplsim;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ProcessRight;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The extension as a test author meets it: parameters and fields (static ones before {@code @BeforeAll}) of type
 * Pplsim filled, one shared instance per description in the JVM, a field's or parameter's own description over the
 * class's, nested classes configured by their enclosing one.
 */
@PplsimOracle
class PplsimOracleTests {

    /** The instance the first test of the run saw, to check every later injection of the same description gets it. */
    static final AtomicReference<Pplsim> SEEN = new AtomicReference<>();

    static Pplsim shared;

    Pplsim field;

    @PplsimOracle(catalog = "windows-11")
    Pplsim windows11;

    @PplsimOracle(overlay = "whatif/lsass-runasppl-off.yaml")
    Pplsim runAsPplOff;

    final Pplsim untouched = null;

    @BeforeAll
    static void static_fields_are_filled_before_all(Pplsim parameter) {
        assertNotNull(shared);
        assertSame(parameter, shared);
        SEEN.compareAndSet(null, shared);
    }

    @Test
    void a_parameter_and_a_field_get_the_one_built_in_instance(Pplsim pplsim) {
        assertSame(SEEN.get(), pplsim);
        assertSame(pplsim, field);
        assertNull(pplsim.build());
        assertEquals("Pplsim[built-in policies and rules]", pplsim.toString());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, pplsim.decide(Open.caller("None").target("Lsa-Light").desired(ProcessRight.VM_READ)).status());
    }

    @Test
    void a_final_field_is_left_alone() {
        assertNull(untouched);
    }

    @Test
    void a_fields_description_is_its_own(Pplsim pplsim) {
        assertNotSame(pplsim, windows11);
        assertEquals("windows-11", windows11.catalog().name());
        Open read = Open.caller("powershell.exe").target("lsass.exe").desired("PROCESS_VM_READ").withTokens();
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, windows11.decide(read).status());
        assertEquals(NtStatus.STATUS_SUCCESS, runAsPplOff.decide(read).status());
        assertEquals(0x10, runAsPplOff.decide(read).granted());
    }

    @Test
    void a_parameters_description_is_its_own(@PplsimOracle(build = "windows-10-early") Pplsim early) {
        assertEquals("windows-10-early", early.build());
        assertEquals("windows-10-early", early.decide(Open.caller("None").target("Lsa-Light").desired(ProcessRight.VM_READ)).query().build());
    }

    @Test
    @PplsimOracle(policies = "policies", rules = "rules")
    void a_checkouts_directories_are_another_instance_deciding_the_same(Pplsim checkout) {
        assertNotSame(SEEN.get(), checkout);
        assertEquals("Pplsim[policies, rules]", checkout.toString());
        var d = checkout.decide(Open.caller("WinTcb-Light").target("Lsa-Light").desired(0x1010));
        assertEquals(NtStatus.STATUS_SUCCESS, d.status());
        assertEquals(0x1010, d.granted());
    }

    @Nested
    class Nested_classes {
        @Test
        void share_the_instance_of_their_description(Pplsim pplsim) {
            assertSame(SEEN.get(), pplsim);
        }
    }

    @Nested
    @PplsimOracle(catalog = "windows-11")
    class A_nested_class_with_its_own_description {
        @Test
        void gets_that_instance_and_the_same_one_as_a_field_of_that_description(Pplsim pplsim) {
            assertEquals("windows-11", pplsim.catalog().name());
            assertSame(windows11, pplsim);
        }
    }
}

/** A second class: the run's one built-in instance again, not a new one. */
@PplsimOracle
class PplsimOracleSharingTests {
    @Test
    void another_class_gets_the_same_instance(Pplsim pplsim) {
        PplsimOracleTests.SEEN.compareAndSet(null, pplsim);
        assertSame(PplsimOracleTests.SEEN.get(), pplsim);
    }
}
