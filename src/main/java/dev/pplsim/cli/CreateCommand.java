package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.CreationRender;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.request.CreateField;
import dev.pplsim.request.CreateReader;
import dev.pplsim.request.Form;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pplsim create}: one process creation, decided and optionally explained (spec §12). */
@Command(name = "create", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim create --creator None --image 'C:\\Windows\\System32\\services.exe' --image-signer WinTcb", "  ./pplsim create --creator None --image 'C:\\Windows\\System32\\notepad.exe' --image-signer Windows --explain"},
        description = "Decide one process creation: its status, the child's protection and the handles the creator gets back.")
final class CreateCommand extends AnswerCommand {

    @Option(names = "--creator", required = true, paramLabel = "PROTECTION", description = "The creator's protection: None, 0x31, Antimalware-Light.")
    String creator;

    @Option(names = "--token", paramLabel = "PRESET", description = "The creator's token preset (policies/tokens.yaml); without one no privilege is tested.")
    String token;

    @Mixin
    CreationOptions creation = new CreationOptions();

    @Option(names = "--explain", arity = "0..1", fallbackValue = "full", defaultValue = "off", paramLabel = "off|decisive|full",
            description = "Explain stage by stage (bare --explain: full), with the single changes that would make a refusal succeed.")
    ExplainMode explain;

    @Override
    public Integer call() {
        var on = decidingOn();
        Simulator sim = on.getKey();
        var given = creation.given().put(CreateField.CREATOR, creator).put(CreateField.CREATOR_TOKEN, token).put(CreateField.BUILD, on.getValue());
        return answer(() -> sim.create(CreateReader.read(Form.CLI, given::get)), CreationRender.CREATION, explain,
                c -> CreationRender.CREATION.whatWouldSucceed(c, sim::create));
    }
}
