package dev.pplsim.cli;

import dev.pplsim.explain.ExplainMode;
import dev.pplsim.io.OutputException;
import dev.pplsim.io.Outputs;
import dev.pplsim.jobs.Levels;
import dev.pplsim.jobs.Matrix;
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
            LintCommand.class, VerifyCommand.class, ReplayCommand.class, ServeCommand.class);

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
        CommandLine cl = new CommandLine(new Main());
        // picocli reads every subcommand's annotations when it is added (a third of a decide's start-up, measured);
        // a line that names its subcommand first gets only that one, anything else (help, the tour, a typo) all of them
        Class<?> named = args.length == 0 ? null : SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        for (Class<?> c : SUBCOMMANDS) {
            if (named == null || c == named) cl.addSubcommand(c);
        }
        // set after the subcommands are added: picocli applies these settings to the subcommands present
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // every command's report stops at its first line that cannot be written (exit 3), not at the end of the work
        cl.setOut(Outputs.checkedWriter(System.out, "standard output"));
        // --help and --version print before any command runs, outside the execution handler below
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parsed -> {
            try {
                return run.execute(parsed);
            } catch (OutputException e) {
                return outputFailed(cl.getErr(), e.getMessage());
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
            ex.getCommandLine().getErr().println("pplsim: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            ex.getCommandLine().getErr().flush();
            return BAD_INPUT;
        });
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

    private static int outputFailed(java.io.PrintWriter err, String what) {
        err.println("pplsim: output could not be written: " + what);
        err.flush();
        return OUTPUT_FAILED;
    }

    private static <E extends Enum<E>> void named(CommandLine cl, Class<E> type, Function<E, String> id) {
        cl.registerConverter(type, text -> Spelling.named(type.getEnumConstants(), id, text));
    }
}
