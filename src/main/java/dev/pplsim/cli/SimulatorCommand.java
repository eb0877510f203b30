package dev.pplsim.cli;

import dev.pplsim.engine.Simulator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A command that decides with the policies and rules {@link SimulatorOptions} names, and writes to picocli's out. */
abstract class SimulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatorOptions source = new SimulatorOptions();

    Simulator simulator() {
        return source.simulator();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
