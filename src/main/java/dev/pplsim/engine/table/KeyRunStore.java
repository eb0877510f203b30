package dev.pplsim.engine.table;

import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Relation;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.ContentDigest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key runs of one build kept on disk between processes, so a proof over keys the rules already ran for reads
 * them instead of running the rules again. A file holds the runs of one digest: SHA-256 over the rule files, the
 * build's table and switches, and the object types, which is everything a key run reads. An edited rule, a what-if
 * table or another object type gives another digest, so the rules run again; nothing is ever read across a change.
 * Runs are interned (a build's keys share a few dozen distinct runs) and indexed by the key's place in the domain.
 * A file that cannot be read is ignored, and rewritten whole after the next runs; files are replaced atomically.
 * Thread-safe; two processes that keep runs for one digest at once leave one of their files, both right.
 */
final class KeyRunStore {

    private static final String MAGIC = "pplsim key runs 2";
    /** Places per build: object, caller byte, target byte, mode, force, relation. */
    static final int PLACES = 2 * 256 * 256 * 2 * 2 * 4;

    private final Path file;
    private final String digest;
    private final List<KeyRun> shapes = new ArrayList<>();
    /** Shape number + 1 by shape. */
    private final Map<KeyRun, Integer> shapeIds = new HashMap<>();
    /** Shape number + 1 per place; 0: not stored. */
    private final short[] place = new short[PLACES];
    /** The access-check stage's results, by object and mask (a proof's probes, one rule run each). */
    private final Map<Long, Decomposition.AccessResult> access = new HashMap<>();
    private int stored, added;
    private String note;

    private KeyRunStore(Path file, String digest) {
        this.file = file;
        this.digest = digest;
    }

    /** The store of this build's key runs under {@code dir}, with what an earlier process left there. */
    static KeyRunStore open(Path dir, Simulator simulator, String buildName, java.util.function.UnaryOperator<KeyRun> intern) {
        Build build = simulator.policies().build(buildName);
        StringBuilder data = new StringBuilder().append(build.table()).append('\n').append(build.switches()).append('\n');
        // in a fixed order: the mappings are an immutable map, whose iteration order changes from one JVM to the next
        simulator.policies().objectTypes().forEach((kind, t) -> data.append(kind).append(' ').append(t.validAccess()).append(' ')
                .append(new java.util.TreeMap<>(t.genericMappings())).append('\n'));
        String digest = ContentDigest.ofStrings(simulator.rules().digest(), data.toString());
        KeyRunStore s = new KeyRunStore(dir.resolve("keyruns-" + digest.substring(0, 32) + ".bin"), digest);
        if (Files.isRegularFile(s.file)) s.load(intern);
        return s;
    }

    static boolean stores(Key k) {
        return k.object().ordinal() < 2;
    }

    static int placeOf(Key k) {
        return ((((k.object().ordinal() * 256 + k.caller()) * 256 + k.target()) * 2 + k.mode().ordinal()) * 2 + (k.force() ? 1 : 0)) * 4
                + k.relation().ordinal();
    }

    /** The stored run of this key, or null. */
    synchronized KeyRun get(Key k) {
        if (!stores(k)) return null;
        int id = place[placeOf(k)];
        if (id == 0) return null;
        return shapes.get(id - 1);
    }

    synchronized void put(Key k, KeyRun r) {
        if (!stores(k) || place[placeOf(k)] != 0) return;
        Integer id = shapeIds.get(r);
        if (id == null) {
            if (shapes.size() >= Short.MAX_VALUE - 1) return; // more distinct runs than a key's number holds: not stored
            shapes.add(r);
            id = shapes.size();
            shapeIds.put(r, id);
        }
        place[placeOf(k)] = (short) (int) id;
        added++;
    }

    synchronized Decomposition.AccessResult access(ObjectKind object, int desired) {
        return access.get(accessKey(object, desired));
    }

    synchronized void putAccess(ObjectKind object, int desired, Decomposition.AccessResult r) {
        if (access.putIfAbsent(accessKey(object, desired), r) == null) added++;
    }

    private static long accessKey(ObjectKind object, int desired) {
        return ((long) object.ordinal() << 32) | (desired & 0xFFFFFFFFL);
    }

    /** Keys read from the file when it was opened. */
    int stored() { return stored; }

    /** Why the file was not read, or null. */
    String note() { return note; }

    /** Writes the store if this process added runs: to a temporary file, then moved over the old one. */
    synchronized void save() throws IOException {
        if (added == 0) return;
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeUTF(MAGIC);
                out.writeUTF(digest);
                out.writeInt(shapes.size());
                for (KeyRun r : shapes) write(out, r);
                int n = 0;
                for (short s : place) if (s != 0) n++;
                out.writeInt(n);
                for (int i = 0; i < PLACES; i++) {
                    if (place[i] == 0) continue;
                    out.writeInt(i);
                    out.writeShort(place[i]);
                }
                out.writeInt(access.size());
                for (var e : access.entrySet()) {
                    out.writeLong(e.getKey());
                    out.writeInt(e.getValue().granted());
                    out.writeUTF(e.getValue().rule());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            added = 0;
        } finally {
            Files.deleteIfExists(tmp);
        }
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
            out.writeUTF(v.rule());
        }
        out.writeInt(r.implied().size());
        for (KeyRun.Implied imp : r.implied()) {
            out.writeInt(imp.trigger());
            out.writeInt(imp.adds());
        }
    }

    /** Reads the file; its runs are kept as {@code intern} gives them, so a run read and one run now are one object. */
    private void load(java.util.function.UnaryOperator<KeyRun> intern) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(digest)) throw new IOException("not a key-run file of this digest");
            int n = in.readInt();
            List<KeyRun> read = new ArrayList<>(n);
            for (int i = 0; i < n; i++) read.add(read(in));
            int entries = in.readInt();
            if (entries < 0 || entries > PLACES) throw new IOException("bad entry count");
            short[] places = new short[PLACES];
            // read at once: a proof's store holds hundreds of thousands of entries, and a read per field was a tenth of its start
            java.nio.ByteBuffer raw = java.nio.ByteBuffer.wrap(in.readNBytes(entries * 6));
            if (raw.remaining() != entries * 6) throw new IOException("truncated");
            for (int e = 0; e < entries; e++) {
                int at = raw.getInt();
                short id = raw.getShort();
                if (at < 0 || at >= PLACES || id < 1 || id > n) throw new IOException("entry out of range");
                places[at] = id;
            }
            int probes = in.readInt();
            Map<Long, Decomposition.AccessResult> results = new HashMap<>();
            for (int e = 0; e < probes; e++) {
                long k = in.readLong();
                results.put(k, new Decomposition.AccessResult(in.readInt(), in.readUTF()));
            }
            if (in.read() != -1) throw new IOException("trailing bytes");
            access.putAll(results);
            for (KeyRun r : read) {
                shapes.add(intern.apply(r));
                shapeIds.putIfAbsent(r, shapes.size());
            }
            System.arraycopy(places, 0, place, 0, PLACES);
            stored = entries;
        } catch (IOException | RuntimeException e) {
            note = "ignored " + file + " (" + e.getMessage() + "); the rules run again";
        }
    }

    private static KeyRun read(DataInputStream in) throws IOException {
        if (in.readBoolean()) return new KeyRun(null, null, List.of(), List.of(), in.readUTF());
        boolean incompatible = in.readBoolean();
        String verdictRule = in.readUTF();
        int nv = in.readInt();
        if (nv < 0 || nv > 64) throw new IOException("bad veto count");
        List<KeyRun.VetoRow> vetoes = new ArrayList<>(nv);
        for (int i = 0; i < nv; i++) vetoes.add(new KeyRun.VetoRow(in.readInt(), in.readInt(), in.readUTF()));
        int ni = in.readInt();
        if (ni < 0 || ni > 64) throw new IOException("bad implied count");
        List<KeyRun.Implied> implied = new ArrayList<>(ni);
        for (int i = 0; i < ni; i++) implied.add(new KeyRun.Implied(in.readInt(), in.readInt()));
        return new KeyRun(incompatible, verdictRule, List.copyOf(vetoes), List.copyOf(implied), null);
    }

    /** Keeps {@link AccessMode} and {@link Relation} orders fixed: the place index depends on them. */
    static {
        if (AccessMode.values().length != 2 || Relation.values().length != 4 || ObjectKind.PROCESS.ordinal() != 0 || ObjectKind.THREAD.ordinal() != 1) {
            throw new IllegalStateException("KeyRunStore's place index assumes 2 modes, 4 relations, process and thread first");
        }
    }
}
