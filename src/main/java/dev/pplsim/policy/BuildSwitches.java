package dev.pplsim.policy;

/**
 * The per-build behaviour of the open procedures (spec §3.2, §4.4, §7.2). Each is a switch so a what-if can flip
 * it in YAML.
 *
 * @param parentExemption            how PspIsParentProcess recognises a parent
 * @param disallowUserTerminateCheck whether Flags3.DisallowUserTerminate is tested (B-w11, B-new)
 * @param picoCheck                  whether the Pico provider's open masks are enforced (§7.2)
 * @param impliedRights              which rights are added after success
 * @param genericMapping             which row of each object type's generic mappings applies (§4.4 is U)
 * @param secureVmOpenRefused        whether an open of a secure process (trustlet) with PROCESS_VM_READ or
 *                                   PROCESS_VM_WRITE fails at the handle level; spec §7.3 says this is U (no trustlet
 *                                   mask was found in PspProcessOpen), so the shipped builds say false
 */
public record BuildSwitches(ParentExemption parentExemption, boolean disallowUserTerminateCheck, boolean picoCheck,
                            ImpliedRights impliedRights, String genericMapping, boolean secureVmOpenRefused) {
}
