package dev.pplsim.jobs;

import dev.pplsim.io.OutputException;
import dev.pplsim.io.Outputs;
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
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The model against what a real Windows machine answered: agreement, and each mismatch with its explanation. The
 * observations are read a line at a time, and the report waits on disk past its first MiB, so a file of any size is
 * verified in bounded memory.
 */
public final class Verify {

    /** Report text kept in memory before the rest goes to a temporary file. */
    private static final int REPORT_IN_MEMORY = 1 << 20;

    private Verify() {
    }

    /**
     * Prints the counts and each mismatch; exit code 0 when no mismatch is unexplained, else 1. {@code file} is a path
     * or {@code -} ({@link Inputs#open}); a line over {@code maxLineBytes} is bad input.
     */
    public static int run(Simulator sim, String file, Path exceptions, PrintWriter out, int maxLineBytes) throws IOException {
        return run(sim, file, exceptions, ReportFormat.TEXT, out, maxLineBytes);
    }

    /**
     * As {@link #run(Simulator, String, Path, PrintWriter, int)}; in JSON one document: the counts, then
     * {@code findings}, one object a line (kind SKIPPED, EXPLAINED or MISMATCH, each with the fields its text line
     * gives), kept on disk past the first MiB as the text is.
     */
    public static int run(Simulator sim, String file, Path exceptions, ReportFormat format, PrintWriter out, int maxLineBytes) throws IOException {
        boolean json = format == ReportFormat.JSON;
        Path mapFile = sim.policies().root().resolve("windows-builds.yaml");
        Observations.BuildMap map = Yaml.read(mapFile, PolicySet.shown(mapFile), Observations.BuildMap.class);
        List<Observations.Exceptions.Known> known = exceptions == null ? List.of()
                : Yaml.read(exceptions, exceptions.toString(), Observations.Exceptions.class).exceptions();
        int agree = 0, explained = 0, mismatched = 0, skipped = 0, total = 0;
        try (Inputs.Text in = Inputs.open(file); Report report = new Report()) {
            BatchRunner.Lines lines = new BatchRunner.Lines(in.utf8(), maxLineBytes);
            long lineNo = 0;
            while (true) {
                byte[] bytes;
                try {
                    bytes = lines.next();
                } catch (IOException e) {
                    throw InputException.at(file, "cannot read: " + Outputs.reason(e));
                }
                if (bytes == null) break;
                String where = file + ":" + ++lineNo;
                if (bytes == BatchRunner.Lines.OVERSIZED) throw InputException.at(where, Inputs.overLimit(maxLineBytes, "line"));
                String line = in.line(bytes, where);
                if (line.isBlank()) continue;
                total++;
                Observations.Observation o;
                Decision d;
                String build;
                NtStatus status;
                int granted;
                try {
                    o = Observations.parse(line);
                    build = map.modelBuild(o.buildNumber());
                    AccessQuery q = o.query(build, sim.security());
                    if (q == null) {
                        skipped++;
                        if (json) {
                            report.add(entry(report, "SKIPPED", o, where).put("why", "without SeDebugPrivilege the security descriptor decides first; "
                                    + "the observation needs caller.token (and target.sd) for the model to decide it"));
                            continue;
                        }
                        report.add(String.format(Locale.ROOT, "SKIPPED   %s: without SeDebugPrivilege the security descriptor decides first; the observation needs caller.token (and target.sd) for the model to decide it", o.id()));
                        continue;
                    }
                    d = sim.decide(q);
                    status = o.observedStatus();
                    granted = o.observedGranted();
                } catch (InputException e) {
                    throw InputException.at(where, e.getMessage());
                }
                if (status == d.status() && granted == d.granted()) {
                    agree++;
                    continue;
                }
                String head = String.format(Locale.ROOT, "%s (%s -> %s): %s %s -> %s %s %s, %s%n           observed %s, granted %s; model %s, granted %s",
                        o.id(), o.windowsBuild(), build, o.caller().image(), d.query().caller(), d.query().object().id(), o.target().image(),
                        d.query().target(), SdkNames.rightNames(d.query().desired(), d.query().object()),
                        status == null ? o.observed().ntstatus() + " (a status the model never returns)" : status.name() + " (" + status.hex() + ")",
                        SdkNames.hex(granted), d.status().name() + " (" + d.status().hex() + ")", d.grantedHex());
                var reason = known.stream().filter(k -> k.covers(o)).findFirst();
                if (json) {
                    if (reason.isPresent()) explained++;
                    else mismatched++;
                    var e = entry(report, reason.isPresent() ? "EXPLAINED" : "MISMATCH", o, where).put("build", build);
                    e.putObject("observed").put("status", status == null ? null : status.name()).put("ntstatus", o.observed().ntstatus())
                            .put("granted", SdkNames.hex(granted));
                    e.putObject("model").put("status", d.status().name()).put("ntstatus", d.status().hex()).put("granted", d.grantedHex());
                    e.put("object", d.query().object().id()).put("desired", SdkNames.hex(d.query().desired()))
                            .put("desiredName", SdkNames.rightNames(d.query().desired(), d.query().object()));
                    e.putObject("caller").put("image", o.caller().image()).put("protection", d.query().caller().hex()).put("protectionName", d.query().caller().name());
                    e.putObject("target").put("image", o.target().image()).put("protection", d.query().target().hex()).put("protectionName", d.query().target().name());
                    if (reason.isPresent()) e.put("reason", reason.get().reason());
                    else e.set("explanation", Render.json(d, ExplainMode.DECISIVE));
                    report.add(e);
                    continue;
                }
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
            if (total == 0) throw InputException.at(file, "no observations, so nothing to verify");
            if (json) {
                String counts = JSON.createObjectNode().put("file", file).put("observations", total).put("agree", agree).put("explained", explained)
                        .put("mismatches", mismatched).put("skipped", skipped).toString();
                // the counts' object, opened again for the findings that follow it
                out.println(counts.substring(0, counts.length() - 1) + ",\"findings\":[");
                report.writeTo(out);
                out.println("]}");
            } else {
                out.printf(Locale.ROOT, "verify %s: %d observations; %d agree, %d mismatches explained, %d mismatches, %d skipped%n", file, total, agree, explained, mismatched, skipped);
                report.writeTo(out);
            }
        }
        out.flush();
        return mismatched == 0 ? 0 : 1;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A finding's JSON object, its kind and where it was read first. */
    private static com.fasterxml.jackson.databind.node.ObjectNode entry(Report report, String kind, Observations.Observation o, String where) {
        return JSON.createObjectNode().put("kind", kind).put("id", o.id()).put("at", where).put("windowsBuild", o.windowsBuild());
    }

    /**
     * The report's lines, printed after the counts: the first {@link #REPORT_IN_MEMORY} characters in memory, the
     * rest in a temporary file, deleted when done.
     */
    private static final class Report implements java.io.Closeable {
        private final StringBuilder memory = new StringBuilder();
        private Path spill;
        private Writer spilled;

        private int objects;

        /** A JSON finding: one line, after a comma unless it is the first. */
        void add(com.fasterxml.jackson.databind.node.ObjectNode entry) {
            add((objects++ == 0 ? "" : ",") + entry.toString());
        }

        void add(String entry) {
            if (spilled == null && memory.length() + entry.length() <= REPORT_IN_MEMORY) {
                memory.append(entry).append('\n');
                return;
            }
            try {
                if (spilled == null) {
                    spill = Files.createTempFile("pplsim-verify-", ".txt");
                    spilled = Files.newBufferedWriter(spill, StandardCharsets.UTF_8);
                }
                spilled.write(entry);
                spilled.write('\n');
            } catch (IOException e) {
                throw new OutputException("temporary file for the report" + (spill == null ? "" : " " + spill) + ": " + Outputs.reason(e));
            }
        }

        void writeTo(PrintWriter out) {
            out.write(memory.toString(), 0, memory.length());
            if (spilled == null) return;
            try {
                spilled.close();
                spilled = null;
                try (Reader r = Files.newBufferedReader(spill, StandardCharsets.UTF_8)) {
                    char[] buf = new char[1 << 14];
                    for (int n; (n = r.read(buf)) > 0; ) out.write(buf, 0, n);
                }
            } catch (IOException e) {
                throw new OutputException("temporary file for the report " + spill + ": " + Outputs.reason(e));
            }
        }

        @Override
        public void close() {
            try {
                if (spilled != null) spilled.close();
            } catch (IOException e) {
                // deleted below all the same
            }
            try {
                if (spill != null) Files.deleteIfExists(spill);
            } catch (IOException e) {
                // the system's temporary directory is cleaned in time
            }
        }
    }
}
