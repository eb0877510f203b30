package dev.pplsim.oracle;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Materialised;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Operation;
import dev.pplsim.policy.InputException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Streams a batch: lines are read a chunk at a time, decoded, parsed, decided and encoded on every core, and
 * written in input order before the next chunk is read, so memory stays bounded whatever the input's length.
 * Lines end as {@link java.io.BufferedReader#readLine()} ends them ({@code \n}, {@code \r} or {@code \r\n});
 * blank lines are skipped. Opens of a process or thread, with or without the caller's token, are decided from the
 * table materialised from the rules ({@link Materialised}); a token object, a duplicate or a debugger attach, and
 * every line when explaining, is decided by the rules themselves (the table holds no trace). Bytes, not characters,
 * cross the pipe: the one reading thread only splits lines and the one writing thread only copies them, since
 * decoding and encoding on those threads held the other core idle.
 */
public final class BatchRunner {

    /** Lines per chunk: enough to keep both cores busy, few enough to bound memory. */
    private static final int CHUNK = 4096;

    /** Lines read, decided and refused. */
    public record Counts(long lines, long decided, long errors) {
    }

    private BatchRunner() {
    }

    public static Counts run(Simulator simulator, InputStream in, OutputStream out) throws IOException {
        return run(simulator, in, out, ExplainMode.OFF);
    }

    /** With {@code explain} other than OFF, each decision line carries its stages. */
    public static Counts run(Simulator simulator, InputStream in, OutputStream sink, ExplainMode explain) throws IOException {
        // a batch repeats protection keys and masks: decide from the table materialised from the rules
        Materialised table = new Materialised(simulator);
        Lines lines = new Lines(in);
        OutputStream out = new BufferedOutputStream(sink, 1 << 16);
        long lineNo = 0, decided = 0, errors = 0;
        byte[][] raw = new byte[CHUNK][];
        long[] numbers = new long[CHUNK];
        byte[][] results = new byte[CHUNK][];
        boolean[] failed = new boolean[CHUNK];
        boolean more = true;
        while (more) {
            int count = 0;
            byte[] line;
            while (count < CHUNK && (line = lines.next()) != null) {
                raw[count] = line;
                numbers[count++] = ++lineNo;
            }
            more = count == CHUNK;
            IntStream.range(0, count).parallel().forEach(i -> {
                String text = new String(raw[i], StandardCharsets.UTF_8);
                failed[i] = false;
                if (text.isBlank()) {
                    results[i] = null;
                    return;
                }
                String result;
                BatchProtocol.Line parsed = BatchProtocol.parse(text, simulator::security);
                if (parsed.error() != null) {
                    result = BatchProtocol.errorLine(parsed.id(), "line " + numbers[i] + ": " + parsed.error());
                    failed[i] = true;
                } else {
                    try {
                        AccessQuery q = parsed.query();
                        Decision d = explain == ExplainMode.OFF ? table.decide(q) : simulator.decide(q);
                        result = BatchProtocol.decisionLine(parsed.id(), d, explain);
                    } catch (InputException e) {
                        result = BatchProtocol.errorLine(parsed.id(), "line " + numbers[i] + ": " + e.getMessage());
                        failed[i] = true;
                    }
                }
                results[i] = (result + "\n").getBytes(StandardCharsets.UTF_8);
            });
            for (int i = 0; i < count; i++) {
                raw[i] = null;
                if (results[i] == null) continue;
                out.write(results[i]);
                results[i] = null;
                if (failed[i]) errors++;
                else decided++;
            }
            out.flush();
        }
        return new Counts(lineNo, decided, errors);
    }

    /** Splits a byte stream into lines as BufferedReader.readLine does: {@code \n}, {@code \r} or {@code \r\n} end one. */
    static final class Lines {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int pos, end;
        private boolean eof;
        /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that ending. */
        private boolean skipLf;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line's bytes without its ending, or null at the end of the stream. */
        byte[] next() throws IOException {
            int start = pos, i = pos;
            while (true) {
                if (i == end) {
                    if (eof) {
                        pos = end;
                        return start == end ? null : Arrays.copyOfRange(buf, start, end);
                    }
                    int len = end - start;
                    if (start > 0) System.arraycopy(buf, start, buf, 0, len);
                    else if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
                    start = 0;
                    i = end = len;
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
                    return Arrays.copyOfRange(buf, start, i);
                }
                i++;
            }
        }
    }
}
