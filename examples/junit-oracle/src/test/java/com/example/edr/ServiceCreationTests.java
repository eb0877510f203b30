package com.example.edr;

import dev.pplsim.api.Create;
import dev.pplsim.api.Pplsim;
import dev.pplsim.junit.PplsimOracle;
import org.junit.jupiter.api.Test;

import static dev.pplsim.junit.PplsimAssertions.assertThat;

/** What an administrator gets by starting a protected image itself (the first step of PPLdump-style attacks). */
@PplsimOracle
class ServiceCreationTests {

    @Test
    void an_admin_starting_services_exe_gets_a_wintcb_light_child_and_the_tables_handles(Pplsim pplsim) {
        assertThat(pplsim.create(Create.creator("None").token("admin-elevated").image("C:\\Windows\\System32\\services.exe").imageSigner("WinTcb")
                        .flags("CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT").protectionLevel("PROTECTION_LEVEL_WINTCB_LIGHT")))
                .succeeds().withChild("WinTcb-Light").withProcessAccess(0x00103800).withThreadAccess(0x00101C01);
    }
}
