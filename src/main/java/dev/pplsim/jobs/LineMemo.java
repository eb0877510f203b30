package dev.pplsim.jobs;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decision lines by the text of their request after the id. A batch repeats requests that differ only in their
 * id (a test suite's cases over a few callers, targets and rights), and a line's answer is a function of its
 * text: the id is echoed, the rest is parsed and decided the same way each time. So a line spelled
 * {@code {"id":ID,REST} whose REST was decided before is answered by echoing ID before that decision's output,
 * without decoding, parsing or deciding it again. Only ids echoed byte for byte qualify (canonical integers of up
 * to 18 digits, ASCII strings without escapes or control characters); only decisions are kept (an error names its line
 * number); explained lines are not kept. Bounded: cleared when full, and given up when a fill's worth of lines
 * brought fewer than one hit in eight (a batch of distinct requests then pays nothing more for it; measured 5-10%
 * of its time before). {@code LineMemoProperties} checks that a batch answers the same with and without it.
 */
final class LineMemo {

    private static final int MAX = 16_384;
    /**
     * The longest request rest and answer kept, in bytes: the memo pays for short requests repeated with other ids, and
     * a line with a long descriptor (its DACL up to 64 KB, its answer listing a rule per ACE) would let a full memo hold
     * gigabytes; at this bound it holds at most 16,384 x 4 KB.
     */
    static final int MAX_KEPT = 2048;
    private static final byte[] PREFIX = BatchProtocol.LINE_START_BYTES;

    /** A range of a line's bytes, hashed once. */
    private static final class Rest {
        final byte[] bytes;
        final int from, to, hash;

        Rest(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            int h = 1;
            for (int i = from; i < to; i++) h = 31 * h + bytes[i];
            this.hash = h;
        }

        Rest copy() {
            return new Rest(Arrays.copyOfRange(bytes, from, to), 0, to - from);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rest r && r.hash == hash && Arrays.equals(bytes, from, to, r.bytes, r.from, r.to);
        }
    }

    /** What follows the id in the output line, newline included. */
    private final ConcurrentHashMap<Rest, byte[]> after = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean useful = true;

    /** False once the memo has shown that this batch does not repeat itself. */
    boolean useful() {
        return useful;
    }

    /**
     * Where the id of a {@code {"id":ID,...} line ends (the index of the comma after it), when ID is one the output
     * echoes byte for byte; else -1.
     */
    static int idEnd(byte[] line) {
        if (line.length < PREFIX.length + 2 || !Arrays.equals(line, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) return -1;
        int i = PREFIX.length;
        if (line[i] == '"') {
            int end = dev.pplsim.request.FastLine.stringEnd(line, i);
            if (end < 0) return -1;
            i = end + 1;
        } else {
            int end = dev.pplsim.request.FastLine.integerEnd(line, i);
            // Jackson reads -0 as 0: not echoed as spelled
            if (end < 0 || (line[i] == '-' && line[i + 1] == '0')) return -1;
            i = end;
        }
        return i < line.length && line[i] == ',' ? i : -1;
    }

    /** The output line for this line, if its rest was decided before; else null. */
    byte[] get(byte[] line, int idEnd) {
        if (line.length - idEnd > MAX_KEPT) return null;
        byte[] tail = after.get(new Rest(line, idEnd, line.length));
        if (tail == null) return null;
        hits.increment();
        byte[] out = Arrays.copyOf(line, idEnd + tail.length);
        System.arraycopy(tail, 0, out, idEnd, tail.length);
        return out;
    }

    /** Keeps a decision's output line (newline included) for the rest of the line it answers. */
    void put(byte[] line, int idEnd, byte[] output) {
        // the output echoes the id exactly where the input had it, or it is not kept
        if (output.length < idEnd || !Arrays.equals(line, 0, idEnd, output, 0, idEnd) || output[idEnd] != ',') return;
        if (line.length - idEnd > MAX_KEPT || output.length - idEnd > MAX_KEPT) return;
        if (after.size() >= MAX) {
            synchronized (this) {
                if (after.size() >= MAX) {
                    if (hits.sumThenReset() < MAX / 8) useful = false;
                    after.clear();
                }
            }
            if (!useful) return;
        }
        after.put(new Rest(line, idEnd, line.length).copy(), Arrays.copyOfRange(output, idEnd, output.length));
    }
}
