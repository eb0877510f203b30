package dev.pplsim.io;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One updating line on stderr for a long run ({@code pplsim: lint: 120,000 of 400,000 runs, 3.1 s}), written
 * over itself with a carriage return and cleared at the end. Off unless a command starts it; shown only once the
 * run has taken a second, at most ten times a second, so a short run says nothing. The counts come from whoever runs
 * the rules ({@link #expect}, {@link #done}); the report on stdout never depends on it.
 */
public final class Progress {

    /** A run shorter than this shows no line at all (-Dpplsim.progressAfterMillis changes it, for tests). */
    static final long DELAY_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 100_000_000L;

    private static volatile Progress current;

    private final String label;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private final long delay = Long.getLong("pplsim.progressAfterMillis", DELAY_NANOS / 1_000_000) * 1_000_000;
    private final AtomicLong done = new AtomicLong(), total = new AtomicLong();
    private long last;
    private int width;

    private Progress(String label, PrintStream err) {
        this.label = label;
        this.err = err;
    }

    /** Starts reporting for a command (replacing any earlier report, which is cleared). */
    public static void start(String label, PrintStream err) {
        stop();
        current = new Progress(label, err);
    }

    /** Whether a report is running. */
    public static boolean active() {
        return current != null;
    }

    /** More work announced: {@code n} runs to come. */
    public static void expect(long n) {
        Progress p = current;
        if (p != null) p.total.addAndGet(n);
    }

    /** {@code n} runs done; may redraw the line. */
    public static void done(long n) {
        Progress p = current;
        if (p != null) p.advance(n);
    }

    /** Ends the report, clearing its line if one was shown. */
    public static void stop() {
        Progress p = current;
        current = null;
        if (p != null) p.clear();
    }

    private void advance(long n) {
        long d = done.addAndGet(n);
        long now = System.nanoTime();
        if (now - start < delay) return;
        synchronized (this) {
            if (width > 0 && now - last < EVERY_NANOS) return;
            last = now;
            String line = String.format(Locale.ROOT, "pplsim: %s: %,d of %,d runs, %.1f s", label, d, Math.max(d, total.get()), (now - start) / 1e9);
            // padded over a longer line before it: the counts only grow, the label stays, but be safe
            err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            err.flush();
            width = Math.max(width, line.length());
        }
    }

    private synchronized void clear() {
        if (width == 0) return;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }
}
