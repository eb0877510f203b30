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

    /** A system by name, or a system or overlay file, for {@code --system}: a build there is bad input. */
    static dev.pplsim.policy.Overlay.World system(dev.pplsim.engine.Simulator sim, String ref) {
        dev.pplsim.policy.Overlay.World w;
        try {
            w = dev.pplsim.policy.Overlay.resolve(sim.policies(), ref);
        } catch (dev.pplsim.request.InputException e) {
            throw dev.pplsim.request.InputException.at("--system", e.getMessage());
        }
        if (w.system() == null) throw dev.pplsim.request.InputException.at("--system", "'" + ref + "' is a build, not a system");
        return w;
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
