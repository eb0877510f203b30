package dev.pplsim.cli;

import dev.pplsim.jobs.Tour;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code pplsim}: with no subcommand, the tour of the default build; see {@link Tour}. */
@Command(name = "pplsim", mixinStandardHelpOptions = true, version = "pplsim 0.1.0",
        description = {"Simulates how the Windows kernel decides handle access to protected (PP/PPL) processes and threads.",
                "With no command: the signer dominance matrix and well-known cases, explained."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:decided (whatever the status)", "2:bad input", "1:internal error"})
public final class Main implements Callable<Integer> {

    public static final int BAD_INPUT = 2;

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(DecideCommand.class, BatchCommand.class, TestCommand.class,
            CatalogCommands.WhoCan.class, CatalogCommands.WhatCan.class, MatrixCommand.class, WhatIfCommand.class, ProveCommand.class,
            LintCommand.class, VerifyCommand.class, ReplayCommand.class);

    @CommandLine.Mixin
    SimulatorOptions source = new SimulatorOptions();

    @Override
    public Integer call() throws Exception {
        Tour.print(source.simulator(), new java.io.PrintWriter(System.out, false));
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
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InputException) {
                cmd.getErr().println("pplsim: " + ex.getMessage());
                cmd.getErr().flush();
                return BAD_INPUT;
            }
            cmd.getErr().println("pplsim: internal error: " + ex);
            cmd.getErr().flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("pplsim: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            ex.getCommandLine().getErr().flush();
            return BAD_INPUT;
        });
        return cl.execute(args);
    }
}
