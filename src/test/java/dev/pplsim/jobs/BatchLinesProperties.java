package dev.pplsim.jobs;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/** The batch's line splitter ends lines where a BufferedReader ends them, whatever the pipe hands it at a time. */
class BatchLinesProperties {

    @Test
    void lines_end_where_buffered_reader_ends_them() throws IOException {
        AtomicLong ran = new AtomicLong();
        qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
            ran.incrementAndGet();
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder b = new StringBuilder();
            String[] parts = {"\n", "\r", "\r\n", "\n\r", "", " ", "{\"id\":1}", "x", "\u00e9", "\u20ac"};
            // some inputs long enough that a line and its ending straddle the splitter's 64 KiB buffer
            int n = r.nextInt(4) == 0 ? 30_000 : 40;
            for (int k = 0; k < n; k++) b.append(parts[r.nextInt(parts.length)]);
            if (r.nextBoolean()) b.insert(r.nextInt(b.length() + 1), "y".repeat(65_535));
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            try {
                assertEquals(readLines(bytes), split(bytes));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(ran.get() >= 1_000, "only " + ran.get() + " examples ran");
    }

    /**
     * With a limit, a line over it comes out as OVERSIZED (its bytes dropped, however the pipe cuts them) and every
     * other line as BufferedReader ends it; the buffer stays within the limit's reach.
     */
    @Test
    void lines_over_the_limit_are_oversized_and_the_rest_end_as_buffered_reader_ends_them() {
        AtomicLong over = new AtomicLong();
        qt().withExamples(2_000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int max = 1 + r.nextInt(r.nextBoolean() ? 16 : 70_000);
            StringBuilder b = new StringBuilder();
            String[] parts = {"\n", "\r", "\r\n", "", " ", "{\"id\":1}", "x", "\u00e9", "\u20ac"};
            for (int k = r.nextInt(400); k > 0; k--) {
                b.append(parts[r.nextInt(parts.length)]);
                if (r.nextInt(50) == 0) b.append("y".repeat(r.nextInt(2 * max + 2)));
            }
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            try {
                List<String> expected = new ArrayList<>();
                for (String l : readLines(bytes)) {
                    boolean long_ = l.getBytes(StandardCharsets.UTF_8).length > max;
                    if (long_) over.incrementAndGet();
                    expected.add(long_ ? "<oversized>" : l);
                }
                assertEquals(expected, split(bytes, max));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(over.get() >= 100, "only " + over.get() + " lines over the limit");
    }

    @Test
    void splitter_examples() throws IOException {
        assertEquals(List.of("a", "b", "c", "", "d"), split("a\nb\r\nc\r\rd".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("", ""), split("\n\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), split(new byte[0]));
        BatchRunner.Lines lines = new BatchRunner.Lines(new ByteArrayInputStream("\u00e9\r\n".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new byte[]{(byte) 0xC3, (byte) 0xA9}, lines.next());
        assertNull(lines.next());
    }

    private static List<String> readLines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        for (String l; (l = in.readLine()) != null; ) out.add(l);
        return out;
    }

    private static List<String> split(byte[] bytes) throws IOException {
        return split(bytes, Inputs.DEFAULT_MAX_LINE_BYTES);
    }

    private static List<String> split(byte[] bytes, int max) throws IOException {
        List<String> out = new ArrayList<>();
        // a stream that hands out a few bytes at a time, as a pipe does
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + (int) (bytes.length % 7919)));
            }
        };
        BatchRunner.Lines lines = new BatchRunner.Lines(trickle, max);
        // as the batch reads: asking whether a line is at hand (which may find its ending) before most lines
        SplittableRandom r = new SplittableRandom(bytes.length);
        for (byte[] l; ; ) {
            if (r.nextInt(4) != 0) lines.pending();
            if ((l = lines.next()) == null) break;
            out.add(l == BatchRunner.Lines.OVERSIZED ? "<oversized>" : new String(l, StandardCharsets.UTF_8));
            assertTrue(lines.capacity() <= max + 2, "a buffer of " + lines.capacity() + " for a limit of " + max);
        }
        return out;
    }
}
