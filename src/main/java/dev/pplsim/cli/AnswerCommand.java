package dev.pplsim.cli;

import dev.pplsim.engine.Answer;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.AnswerRender;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Form;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The skeleton of a command that decides one request of a kind whose answer has a reason ({@code create},
 * {@code load}): its options give the kind's fields, the kind's reader reads them, the simulator decides, and the
 * kind's renderer prints the answer (with the verified single changes when explained). Errors, the engine's too,
 * name the option the user typed.
 */
abstract class AnswerCommand<F extends Enum<F>, Q, R extends Answer<Q>> extends SimulatorCommand {

    @Option(names = "--build", defaultValue = AccessQuery.DEFAULT_BUILD, paramLabel = "NAME", description = "Build name (default: ${DEFAULT-VALUE}).")
    String build;

    @Option(names = "--json", description = "JSON output.")
    boolean json;

    /** The mode of the command's {@code --explain} (each kind says in its own words what the changes are). */
    abstract ExplainMode explain();

    /** The fields the options give, the build among them. */
    abstract OptionValues<F> given();

    /** The request the fields give, decided. */
    abstract R decide(Simulator sim, OptionValues<F> given);

    /** The single changes that would let a refused request succeed, each verified. */
    abstract List<AnswerRender.Change<R>> whatWouldSucceed(Simulator sim, R r);

    abstract AnswerRender<Q, R> render();

    @Override
    public Integer call() {
        Simulator sim = simulator();
        R r;
        try {
            r = decide(sim, given());
        } catch (InputException e) {
            throw e.in(Form.CLI);
        }
        List<AnswerRender.Change<R>> changes = explain() == ExplainMode.OFF ? List.of() : whatWouldSucceed(sim, r);
        var out = out();
        if (json) {
            out.println(render().json(r, explain(), changes).toPrettyString());
        } else {
            render().text(r, explain(), changes).forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
