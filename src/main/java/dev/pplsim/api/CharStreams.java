package dev.pplsim.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Characters to the batch runner's UTF-8 bytes and back, streaming: the runner answers a line as soon as it is read,
 * so a caller on a pipe gets each answer without closing its side first.
 */
final class CharStreams {

    private CharStreams() {
    }

    /** A reader's characters as UTF-8 bytes, read as they come. */
    static final class Encoding extends InputStream {
        private final Reader in;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(4096).flip();
        private final ByteBuffer bytes = ByteBuffer.allocate(3 * 4096 + 16).flip();
        private boolean eof;
        private boolean flushed;

        Encoding(Reader in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            while (!bytes.hasRemaining()) {
                if (flushed) return -1;
                fill();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        private void fill() throws IOException {
            bytes.clear();
            if (!eof) {
                chars.compact();
                int n = in.read(chars);
                chars.flip();
                if (n < 0) eof = true;
            }
            encoder.encode(chars, bytes, eof);
            if (eof && !chars.hasRemaining()) {
                encoder.flush(bytes);
                flushed = true;
            }
            bytes.flip();
        }
    }

    /** UTF-8 bytes written as characters to a writer; a character split between two writes waits for its rest. */
    static final class Decoding extends OutputStream {
        private final Writer out;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer pending = ByteBuffer.allocate(8);
        private final CharBuffer chars = CharBuffer.allocate(4096);

        Decoding(Writer out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer in = ByteBuffer.wrap(b, off, len);
            // the tail of a character the previous write left, completed byte by byte
            while (pending.position() > 0 && in.hasRemaining()) {
                pending.put(in.get());
                pending.flip();
                decode(pending);
                pending.compact();
            }
            decode(in);
            if (in.hasRemaining()) pending.put(in);
        }

        private void decode(ByteBuffer in) throws IOException {
            while (true) {
                CoderResult r = decoder.decode(in, chars, false);
                drain();
                if (r.isUnderflow()) return;
            }
        }

        private void drain() throws IOException {
            chars.flip();
            out.write(chars.array(), chars.position(), chars.remaining());
            chars.clear();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
