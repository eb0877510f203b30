package dev.pplsim.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where the tool's output goes, written so that a failure is seen: standard output checked after every chunk (a
 * {@link PrintStream} keeps its errors to itself), and files written whole or not at all (a temporary file beside
 * the target, renamed over it), so a kill or a full disk leaves the old file or the new one, never half of one.
 */
public final class Outputs {

    /** What a file writer does with the stream it is given. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static final String TEMP_SUFFIX = ".pplsim-tmp";
    /** Two writes of one file in one process get two temporary files. */
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    private Outputs() {
    }

    /**
     * A stream onto {@code ps} that throws {@link OutputException} naming {@code what} as soon as a write fails, so
     * a closed pipe or a full disk stops the work at once. Callers buffer in front of it: each write here asks the
     * print stream for its error state, which flushes it.
     */
    public static OutputStream checked(PrintStream ps, String what) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                ps.write(b);
                check();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                ps.write(b, off, len);
                check();
            }

            @Override
            public void flush() {
                check();
            }

            private void check() {
                if (ps.checkError()) throw new OutputException(what);
            }
        };
    }

    /**
     * A writer onto {@code ps} (UTF-8) whose every write that fails throws {@link OutputException} naming {@code
     * what}: a {@link PrintWriter} passes runtime exceptions on, so a long report stops at the first lost line.
     */
    public static PrintWriter checkedWriter(PrintStream ps, String what) {
        return new PrintWriter(new OutputStreamWriter(checked(ps, what), StandardCharsets.UTF_8), false);
    }

    /**
     * Writes {@code file} whole or not at all: the body writes a temporary file in the same directory, which is
     * synced and renamed over the target only when the body returned. A failure deletes the temporary file and
     * throws {@link OutputException}; temporary files left by killed runs (their process gone) are removed first.
     */
    public static void writeAtomically(Path file, Body body) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) throw new OutputException(file + ": is a directory");
        if (dir == null || !Files.isDirectory(dir)) throw new OutputException(file + ": no such directory");
        removeStale(dir, target.getFileName().toString());
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + TEMP_SUFFIX);
        try {
            // CREATE_NEW: a file or symlink someone planted under this name is refused, never followed or truncated;
            // opened without attributes, so the file gets the user's umask (createTempFile would make it 0600)
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.write(out);
                out.flush();
                // on disk before the rename makes it the file: a crash must not leave an empty "new" file
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new OutputException(file + ": " + reason(e));
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * As {@link #writeAtomically}, for text: the body prints UTF-8 to a writer whose swallowed errors are checked
     * before the rename, so a disk that filled up mid-way leaves the old file.
     */
    public static void writeText(Path file, java.util.function.Consumer<PrintWriter> body) {
        writeAtomically(file, out -> {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
            body.accept(w);
            w.flush();
            if (w.checkError()) throw new IOException("write failed");
        });
    }

    /** An I/O error's reason in one line: the message, or the exception's kind when it has none. */
    public static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void removeStale(Path dir, String name) {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX);
        })) {
            for (Path t : temps) {
                String n = t.getFileName().toString();
                String owner = n.substring(prefix.length(), n.length() - TEMP_SUFFIX.length());
                String pid = owner.indexOf('-') < 0 ? owner : owner.substring(0, owner.indexOf('-'));
                if (!pid.matches("[0-9]{1,18}")) continue;
                if (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) continue;
                deleteQuietly(t);
            }
        } catch (IOException e) {
            // an unreadable directory fails the write itself, with its own message
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more can be done; the next write removes it
        }
    }
}
