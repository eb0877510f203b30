package dev.pplsim.engine;

import dev.pplsim.engine.fact.MemoryReach;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.Overlay;
import dev.pplsim.request.Field;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a process's kind changes in an open (spec §3.4, §7.1-§7.3): stages 14, 65 and 95. */
class ProcessKindTests {

    private static final Simulator SIM = Simulator.builtIn();
    private static final PsProtection NONE = new PsProtection(0), WIN_SYSTEM = new PsProtection(0x72), WINTCB_LIGHT = new PsProtection(0x61);
    private static final int VM_READ = ProcessRight.VM_READ.mask(), QUERY_LIMITED = ProcessRight.QUERY_LIMITED_INFORMATION.mask();

    private static AccessQuery open(PsProtection caller, PsProtection target, int desired) {
        return AccessQuery.of(caller, target, ObjectKind.PROCESS, desired);
    }

    private static List<MemoryReach> reach(Decision d) {
        return d.trace().derived(MemoryReach.class);
    }

    @Test
    void a_trustlet_open_is_granted_and_its_explanation_says_vtl1_guards_the_memory() {
        Decision d = SIM.decide(open(NONE, NONE, VM_READ).withKinds(ProcessKind.NORMAL, ProcessKind.TRUSTLET));
        assertEquals(NtStatus.STATUS_SUCCESS, d.status());
        assertEquals(VM_READ, d.granted(), "the mask is not stripped: the handle holds VM_READ");
        assertEquals(List.of("R10.2", "R12.2", "R20.2", "R40.3", "R50.1", "R80.1", "R80.2", "R80.3", "R90.3", "R95.1"), d.rules());
        List<MemoryReach> r = reach(d);
        assertEquals(1, r.size());
        assertEquals(VM_READ, r.get(0).rights());
        assertTrue(r.get(0).describe().startsWith("the handle is granted; the memory is isolated by VTL1"), r.get(0).describe());
        assertTrue(r.get(0).describe().endsWith("not the access check)"), r.get(0).describe());
    }

    @Test
    void no_memory_fact_without_a_vm_right_or_for_a_normal_target_or_a_refused_open() {
        assertTrue(reach(SIM.decide(open(NONE, NONE, QUERY_LIMITED).withKinds(ProcessKind.NORMAL, ProcessKind.TRUSTLET))).isEmpty());
        assertFalse(SIM.decide(open(NONE, NONE, VM_READ)).rules().contains("R95.1"));
        // the protection refuses before any memory is reached: nothing to explain
        Decision refused = SIM.decide(open(NONE, WIN_SYSTEM, VM_READ).withKinds(ProcessKind.NORMAL, ProcessKind.MINIMAL));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, refused.status());
        assertFalse(refused.rules().contains("R95.2"), refused.rules().toString());
    }

    @Test
    void a_minimal_process_granted_vm_rights_has_no_address_space_for_them() {
        Decision d = SIM.decide(open(NONE, WIN_SYSTEM, VM_READ | ProcessRight.VM_WRITE.mask()).withMode(AccessMode.KERNEL)
                .withKinds(ProcessKind.NORMAL, ProcessKind.MINIMAL));
        assertEquals(NtStatus.STATUS_SUCCESS, d.status());
        assertEquals(VM_READ | ProcessRight.VM_WRITE.mask(), d.granted() & (VM_READ | ProcessRight.VM_WRITE.mask()));
        assertTrue(d.rules().contains("R95.2") && !d.rules().contains("R95.1"), d.rules().toString());
        assertEquals(VM_READ | ProcessRight.VM_WRITE.mask(), reach(d).get(0).rights());
        assertTrue(reach(d).get(0).describe().contains("no user address space"), reach(d).get(0).describe());
    }

    @Test
    void a_duplicate_into_a_secure_process_is_refused_and_out_of_a_normal_one_is_not() {
        AccessQuery dup = open(NONE, NONE, QUERY_LIMITED).withOperation(Operation.DUPLICATE).withSourceAccess(QUERY_LIMITED);
        Decision into = SIM.decide(dup.withKinds(ProcessKind.TRUSTLET, ProcessKind.NORMAL));
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, into.status());
        assertEquals(0, into.granted());
        assertTrue(into.rules().containsAll(List.of("R14.1", "R90.2")), into.rules().toString());
        Decision normal = SIM.decide(dup.withKinds(ProcessKind.NORMAL, ProcessKind.TRUSTLET));
        assertEquals(NtStatus.STATUS_SUCCESS, normal.status());
        assertEquals(QUERY_LIMITED, normal.granted());
        assertFalse(normal.rules().contains("R14.1"));
        // an open by a trustlet is not a duplicate: the check is ObDuplicateObject's only
        assertFalse(SIM.decide(open(NONE, NONE, QUERY_LIMITED).withKinds(ProcessKind.TRUSTLET, ProcessKind.NORMAL)).rules().contains("R14.1"));
    }

    @Test
    void the_build_switch_makes_a_trustlet_vm_open_fail_at_the_handle_level() {
        var world = Overlay.resolve(SIM.policies(), "policies/whatif/trustlet-vm-open-refused.yaml");
        assertTrue(world.build().switches().secureVmOpenRefused());
        assertFalse(SIM.policies().build(AccessQuery.DEFAULT_BUILD).switches().secureVmOpenRefused(), "the shipped default is the spec's stated one");
        Simulator alt = new Simulator(SIM.policies().with(world.build()), SIM.rules());
        AccessQuery q = open(NONE, NONE, VM_READ).withKinds(ProcessKind.NORMAL, ProcessKind.TRUSTLET).withBuild(world.build().name());
        Decision d = alt.decide(q);
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, d.status());
        assertTrue(d.rules().containsAll(List.of("R65.1", "R90.2")) && !d.rules().contains("R95.1"), d.rules().toString());
        // QUERY_LIMITED is outside the switch's mask, and self is never refused
        assertEquals(NtStatus.STATUS_SUCCESS, alt.decide(q.withDesired(QUERY_LIMITED)).status());
        assertEquals(NtStatus.STATUS_SUCCESS, alt.decide(q.withKinds(ProcessKind.TRUSTLET, ProcessKind.TRUSTLET).withRelation(Relation.SELF)).status());
    }

    @Test
    void kinds_and_pico_masks_must_agree() {
        AccessQuery q = open(NONE, NONE, QUERY_LIMITED);
        InputException e = assertThrows(InputException.class, () -> SIM.decide(q.withKinds(ProcessKind.NORMAL, ProcessKind.PICO)));
        assertEquals(Field.TARGET_KIND, e.field());
        e = assertThrows(InputException.class, () -> SIM.decide(q.withPico(false, new PicoProvider(-1, -1)).withKinds(ProcessKind.NORMAL, ProcessKind.TRUSTLET)));
        assertEquals(Field.TARGET_KIND, e.field());
        e = assertThrows(InputException.class, () -> SIM.decide(q.withRelation(Relation.SELF).withKinds(ProcessKind.TRUSTLET, ProcessKind.NORMAL)));
        assertEquals(Field.RELATION, e.field());
        // the masks alone make a Pico target, as before kinds existed
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, SIM.decide(open(NONE, NONE, VM_READ).withPico(false, new PicoProvider(QUERY_LIMITED, QUERY_LIMITED))).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, SIM.decide(open(NONE, NONE, VM_READ).withPico(false, new PicoProvider(QUERY_LIMITED, QUERY_LIMITED))
                .withKinds(ProcessKind.NORMAL, ProcessKind.PICO)).status());
        assertEquals(NtStatus.STATUS_SUCCESS, SIM.decide(open(WINTCB_LIGHT, NONE, VM_READ)).status());
    }
}
