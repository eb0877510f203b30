package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.SystemCatalog;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Replays Sysmon ProcessAccess records against a system catalog: a GrantedAccess no user-mode open could have
 * obtained is flagged (a bypass, or a handle opened from kernel mode).
 */
public final class Replay {

    private Replay() {
    }

    /** Prints a line per flagged or unknown record and the counts; exit code 0 when nothing was flagged, else 1. */
    public static int run(Simulator sim, String system, Path file, boolean explain, PrintWriter out) {
        SystemCatalog s = SystemCatalog.resolve(sim.policies(), system);
        List<SysmonEvents.Access> events = SysmonEvents.read(file);
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
            Decision d = sim.decide(Catalog.query(s, s.build(), caller, target, ObjectKind.PROCESS, e.grantedAccess(), AccessMode.USER));
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
