package dev.pplsim.bench;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.StandardRight;

import java.util.SplittableRandom;

/** A fixed, mixed set of decidable queries: all builds, objects, modes, relations, single rights and specials. */
final class Workload {

    private Workload() {
    }

    /**
     * Queries with the caller's token, so the security-descriptor stage decides: presets, explicit descriptors
     * (deny ACEs, labels, a trust label, a NULL DACL) and the default ones, over the named protections.
     */
    static AccessQuery[] withTokens(int n, long seed) {
        dev.pplsim.engine.Simulator sim = dev.pplsim.engine.Simulator.builtIn();
        String[] presets = {"admin-elevated", "admin-filtered", "standard-user", "system", "local-service", "lsass", "msmpeng"};
        String[] sddl = {null, "O:SYD:(D;;0x10;;;WD)(A;;0x1fffff;;;WD)S:(ML;;NW;;;ME)", "O:BAD:(A;;0x1fffff;;;SY)(A;;0x121411;;;BA)(A;;0x101000;;;AU)S:(ML;;NWNR;;;SI)",
                "O:SYD:(A;;0x1fffff;;;OW)(A;;0x1410;;;WD)S:(TL;;0x101000;;;S-1-19-512-4096)", "O:SY"};
        int[] named = {0x00, 0x11, 0x21, 0x31, 0x41, 0x51, 0x61, 0x72, 0x81, 0x12, 0x52, 0x62};
        int[] masks = {0x10, 0x1, 0x1000, 0x410, StandardRight.MAXIMUM_ALLOWED.mask(), StandardRight.GENERIC_READ.mask(), 0x100000};
        SplittableRandom r = new SplittableRandom(seed);
        AccessQuery[] out = new AccessQuery[n];
        for (int i = 0; i < n; i++) {
            AccessQuery q = AccessQuery.of(new PsProtection(named[r.nextInt(named.length)]), new PsProtection(named[r.nextInt(named.length)]),
                    ObjectKind.PROTECTED.get(r.nextInt(2)), masks[r.nextInt(masks.length)])
                    .withToken(sim.security().token(presets[r.nextInt(presets.length)]).token());
            String sd = sddl[r.nextInt(sddl.length)];
            out[i] = sd == null ? q.withTargetToken(sim.security().token(presets[r.nextInt(presets.length)]).token())
                    : q.withSd(dev.pplsim.request.Sddl.parse(sd));
        }
        return out;
    }

    static AccessQuery[] mixed(int n, long seed) {
        String[] builds = {"windows-10-11", "windows-10-rs", "windows-10-early"};
        int[] special = {StandardRight.MAXIMUM_ALLOWED.mask(), StandardRight.GENERIC_READ.mask(), 0x410, 0x001FFFFF};
        SplittableRandom r = new SplittableRandom(seed);
        AccessQuery[] out = new AccessQuery[n];
        for (int i = 0; i < n; i++) {
            int caller = r.nextInt(0x90), target = r.nextInt(0x90);
            Relation rel = Relation.values()[r.nextInt(4)];
            if (rel == Relation.SELF) target = caller;
            int desired = r.nextInt(5) == 0 ? special[r.nextInt(special.length)] : 1 << r.nextInt(21);
            out[i] = new AccessQuery(new PsProtection(caller), false, new PsProtection(target), ObjectKind.PROTECTED.get(r.nextInt(2)),
                    desired, AccessMode.values()[r.nextInt(2)], r.nextInt(8) == 0, rel, builds[r.nextInt(3)], null, null, false);
        }
        return out;
    }

    /**
     * Batch input lines as bench/batch-million.sh writes them: with {@code distinct}, each line spells its values
     * one of several ways (names, bytes, numbers, padded hex, optional default fields), so no line repeats; else a
     * few thousand requests repeat under distinct ids.
     */
    static byte[] lines(int n, boolean distinct) {
        String[] p = {"0x00", "0x11", "0x21", "0x31", "0x41", "0x51", "0x61", "0x72", "0x81", "0x12", "0x52", "0x62"};
        String[] pd = {"0", "17", "33", "49", "65", "81", "97", "114", "129", "18", "82", "98"};
        String[] pn = {"None", "Authenticode-Light", "CodeGen-Light", "Antimalware-Light", "Lsa-Light", "Windows-Light", "WinTcb-Light",
                "WinSystem", "App-Light", "Authenticode", "Windows", "WinTcb"};
        String[] pr = {"PROCESS_VM_READ", "PROCESS_TERMINATE", "PROCESS_QUERY_LIMITED_INFORMATION", "MAXIMUM_ALLOWED", "GENERIC_READ",
                "SYNCHRONIZE", "PROCESS_SUSPEND_RESUME"};
        long[] pv = {16, 1, 4096, 33554432, 2147483648L, 1048576, 2048};
        String[] tr = {"THREAD_SUSPEND_RESUME", "THREAD_RESUME", "THREAD_QUERY_LIMITED_INFORMATION", "THREAD_ALL_ACCESS"};
        long[] tv = {2, 4096, 2048, 2097151};
        StringBuilder out = new StringBuilder(n * 140);
        for (int i = 0; i < n; i++) {
            int ci = i % 12, ti = (i / 12) % 12;
            boolean thread = i % 5 == 0;
            String d = thread ? tr[i % 4] : pr[i % 7];
            long dv = thread ? tv[i % 4] : pv[i % 7];
            String obj = thread ? "thread" : "process", mode = i % 11 == 0 ? "kernel" : "user";
            String cs = p[ci], ts = p[ti], ds = "\"" + d + "\"", extra = "";
            if (distinct) {
                long h = (i * 2654435761L) % 4294967296L;
                int k = i / 1728, w = k % 10;
                cs = h % 3 == 0 ? p[ci] : h % 3 == 1 ? pn[ci] : pd[ci];
                ts = (h / 3) % 3 == 0 ? p[ti] : (h / 3) % 3 == 1 ? pn[ti] : pd[ti];
                ds = w == 0 ? ds : w == 1 ? Long.toString(dv) : String.format("\"0x%0" + (w - 1) + "X\"", dv);
                if ((k / 10) % 2 == 1) extra += ",\"relation\":\"none\"";
                if ((k / 20) % 2 == 1) extra += ",\"build\":\"windows-10-11\"";
                if ((k / 40) % 2 == 1) extra += ",\"forceAccessCheck\":false";
                if ((k / 80) % 2 == 1) extra += ",\"sdGranted\":null";
            }
            out.append("{\"id\":").append(i).append(",\"caller\":{\"protection\":\"").append(cs)
                    .append("\"},\"target\":{\"protection\":\"").append(ts).append("\",\"object\":\"").append(obj)
                    .append("\"},\"desired\":").append(ds).append(",\"mode\":\"").append(mode).append('"').append(extra).append("}\n");
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
