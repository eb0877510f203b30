package dev.pplsim.serve;

import dev.pplsim.engine.RuleBase;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The snapshot a request is answered from, never stale and never half loaded. The policies and rules folders
 * (symbolic links followed) are read whole into memory, read again until two reads agree (an edit of several files
 * is not caught half done), named by the SHA-256 of every file's name and bytes, written to a private folder and
 * loaded from there ({@link Snapshot}), then swapped in with one write. A change is noticed by the kernel's file
 * notifications (inotify, through {@link WatchService}) on every folder the files really live in, drained by the
 * next request, which then waits for the reload; a sweep compares every file's size, time and inode once a second,
 * for file systems that do not notify. A change whose files hash as before (a touch, an editor's save of the same
 * bytes) keeps the snapshot and what it has worked out. A reload that fails leaves the error as every API answer
 * (422, the one line the command line would print) until the files load again.
 */
final class Snapshots implements AutoCloseable {

    /** Only what the loaders read: a swap file or a backup beside a build does not make a new snapshot. */
    private static final List<String> READ = List.of(".yaml", ".yml", ".drl", ".properties");
    /** Far beyond the shipped files (under 1 MiB together); a link to something huge is refused, not read. */
    private static final long MAX_BYTES = 64L << 20;

    private final Path policies, rules;
    private final boolean builtIn;
    private final Path work;
    private final Object lock = new Object();
    private final AtomicLong changes = new AtomicLong();
    private volatile long seen;
    private volatile Object state; // a Snapshot, or a Failure
    private final WatchService watch;
    /** Each watched folder's key, and the one name in it that matters (null: any), for the folder above a root. */
    private final Map<WatchKey, String> keys = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private volatile long fingerprint;
    private volatile List<Path> watchedPaths = List.of();

    /** What the last load refused, and the digest of the files it refused. */
    record Failure(String digest, String message) {
    }

    /** The files as read: names ({@code policies/...}, {@code rules/...}) and bytes, in name order, and their digest. */
    private record Read(List<String> names, List<byte[]> bytes, String digest, String rulesDigest, List<Path> paths) {
    }

    /**
     * @param policies the policies folder, or null for the copy built into the jar
     * @param rules    the rules folder, or null for the built-in copy
     */
    Snapshots(Path policies, Path rules) throws IOException {
        this.builtIn = policies == null && rules == null;
        this.policies = policies != null ? policies : PolicySet.classpathDir("pplsim/policies");
        this.rules = rules != null ? rules : PolicySet.classpathDir("pplsim/rules");
        // private: created rwx------ by the JDK on POSIX systems
        this.work = Files.createTempDirectory("pplsim-serve-");
        this.watch = builtIn ? null : FileSystems.getDefault().newWatchService();
        Read r = readStable();
        state = loadFrom(r, null);
        if (state instanceof Failure f) {
            close();
            throw new InputException(f.message());
        }
        watchAll(r.paths());
        fingerprint = fingerprint(r.paths());
        if (builtIn) {
            sweeper = null;
        } else {
            sweeper = Executors.newSingleThreadScheduledExecutor(t -> {
                Thread th = new Thread(t, "pplsim-serve-sweep");
                th.setDaemon(true);
                return th;
            });
            sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** The snapshot for a request arriving now: reloaded first when a change was noticed; a failed load is a 422. */
    Snapshot current() {
        drain();
        if (changes.get() != seen) reload();
        Object s = state;
        if (s instanceof Failure f) throw HttpError.unprocessable(f.message());
        return (Snapshot) s;
    }

    /** The state as it is, without reloading: for the status line. */
    Object peek() {
        return state;
    }

    String source() {
        return builtIn ? "built-in" : PolicySet.shown(policies) + ", " + PolicySet.shown(rules);
    }

    Path policiesDir() {
        return policies;
    }

    Path rulesDir() {
        return rules;
    }

    /** Takes what the kernel reported: a change in a watched folder (to the name that matters there) is counted. */
    private void drain() {
        if (watch == null) return;
        WatchKey k;
        try {
            while ((k = watch.poll()) != null) {
                String only = keys.get(k);
                boolean relevant = false;
                for (WatchEvent<?> e : k.pollEvents()) {
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW || only == null || only.isEmpty() || only.equals(String.valueOf(e.context()))) relevant = true;
                }
                if (!k.reset()) keys.remove(k);
                if (relevant) changes.incrementAndGet();
            }
        } catch (ClosedWatchServiceException e) {
            // closing: the snapshot in hand answers the requests still in flight
        }
    }

    /** Once a second: what notifications may miss (a network file system), by every file's size, time and inode. */
    private void sweep() {
        try {
            List<Path> paths = walk().paths;
            long fp = fingerprint(paths);
            if (fp != fingerprint || !paths.equals(watchedPaths)) {
                fingerprint = fp;
                changes.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // a folder gone mid-walk: counted as a change, and the reload says what is wrong
            changes.incrementAndGet();
        }
    }

    private void reload() {
        synchronized (lock) {
            long c = changes.get();
            if (c == seen) return;
            Object before = state;
            String oldDigest = before instanceof Snapshot s ? s.digest : ((Failure) before).digest();
            Read r;
            try {
                r = readStable();
            } catch (InputException e) {
                state = new Failure(null, e.getMessage());
                seen = c;
                return;
            }
            watchAll(r.paths());
            fingerprint = fingerprint(r.paths());
            if (!r.digest().equals(oldDigest)) {
                Snapshot old = before instanceof Snapshot s ? s : null;
                state = loadFrom(r, old != null && old.rulesDigest.equals(r.rulesDigest()) ? old.rules : null);
                if (old != null) retire(old.copy);
            }
            seen = c;
        }
    }

    /** Writes the files read to a new private folder and loads it; a refusal is kept as the state. */
    private Object loadFrom(Read r, RuleBase reuse) {
        Path copy;
        try {
            copy = Files.createTempDirectory(work, "snapshot-");
            Files.createDirectories(copy.resolve("policies"));
            Files.createDirectories(copy.resolve("rules"));
            for (int i = 0; i < r.names().size(); i++) {
                Path f = copy.resolve(r.names().get(i));
                Files.createDirectories(f.getParent());
                Files.write(f, r.bytes().get(i));
            }
        } catch (IOException e) {
            return new Failure(r.digest(), "cannot copy the policies for loading: " + e.getMessage());
        }
        Map<String, String> shownPaths = new LinkedHashMap<>();
        shownPaths.put(PolicySet.shown(copy.resolve("policies")), builtIn ? "<built-in>/pplsim/policies" : PolicySet.shown(policies));
        shownPaths.put(PolicySet.shown(copy.resolve("rules")), builtIn ? "<built-in>/pplsim/rules" : PolicySet.shown(rules));
        try {
            return Snapshot.load(r.digest(), copy, shownPaths, reuse, r.rulesDigest());
        } catch (InputException e) {
            retire(copy);
            return new Failure(r.digest(), e.getMessage());
        } catch (RuntimeException e) {
            retire(copy);
            return new Failure(r.digest(), "cannot load the policies: " + e);
        }
    }

    /** A snapshot's private copy, deleted a minute after it is replaced (requests in flight may still read it). */
    private void retire(Path copy) {
        if (sweeper == null) {
            delete(copy);
        } else {
            sweeper.schedule(() -> delete(copy), 60, TimeUnit.SECONDS);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temporary folder: the system's cleaner takes what is left
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // as above
        }
    }

    /** Reads until two reads in a row give the same digest (at most five times): a save of several files is not caught half done. */
    private Read readStable() {
        Read a = read();
        for (int i = 0; i < 5; i++) {
            Read b = read();
            if (b.digest().equals(a.digest())) return b;
            a = b;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return a;
    }

    /** The files of both folders, walked through links. */
    private record Walk(List<String> names, List<Path> files, List<Path> paths) {
    }

    private Walk walk() {
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        walk(policies, "policies", names, files, paths);
        walk(rules, "rules", names, files, paths);
        return new Walk(names, files, paths);
    }

    private static void walk(Path root, String prefix, List<String> names, List<Path> files, List<Path> paths) {
        if (!Files.isDirectory(root)) throw InputException.at(PolicySet.shown(root), "no such directory");
        List<Map.Entry<String, Path>> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            s.forEach(p -> {
                paths.add(p);
                String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (rel.isEmpty() || !Files.isRegularFile(p)) return;
                for (String part : rel.split("/")) if (part.startsWith(".")) return;
                if (READ.stream().noneMatch(rel::endsWith)) return;
                found.add(Map.entry(prefix + "/" + rel, p));
            });
        } catch (IOException | UncheckedIOException e) {
            Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw InputException.at(PolicySet.shown(root), c instanceof FileSystemLoopException ? "a symbolic link loops back to a folder above it: "
                    + c.getMessage() : "cannot read: " + c.getMessage());
        }
        found.sort(Map.Entry.comparingByKey());
        for (var e : found) {
            names.add(e.getKey());
            files.add(e.getValue());
        }
    }

    private Read read() {
        Walk w = walk();
        MessageDigest all = sha256(), rulesOnly = sha256();
        List<byte[]> bytes = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < w.files().size(); i++) {
            byte[] b;
            try (var in = Files.newInputStream(w.files().get(i))) {
                // at most what is left under the limit, and one byte more to know it is over: a link to a huge or
                // endless file (/dev/zero) is refused after that many bytes, never read whole
                b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total + 1));
            } catch (IOException e) {
                throw InputException.at(PolicySet.shown(w.files().get(i)), "cannot read: " + e.getMessage());
            }
            total += b.length;
            if (total > MAX_BYTES) throw InputException.at(PolicySet.shown(w.files().get(i)), "the policies and rules are over " + (MAX_BYTES >> 20) + " MiB together");
            bytes.add(b);
            String name = w.names().get(i);
            for (MessageDigest md : name.startsWith("rules/") ? List.of(all, rulesOnly) : List.of(all)) {
                md.update(name.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(b);
                md.update((byte) 0);
            }
        }
        return new Read(w.names(), bytes, HexFormat.of().formatHex(all.digest()), HexFormat.of().formatHex(rulesOnly.digest()), w.paths());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Watches every folder walked, where it really is (a link's target's folder, a linked file's folder), and the
     * folder above each root for that root's own name (a root that is itself a link, swapped to another target).
     */
    private void watchAll(List<Path> paths) {
        watchedPaths = List.copyOf(paths);
        if (watch == null) return;
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path p : paths) {
            try {
                if (Files.isDirectory(p)) {
                    dirs.add(p);
                    dirs.add(p.toRealPath());
                } else {
                    dirs.add(p.toAbsolutePath().getParent());
                    dirs.add(p.toRealPath().getParent());
                }
            } catch (IOException e) {
                // gone since the walk: the next change or sweep reloads
            }
        }
        for (Path d : dirs) register(d, null);
        for (Path root : List.of(policies, rules)) {
            Path parent = root.toAbsolutePath().getParent();
            if (parent != null && root.getFileName() != null) register(parent, root.getFileName().toString());
        }
    }

    private void register(Path dir, String only) {
        try {
            WatchKey k = dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            // a folder that is also watched for any name keeps that (the same key serves both)
            keys.merge(k, only == null ? "" : only, (a, b) -> a.isEmpty() || b.isEmpty() ? "" : a);
        } catch (IOException | ClosedWatchServiceException e) {
            // not watchable (gone, or no permission): the sweep still sees its files change
        }
    }

    private static long fingerprint(List<Path> paths) {
        long h = 1;
        for (Path p : paths) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                h = h * 31 + a.size();
                h = h * 31 + a.lastModifiedTime().toMillis();
                h = h * 31 + String.valueOf(a.fileKey()).hashCode();
            } catch (IOException e) {
                h = h * 31 + 7;
            }
        }
        return h;
    }

    @Override
    public void close() {
        if (sweeper != null) sweeper.shutdownNow();
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        delete(work);
    }

    /** For the tests: the folder holding the snapshots' private copies. */
    Path work() {
        return work;
    }
}
