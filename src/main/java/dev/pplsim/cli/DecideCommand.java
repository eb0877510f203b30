package dev.pplsim.cli;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.Counterfactuals;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.Field;
import dev.pplsim.request.Form;
import dev.pplsim.request.InputException;
import dev.pplsim.request.RequestReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;


/** {@code pplsim decide}: one request, decided and optionally explained. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim decide --caller None --target Lsa-Light --access PROCESS_VM_READ", "  ./pplsim decide --caller WinTcb-Light --target Lsa-Light --object thread --access THREAD_SUSPEND_RESUME --explain", "  ./pplsim decide --caller None --target Lsa-Light --access PROCESS_VM_READ --fail-on-deny   # exits 1: refused"},
        description = "Decide one open: which status and rights the kernel returns.")
final class DecideCommand extends SimulatorCommand {

    @Option(names = "--caller", required = true, paramLabel = "PROTECTION", description = "Caller protection: 0x61, 97, WinTcb-Light, PsProtectedSignerWinTcb-Light, WinSystem, None.")
    String caller;

    @Option(names = "--target", required = true, paramLabel = "PROTECTION", description = "Target process protection (for a thread: its process's).")
    String target;

    @Option(names = "--object", defaultValue = "process", paramLabel = "process|thread|token", description = "Object opened; token: the target process's token (default: ${DEFAULT-VALUE}).")
    String object;

    @Option(names = "--access", paramLabel = "MASK", description = "Desired access: PROCESS_VM_READ|0x10|SYNCHRONIZE, MAXIMUM_ALLOWED, GENERIC_READ, numbers.")
    String access;

    @Option(names = "--mode", defaultValue = "user", paramLabel = "user|kernel", description = "Previous mode of the open (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--force-access-check", description = "OBJ_FORCE_ACCESS_CHECK: the open procedure sees UserMode.")
    boolean force;

    @Option(names = "--relation", defaultValue = "none", paramLabel = "none|self|parent|stale-parent", description = "How caller and target are related (default: ${DEFAULT-VALUE}).")
    String relation;

    @Option(names = "--build", defaultValue = AccessQuery.DEFAULT_BUILD, paramLabel = "NAME|FILE.yaml", description = "Build name, or a build or what-if overlay YAML file (default: ${DEFAULT-VALUE}).")
    String build;

    @Option(names = "--sd-granted", paramLabel = "MASK", description = "What the security-descriptor stage granted (default: the request, as SeDebugPrivilege grants it).")
    String sdGranted;

    @Option(names = "--caller-pico", description = "The caller is a Pico process.")
    boolean callerPico;

    @Option(names = "--target-pico", paramLabel = "OPENPROCESS,OPENTHREAD", description = "The target is a Pico process whose provider allows these masks.")
    String targetPico;

    @Option(names = "--caller-kind", paramLabel = "normal|minimal|pico|trustlet|packaged", description = "The caller's process kind (spec §7, §12.7; default normal).")
    String callerKind;

    @Option(names = "--target-kind", paramLabel = "normal|minimal|pico|trustlet|packaged", description = "The target's process kind (spec §7, §12.7; default normal).")
    String targetKind;

    @Option(names = "--disallow-user-terminate", description = "The target's Flags3.DisallowUserTerminate is set.")
    boolean disallowUserTerminate;

    @Option(names = "--token", paramLabel = "PRESET|JSON", description = "The caller's token: a preset of policies/tokens.yaml, or its fields as JSON "
            + "({\"base\":\"standard-user\",\"integrity\":\"LW\"}); the security-descriptor stage decides (docs/ACCESS-CHECK.md).")
    String token;

    @Option(names = "--sd", paramLabel = "SDDL", description = "The opened object's security descriptor (default: the target token's default descriptor).")
    String sd;

    @Option(names = "--target-token", paramLabel = "PRESET|JSON", description = "The target process's token, whose default descriptors apply (default: system).")
    String targetToken;

    @Option(names = "--operation", defaultValue = "open", paramLabel = "open|duplicate|debug", description = "How the handle is obtained (default: ${DEFAULT-VALUE}).")
    String operation;

    @Option(names = "--source-access", paramLabel = "MASK", description = "For --operation duplicate: the source handle's access.")
    String sourceAccess;

    @Option(names = "--explain", arity = "0..1", fallbackValue = "full", defaultValue = "off", paramLabel = "off|decisive|full",
            description = "Explain stage by stage (bare --explain: full).")
    ExplainMode explain;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: text).")
    dev.pplsim.jobs.ReportFormat format;

    @Option(names = "--json", description = "Same as --format json (kept for scripts).")
    boolean json;

    /** {@code --format json}, or {@code --json}; both with {@code --format text} is bad input, not a silent pick. */
    boolean jsonAsked() {
        if (json && format == dev.pplsim.jobs.ReportFormat.TEXT) throw dev.pplsim.request.InputException.at("--json", "contradicts --format text");
        return json || format == dev.pplsim.jobs.ReportFormat.JSON;
    }

    @Option(names = "--fail-on-deny", description = "Exit 1 when the open is refused (any status but STATUS_SUCCESS), so a script can branch on it; the answer is printed all the same.")
    boolean failOnDeny;

    @Override
    public Integer call() throws Exception {
        ExplainMode explainMode = explain;
        Simulator sim = source.simulator(true);
        // a what-if build or overlay file: the same rules over the policy set plus that build
        Map.Entry<Simulator, String> resolved = build(sim, build, "--build");
        Simulator effective = resolved.getKey();
        var given = new OptionValues<>(Field.class).put(Field.CALLER, caller).put(Field.TARGET, target).put(Field.OBJECT, object)
                .put(Field.DESIRED, access).put(Field.MODE, mode).flag(Field.FORCE, force).put(Field.RELATION, relation)
                .put(Field.BUILD, resolved.getValue()).put(Field.SD_GRANTED, sdGranted).flag(Field.CALLER_PICO, callerPico)
                .put(Field.TARGET_PICO, targetPico).flag(Field.DISALLOW_USER_TERMINATE, disallowUserTerminate).put(Field.OPERATION, operation)
                .put(Field.SOURCE_ACCESS, sourceAccess).put(Field.SD, sd).put(Field.CALLER_KIND, callerKind).put(Field.TARGET_KIND, targetKind);
        if (token != null) given.given.put(Field.TOKEN, RequestReader.jsonOrString(token, "--token"));
        if (targetToken != null) given.given.put(Field.TARGET_TOKEN, RequestReader.jsonOrString(targetToken, "--target-token"));
        Decision d;
        try {
            d = effective.decide(RequestReader.read(Form.CLI, given::get, effective::security));
        } catch (InputException e) {
            throw e.in(Form.CLI); // the engine's checks name the option the user typed
        }
        return print(effective, d, explainMode);
    }

    private int print(Simulator sim, Decision d, ExplainMode explainMode) {
        var out = out();
        // counterfactuals are searched only when an explanation is asked for: each is a further decision
        var whatWouldSucceed = explainMode == ExplainMode.OFF ? java.util.List.<Counterfactuals.Counterfactual>of()
                : Counterfactuals.of(d, sim::decide);
        if (jsonAsked()) {
            out.println(Render.json(d, explainMode, whatWouldSucceed).toPrettyString());
        } else {
            Render.text(d, explainMode, whatWouldSucceed).forEach(out::println);
        }
        out.flush();
        if (failOnDeny && d.status() != dev.pplsim.model.NtStatus.STATUS_SUCCESS) {
            err().println("pplsim: decide: refused with " + d.status().name() + " (--fail-on-deny)");
            err().flush();
            return 1;
        }
        return 0;
    }
}
