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

    /**
     * {@code --build}: a build by name, or a build or build-overlay file, and the simulator that decides on it (the
     * one what-if path, {@link dev.pplsim.engine.Simulator#withWorld}); the entry's value is the build's name.
     */
    static java.util.Map.Entry<dev.pplsim.engine.Simulator, String> build(dev.pplsim.engine.Simulator sim, String ref, String option) {
        dev.pplsim.policy.Overlay.World w;
        try {
            if (!ref.endsWith(".yaml") && !ref.endsWith(".yml")) {
                sim.policies().build(ref); // "unknown build", naming the known ones
                return java.util.Map.entry(sim, ref);
            }
            w = dev.pplsim.policy.Overlay.resolve(sim.policies(), ref);
        } catch (dev.pplsim.request.InputException e) {
            throw dev.pplsim.request.InputException.at(option, e.getMessage());
        }
        if (w.system() != null) throw dev.pplsim.request.InputException.at(option, "'" + ref + "' is a system, not a build (give it to --system)");
        // under the overlay's own name, so the answer says which what-if decided it
        try {
            return java.util.Map.entry(sim.withWorld(w.name(), w), w.name());
        } catch (dev.pplsim.request.InputException e) {
            throw dev.pplsim.request.InputException.at(option, e.getMessage());
        }
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
