package dev.pplsim.jobs;

import dev.pplsim.io.OutputException;
import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.request.BatchLine;
import dev.pplsim.request.InputException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Streams a batch: lines are read a chunk at a time, decoded, parsed, decided and encoded on every core, and
 * written in input order; at most three chunks are in hand (one read ahead, one deciding, one being written), each
 * of at most {@link #CHUNK} lines and {@link #CHUNK_BYTES} bytes, and a line is at most --max-line-bytes long (a
 * longer one is its error line, its bytes never held), so memory stays bounded whatever the input's length.
 * Lines end as {@link java.io.BufferedReader#readLine()} ends them ({@code \n}, {@code \r} or {@code \r\n});
 * blank lines are skipped. Opens of a process or thread, with or without the caller's token, are decided from the
 * table materialised from the rules ({@link DecisionTable}); a token object, a duplicate or a debugger attach, and
 * every line when explaining, is decided by the rules themselves (the table holds no trace). Bytes, not characters,
 * cross the pipe: the one reading thread only splits lines and the one writing thread only copies them, since
 * decoding and encoding on those threads held the other core idle. A request repeated with another id is answered
 * from the first one's output line ({@link LineMemo}).
 */
public final class BatchRunner {

    /** Lines per chunk: enough to keep both cores busy, few enough to bound memory. */
    private static final int CHUNK = 4096;
    /**
     * Bytes per chunk, at most (but always one line): with lines near the limit, 4096 of them would be gigabytes.
     * Ordinary lines (about 140 bytes) fill the line count first, so the common chunk is unchanged.
     */
    private static final int CHUNK_BYTES = 4 << 20;

    /** Lines read, decided and refused. */
    public record Counts(long lines, long decided, long errors) {
    }

    /**
     * Where a batch takes its turn at the processors: it holds a slot only while a chunk is decided, never while it waits
     * to read a line or to write an answer, so a batch whose client is slow to send or to read keeps no one else
     * waiting. The server shares a few slots among its batches; the command line has the machine to itself.
     */
    public interface Slots {
        /** Slots that never wait: the command line's. */
        Slots NONE = new Slots() {
            @Override
            public void enter() {
            }

            @Override
            public void leave() {
            }
        };

        /** Waits for a slot; an IOException ends the run (the server's "busy" after its time limit). */
        void enter() throws IOException;

        void leave();
    }

    private BatchRunner() {
    }

    public static Counts run(Simulator simulator, InputStream in, OutputStream out) throws IOException {
        return run(simulator, in, out, ExplainMode.OFF);
    }

    /** With {@code explain} other than OFF, each decision line carries its stages. */
    public static Counts run(Simulator simulator, InputStream in, OutputStream sink, ExplainMode explain) throws IOException {
        return run(simulator, in, sink, explain, true);
    }

    /**
     * Without {@code shortcuts}, every line is parsed, decided and formatted in full, with neither the line memo nor
     * the outcome lines (for the tests that compare both ways).
     */
    static Counts run(Simulator simulator, InputStream in, OutputStream sink, ExplainMode explain, boolean shortcuts) throws IOException {
        return run(simulator, in, sink, explain, shortcuts, Outcomes.SIZE);
    }

    /** With an outcome table of {@code outcomeSlots} (a power of two): a small one makes outcomes share slots (for the tests). */
    static Counts run(Simulator simulator, InputStream in, OutputStream sink, ExplainMode explain, boolean shortcuts, int outcomeSlots)
            throws IOException {
        return run(simulator, Inputs.decode(in), sink, explain, shortcuts, outcomeSlots, Inputs.DEFAULT_MAX_LINE_BYTES, Slots.NONE);
    }

    /**
     * The batch of a text ({@link Inputs}), its lines at most {@code maxLineBytes} long: a longer one is answered by
     * its error line, and its bytes are dropped as they are read, never held. A write that fails ends the run at once
     * with the {@link OutputException} the sink throws (give it {@link Outputs#checked}).
     */
    public static Counts run(Simulator simulator, Inputs.Text in, OutputStream sink, ExplainMode explain, int maxLineBytes) throws IOException {
        return run(simulator, in, sink, explain, true, Outcomes.SIZE, maxLineBytes, Slots.NONE);
    }

    /** As above, each chunk decided in one of {@code slots}. */
    public static Counts run(Simulator simulator, Inputs.Text in, OutputStream sink, ExplainMode explain, int maxLineBytes, Slots slots)
            throws IOException {
        return run(simulator, in, sink, explain, true, Outcomes.SIZE, maxLineBytes, slots);
    }

    static Counts run(Simulator simulator, Inputs.Text in, OutputStream sink, ExplainMode explain, boolean shortcuts, int outcomeSlots,
                      int maxLineBytes, Slots slots) throws IOException {
        // a batch repeats protection keys and masks: decide from the table materialised from the rules
        DecisionTable table = new DecisionTable(simulator);
        // and whole requests, with other ids: answer those from the line decided before
        LineMemo lineMemo = shortcuts && explain == ExplainMode.OFF ? new LineMemo() : null;
        Outcomes outcomes = shortcuts && explain == ExplainMode.OFF ? new Outcomes(outcomeSlots) : null;
        Lines lines = new Lines(in.utf8(), maxLineBytes);
        LineErrors errors = new LineErrors(in::malformed, Inputs.overLimit(maxLineBytes, "line"));
        OutputStream out = new BufferedOutputStream(sink, 1 << 16);
        // three stages overlap: this thread reads chunk n+1 while the pool decides chunk n and the writer writes n-1
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pplsim-batch-writer");
            t.setDaemon(true);
            return t;
        });
        long[] counted = new long[2]; // decided, errors: written by the writer thread only
        try {
            Chunk current = Chunk.read(lines, 0);
            Future<?> written = CompletableFuture.completedFuture(null);
            while (current.count > 0) {
                Chunk chunk = current;
                try {
                    slots.enter();
                } catch (IOException e) {
                    await(written); // the answers before it go out first
                    throw e;
                }
                Chunk next;
                try {
                    Future<?> decided = pool.submit(() -> IntStream.range(0, chunk.count).parallel()
                            .forEach(i -> chunk.decide(i, simulator, table, lineMemo, outcomes, explain, errors)));
                    // read ahead only what is at hand: a caller waiting for this chunk's answers sends no more until then
                    next = lines.pending() ? Chunk.read(lines, chunk.lastLine) : null;
                    await(decided);
                } finally {
                    slots.leave();
                }
                await(written);
                written = writer.submit(() -> {
                    chunk.write(out, counted);
                    return null;
                });
                current = next != null ? next : Chunk.read(lines, chunk.lastLine);
            }
            await(written);
            return new Counts(current.lastLine, counted[0], counted[1]);
        } finally {
            pool.shutdownNow();
            writer.shutdownNow();
        }
    }

    /** What a line that is not decided for what it is says: not valid text (from its first bad byte), or too long. */
    private record LineErrors(java.util.function.IntFunction<String> malformed, String overLimit) {
    }

    /** Waits for a stage, passing on what failed in it as it failed. */
    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /** Up to {@link #CHUNK} lines and, once decided, their output lines. */
    private static final class Chunk {
        final byte[][] raw;
        final byte[][] results;
        final boolean[] failed;
        final long firstLine;
        int count;
        long lastLine;

        private Chunk(int size, long before) {
            raw = new byte[size][];
            results = new byte[size][];
            failed = new boolean[size];
            firstLine = before + 1;
            lastLine = before;
        }

        /**
         * The lines already at hand, at least one (blocking for it), at most {@link #CHUNK}: a caller that writes one
         * line and waits for its answer gets it, and a file is read a full chunk at a time.
         */
        static Chunk read(Lines lines, long before) throws IOException {
            Chunk c = new Chunk(CHUNK, before);
            byte[] line;
            long bytes = 0;
            while (c.count < CHUNK && bytes < CHUNK_BYTES && (c.count == 0 || lines.pending()) && (line = lines.next()) != null) {
                c.raw[c.count++] = line;
                bytes += line.length;
            }
            c.lastLine = before + c.count;
            return c;
        }

        void decide(int i, Simulator simulator, DecisionTable table, LineMemo memo, Outcomes outcomes, ExplainMode explain, LineErrors errors) {
            byte[] bytes = raw[i];
            raw[i] = null;
            long lineNo = firstLine + i;
            if (bytes == Lines.OVERSIZED) {
                // its id is somewhere in bytes that were never kept
                results[i] = (BatchProtocol.errorLine("null", "line " + lineNo + ": " + errors.overLimit()) + "\n").getBytes(StandardCharsets.UTF_8);
                failed[i] = true;
                return;
            }
            int idEnd = memo == null || !memo.useful() ? -1 : LineMemo.idEnd(bytes);
            if (idEnd >= 0) {
                byte[] known = memo.get(bytes, idEnd);
                if (known != null) {
                    results[i] = known;
                    return;
                }
            }
            if (blank(bytes)) return;
            BatchLine parsed = BatchLine.parse(bytes, simulator::security, errors.malformed());
            String error = parsed.error();
            if (error == null && parsed.load() != null) {
                try {
                    results[i] = (BatchProtocol.loadLine(parsed.id(), simulator.load(parsed.load())) + "\n").getBytes(StandardCharsets.UTF_8);
                    return;
                } catch (InputException e) {
                    error = e.getMessage();
                }
            } else if (error == null && parsed.create() != null) {
                try {
                    results[i] = (BatchProtocol.creationLine(parsed.id(), table.create(parsed.create())) + "\n").getBytes(StandardCharsets.UTF_8);
                    return;
                } catch (InputException e) {
                    error = e.getMessage();
                }
            } else if (error == null) {
                try {
                    AccessQuery q = parsed.query();
                    Decision d = explain != ExplainMode.OFF ? simulator.decide(q) : table.decide(q);
                    // a kept outcome line is shared by every descriptor that outcome comes from: one with notes is formatted whole
                    boolean noted = q.sd() != null && !q.sd().notes().isEmpty();
                    results[i] = outcomes != null && !noted && DecisionTable.shared(d.rules()) ? outcomes.line(parsed.id(), d)
                            : (BatchProtocol.decisionLine(parsed.id(), d, explain) + "\n").getBytes(StandardCharsets.UTF_8);
                } catch (InputException e) {
                    error = e.getMessage();
                }
            }
            if (error != null) {
                results[i] = (BatchProtocol.errorLine(parsed.id(), "line " + lineNo + ": " + error) + "\n").getBytes(StandardCharsets.UTF_8);
                failed[i] = true;
            } else if (idEnd >= 0) {
                memo.put(bytes, idEnd, results[i]);
            }
        }

        /**
         * Whether the line is blank as {@link String#isBlank()} says of its decoded text: a line of only ASCII white space
         * is; one with another byte is decoded and asked (Unicode spaces are blank too).
         */
        private static boolean blank(byte[] line) {
            for (byte b : line) {
                if (b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F)) continue;
                return b >= 0 ? false : new String(line, StandardCharsets.UTF_8).isBlank();
            }
            return true;
        }

        void write(OutputStream out, long[] counted) throws IOException {
            for (int i = 0; i < count; i++) {
                if (results[i] == null) continue; // a blank line
                out.write(results[i]);
                counted[failed[i] ? 1 : 0]++;
            }
            out.flush();
        }
    }

    /**
     * Decision lines after the id, by outcome: the table shares one rules list per outcome ({@link DecisionTable#shared}),
     * so a line is its id plus the bytes formatted for the first decision with that list, status and granted mask.
     * Formatting and encoding each line was a sixth of a batch's time when its lines do not repeat. Bounded.
     */
    static final class Outcomes {
        private static final int SIZE = 4096, PROBES = 4;

        /**
         * One outcome's bytes after the id, by the rules list's identity, in a table probed at a few slots from its hash
         * (a map and its key per line were a third of this; a single slot let two hot outcomes that share one evict
         * each other, formatting again one line in thirty). Slots hold immutable entries, so a racing reader sees the
         * old one or the new one.
         */
        private record Tail(List<String> rules, dev.pplsim.model.NtStatus status, int granted, byte[] bytes) {
        }

        private final Tail[] tails;

        Outcomes(int slots) {
            tails = new Tail[slots];
        }
        private static final byte[] PREFIX = BatchProtocol.LINE_START_BYTES;

        byte[] line(String id, Decision d) {
            List<String> rules = d.rules();
            int h = System.identityHashCode(rules) * 31 + d.granted();
            int first = (h ^ (h >>> 16)) & (tails.length - 1), free = -1;
            Tail t = null;
            for (int k = 0; k < PROBES; k++) {
                int at = (first + k) & (tails.length - 1);
                Tail e = tails[at];
                if (e == null) {
                    if (free < 0) free = at;
                } else if (e.rules == rules && e.status == d.status() && e.granted == d.granted()) {
                    t = e;
                    break;
                }
            }
            if (t == null) {
                String full = BatchProtocol.decisionLine(id, d, ExplainMode.OFF) + "\n";
                String head = BatchProtocol.LINE_START + id;
                if (!full.startsWith(head)) return full.getBytes(StandardCharsets.UTF_8);
                t = new Tail(rules, d.status(), d.granted(), full.substring(head.length()).getBytes(StandardCharsets.UTF_8));
                // all probed slots taken: the first one's outcome is formatted again when it comes back
                tails[free >= 0 ? free : first] = t;
            }
            byte[] tail = t.bytes;
            byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[PREFIX.length + idBytes.length + tail.length];
            System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
            System.arraycopy(idBytes, 0, out, PREFIX.length, idBytes.length);
            System.arraycopy(tail, 0, out, PREFIX.length + idBytes.length, tail.length);
            return out;
        }
    }

    /**
     * Splits a byte stream into lines as BufferedReader.readLine does: {@code \n}, {@code \r} or {@code \r\n} end one.
     * A line longer than the limit is {@link #OVERSIZED} as soon as its first byte over the limit is read, and the
     * rest of it is dropped as it is read, a buffer at a time, so the buffer never grows past the limit (and two bytes).
     * Replay and verify read their JSON lines with it too.
     */
    static final class Lines {
        /** What {@link #next()} returns for a line over the limit (compared by identity). */
        static final byte[] OVERSIZED = new byte[0];

        private final InputStream in;
        private final int max;
        private byte[] buf;
        private int pos, end;
        private boolean eof;
        /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that ending. */
        private boolean skipLf;
        /** The last line was over the limit and did not end in the buffer: its bytes up to its ending are dropped. */
        private boolean dropping;
        /**
         * Where {@link #pending()} found the next line's ending (-1: not known), so {@link #next()} does not scan the
         * line again; valid while the buffer is not compacted.
         */
        private int ending = -1;

        Lines(InputStream in) {
            this(in, Inputs.DEFAULT_MAX_LINE_BYTES);
        }

        Lines(InputStream in, int maxLineBytes) {
            this.in = in;
            this.max = maxLineBytes;
            this.buf = new byte[(int) Math.min(1 << 16, maxLineBytes + 2L)];
        }

        /** The buffer's size (for the tests: it must stay near the limit whatever a line's length). */
        int capacity() {
            return buf.length;
        }

        /**
         * Whether a whole line can be had without waiting: one is in the buffer, or the stream has bytes that may
         * complete one (read now), or it has ended with a last line unterminated; or the next line is already known
         * to be over the limit.
         */
        boolean pending() throws IOException {
            while (true) {
                if (dropping) {
                    ending = -1;
                    if (!dropBuffered()) {
                        if (eof) {
                            dropping = false;
                            return false;
                        }
                        int available = in.available();
                        if (available <= 0) return false;
                        int n = in.read(buf, 0, Math.min(available, buf.length));
                        if (n < 0) eof = true;
                        else end = n;
                    }
                    continue;
                }
                int from = pos;
                if (skipLf && from < end && buf[from] == '\n') from++; // the rest of a \r\n ending: no line
                int at = ending(buf, from, end);
                if (at >= 0) {
                    ending = at;
                    return true;
                }
                ending = -1;
                if (eof) return end > from;
                if (end - from > max) return true; // next() answers it at once
                int available = in.available();
                if (available <= 0) return false;
                compact();
                int n = in.read(buf, end, Math.min(available, buf.length - end));
                if (n < 0) eof = true;
                else end += n;
            }
        }

        /**
         * Drops the buffered bytes of a line being dropped, through its ending: true when the ending was there (the
         * next line starts after it), false when all that was buffered went (the buffer is then empty).
         */
        private boolean dropBuffered() {
            int at = ending(buf, pos, end);
            if (at >= 0) {
                dropping = false;
                skipLf = buf[at] == '\r';
                pos = at + 1;
                return true;
            }
            pos = end = 0;
            return false;
        }

        /** Moves the unread bytes to the buffer's start, and grows it when they fill it (a line that is not over the limit). */
        private void compact() {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, end - pos);
                end -= pos;
                pos = 0;
            }
            // a line of max bytes, a \n left of a \r\n ending before it and the byte that tells it is over: max + 2
            if (end == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(buf.length * 2L, max + 2L));
        }

        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L, LFS = ONES * '\n', CRS = ONES * '\r';

        /**
         * The first {@code \n} or {@code \r} in {@code b[from, to)}, or -1. Eight bytes at a time: the reading thread
         * sees every byte, and a byte loop under C1 was most of its time (measured twice as fast). A byte of a word XOR
         * the ending is zero where the ending is; the lowest flagged byte is the first such (a borrow flags only bytes above it).
         */
        static int ending(byte[] b, int from, int to) {
            int i = from;
            for (; i <= to - 8; i += 8) {
                long w = (long) LONGS.get(b, i), lf = w ^ LFS, cr = w ^ CRS;
                long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
                if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            for (; i < to; i++) if (b[i] == '\n' || b[i] == '\r') return i;
            return -1;
        }

        /** The next line's bytes without its ending, {@link #OVERSIZED} for one over the limit, or null at the end of the stream. */
        byte[] next() throws IOException {
            if (dropping) {
                ending = -1;
                while (!dropBuffered()) {
                    if (eof) {
                        dropping = false;
                        return null;
                    }
                    int n = in.read(buf, 0, buf.length);
                    if (n < 0) eof = true;
                    else end = n;
                }
            }
            if (ending >= pos && ending < end) {
                // pending() scanned from here (past a \n that ends a \r ending) and found no ending before this one
                int start = pos;
                if (skipLf && buf[start] == '\n') start++;
                int at = ending;
                ending = -1;
                if (at >= start) {
                    skipLf = buf[at] == '\r';
                    pos = at + 1;
                    return at - start > max ? OVERSIZED : Arrays.copyOfRange(buf, start, at);
                }
            }
            ending = -1;
            int start = pos, i = pos;
            while (true) {
                if (i == end) {
                    if (eof) {
                        pos = end;
                        return start == end ? null : end - start > max ? OVERSIZED : Arrays.copyOfRange(buf, start, end);
                    }
                    if (end - start > max) {
                        // known to be over: answered now, its rest dropped on the next call
                        dropping = true;
                        pos = end = 0;
                        return OVERSIZED;
                    }
                    pos = start;
                    compact();
                    start = 0;
                    i = end;
                    int n = in.read(buf, end, buf.length - end);
                    if (n < 0) eof = true;
                    else end += n;
                    continue;
                }
                byte b = buf[i];
                if (skipLf) {
                    skipLf = false;
                    if (b == '\n') {
                        start = ++i;
                        continue;
                    }
                }
                if (b == '\n' || b == '\r') {
                    pos = i + 1;
                    skipLf = b == '\r';
                    return i - start > max ? OVERSIZED : Arrays.copyOfRange(buf, start, i);
                }
                i++;
            }
        }
    }
}
