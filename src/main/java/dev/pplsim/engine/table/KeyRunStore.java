package dev.pplsim.engine.table;

import dev.pplsim.engine.Simulator;
import dev.pplsim.io.Outputs;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.ContentDigest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules derived for one build, kept on disk between processes, so a proof over keys the rules already ran
 * for reads them instead of running the rules again: the key runs by the key's place ({@link DecisionTable#place}),
 * the access-check results by object and mask, and the outcomes of their pairs. A file holds the runs of one digest:
 * SHA-256 over the rule files, the build's table and switches, and the object types, which is everything a run
 * reads. An edited rule, a what-if table or another object type gives another digest, so the rules run again;
 * nothing is ever read across a change. A file that cannot be read is ignored, and rewritten whole after the next
 * runs; files are replaced atomically. Thread-safe; two processes that keep runs for one digest at once leave one of
 * their files, both right.
 */
final class KeyRunStore {

    private static final String MAGIC = "pplsim key runs 3";

    private final Path file;
    private final String digest;
    private final int side;
    private final List<KeyRun> shapes = new ArrayList<>();
    /** Shape number + 1 by shape (identity: shapes are the table's interned runs). */
    private final Map<KeyRun, Integer> shapeIds = new java.util.IdentityHashMap<>();
    /** Shape number + 1 per place; 0: not stored. */
    private final short[] place;
    /** The access-check stage's results, by object and mask (a proof's probes, one rule run each). */
    private final Map<Long, AccessEntry> access = new HashMap<>();
    /** The pairs' outcomes: shape number, object and mask. */
    private final Map<List<Long>, CaseOutcome> outcomes = new HashMap<>();
    private int added;
    private String note;

    private KeyRunStore(Path file, String digest, int side) {
        this.file = file;
        this.digest = digest;
        this.side = side;
        this.place = new short[DecisionTable.places(side)];
    }

    /** The store of this build's runs under {@code dir}, with what an earlier process left there, interned in {@code table}. */
    static KeyRunStore open(Path dir, Simulator simulator, String buildName, DecisionTable table) {
        Build build = simulator.policies().build(buildName);
        StringBuilder data = new StringBuilder().append(build.table()).append('\n').append(build.switches()).append('\n');
        // in a fixed order: the mappings are an immutable map, whose iteration order changes from one JVM to the next
        simulator.policies().objectTypes().forEach((kind, t) -> data.append(kind).append(' ').append(t.validAccess()).append(' ')
                .append(new java.util.TreeMap<>(t.genericMappings())).append('\n'));
        String digest = ContentDigest.ofStrings(simulator.rules().digest(), data.toString());
        KeyRunStore s = new KeyRunStore(dir.resolve("keyruns-" + digest.substring(0, 32) + ".bin"), digest, DecisionTable.side(build.table().size()));
        if (Files.isRegularFile(s.file)) s.load(table);
        return s;
    }

    private int placeOf(Key k) {
        return k.caller() < side && k.target() < side && k.object().ordinal() < 2
                ? DecisionTable.place(side, k.object(), k.caller(), k.target(), k.mode(), k.force(), k.relation()) : -1;
    }

    /** The stored run of this key, or null. */
    synchronized KeyRun get(Key k) {
        int at = placeOf(k);
        if (at < 0 || place[at] == 0) return null;
        return shapes.get(place[at] - 1);
    }

    synchronized void put(Key k, KeyRun r) {
        int at = placeOf(k);
        if (at < 0 || place[at] != 0) return;
        Integer id = shapeOf(r);
        if (id == null) return;
        place[at] = (short) (int) id;
        added++;
    }

    private Integer shapeOf(KeyRun r) {
        Integer id = shapeIds.get(r);
        if (id == null) {
            if (shapes.size() >= Short.MAX_VALUE - 1) return null; // more distinct runs than a key's number holds: not stored
            shapes.add(r);
            id = shapes.size();
            shapeIds.put(r, id);
        }
        return id;
    }

    synchronized AccessEntry access(ObjectKind object, int desired) {
        return access.get(accessKey(object, desired));
    }

    synchronized void putAccess(ObjectKind object, int desired, AccessEntry r) {
        if (access.putIfAbsent(accessKey(object, desired), r) == null) added++;
    }

    synchronized void putOutcome(KeyRun run, ObjectKind object, int desired, CaseOutcome o) {
        Integer id = shapeOf(run);
        if (id != null && outcomes.putIfAbsent(List.of((long) id, accessKey(object, desired)), o) == null) added++;
    }

    private static long accessKey(ObjectKind object, int desired) {
        return ((long) object.ordinal() << 32) | (desired & 0xFFFFFFFFL);
    }

    /** Why the file was not read, or null. */
    String note() { return note; }

    /**
     * Writes the store if this process added to it, whole or not at all ({@link Outputs#writeAtomically}: a killed
     * proof leaves the old file, and its temporary file is removed by the next save).
     */
    synchronized void save() throws IOException {
        if (added == 0) return;
        Files.createDirectories(file.getParent());
        Outputs.writeAtomically(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeUTF(MAGIC);
            out.writeUTF(digest);
            out.writeInt(shapes.size());
            for (KeyRun r : shapes) write(out, r);
            int n = 0;
            for (short s : place) if (s != 0) n++;
            out.writeInt(n);
            for (int i = 0; i < place.length; i++) {
                if (place[i] == 0) continue;
                out.writeInt(i);
                out.writeShort(place[i]);
            }
            out.writeInt(access.size());
            for (var e : access.entrySet()) {
                out.writeLong(e.getKey());
                write(out, e.getValue());
            }
            out.writeInt(outcomes.size());
            for (var e : outcomes.entrySet()) {
                out.writeInt((int) (long) e.getKey().get(0));
                out.writeLong(e.getKey().get(1));
                CaseOutcome o = e.getValue();
                out.writeUTF(o.status().name());
                out.writeInt(o.granted());
                writeNullable(out, o.rule());
                out.writeUTF(o.decisionRule());
            }
            out.flush();
        });
        added = 0;
    }

    private static void write(DataOutputStream out, KeyRun r) throws IOException {
        out.writeBoolean(r.inputError() != null);
        if (r.inputError() != null) {
            out.writeUTF(r.inputError());
            return;
        }
        out.writeBoolean(r.incompatible());
        out.writeUTF(r.verdictRule());
        out.writeInt(r.vetoes().size());
        for (KeyRun.VetoRow v : r.vetoes()) {
            out.writeInt(v.order());
            out.writeInt(v.mask());
            out.writeUTF(v.status().name());
            out.writeUTF(v.rule());
        }
        out.writeInt(r.implied().size());
        for (KeyRun.Implied imp : r.implied()) {
            out.writeInt(imp.trigger());
            out.writeInt(imp.adds());
        }
        writeIds(out, r.modeRules());
        writeIds(out, r.protectionRules());
    }

    private static void write(DataOutputStream out, AccessEntry a) throws IOException {
        out.writeInt(a.granted());
        out.writeBoolean(a.refused());
        out.writeUTF(a.status().name());
        out.writeUTF(a.rule());
        writeIds(out, a.mappingRules());
        writeIds(out, a.accessRules());
    }

    private static void writeIds(DataOutputStream out, List<String> ids) throws IOException {
        out.writeInt(ids.size());
        for (String id : ids) out.writeUTF(id);
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    /** Reads the file; what it holds is interned in the table, so a run read and one run now are one object. */
    private void load(DecisionTable table) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(digest)) throw new IOException("not a key-run file of this digest");
            int n = in.readInt();
            if (n < 0 || n >= Short.MAX_VALUE) throw new IOException("bad run count");
            List<KeyRun> read = new ArrayList<>(n);
            for (int i = 0; i < n; i++) read.add(readRun(in));
            int entries = in.readInt();
            if (entries < 0 || entries > place.length) throw new IOException("bad entry count");
            short[] places = new short[place.length];
            // read at once: a proof's store holds hundreds of thousands of entries, and a read per field was a tenth of its start
            java.nio.ByteBuffer raw = java.nio.ByteBuffer.wrap(in.readNBytes(entries * 6));
            if (raw.remaining() != entries * 6) throw new IOException("truncated");
            for (int e = 0; e < entries; e++) {
                int at = raw.getInt();
                short id = raw.getShort();
                if (at < 0 || at >= place.length || id < 1 || id > n) throw new IOException("entry out of range");
                places[at] = id;
            }
            int probes = in.readInt();
            if (probes < 0) throw new IOException("bad probe count");
            Map<Long, AccessEntry> results = new HashMap<>();
            for (int e = 0; e < probes; e++) {
                long k = in.readLong();
                results.put(k, readAccess(in));
            }
            int pairs = in.readInt();
            if (pairs < 0) throw new IOException("bad outcome count");
            List<Object[]> learnt = new ArrayList<>();
            for (int e = 0; e < pairs; e++) {
                int shape = in.readInt();
                long k = in.readLong();
                if (shape < 1 || shape > n || !results.containsKey(k)) throw new IOException("outcome out of range");
                learnt.add(new Object[]{shape, k, NtStatus.valueOf(in.readUTF()), in.readInt(), in.readBoolean() ? in.readUTF() : null, in.readUTF()});
            }
            if (in.read() != -1) throw new IOException("trailing bytes");
            // all read and checked: now into the table
            for (KeyRun r : read) {
                KeyRun kept = table.intern(r);
                shapes.add(kept);
                shapeIds.putIfAbsent(kept, shapes.size());
            }
            results.forEach((k, a) -> access.put(k, table.intern(a)));
            for (Object[] o : learnt) {
                KeyRun run = shapes.get((int) o[0] - 1);
                AccessEntry a = access.get((long) o[1]);
                CaseOutcome c = DecisionTable.outcome(run, a, (NtStatus) o[2], (int) o[3], (String) o[4], (String) o[5]);
                run.learnt(a, c);
                outcomes.put(List.of((long) (int) o[0], (long) o[1]), c);
            }
            System.arraycopy(places, 0, place, 0, place.length);
        } catch (IOException | RuntimeException e) {
            note = "ignored " + file + " (" + e.getMessage() + "); the rules run again";
        }
    }

    private static KeyRun readRun(DataInputStream in) throws IOException {
        if (in.readBoolean()) return KeyRun.undecidable(in.readUTF());
        boolean incompatible = in.readBoolean();
        String verdictRule = in.readUTF();
        int nv = count(in);
        List<KeyRun.VetoRow> vetoes = new ArrayList<>(nv);
        for (int i = 0; i < nv; i++) vetoes.add(new KeyRun.VetoRow(in.readInt(), in.readInt(), NtStatus.valueOf(in.readUTF()), in.readUTF()));
        int ni = count(in);
        List<KeyRun.Implied> implied = new ArrayList<>(ni);
        for (int i = 0; i < ni; i++) implied.add(new KeyRun.Implied(in.readInt(), in.readInt()));
        return new KeyRun(incompatible, verdictRule, vetoes, implied, readIds(in), readIds(in), null);
    }

    private static AccessEntry readAccess(DataInputStream in) throws IOException {
        return new AccessEntry(in.readInt(), in.readBoolean(), NtStatus.valueOf(in.readUTF()), in.readUTF(), readIds(in), readIds(in));
    }

    private static List<String> readIds(DataInputStream in) throws IOException {
        int n = count(in);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(in.readUTF());
        return ids;
    }

    /** A list's length as written; a file that says more is not ours. */
    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 256) throw new IOException("bad list length " + n);
        return n;
    }
}
