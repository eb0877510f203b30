package dev.pplsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test fixtures over copies of the working tree's policies/ and rules/, edited to plant one mistake. */
public final class TestTrees {

    private TestTrees() {
    }

    /** Copies {@code dir} (relative to the project) into {@code into}, and returns the copy. */
    public static Path copy(String dir, Path into) throws IOException {
        Path src = Path.of(dir), dst = into.resolve(dir);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path f : s.toList()) {
                Path t = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
        return dst;
    }

    /** Replaces {@code from} (literally, else as a regular expression) in a file; the fixture text must be there. */
    public static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        String changed = text.replace(from, to);
        if (changed.equals(text)) changed = text.replaceFirst(from, to);
        assertNotEquals(text, changed, "fixture text present in " + file + ": " + from);
        Files.writeString(file, changed);
    }

    /**
     * Copies policies/, plants one edit in {@code file}, loads it with {@code load} and returns the one-line error.
     */
    public static String policyError(Path tmp, String file, String from, String to, Function<Path, ?> load) throws IOException {
        Path root = copy("policies", tmp);
        edit(root.resolve(file), from, to);
        String m = assertThrows(dev.pplsim.request.InputException.class, () -> load.apply(root)).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }
}
