package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.InputException;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Replays Sysmon ProcessAccess records against a system catalog: a GrantedAccess no user-mode open could have
 * obtained is flagged (a bypass, or a handle opened from kernel mode). The records are read and answered one at a
 * time ({@link SysmonEvents}), so an export of any size is replayed in bounded memory.
 */
public final class Replay {

    private Replay() {
    }

    /**
     * Prints a line per flagged or unknown record, as it is read, and the counts; exit code 0 when nothing was
     * flagged, else 1. {@code file} is a path or {@code -} ({@link Inputs#open}); a JSON line or an XML event over
     * {@code maxRecordBytes} is bad input.
     */
    public static int run(Simulator sim, String system, String file, boolean explain, PrintWriter out, int maxRecordBytes) {
        return run(sim, system, file, explain, ReportFormat.TEXT, out, maxRecordBytes);
    }

    /**
     * As {@link #run(Simulator, String, String, boolean, PrintWriter, int)}; in JSON one document whose
     * {@code findings} (kind FLAGGED or UNKNOWN, one object a line) stream as the records are read, the counts after.
     */
    public static int run(Simulator sim, String system, String file, boolean explain, ReportFormat format, PrintWriter out, int maxRecordBytes) {
        SystemCatalog s = SystemCatalog.resolve(sim.policies(), system);
        int[] counts = new int[4]; // records, flagged, unknown, consistent
        boolean json = format == ReportFormat.JSON;
        if (json) out.println(JSON.createObjectNode().put("system", s.name()).put("build", s.build()).put("file", file).toString().replaceFirst("}$", ",\"findings\":["));
        try (Inputs.Text in = Inputs.open(file)) {
            SysmonEvents.read(file, in, maxRecordBytes, e -> {
                counts[0]++;
                int kind = json ? replayJson(sim, s, e, explain, counts[1] + counts[2] == 0, out) : replay(sim, s, e, explain, out);
                counts[kind]++;
            });
        } catch (IOException e) {
            // closing what was read to the end: nothing was lost
        }
        // "0 records" with exit 0 would let a wrong export path pass in CI
        if (counts[0] == 0) throw InputException.at(file, "no Sysmon Event ID 10 (ProcessAccess) records, so nothing to replay");
        if (json) {
            out.println("],\"records\":" + counts[0] + ",\"consistent\":" + counts[3] + ",\"flagged\":" + counts[1] + ",\"unknown\":" + counts[2] + "}");
            out.flush();
            return counts[1] == 0 ? 0 : 1;
        }
        out.printf(Locale.ROOT, "%d records: %d consistent with the model, %d flagged, %d not in the catalog%n", counts[0], counts[3], counts[1], counts[2]);
        out.flush();
        return counts[1] == 0 ? 0 : 1;
    }

    /** Replays one record: 1 flagged, 2 unknown, 3 consistent. */
    private static int replay(Simulator sim, SystemCatalog s, SysmonEvents.Access e, boolean explain, PrintWriter out) {
        SystemCatalog.Process caller = find(s, e.sourceImage(), e.sourcePid()), target = find(s, e.targetImage(), e.targetPid());
        if (caller == null || target == null) {
            out.printf(Locale.ROOT, "UNKNOWN  %s: %s -> %s: %s is not in system %s%n", e.where(), SysmonEvents.Access.baseName(e.sourceImage()),
                    SysmonEvents.Access.baseName(e.targetImage()), caller == null ? SysmonEvents.Access.baseName(e.sourceImage())
                            : SysmonEvents.Access.baseName(e.targetImage()), s.name());
            return 2;
        }
        Decision d = sim.decide(Catalog.query(s, s.build(), caller, target, ObjectKind.PROCESS, e.grantedAccess(), AccessMode.USER));
        // a handle's GrantedAccess includes the implied rights, so a possible grant decides to a superset of it
        boolean possible = d.status().isSuccess() && (d.granted() & e.grantedAccess()) == e.grantedAccess();
        if (possible) return 3;
        out.printf(Locale.ROOT, "FLAGGED  %s: %s, %s -> %s, %s: GrantedAccess %s %s%n         a user-mode open cannot obtain this: %s (%s)%n",
                e.where(), caller.label(), caller.protectionByte(), target.label(), target.protectionByte(), SdkNames.hex(e.grantedAccess()),
                SdkNames.rightNames(e.grantedAccess(), ObjectKind.PROCESS), d.status().name(), String.join(" ", d.rules()));
        if (explain) Render.text(d, ExplainMode.DECISIVE).forEach(l -> out.println("         " + l));
        return 1;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** As {@link #replay}, a flagged or unknown record as one JSON line (after a comma unless it is the first). */
    private static int replayJson(Simulator sim, SystemCatalog s, SysmonEvents.Access e, boolean explain, boolean first, PrintWriter out) {
        SystemCatalog.Process caller = find(s, e.sourceImage(), e.sourcePid()), target = find(s, e.targetImage(), e.targetPid());
        var o = JSON.createObjectNode().put("kind", "FLAGGED");
        o.put("at", e.where());
        o.putObject("source").put("image", e.sourceImage()).put("pid", e.sourcePid()).put("inCatalog", caller != null);
        o.putObject("target").put("image", e.targetImage()).put("pid", e.targetPid()).put("inCatalog", target != null);
        o.put("grantedAccess", SdkNames.hex(e.grantedAccess())).put("grantedAccessNames", SdkNames.rightNames(e.grantedAccess(), ObjectKind.PROCESS));
        int kind;
        if (caller == null || target == null) {
            kind = 2;
            o.put("kind", "UNKNOWN");
        } else {
            Decision d = sim.decide(Catalog.query(s, s.build(), caller, target, ObjectKind.PROCESS, e.grantedAccess(), AccessMode.USER));
            if (d.status().isSuccess() && (d.granted() & e.grantedAccess()) == e.grantedAccess()) return 3;
            kind = 1;
            o.put("kind", "FLAGGED");
            ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("source")).put("label", caller.label()).put("protection", caller.protectionByte().hex());
            ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("target")).put("label", target.label()).put("protection", target.protectionByte().hex());
            o.putObject("model").put("status", d.status().name()).put("ntstatus", d.status().hex()).put("granted", d.grantedHex());
            d.rules().forEach(o.putArray("rules")::add);
            if (explain) o.set("explanation", Render.json(d, ExplainMode.DECISIVE));
        }
        out.println((first ? "" : ",") + o);
        return kind;
    }

    /** By pid when the catalog has it with that image, else by image when it runs once. */
    private static SystemCatalog.Process find(SystemCatalog s, String path, long pid) {
        String image = SysmonEvents.Access.baseName(path);
        List<SystemCatalog.Process> ps = s.byImage(image);
        for (SystemCatalog.Process p : ps) if (p.pid() == pid) return p;
        return ps.size() == 1 ? ps.get(0) : null;
    }
}
