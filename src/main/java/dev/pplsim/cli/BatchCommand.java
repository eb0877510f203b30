package dev.pplsim.cli;

import dev.pplsim.explain.ExplainMode;
import dev.pplsim.jobs.BatchRunner;
import dev.pplsim.jobs.Inputs;
import dev.pplsim.io.Outputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.Stack;

/** {@code pplsim batch [FILE|-]}: JSON lines in, JSON lines out, streamed. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  ./pplsim batch docs/examples/batch.jsonl", "  ./pplsim batch docs/examples/batch.jsonl --explain decisive"},
        description = {"Decide JSON lines: one query a line in, one decision a line out, in input order.",
                "Optional security-descriptor fields: caller.token (preset or inline token), target.sd (SDDL), target.token,",
                "target.object token, operation (open|duplicate|debug), sourceAccess (docs/ACCESS-CHECK.md).",
                "Process kinds: caller.kind and target.kind (normal|minimal|pico|trustlet|packaged; spec §7, §12.7).",
                "Creations: {\"op\":\"create\",...} lines (pplsim create's fields, with secureProcess, packageFullName,",
                "image.trustletId and image.sectionFlags); image loads: {\"op\":\"load\",...} lines (pplsim load's fields).",
                "A line that cannot be decided yields {\"id\":...,\"error\":\"...\"}; processing goes on and the exit code is 2.",
                "Input: UTF-8 (with or without a byte-order mark) or UTF-16 with one; output that cannot be written: exit 3."})
final class BatchCommand extends SimulatorCommand {

    @Parameters(index = "0", arity = "0..1", defaultValue = "-", paramLabel = "FILE|-",
            description = "Input file (or FIFO, /dev/stdin, <(...)), or - for standard input (default).")
    String file;

    @Option(names = "--with", paramLabel = "FILE",
            description = "A build or what-if overlay YAML file (repeatable): lines may then name it in \"build\" by its name (an overlay's 'overlay:' name), decided with its changes, creation switches too.")
    java.util.List<String> with = java.util.List.of();

    @Option(names = "--max-line-bytes", defaultValue = "1048576", paramLabel = "N",
            description = "Longest line, in bytes (default: ${DEFAULT-VALUE}); a longer one is answered by its error line, its bytes dropped as they are read.")
    int maxLineBytes;

    /**
     * {@code --explain} takes a mode only as {@code --explain=MODE} or when the next word is a mode, so that
     * {@code batch --explain FILE} reads FILE rather than taking it for the mode.
     */
    static final class OptionalMode implements IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
            if (" ".equals(info.get("separator")) && (args.isEmpty() || ExplainMode.byId(args.peek()) == null)) args.push("full");
            return false;
        }
    }

    @Option(names = "--explain", arity = "0..1", fallbackValue = "full", defaultValue = "off", paramLabel = "off|decisive|full",
            preprocessor = OptionalMode.class,
            description = "Add \"stages\" to each decision line: the rule firings, stage by stage, as decide --json shows them (bare --explain: full).")
    ExplainMode explain;

    @Override
    public Integer call() throws Exception {
        ExplainMode explainMode = explain;
        int limit = Inputs.maxLineBytes(maxLineBytes);
        var sim = simulator();
        // what-ifs by name only: a line never makes pplsim read a file it names (the server shares this reader)
        for (String f : with) {
            var w = build(sim, f, "--with");
            sim = w.getKey();
        }
        // decisions go out as UTF-8 bytes, encoded on the deciding threads; nothing else shares standard output here
        out().flush();
        try (Inputs.Text in = Inputs.open(file)) {
            BatchRunner.Counts counts = BatchRunner.run(sim, in, Outputs.checked(System.out, "standard output"), explainMode, limit);
            return counts.errors() > 0 ? Main.BAD_INPUT : 0;
        } catch (java.io.IOException e) {
            throw dev.pplsim.request.InputException.at(file, "cannot read: " + Outputs.reason(e));
        }
    }
}
