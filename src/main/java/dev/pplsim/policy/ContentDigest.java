package dev.pplsim.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of what a kept result was derived from: files (each its name relative to a base, a zero byte, its bytes, a
 * zero byte, in the order given) or strings (separated by zero bytes). The prebuilt rules' index and the proof's kept key
 * runs are each named by one, so an edit is never read across.
 */
public final class ContentDigest {

    private ContentDigest() {
    }

    /** Over {@code files}, named relative to {@code base}. */
    public static String ofFiles(Path base, List<Path> files) {
        MessageDigest md = sha256();
        try {
            for (Path f : files) {
                md.update(base.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String ofStrings(String... parts) {
        MessageDigest md = sha256();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) md.update((byte) 0);
            md.update(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
