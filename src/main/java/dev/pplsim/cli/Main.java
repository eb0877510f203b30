package dev.pplsim.cli;

import dev.pplsim.explain.ExplainMode;
import dev.pplsim.io.OutputException;
import dev.pplsim.io.Outputs;
import dev.pplsim.io.Progress;
import dev.pplsim.jobs.Levels;
import dev.pplsim.jobs.Matrix;
import dev.pplsim.jobs.RuleCatalog;
import dev.pplsim.jobs.Tour;
import dev.pplsim.jobs.WhatIf;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code pplsim}: with no subcommand, the tour of the default build; see {@link Tour}. */
@Command(name = "pplsim", mixinStandardHelpOptions = true, version = "pplsim 0.1.0",
        footer = {"%nExamples:", "  ./pplsim", "  ./pplsim rules --kind create", "  ./pplsim decide --help"},
        description = {"Simulates how the Windows kernel decides handle access to protected (PP/PPL) processes and threads.",
                "With no command: the signer dominance matrix and well-known cases, explained."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (decide: decided, whatever the status)", "1:a finding: a failed scenario, a property not as declared, a mismatch, a flagged record, whatif --fail-on, decide --fail-on-deny", "2:bad input", "3:output could not be written", "70:internal error (a bug: please report it)"})
public final class Main implements Callable<Integer> {

    public static final int BAD_INPUT = 2;
    public static final int OUTPUT_FAILED = 3;
    /** EX_SOFTWARE of sysexits.h: not 1, which means a finding. */
    public static final int INTERNAL_ERROR = 70;

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(DecideCommand.class, CreateCommand.class, LoadCommand.class, BatchCommand.class, TestCommand.class,
            CatalogCommands.WhoCan.class, CatalogCommands.WhatCan.class, CatalogCommands.WhoCanStart.class, ReachCommand.class, MatrixCommand.class, WhatIfCommand.class, ProveCommand.class,
            LintCommand.class, RulesCommand.class, VerifyCommand.class, ReplayCommand.class, ServeCommand.class, CompletionCommand.class);

    /** The subcommands' names, in help's order (docs/cli.md has a row for each, CliContractTests checks it). */
    public static List<String> commandNames() {
        return SUBCOMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).toList();
    }

    @CommandLine.Mixin
    SimulatorOptions source = new SimulatorOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Tour.print(source.simulator(), spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; bad input is one line on stderr, never a stack trace. */
    public static int run(String... args) {
        // picocli reads every subcommand's annotations when it is added (a third of a decide's start-up, measured);
        // a line that names its subcommand first gets only that one, anything else (help, the tour, a typo) all of them
        Class<?> named = args.length == 0 ? null : SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        // completion describes every command, whichever was named
        CommandLine cl = commandLine(named == CompletionCommand.class ? null : named);
        int exit = cl.execute(args);
        if (exit == OUTPUT_FAILED) return exit;   // said once, by the handler
        // a PrintStream or PrintWriter keeps a write error to itself: asking is the only way to learn that a
        // decision went to a full disk or a closed pipe, and lost output must never exit 0
        try {
            cl.getOut().flush();
        } catch (OutputException e) {
            return outputFailed(cl.getErr(), e.getMessage());
        }
        if (System.out.checkError()) return outputFailed(cl.getErr(), "standard output");
        return exit;
    }

    /** The command line with every subcommand, configured as {@link #run} runs it (for completion scripts and help tests). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line with only subcommand {@code only} (every one when null), its converters and handlers. */
    private static CommandLine commandLine(Class<?> only) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : SUBCOMMANDS) {
            if (only == null || c == only) cl.addSubcommand(c);
        }
        // help's examples are printed as written, one a line: picocli would wrap a long one at 80 columns, and a
        // wrapped command line cannot be copied into a shell
        for (CommandLine c : java.util.stream.Stream.concat(java.util.stream.Stream.of(cl), cl.getSubcommands().values().stream()).toList()) {
            c.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, Main::footer);
        }
        // set after the subcommands are added: picocli applies these settings to the subcommands present
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // every command's report stops at its first line that cannot be written (exit 3), not at the end of the work
        cl.setOut(Outputs.checkedWriter(System.out, "standard output"));
        // --help and --version print before any command runs, outside the execution handler below
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parsed -> {
            // a long analysis counts its rule runs on stderr (--progress, or on a terminal); the line is gone before
            // the command's last word, and stdout is the same either way
            List<CommandLine> chain = parsed.asCommandLineList();
            CommandLine last = chain.get(chain.size() - 1);
            if (last.getCommandSpec().mixins().get("progress") != null
                    && last.getCommandSpec().mixins().get("progress").userObject() instanceof ProgressOption p && p.wanted()) {
                Progress.start(last.getCommandName(), System.err);
            }
            try {
                return run.execute(parsed);
            } catch (OutputException e) {
                Progress.stop();
                return outputFailed(cl.getErr(), e.getMessage());
            } finally {
                Progress.stop();
            }
        });
        // integer options take the tool's one number grammar, not Integer.valueOf's (which reads '+5' and '٥')
        cl.registerConverter(Integer.class, text -> (int) Math.min(Spelling.number(text, "number"), Integer.MAX_VALUE));
        cl.registerConverter(int.class, text -> (int) Math.min(Spelling.number(text, "number"), Integer.MAX_VALUE));
        // options of the model's enums take the ids users type, in any case, with the request reader's message
        named(cl, ObjectKind.class, ObjectKind::id);
        named(cl, AccessMode.class, AccessMode::id);
        named(cl, Relation.class, Relation::id);
        named(cl, ExplainMode.class, ExplainMode::id);
        named(cl, Levels.class, Levels::id);
        named(cl, Matrix.Format.class, Matrix.Format::id);
        named(cl, WhatIf.FailOn.class, WhatIf.FailOn::id);
        named(cl, WhatIf.Format.class, WhatIf.Format::id);
        named(cl, dev.pplsim.engine.RuleBase.Kind.class, dev.pplsim.engine.RuleBase.Kind::id);
        named(cl, CompletionCommand.Shell.class, CompletionCommand.Shell::id);
        named(cl, dev.pplsim.jobs.ReportFormat.class, dev.pplsim.jobs.ReportFormat::id);
        named(cl, dev.pplsim.jobs.ScenarioRunner.Format.class, dev.pplsim.jobs.ScenarioRunner.Format::id);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InputException) {
                cmd.getErr().println("pplsim: " + ex.getMessage());
                cmd.getErr().flush();
                return BAD_INPUT;
            }
            if (ex instanceof OutputException) {
                return outputFailed(cmd.getErr(), ex.getMessage());
            }
            cmd.getErr().println("pplsim: internal error: " + ex);
            cmd.getErr().flush();
            return INTERNAL_ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            if (ex.getCause() instanceof InputException e && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
                ex.getCommandLine().getErr().println("pplsim: " + o.longestName() + ": " + e.getMessage());
                ex.getCommandLine().getErr().flush();
                return BAD_INPUT;
            }
            java.io.PrintWriter err = ex.getCommandLine().getErr();
            // picocli checks required options before it reports unknown ones: a misspelt required option
            // (--calller) would read as a missing --caller; the typo is the news, with the name it was meant to be
            List<String> unmatched = ex.getCommandLine().getUnmatchedArguments();
            if (ex instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
                ex = new CommandLine.UnmatchedArgumentException(ex.getCommandLine(), unmatched);
            }
            err.println("pplsim: " + ex.getMessage());
            // a misspelt command or option: the nearest names picocli knows, else where the right ones are listed
            String near = suggestion(ex);
            err.println(near != null ? near : "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }

    /** A command's footer (its examples) line by line, unwrapped; {@code %n} is a line break, as in picocli's own. */
    private static String footer(CommandLine.Help help) {
        StringBuilder out = new StringBuilder();
        for (String s : help.commandSpec().usageMessage().footer()) out.append(s.replace("%n", System.lineSeparator())).append(System.lineSeparator());
        return out.toString();
    }

    /** "Did you mean decide?" for an unknown command or option picocli finds close names for; null when none. */
    static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) return null;
        List<String> near = u.getSuggestions() == null ? List.of() : u.getSuggestions();
        // picocli's candidates are alike by letter pairs and miss some typos (--bse); the names closest by edit
        // distance, among the command's options or subcommands, are the likely meaning
        List<String> closest = List.of();
        if (!u.getUnmatched().isEmpty()) {
            String typed = u.getUnmatched().get(0);
            CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
            java.util.Set<String> names = new java.util.LinkedHashSet<>(near);
            if (typed.startsWith("-")) names.addAll(spec.optionsMap().keySet());
            else names.addAll(spec.subcommands().keySet());
            closest = RuleCatalog.nearest(typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed, List.copyOf(names));
        }
        if (closest.isEmpty() && near.isEmpty()) return null;
        List<String> shown = !closest.isEmpty() ? closest : near.size() > 3 ? near.subList(0, 3) : near;
        return "Did you mean " + String.join(" or ", shown) + "?";
    }

    private static int outputFailed(java.io.PrintWriter err, String what) {
        err.println("pplsim: output could not be written: " + what);
        err.flush();
        return OUTPUT_FAILED;
    }

    private static <E extends Enum<E>> void named(CommandLine cl, Class<E> type, Function<E, String> id) {
        cl.registerConverter(type, text -> Spelling.named(type.getEnumConstants(), id, text));
    }
}
