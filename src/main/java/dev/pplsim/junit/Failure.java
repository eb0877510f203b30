package dev.pplsim.junit;

import dev.pplsim.engine.Answer;
import dev.pplsim.engine.Decision;
import dev.pplsim.explain.AnswerRender;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;

import java.util.List;

/** An assertion's failure: what was wanted, then the answer explained (decisive), as {@code pplsim ... --explain=decisive} shows it. */
final class Failure {

    private Failure() {
    }

    /** An NTSTATUS by name; a name pplsim does not know is the test's mistake, said as such. */
    static dev.pplsim.model.NtStatus status(String name) {
        for (var s : dev.pplsim.model.NtStatus.values()) {
            if (s.name().equals(name)) return s;
        }
        throw new IllegalArgumentException("unknown NTSTATUS '" + name + "' (known: "
                + String.join(", ", java.util.Arrays.stream(dev.pplsim.model.NtStatus.values()).map(Enum::name).toList()) + ")");
    }

    static AssertionError of(String wanted, Decision d) {
        return new AssertionError(wanted + "\n" + String.join("\n", Render.text(d, ExplainMode.DECISIVE)));
    }

    static <Q, R extends Answer<Q>> AssertionError of(String wanted, R answer, AnswerRender<Q, R> render) {
        return new AssertionError(wanted + "\n" + String.join("\n", render.text(answer, ExplainMode.DECISIVE, List.of())));
    }
}
