package com.example.edr;

import dev.pplsim.api.ImageLoad;
import dev.pplsim.api.Open;
import dev.pplsim.api.Pplsim;
import dev.pplsim.junit.PplsimOracle;
import dev.pplsim.model.ProcessRight;
import org.junit.jupiter.api.Test;

import static dev.pplsim.junit.PplsimAssertions.assertThat;

/** With RunAsPPL, lsass runs as Lsa-Light: what that keeps an administrator and our own code from. */
@PplsimOracle
class LsassProtectionTests {

    @Test
    void an_elevated_admin_cannot_read_lsass_memory(Pplsim pplsim) {
        // SeDebugPrivilege gets the open past lsass's descriptor; the protection table still refuses VM_READ
        assertThat(pplsim.decide(Open.caller("None").token("admin-elevated").target("Lsa-Light").desired(ProcessRight.VM_READ)))
                .isDenied().withStatus("STATUS_ACCESS_DENIED").by("R50.5");
    }

    @Test
    void our_authenticode_signed_dll_cannot_be_loaded_into_lsass(Pplsim pplsim) {
        // an Lsa-Light process maps only DLLs signed to Microsoft's level or above (spec §6.3)
        assertThat(pplsim.load(ImageLoad.into("Lsa-Light").image("agent-hook.dll").imageSigner("Authenticode")))
                .isRefused().withStatus("STATUS_INVALID_IMAGE_HASH");
    }
}
