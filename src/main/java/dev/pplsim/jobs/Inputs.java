package dev.pplsim.jobs;

import dev.pplsim.io.Outputs;
import dev.pplsim.request.FastLine;
import dev.pplsim.request.InputException;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the tool's input comes from, read so that hostile input ends in one line (the counterpart of
 * {@link Outputs}): a path that is anything readable but a directory (a file, a FIFO, {@code /dev/stdin}, a shell's
 * {@code <(...)}), or {@code -} for standard input; its text UTF-8 with or without a byte-order mark, or UTF-16 with
 * one (what PowerShell 5.1's {@code >} writes), detected from the first bytes and turned into UTF-8 as it is read,
 * so every reader downstream sees UTF-8 bytes; its lines bounded in bytes ({@link #DEFAULT_MAX_LINE_BYTES}).
 */
public final class Inputs {

    /**
     * The default longest line, in bytes of UTF-8. The longest legitimate line carries an inline token and an SDDL
     * descriptor: an ACL's size is a 16-bit field (at most 65,535 bytes in binary), so even a descriptor with a full
     * DACL and SACL spelled as SDDL, beside a token of a thousand groups, stays in the low hundreds of KiB. 1 MiB is
     * several times that, and small enough that the few lines in hand at once (a chunk of a batch is capped at
     * {@link BatchRunner}'s byte budget) and their parse trees fit a 256 MB heap with room to spare.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    /** The largest limit accepted: a line is held in one array of at most the limit and two bytes. */
    public static final int MAX_MAX_LINE_BYTES = 1 << 30;

    private Inputs() {
    }

    /**
     * An input's text as UTF-8 bytes, and the encoding it was in (for messages about text that is not valid in it).
     * Closing it closes the source (standard input included: nothing else reads it).
     */
    public record Text(InputStream utf8, String encoding) implements Closeable {

        /** What is wrong with a line that is not valid text, {@code at} its first bad byte (0-based, in UTF-8). */
        public String malformed(int at) {
            return encoding.equals("UTF-8") ? "invalid UTF-8 at byte " + (at + 1) + " of the line" : invalid() + " in the line";
        }

        /** What is wrong with text that is not valid in the input's encoding. */
        public String invalid() {
            return encoding.equals("UTF-8") ? "invalid UTF-8" : "invalid " + encoding + " (an unpaired surrogate or an odd byte)";
        }

        /** A line's bytes as text, or an error at {@code where} when they are not valid in the input's encoding. */
        public String line(byte[] bytes, String where) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            // decoding replaces what is malformed with U+FFFD: only a line that has one can be malformed
            if (text.indexOf('\uFFFD') >= 0) {
                int bad = FastLine.malformedUtf8(bytes);
                if (bad >= 0) throw InputException.at(where, malformed(bad));
            }
            return text;
        }

        @Override
        public void close() throws IOException {
            utf8.close();
        }
    }

    /** {@code -} for standard input, or a path that is not a directory; a missing or unreadable one is bad input. */
    public static Text open(String file) {
        if (file.equals("-")) return decode(System.in);
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            throw InputException.at(InputException.quoted(file), "not a path");
        }
        if (Files.isDirectory(p)) throw InputException.at(file, "is a directory");
        InputStream in;
        try {
            // FileInputStream rather than Files.newInputStream: its available() asks the pipe or FIFO how much is
            // there, which lets the batch answer a request as it comes (a channel's says 0 for anything but a file)
            in = new FileInputStream(p.toFile());
        } catch (FileNotFoundException e) {
            if (!Files.exists(p)) throw InputException.at(file, "no such file");
            if (!Files.isReadable(p)) throw InputException.at(file, "permission denied");
            throw InputException.at(file, "cannot read: " + Outputs.reason(e));
        }
        try {
            return decode(in);
        } catch (InputException e) {
            closeQuietly(in);
            throw InputException.at(file, e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** The input's text as UTF-8: a UTF-8 byte-order mark is dropped, UTF-16 after its mark is transcoded. */
    public static Text decode(InputStream in) {
        try {
            // read a byte at a time, and only as far as a mark could go, so an interactive caller is not kept waiting
            int b0 = in.read();
            if (b0 < 0) return new Text(in, "UTF-8");
            if (b0 == 0xEF) {
                int b1 = in.read();
                if (b1 != 0xBB) return new Text(new Prefixed(in, b0, b1), "UTF-8");
                int b2 = in.read();
                if (b2 != 0xBF) return new Text(new Prefixed(in, b0, b1, b2), "UTF-8");
                return new Text(in, "UTF-8");
            }
            if (b0 == 0xFF || b0 == 0xFE) {
                int b1 = in.read();
                if (b0 == 0xFF && b1 == 0xFE) {
                    // FF FE 00 00 is UTF-32LE's mark, refused as policy YAML refuses it, not read as UTF-16 NULs
                    int b2 = in.read(), b3 = b2 == 0 ? in.read() : -2;
                    if (b2 == 0 && b3 == 0) throw utf32();
                    return new Text(new Utf16(b3 == -2 ? new Prefixed(in, b2) : new Prefixed(in, b2, b3), true), "UTF-16LE");
                }
                if (b0 == 0xFE && b1 == 0xFF) return new Text(new Utf16(in, false), "UTF-16BE");
                return new Text(new Prefixed(in, b0, b1), "UTF-8");
            }
            if (b0 == 0) {
                int b1 = in.read();
                if (b1 != 0) return new Text(new Prefixed(in, b0, b1), "UTF-8");
                int b2 = in.read();
                if (b2 != 0xFE) return new Text(new Prefixed(in, b0, b1, b2), "UTF-8");
                int b3 = in.read();
                if (b3 == 0xFF) throw utf32();
                return new Text(new Prefixed(in, b0, b1, b2, b3), "UTF-8");
            }
            return new Text(new Prefixed(in, b0), "UTF-8");
        } catch (IOException e) {
            throw new InputException("cannot read: " + Outputs.reason(e));
        }
    }

    private static InputException utf32() {
        return new InputException("the input is UTF-32 (by its byte order mark); save it as UTF-8 or UTF-16");
    }

    /** Checks a {@code --max-line-bytes} value. */
    public static int maxLineBytes(int value) {
        if (value < 1 || value > MAX_MAX_LINE_BYTES) {
            throw InputException.at("--max-line-bytes", String.format(Locale.ROOT, "%,d is not a line limit (expected 1 to %,d bytes)",
                    value, MAX_MAX_LINE_BYTES));
        }
        return value;
    }

    /** The message for a line over the limit. */
    public static String overLimit(int max, String what) {
        return String.format(Locale.ROOT, "the %s is over the limit of %,d bytes (--max-line-bytes)", what, max);
    }


    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the error being reported is the one that matters
        }
    }

    /** A stream with a few bytes read before it; those are returned alone, so a read never waits for more. */
    private static final class Prefixed extends InputStream {
        private final InputStream in;
        private final int[] first;
        private int next;

        Prefixed(InputStream in, int... first) {
            this.in = in;
            this.first = first;
        }

        private boolean inPrefix() {
            // a -1 in the prefix is the end of the stream, reached while looking for a mark
            return next < first.length && first[next] >= 0;
        }

        @Override
        public int read() throws IOException {
            if (inPrefix()) return first[next++];
            return next < first.length ? -1 : in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (inPrefix()) {
                int n = 0;
                while (n < len && inPrefix()) b[off + n++] = (byte) first[next++];
                return n;
            }
            return next < first.length ? -1 : in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            int n = 0;
            for (int k = next; k < first.length && first[k] >= 0; k++) n++;
            return n > 0 ? n : next < first.length ? 0 : in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * UTF-16 code units turned into UTF-8 as they are read. What is not UTF-16 (a surrogate without its pair, an odd
     * last byte) becomes the byte 0xFF, which no UTF-8 has: that line is then refused as malformed, not mended.
     */
    static final class Utf16 extends InputStream {
        private final InputStream in;
        private final boolean little;
        private final byte[] raw = new byte[1 << 15];
        // two bytes in give at most three out
        private final byte[] out = new byte[raw.length / 2 * 3 + 4];
        private int rawPos, rawEnd, outPos, outEnd;
        private boolean eof;

        Utf16(InputStream in, boolean little) {
            this.in = in;
            this.little = little;
        }

        @Override
        public int read() throws IOException {
            if (outPos == outEnd && !fill()) return -1;
            return out[outPos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (outPos == outEnd && !fill()) return -1;
            int n = Math.min(len, outEnd - outPos);
            System.arraycopy(out, outPos, b, off, n);
            outPos += n;
            return n;
        }

        /**
         * At least one byte can be had without waiting: one is converted, or four bytes are in (a whole code point, or
         * enough to know it is not one).
         */
        @Override
        public int available() throws IOException {
            if (outEnd > outPos) return outEnd - outPos;
            return rawEnd - rawPos + (eof ? 0 : in.available()) >= 4 ? 1 : 0;
        }

        /** Converts what is in, reading (and waiting) until at least one byte comes of it; false at the end. */
        private boolean fill() throws IOException {
            outPos = outEnd = 0;
            while (true) {
                convert();
                if (outEnd > 0) return true;
                if (eof) {
                    if (rawEnd > rawPos) { // an odd byte, or a high surrogate, at the very end
                        out[outEnd++] = (byte) 0xFF;
                        rawPos = rawEnd;
                        return true;
                    }
                    return false;
                }
                if (rawPos > 0) {
                    System.arraycopy(raw, rawPos, raw, 0, rawEnd - rawPos);
                    rawEnd -= rawPos;
                    rawPos = 0;
                }
                int n = in.read(raw, rawEnd, raw.length - rawEnd);
                if (n < 0) eof = true;
                else rawEnd += n;
            }
        }

        private int unit(int at) {
            int a = raw[at] & 0xFF, b = raw[at + 1] & 0xFF;
            return little ? b << 8 | a : a << 8 | b;
        }

        /** Every whole code unit in; a high surrogate waits for the unit after it unless the stream has ended. */
        private void convert() {
            while (rawEnd - rawPos >= 2) {
                int u = unit(rawPos);
                if (u < 0x80) {
                    out[outEnd++] = (byte) u;
                } else if (u < 0x800) {
                    out[outEnd++] = (byte) (0xC0 | u >> 6);
                    out[outEnd++] = (byte) (0x80 | u & 0x3F);
                } else if (u >= 0xD800 && u <= 0xDBFF) {
                    if (rawEnd - rawPos < 4) {
                        if (!eof) return;
                        out[outEnd++] = (byte) 0xFF;
                        rawPos += 2;
                        continue;
                    }
                    int low = unit(rawPos + 2);
                    if (low < 0xDC00 || low > 0xDFFF) {
                        out[outEnd++] = (byte) 0xFF; // the unit after it is read on its own
                        rawPos += 2;
                        continue;
                    }
                    int cp = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                    out[outEnd++] = (byte) (0xF0 | cp >> 18);
                    out[outEnd++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    out[outEnd++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    out[outEnd++] = (byte) (0x80 | cp & 0x3F);
                    rawPos += 2;
                } else if (u >= 0xDC00 && u <= 0xDFFF) {
                    out[outEnd++] = (byte) 0xFF;
                } else {
                    out[outEnd++] = (byte) (0xE0 | u >> 12);
                    out[outEnd++] = (byte) (0x80 | u >> 6 & 0x3F);
                    out[outEnd++] = (byte) (0x80 | u & 0x3F);
                }
                rawPos += 2;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
