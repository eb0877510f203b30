package dev.pplsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Build step (Maven, package, after the shaded jar): a static class-data-sharing archive of the classes a decision
 * loads, which {@code ./pplsim} maps instead of loading and verifying them at every start (measured with the earlier
 * launcher's archive: a fresh decide 0.67 s against 1.33 s with the JDK's archive only). Static, not one recorded at
 * exit: picocli ships Java 5 class files, which a dynamic archive skips. Written under a temporary name and moved
 * into place whole, because a truncated archive crashes the JVM that maps it. A JVM that cannot dump only costs the
 * start-up, so a failure is said and the build goes on.
 */
public final class ClassArchive {

    private ClassArchive() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: ClassArchive JAR ARCHIVE CHECKOUT");
            System.exit(2);
        }
        Path jar = Path.of(args[0]), archive = Path.of(args[1]);
        Path list = Path.of(args[1] + ".classes"), partial = Path.of(args[1] + ".tmp");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            // the classes of a typical one-shot decision, with its explanation, read from the checkout as the launcher does
            boolean ok = run(List.of(java, "-XX:DumpLoadedClassList=" + list, "-Dpplsim.home=" + args[2], "-jar", jar.toString(), "decide", "--caller", "None",
                    "--target", "Lsa-Light", "--access", "PROCESS_VM_READ", "--explain"))
                    && run(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + partial,
                    "-Xlog:cds=off", "-cp", jar.toString()));
            if (ok && Files.size(partial) > 0) {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("pplsim: class-data archive " + archive + " (" + Files.size(archive) / (1 << 20) + " MB)");
            } else {
                Files.deleteIfExists(archive);
                System.out.println("pplsim: no class-data archive (this JVM could not make one); runs start without it");
            }
        } catch (IOException e) {
            System.out.println("pplsim: no class-data archive (" + e.getMessage() + "); runs start without it");
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(partial);
        }
    }

    private static boolean run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        return p.waitFor() == 0;
    }
}
