package dev.pplsim.jobs;

import dev.pplsim.model.SdkNames;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.request.InputException;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.Spelling;
import dev.pplsim.policy.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs scenario files against the rules: each case passes when the decision is what it wants. */
public final class ScenarioRunner {

    /** One case's result; {@code failure} is null when it passed. */
    public record Result(String file, ScenarioFile.Case scenario, Decision decision, String failure, long millis) {
        public boolean passed() { return failure == null; }
    }

    private ScenarioRunner() {
    }

    /** Every case of every YAML file under the paths (files sorted, cases in order); input errors stop the run. */
    public static List<Result> run(Simulator sim, List<Path> paths) {
        List<Result> out = new ArrayList<>();
        for (Path p : paths) {
            for (Path f : files(p)) {
                String shown = PolicySet.shown(f);
                ScenarioFile file = Yaml.read(f, shown, ScenarioFile.class);
                for (int i = 0; i < file.scenarios().size(); i++) {
                    ScenarioFile.Case c = file.scenarios().get(i);
                    if (c.want().rules() != null) {
                        for (String id : c.want().rules()) {
                            if (sim.rules().byId(id) == null) {
                                throw InputException.at(shown + ": scenarios[" + i + "].want.rules", "no rule has the id '" + id + "'");
                            }
                        }
                    }
                    long start = System.nanoTime();
                    Decision d;
                    try {
                        d = sim.decide(c.request().toQuery(sim));
                    } catch (InputException e) {
                        throw InputException.at(shown + ": scenarios[" + i + "] (" + c.note() + ")", e.getMessage());
                    }
                    out.add(new Result(shown, c, d, check(c.want(), d), (System.nanoTime() - start) / 1_000_000));
                }
            }
        }
        return out;
    }

    private static List<Path> files(Path p) {
        if (Files.isRegularFile(p)) return List.of(p);
        if (!Files.isDirectory(p)) throw InputException.at(p.toString(), "no such file or directory");
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw InputException.at(p.toString(), "cannot read: " + e.getMessage());
        }
    }

    static String check(ScenarioFile.Want want, Decision d) {
        List<String> wrong = new ArrayList<>();
        if (!d.status().name().equals(want.status())) wrong.add("status: want " + want.status() + ", got " + d.status().name());
        if (want.granted() != null) {
            int g = (int) Spelling.number(want.granted(), "granted mask");
            if (g != d.granted()) wrong.add("granted: want " + SdkNames.hex(g) + ", got " + d.grantedHex());
        }
        if (want.rules() != null) {
            List<String> missing = want.rules().stream().filter(r -> !d.rules().contains(r)).toList();
            if (!missing.isEmpty()) wrong.add("rules: want " + missing + " among those fired " + d.rules());
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }
}
