package com.example.edr;

import dev.pplsim.api.Open;
import dev.pplsim.api.Pplsim;
import dev.pplsim.junit.PplsimOracle;
import dev.pplsim.model.ProcessRight;
import org.junit.jupiter.api.Test;

import static dev.pplsim.junit.PplsimAssertions.assertThat;

/** A what-if written as two overlays of the windows-11 catalog (src/test/resources/whatif): our agent, unprotected and as Antimalware-Light. */
class AgentWhatIfTests {

    private static final Open READ_DEFENDER = Open.caller("agent.exe").target("MsMpEng.exe").desired(ProcessRight.VM_READ).withTokens();

    @PplsimOracle(overlay = "src/test/resources/whatif/agent.yaml")
    Pplsim unprotected;

    @PplsimOracle(overlay = "src/test/resources/whatif/agent-as-antimalware-light.yaml")
    Pplsim antimalwareLight;

    @Test
    void running_as_antimalware_light_is_what_lets_our_agent_read_defenders_memory() {
        assertThat(unprotected.decide(READ_DEFENDER)).isDenied().withStatus("STATUS_ACCESS_DENIED").by("R50.5");
        assertThat(antimalwareLight.decide(READ_DEFENDER)).isGranted().withMask(0x10).by("R40.5");
    }
}
