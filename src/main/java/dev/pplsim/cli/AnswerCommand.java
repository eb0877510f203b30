package dev.pplsim.cli;

import dev.pplsim.engine.Answer;
import dev.pplsim.explain.AnswerRender;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.request.Form;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The skeleton of a command that decides one request of a kind whose answer has a reason ({@code create},
 * {@code load}): the kind's reader reads its options, the simulator decides, the kind's renderer prints the answer
 * (with the verified single changes when explained). Errors, the engine's too, name the option the user typed.
 */
abstract class AnswerCommand extends SimulatorCommand {

    @Option(names = "--build", defaultValue = AccessQuery.DEFAULT_BUILD, paramLabel = "NAME|FILE",
            description = "Build name, or a build or what-if overlay YAML file (default: ${DEFAULT-VALUE}).")
    String build;

    /** The simulator deciding on {@code --build} and the build's name (a what-if file's creation changes applied). */
    java.util.Map.Entry<dev.pplsim.engine.Simulator, String> decidingOn() {
        return build(simulator(), build, "--build");
    }

    @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: text).")
    dev.pplsim.jobs.ReportFormat format;

    @Option(names = "--json", description = "Same as --format json (kept for scripts).")
    boolean json;

    /** {@code --format json}, or {@code --json}; both with {@code --format text} is bad input, not a silent pick. */
    boolean jsonAsked() {
        if (json && format == dev.pplsim.jobs.ReportFormat.TEXT) throw dev.pplsim.request.InputException.at("--json", "contradicts --format text");
        return json || format == dev.pplsim.jobs.ReportFormat.JSON;
    }

    <Q, R extends Answer<Q>> int answer(Supplier<R> decide, AnswerRender<Q, R> render, ExplainMode mode, Function<R, List<AnswerRender.Change<R>>> changes) {
        R r;
        try {
            r = decide.get();
        } catch (InputException e) {
            throw e.in(Form.CLI);
        }
        List<AnswerRender.Change<R>> whatWouldSucceed = mode == ExplainMode.OFF ? List.of() : changes.apply(r);
        var out = out();
        if (jsonAsked()) {
            out.println(render.json(r, mode, whatWouldSucceed).toPrettyString());
        } else {
            render.text(r, mode, whatWouldSucceed).forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
