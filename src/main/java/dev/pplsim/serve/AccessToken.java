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
 * the loopback port but not read the file, so cannot call the API.
 */
final class AccessToken {

    private static final Set<PosixFilePermission> OWNER_FILE = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final String value;
    private volatile Path file;

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

    /** Removes the token's file: a stopped server's token opens nothing, and is not left lying about. */
    void delete() {
        Path f = file;
        if (f == null) return;
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // the token is dead with the server anyway
        }
    }
}
