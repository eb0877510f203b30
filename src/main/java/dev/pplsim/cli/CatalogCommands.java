package dev.pplsim.cli;

import dev.pplsim.analysis.SystemWhatIf;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.InputException;
import dev.pplsim.policy.Spelling;
import dev.pplsim.policy.SystemCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pplsim who-can} and {@code pplsim what-can}: a system catalog's processes as callers and targets. */
final class CatalogCommands {

    private CatalogCommands() {
    }

    static Relation relation(SystemCatalog s, SystemCatalog.Process caller, SystemCatalog.Process target) {
        return SystemWhatIf.relation(s, caller, target);
    }

    static AccessQuery query(SystemCatalog s, SystemCatalog.Process caller, SystemCatalog.Process target, ObjectKind object, int desired, AccessMode mode) {
        return SystemWhatIf.query(s, s.build(), caller, target, object, desired, mode);
    }

    static SystemCatalog.Process one(SystemCatalog s, String image, String option) {
        if (image.matches("\\d+")) {
            long pid = Long.parseLong(image);
            return s.processes().stream().filter(p -> p.pid() == pid).findFirst()
                    .orElseThrow(() -> InputException.at(option, "no process with pid " + pid + " in system " + s.name()));
        }
        List<SystemCatalog.Process> ps = s.byImage(image);
        if (ps.isEmpty()) throw InputException.at(option, "no process '" + image + "' in system " + s.name());
        if (ps.size() > 1) {
            throw InputException.at(option, image + " runs " + ps.size() + " times in " + s.name() + "; give a pid: "
                    + String.join(", ", ps.stream().map(p -> String.valueOf(p.pid())).toList()));
        }
        return ps.get(0);
    }

    static int width(SystemCatalog s) {
        return s.processes().stream().mapToInt(p -> p.label().length()).max().orElse(10);
    }

    static String verdict(Decision d) {
        return d.rules().stream().filter(id -> id.startsWith("R40")).findFirst().orElse("?");
    }

    abstract static class Base {
        @Spec
        CommandSpec spec;

        @Mixin
        SimulatorOptions source = new SimulatorOptions();

        @Option(names = "--system", defaultValue = "windows-11", paramLabel = "NAME|FILE.yaml", description = "System catalog (default: ${DEFAULT-VALUE}).")
        String system;

        @Option(names = "--object", defaultValue = "process", paramLabel = "process|thread", description = "Object (default: ${DEFAULT-VALUE}).")
        String object;

        @Option(names = "--mode", defaultValue = "user", paramLabel = "user|kernel", description = "Previous mode (default: ${DEFAULT-VALUE}).")
        String mode;

        ObjectKind kind() {
            ObjectKind k = ObjectKind.byId(object);
            if (k == null) throw InputException.at("--object", "expected process or thread, got '" + object + "'");
            return k;
        }

        AccessMode accessMode() {
            AccessMode m = AccessMode.byId(mode);
            if (m == null) throw InputException.at("--mode", "expected user or kernel, got '" + mode + "'");
            return m;
        }
    }

    @Command(name = "who-can", mixinStandardHelpOptions = true, description = "Which processes of a system can open a target with an access, and what decides.")
    static final class WhoCan extends Base implements Callable<Integer> {

        @Option(names = "--target", required = true, paramLabel = "IMAGE|PID", description = "Target process (image name or pid).")
        String target;

        @Option(names = "--access", required = true, paramLabel = "MASK", description = "Desired access.")
        String access;

        @Override
        public Integer call() {
            Simulator sim = source.simulator();
            SystemCatalog s = SystemCatalog.resolve(sim.policies(), system);
            ObjectKind k = kind();
            AccessMode m = accessMode();
            SystemCatalog.Process t = one(s, target, "--target");
            int desired;
            try {
                desired = Spelling.desiredMask(access, k);
            } catch (InputException e) {
                throw InputException.at("--access", e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            String w = "%-" + width(s) + "s";
            out.printf("who can open %s %s, %s, with %s? system %s (build %s), %s mode%n", k.id(), t.label(), t.protectionByte(),
                    Spelling.rightNames(desired, k), s.name(), s.build(), m.id());
            out.printf(w + " %-22s %-12s %-21s %-11s %s%n", "caller", "protection", "relation", "status", "granted", "decided by");
            int yes = 0;
            for (SystemCatalog.Process c : s.processes()) {
                Decision d = sim.decide(query(s, c, t, k, desired, m));
                if (d.status().isSuccess()) yes++;
                String rule = d.rules().get(d.rules().size() - 1);
                out.printf(w + " %-22s %-12s %-21s %-11s %s (%s)%n", c.label(), c.protectionByte(), relation(s, c, t).id(), d.status().name(),
                        d.grantedHex(), verdict(d), rule);
            }
            out.printf("%d of %d processes can open it%n", yes, s.processes().size());
            out.flush();
            return 0;
        }
    }

    @Command(name = "what-can", mixinStandardHelpOptions = true, description = "What a process of a system can open: the rights it obtains on each other process.")
    static final class WhatCan extends Base implements Callable<Integer> {

        @Option(names = "--caller", required = true, paramLabel = "IMAGE|PID", description = "Caller process (image name or pid).")
        String caller;

        @Override
        public Integer call() {
            Simulator sim = source.simulator();
            SystemCatalog s = SystemCatalog.resolve(sim.policies(), system);
            ObjectKind k = kind();
            AccessMode m = accessMode();
            SystemCatalog.Process c = one(s, caller, "--caller");
            PrintWriter out = spec.commandLine().getOut();
            String w = "%-" + width(s) + "s";
            out.printf("what can %s, %s, open? %s objects of system %s (build %s), %s mode; rights obtained when each is asked alone%n",
                    c.label(), c.protectionByte(), k.id(), s.name(), s.build(), m.id());
            out.printf(w + " %-22s %-12s %-11s %-7s %s%n", "target", "protection", "relation", "obtains", "verdict", "rights");
            for (SystemCatalog.Process t : s.processes()) {
                int obtained = 0;
                Decision last = null;
                for (int b = 0; b < 21; b++) {
                    Decision d = sim.decide(query(s, c, t, k, 1 << b, m));
                    if (d.status().isSuccess()) obtained |= d.granted();
                    last = d;
                }
                out.printf(w + " %-22s %-12s %-11s %-7s %s%n", t.label(), t.protectionByte(), relation(s, c, t).id(), Spelling.hex(obtained),
                        verdict(last), Spelling.rightNames(obtained, k));
            }
            out.flush();
            return 0;
        }
    }
}
