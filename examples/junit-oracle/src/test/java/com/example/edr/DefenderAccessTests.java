package com.example.edr;

import dev.pplsim.api.Open;
import dev.pplsim.api.Pplsim;
import dev.pplsim.junit.PplsimOracle;
import dev.pplsim.model.ProcessRight;
import org.junit.jupiter.api.Test;

import static dev.pplsim.junit.PplsimAssertions.assertThat;

/** MsMpEng runs as Antimalware-Light; on the windows-11 catalog, who may query it, with each process's own token. */
class DefenderAccessTests {

    @PplsimOracle(catalog = "windows-11")
    Pplsim windows11;

    @Test
    void an_elevated_admin_shell_can_query_msmpeng_with_limited_information() {
        assertThat(windows11.decide(Open.caller("powershell.exe").target("MsMpEng.exe").desired(ProcessRight.QUERY_LIMITED_INFORMATION).withTokens()))
                .isGranted().withMask(0x1000).grants(ProcessRight.QUERY_LIMITED_INFORMATION);
    }

    @Test
    void a_standard_users_explorer_is_refused_by_the_dacl_not_by_the_protection() {
        // PROCESS_QUERY_LIMITED_INFORMATION is never in a protected target's denied mask; what refuses a standard
        // user here is the SYSTEM process's default descriptor: no ACE grants it (R28.2)
        assertThat(windows11.decide(Open.caller("explorer.exe").target("MsMpEng.exe").desired(ProcessRight.QUERY_LIMITED_INFORMATION).withTokens()))
                .isDenied().withStatus("STATUS_ACCESS_DENIED").by("R28.2").withMask(0);
    }
}
