package dev.pplsim.junit;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Load;

/**
 * Fluent assertions on pplsim's answers, for any test framework (a failure is an {@link AssertionError}): each
 * failure message says what was wanted and what was decided, followed by the decision's decisive explanation, stage
 * by stage, so a failing test shows why the model decided as it did.
 *
 * <pre>{@code
 * assertThat(decision).isDenied().withStatus("STATUS_ACCESS_DENIED").by("R50.5");
 * assertThat(decision).isGranted().withMask(0x1010).grants(ProcessRight.QUERY_LIMITED_INFORMATION);
 * assertThat(creation).succeeds().withChild("WinTcb-Light").withProcessAccess(0x00103800);
 * assertThat(load).isRefused().withStatus("STATUS_INVALID_IMAGE_HASH");
 * }</pre>
 */
public final class PplsimAssertions {

    private PplsimAssertions() {
    }

    /** Assertions on an open's decision. */
    public static DecisionAssert assertThat(Decision decision) {
        if (decision == null) throw new AssertionError("expected a decision, got null");
        return new DecisionAssert(decision);
    }

    /** Assertions on a process creation. */
    public static CreationAssert assertThat(Creation creation) {
        if (creation == null) throw new AssertionError("expected a creation, got null");
        return new CreationAssert(creation);
    }

    /** Assertions on an image load. */
    public static LoadAssert assertThat(Load load) {
        if (load == null) throw new AssertionError("expected a load, got null");
        return new LoadAssert(load);
    }
}
