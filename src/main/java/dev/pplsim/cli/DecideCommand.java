package dev.pplsim.cli;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.Counterfactuals;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Operation;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.Spelling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pplsim decide}: one request, decided and optionally explained. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Decide one open: which status and rights the kernel returns.")
final class DecideCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatorOptions source = new SimulatorOptions();

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

    @Option(names = "--build", defaultValue = AccessQuery.DEFAULT_BUILD, paramLabel = "NAME|FILE.yaml", description = "Build name, or a build YAML file for a what-if (default: ${DEFAULT-VALUE}).")
    String build;

    @Option(names = "--sd-granted", paramLabel = "MASK", description = "What the security-descriptor stage granted (default: the request, as SeDebugPrivilege grants it).")
    String sdGranted;

    @Option(names = "--caller-pico", description = "The caller is a Pico process.")
    boolean callerPico;

    @Option(names = "--target-pico", paramLabel = "OPENPROCESS,OPENTHREAD", description = "The target is a Pico process whose provider allows these masks.")
    String targetPico;

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
    String explain;

    @Option(names = "--json", description = "JSON output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ExplainMode explainMode = ExplainMode.byId(explain);
        if (explainMode == null) throw InputException.at("--explain", "expected off, decisive or full, got '" + explain + "'");
        ObjectKind kind = ObjectKind.byId(object);
        if (kind == null) throw InputException.at("--object", "expected process, thread or token, got '" + object + "'");
        Operation op = Operation.byId(operation);
        if (op == null) throw InputException.at("--operation", "expected open, duplicate or debug, got '" + operation + "'");
        AccessMode m = AccessMode.byId(mode);
        if (m == null) throw InputException.at("--mode", "expected user or kernel, got '" + mode + "'");
        Relation r = Relation.byId(relation);
        if (r == null) throw InputException.at("--relation", "expected none, self, parent or stale-parent, got '" + relation + "'");
        PicoProvider pico = null;
        if (targetPico != null) {
            String[] parts = targetPico.split(",");
            if (parts.length != 2) throw InputException.at("--target-pico", "expected OPENPROCESS,OPENTHREAD masks, got '" + targetPico + "'");
            pico = new PicoProvider(field("--target-pico", () -> (int) Spelling.number(parts[0], "mask")),
                    field("--target-pico", () -> (int) Spelling.number(parts[1], "mask")));
        }
        Simulator sim = source.simulator(true);
        Map.Entry<PolicySet, String> resolved = field("--build", () -> sim.policies().resolve(build));
        // a what-if build file: the same rules over the policy set plus that build
        Simulator effective = resolved.getKey() == sim.policies() ? sim : new Simulator(resolved.getKey(), sim.rules());
        return print(effective, kind, m, r, pico, resolved.getValue(), explainMode, op);
    }

    private int print(Simulator sim, ObjectKind kind, AccessMode m, Relation r, PicoProvider pico, String buildName, ExplainMode explainMode,
                      Operation op) {
        // each option read once: the tokens' trust SIDs come from the same protections
        PsProtection callerProtection = field("--caller", () -> Spelling.protection(caller));
        PsProtection targetProtection = field("--target", () -> Spelling.protection(target));
        AccessQuery q = new AccessQuery(callerProtection, callerPico, targetProtection, kind,
                access == null ? 0 : field("--access", () -> Spelling.desiredMask(access, kind)), m, force, r, buildName,
                sdGranted == null ? null : field("--sd-granted", () -> Spelling.grantedMask(sdGranted, kind)),
                pico, disallowUserTerminate, op,
                token == null ? null : token(sim, token, "--token", callerProtection),
                sd == null ? null : field("--sd", () -> Sddl.parse(sd)),
                targetToken == null ? null : token(sim, targetToken, "--target-token", targetProtection),
                sourceAccess == null ? null : field("--source-access", () -> Spelling.grantedMask(sourceAccess, kind)));
        if (access == null && op == Operation.OPEN) throw InputException.at("--access", "required for an open (a duplicate defaults to the source handle's access, a debugger attach to PROCESS_SUSPEND_RESUME)");
        Decision d;
        try {
            d = sim.decide(q);
        } catch (InputException e) {
            // name the option the user typed instead of the engine's field
            String msg = e.getMessage();
            for (String[] f : new String[][]{{"caller.protection: ", "--caller"}, {"target.protection: ", "--target"},
                    {"relation: ", "--relation"}, {"sdGranted: ", "--sd-granted"}, {"build: ", "--build"},
                    {"target.sd: ", "--sd"}, {"target.token: ", "--target-token"}, {"caller.token: ", "--token"},
                    {"sourceAccess: ", "--source-access"}, {"desired: ", "--access"}, {"object: ", "--object"}, {"operation: ", "--operation"}}) {
                if (msg.startsWith(f[0])) throw InputException.at(f[1], msg.substring(f[0].length()));
            }
            throw e;
        }
        var out = spec.commandLine().getOut();
        // counterfactuals are searched only when an explanation is asked for: each is a further decision
        var whatWouldSucceed = explainMode == ExplainMode.OFF ? java.util.List.<Counterfactuals.Counterfactual>of()
                : Counterfactuals.of(d, sim::decide);
        if (json) {
            out.println(Render.json(d, explainMode, whatWouldSucceed).toPrettyString());
        } else {
            Render.text(d, explainMode, whatWouldSucceed).forEach(out::println);
        }
        out.flush();
        return 0;
    }

    /**
     * A preset name, or a token's fields as a JSON object (the batch contract's caller.token); trust SID from the
     * protection. Its errors already name the option and the field path.
     */
    private static dev.pplsim.model.Token token(Simulator sim, String text, String option, PsProtection protection) {
        com.fasterxml.jackson.databind.JsonNode node;
        if (text.trim().startsWith("{")) {
            try {
                node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw InputException.at(option, "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
        } else {
            node = com.fasterxml.jackson.databind.node.TextNode.valueOf(text.trim());
        }
        return dev.pplsim.request.TokenSpelling.read(node, option).resolve(sim.security(), protection);
    }

    private static <T> T field(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InputException e) {
            throw InputException.at(option, e.getMessage());
        }
    }
}
