package dev.pplsim.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The access token every API call carries: 32 bytes from the system's secure random source, made at start and
 * never reused, written to a file only its owner can read or write (0600, in a folder of mode 0700, created with those
 * modes so no other user can open it in between) and deleted when the server stops. Another local user can reach
 * the loopback port but not read the file, so cannot call the API. A server holds a lock on {@code FILE.lock} while it
 * runs (the file stays, holding the last server's pid), so a second server given the same file refuses to start
 * instead of overwriting the first's token (and the first, stopping, deleting the second's); the kernel drops the lock
 * of a server that died, so a restart is never locked out.
 */
final class AccessToken {

    private static final Set<PosixFilePermission> OWNER_FILE = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final String value;
    private volatile Path file;
    private java.nio.channels.FileChannel lockChannel;
    private Path lockFile;

    private AccessToken(String value) {
        this.value = value;
    }

    static AccessToken create() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    String value() {
        return value;
    }

    Path file() {
        return file;
    }

    /** {@code $XDG_RUNTIME_DIR/pplsim/serve-PORT.token}, else {@code ~/.cache/pplsim/serve-PORT.token}. */
    static Path defaultFile(int port) {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime)) ? Path.of(runtime, "pplsim")
                : Path.of(System.getProperty("user.home"), ".cache", "pplsim");
        return dir.resolve("serve-" + port + ".token");
    }

    /** Writes the token, whole, to a file of mode 0600 (the folder made 0700 when it is new). */
    void write(Path f) throws IOException {
        Path dir = f.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            else Files.createDirectories(dir);
        }
        lock(dir.resolve(f.getFileName() + ".lock"), f);
        Path tmp = dir.resolve("." + f.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            if (posix) Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            else Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + tmp + ": it appeared while writing the token");
        }
        // the mode is set again: a umask can only take bits away, and 0600 is what is meant
        if (posix) Files.setPosixFilePermissions(tmp, OWNER_FILE);
        Files.write(tmp, (value + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        file = f;
    }

    /**
     * Takes the token file's lock for this server's life, or says which server holds it. The lock file is opened
     * without following a link and must be a regular file of this user's (another user who can write to the folder
     * must not make the server write into a file of their choosing), and it is never deleted: a server that opened it
     * just as another removed it would lock a file no one else can see.
     */
    private synchronized void lock(Path lock, Path f) throws IOException {
        boolean posix = lock.getFileSystem().supportedFileAttributeViews().contains("posix");
        java.util.Set<java.nio.file.OpenOption> how = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        java.nio.channels.FileChannel ch;
        try {
            ch = posix ? java.nio.channels.FileChannel.open(lock, how, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                    : java.nio.channels.FileChannel.open(lock, how);
        } catch (IOException e) {
            throw new IOException("cannot open the token file's lock " + lock + (Files.isSymbolicLink(lock) ? ": it is a symbolic link" : ": " + e.getMessage()));
        }
        var attrs = Files.readAttributes(lock, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        boolean mine = !posix || Files.getOwner(lock, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
        if (!attrs.isRegularFile() || !mine) {
            ch.close();
            throw new IOException("the token file's lock " + lock + " is not a regular file of this user's; give another --token-file");
        }
        java.nio.channels.FileLock held;
        try {
            held = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            held = null; // this JVM holds it: another server in the same process
        }
        if (held == null) {
            String holder = new String(Files.readAllBytes(lock), StandardCharsets.US_ASCII).trim();
            ch.close();
            throw new IOException("the token file " + f + " is in use by another pplsim serve" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + "; give this one its own --token-file");
        }
        ch.truncate(0);
        ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        lockChannel = ch;
        lockFile = lock;
    }

    /**
     * Removes the token's file, if it still holds this token: a stopped server's token opens nothing and is not left
     * lying about; then frees the lock.
     */
    synchronized void delete() {
        Path f = file;
        try {
            if (f != null && Files.isRegularFile(f) && Files.readString(f, StandardCharsets.US_ASCII).trim().equals(value)) Files.delete(f);
        } catch (IOException e) {
            // the token is dead with the server anyway
        }
        file = null;
        if (lockChannel != null) {
            try {
                lockChannel.close(); // drops the lock; the file stays (see lock)
            } catch (IOException e) {
                // the kernel drops the lock with the process anyway
            }
            lockChannel = null;
        }
    }
}
