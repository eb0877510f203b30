package dev.pplsim.cli;

import dev.pplsim.model.SdkNames;

import dev.pplsim.explain.Render;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.jobs.SysmonEvents;
import dev.pplsim.request.Spelling;
import dev.pplsim.policy.SystemCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pplsim replay FILE}: flag Sysmon ProcessAccess grants the kernel cannot have made from user mode. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay Sysmon Event ID 10 (ProcessAccess) records, XML or JSON, against a system catalog: every GrantedAccess",
                "the model says a user-mode open could not have obtained is flagged (a bypass, or a handle from kernel mode).",
                "Exit 0: nothing flagged; 1: flagged records; 2: bad input."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatorOptions source = new SimulatorOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "Sysmon events: XML export or JSON lines.")
    Path file;

    @Option(names = "--system", defaultValue = "windows-11", paramLabel = "NAME|FILE.yaml", description = "System catalog whose images the records name (default: ${DEFAULT-VALUE}).")
    String system;

    @Option(names = "--explain", description = "Explain each flagged record.")
    boolean explain;

    @Override
    public Integer call() {
        Simulator sim = source.simulator();
        SystemCatalog s = SystemCatalog.resolve(sim.policies(), system);
        List<SysmonEvents.Access> events = SysmonEvents.read(file);
        PrintWriter out = spec.commandLine().getOut();
        int flagged = 0, unknown = 0, consistent = 0;
        for (SysmonEvents.Access e : events) {
            SystemCatalog.Process caller = find(s, e.sourceImage(), e.sourcePid()), target = find(s, e.targetImage(), e.targetPid());
            if (caller == null || target == null) {
                unknown++;
                out.printf("UNKNOWN  %s: %s -> %s: %s is not in system %s%n", e.where(), SysmonEvents.Access.baseName(e.sourceImage()),
                        SysmonEvents.Access.baseName(e.targetImage()), caller == null ? SysmonEvents.Access.baseName(e.sourceImage())
                                : SysmonEvents.Access.baseName(e.targetImage()), s.name());
                continue;
            }
            Decision d = sim.decide(CatalogCommands.query(s, caller, target, ObjectKind.PROCESS, e.grantedAccess(), AccessMode.USER));
            // a handle's GrantedAccess includes the implied rights, so a possible grant decides to a superset of it
            boolean possible = d.status().isSuccess() && (d.granted() & e.grantedAccess()) == e.grantedAccess();
            if (possible) {
                consistent++;
                continue;
            }
            flagged++;
            out.printf("FLAGGED  %s: %s, %s -> %s, %s: GrantedAccess %s %s%n         a user-mode open cannot obtain this: %s (%s)%n",
                    e.where(), caller.label(), caller.protectionByte(), target.label(), target.protectionByte(), SdkNames.hex(e.grantedAccess()),
                    SdkNames.rightNames(e.grantedAccess(), ObjectKind.PROCESS), d.status().name(), String.join(" ", d.rules()));
            if (explain) Render.text(d, ExplainMode.DECISIVE).forEach(l -> out.println("         " + l));
        }
        out.printf("%d records: %d consistent with the model, %d flagged, %d not in the catalog%n", events.size(), consistent, flagged, unknown);
        out.flush();
        return flagged == 0 ? 0 : 1;
    }

    /** By pid when the catalog has it with that image, else by image when it runs once. */
    private static SystemCatalog.Process find(SystemCatalog s, String path, long pid) {
        String image = SysmonEvents.Access.baseName(path);
        List<SystemCatalog.Process> ps = s.byImage(image);
        for (SystemCatalog.Process p : ps) if (p.pid() == pid) return p;
        return ps.size() == 1 ? ps.get(0) : null;
    }
}
