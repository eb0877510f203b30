package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.policy.Yaml;
import dev.pplsim.request.InputException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The model against what a real Windows machine answered: agreement, and each mismatch with its explanation. */
public final class Verify {

    private Verify() {
    }

    /** Prints the counts and each mismatch; exit code 0 when no mismatch is unexplained, else 1. */
    public static int run(Simulator sim, Path file, Path exceptions, PrintWriter out) throws IOException {
        Path mapFile = sim.policies().root().resolve("windows-builds.yaml");
        Observations.BuildMap map = Yaml.read(mapFile, PolicySet.shown(mapFile), Observations.BuildMap.class);
        List<Observations.Exceptions.Known> known = exceptions == null ? List.of()
                : Yaml.read(exceptions, exceptions.toString(), Observations.Exceptions.class).exceptions();
        if (!Files.isRegularFile(file)) throw InputException.at(file.toString(), "no such file");
        List<String> lines = Files.readAllLines(file);
        int agree = 0, explained = 0, mismatched = 0, skipped = 0, total = 0;
        List<String> report = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            total++;
            String where = file + ":" + (i + 1);
            Observations.Observation o;
            Decision d;
            String build;
            try {
                o = Observations.parse(lines.get(i));
                build = map.modelBuild(o.buildNumber());
                AccessQuery q = o.query(build, sim.security());
                if (q == null) {
                    skipped++;
                    report.add(String.format("SKIPPED   %s: without SeDebugPrivilege the security descriptor decides first; the observation needs caller.token (and target.sd) for the model to decide it", o.id()));
                    continue;
                }
                d = sim.decide(q);
            } catch (InputException e) {
                throw InputException.at(where, e.getMessage());
            }
            NtStatus status = o.observedStatus();
            int granted = o.observedGranted();
            if (status == d.status() && granted == d.granted()) {
                agree++;
                continue;
            }
            String head = String.format("%s (%s -> %s): %s %s -> %s %s %s, %s%n           observed %s, granted %s; model %s, granted %s",
                    o.id(), o.windowsBuild(), build, o.caller().image(), d.query().caller(), d.query().object().id(), o.target().image(),
                    d.query().target(), SdkNames.rightNames(d.query().desired(), d.query().object()),
                    status == null ? o.observed().ntstatus() + " (a status the model never returns)" : status.name() + " (" + status.hex() + ")",
                    SdkNames.hex(granted), d.status().name() + " (" + d.status().hex() + ")", d.grantedHex());
            var reason = known.stream().filter(k -> k.covers(o)).findFirst();
            if (reason.isPresent()) {
                explained++;
                report.add("EXPLAINED " + head + "\n           known divergence: " + reason.get().reason());
            } else {
                mismatched++;
                StringBuilder b = new StringBuilder("MISMATCH  " + head);
                for (String l : Render.text(d, ExplainMode.DECISIVE)) b.append("\n           ").append(l);
                report.add(b.toString());
            }
        }
        out.printf("verify %s: %d observations; %d agree, %d mismatches explained, %d mismatches, %d skipped%n", file, total, agree, explained, mismatched, skipped);
        report.forEach(out::println);
        out.flush();
        return mismatched == 0 ? 0 : 1;
    }
}
