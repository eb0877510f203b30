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
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.EnumMap;
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

    @Option(names = "--api", paramLabel = "NAME", description = "CreateProcess (default), CreateProcessAsUser, CreateProcessWithTokenW, "
            + "CreateProcessWithLogonW, ShellExecuteEx, RtlCreateUserProcess, NtCreateUserProcess.")
    String api;

    @Option(names = "--child-token", paramLabel = "PRESET", description = "The token handed in for the child (the *AsUser/With* entry points).")
    String childToken;

    @Option(names = "--image", required = true, paramLabel = "PATH", description = "The image's path (the minimum-TCB list matches System32 names).")
    String image;

    @Option(names = "--image-signer", paramLabel = "SIGNER", description = "The highest signer the image's certificate may claim (default None: no protected-process EKU).")
    String imageSigner;

    @Option(names = "--image-ekus", paramLabel = "OID,...", description = "The image's EKU OIDs, instead of --image-signer.")
    String imageEkus;

    @Option(names = "--image-signing-level", paramLabel = "LEVEL", description = "The image's signing level (0-15 or SE_SIGNING_LEVEL_*), instead of --image-signer.")
    String imageSigningLevel;

    @Option(names = "--image-subsystem", paramLabel = "windows|native", description = "The image's subsystem (default windows).")
    String imageSubsystem;

    @Option(names = "--flags", paramLabel = "FLAG|FLAG", description = "Creation flags: CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT; "
            + "PROCESS_CREATE_FLAGS_* for the native entry points.")
    String flags;

    @Option(names = "--protection-level", paramLabel = "LEVEL", description = "The protection-level attribute: PROTECTION_LEVEL_WINTCB_LIGHT, PROTECTION_LEVEL_SAME, or its number.")
    String protectionLevel;

    @Option(names = "--inherit-handles", description = "bInheritHandles TRUE.")
    boolean inheritHandles;

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
        Map<CreateField, JsonNode> given = new EnumMap<>(CreateField.class);
        put(given, CreateField.CREATOR, creator);
        put(given, CreateField.CREATOR_TOKEN, token);
        put(given, CreateField.API, api);
        put(given, CreateField.CHILD_TOKEN, childToken);
        put(given, CreateField.IMAGE_PATH, image);
        put(given, CreateField.IMAGE_SIGNER, imageSigner);
        put(given, CreateField.IMAGE_EKUS, imageEkus);
        put(given, CreateField.IMAGE_SIGNING_LEVEL, imageSigningLevel);
        put(given, CreateField.IMAGE_SUBSYSTEM, imageSubsystem);
        put(given, CreateField.FLAGS, flags);
        put(given, CreateField.PROTECTION_LEVEL, protectionLevel);
        if (inheritHandles) given.put(CreateField.INHERIT_HANDLES, BooleanNode.TRUE);
        put(given, CreateField.BUILD, build);
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

    private static void put(Map<CreateField, JsonNode> given, CreateField f, String text) {
        if (text != null) given.put(f, TextNode.valueOf(text));
    }
}
