package dev.pplsim.cli;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.CreationRender;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.request.CreateField;
import dev.pplsim.request.CreateReader;
import dev.pplsim.request.Form;
import dev.pplsim.request.InputException;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/** {@code pplsim create}: one process creation, decided and optionally explained (spec §12). */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Decide one process creation: its status, the child's protection and the handles the creator gets back.")
final class CreateCommand extends SimulatorCommand {

    @Option(names = "--creator", required = true, paramLabel = "PROTECTION", description = "The creator's protection: None, 0x31, Antimalware-Light.")
    String creator;

    @Option(names = "--token", paramLabel = "PRESET", description = "The creator's token preset (policies/tokens.yaml); without one no privilege is tested.")
    String token;

    @Mixin
    CreationOptions creation = new CreationOptions();

    @Option(names = "--build", defaultValue = AccessQuery.DEFAULT_BUILD, paramLabel = "NAME", description = "Build name (default: ${DEFAULT-VALUE}).")
    String build;

    @Option(names = "--explain", arity = "0..1", fallbackValue = "full", defaultValue = "off", paramLabel = "off|decisive|full",
            description = "Explain stage by stage (bare --explain: full), with the single changes that would make a refusal succeed.")
    ExplainMode explain;

    @Option(names = "--json", description = "JSON output.")
    boolean json;

    @Override
    public Integer call() {
        Simulator sim = simulator();
        Map<CreateField, JsonNode> given = creation.given();
        CreationOptions.put(given, CreateField.CREATOR, creator);
        CreationOptions.put(given, CreateField.CREATOR_TOKEN, token);
        CreationOptions.put(given, CreateField.BUILD, build);
        Creation c;
        try {
            c = sim.create(CreateReader.read(Form.CLI, given::get));
        } catch (InputException e) {
            throw e.in(Form.CLI);
        }
        List<CreationRender.Change> changes = explain == ExplainMode.OFF ? List.of() : CreationRender.whatWouldSucceed(c, sim::create);
        var out = out();
        if (json) {
            out.println(CreationRender.json(c, explain, changes).toPrettyString());
        } else {
            CreationRender.text(c, explain, changes).forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
