package dev.pplsim.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full explanations of named cases, text and JSON, kept as golden files and compared byte for byte: the stages,
 * the refusal's causes and the verified counterfactuals are what a learner reads, so any change to them is
 * deliberate. {@code mvn test -Dtest=ExplanationGoldenTests -Dgolden.update=true} rewrites them; review the diff.
 */
class ExplanationGoldenTests {

    private static final Path DIR = Path.of("src/test/resources/golden/explanations");

    static Stream<Arguments> cases() {
        return Stream.of(
                // spec §9.1: refused by protection although SeDebugPrivilege granted everything
                c("admin-reads-lsass-runasppl", "STATUS_ACCESS_DENIED", "--caller", "None", "--target", "Lsa-Light", "--token", "admin-elevated",
                        "--access", "PROCESS_VM_READ|PROCESS_QUERY_INFORMATION"),
                // spec §9.2
                c("admin-queries-lsass-limited", "STATUS_SUCCESS", "--caller", "None", "--target", "Lsa-Light", "--token", "admin-elevated",
                        "--access", "PROCESS_QUERY_LIMITED_INFORMATION"),
                // spec §4.2: the same user at Medium against its own elevated process
                c("medium-user-reads-elevated-process", "STATUS_ACCESS_DENIED", "--caller", "None", "--target", "None", "--token", "admin-filtered",
                        "--target-token", "admin-elevated", "--access", "PROCESS_VM_READ"),
                // spec §4.3: the trust label of an App-PPL process's token
                c("user-adjusts-app-ppl-token", "STATUS_ACCESS_DENIED", "--object", "token", "--caller", "None", "--target", "App-Light",
                        "--token", "standard-user", "--target-token", "standard-user", "--access", "TOKEN_ADJUST_PRIVILEGES"),
                c("user-queries-app-ppl-token", "STATUS_SUCCESS", "--object", "token", "--caller", "None", "--target", "App-Light",
                        "--token", "standard-user", "--target-token", "standard-user", "--access", "TOKEN_QUERY"),
                // the process handle NtOpenProcessToken needs is refused by a SYSTEM process's DACL
                c("user-opens-lsass-token", "STATUS_ACCESS_DENIED", "--object", "token", "--caller", "None", "--target", "Lsa-Light",
                        "--token", "standard-user", "--access", "TOKEN_QUERY"),
                // spec §3.4: the receiving process is the caller of PspProcessOpen
                c("duplicate-lsass-handle-to-unprotected", "STATUS_ACCESS_DENIED", "--operation", "duplicate", "--caller", "None", "--target", "Lsa-Light",
                        "--token", "admin-elevated", "--source-access", "PROCESS_ALL_ACCESS"),
                // spec §3.4: the Dbgk check
                c("admin-debugs-lsass", "STATUS_PROCESS_IS_PROTECTED", "--operation", "debug", "--caller", "None", "--target", "Lsa-Light",
                        "--token", "admin-elevated"),
                // spec §4.1: a deny ACE for Everyone before the allow
                c("deny-ace-before-allow", "STATUS_ACCESS_DENIED", "--caller", "None", "--target", "None", "--token", "standard-user",
                        "--sd", "O:SYD:(D;;0x10;;;WD)(A;;0x1fffff;;;WD)S:(ML;;NW;;;ME)", "--access", "PROCESS_VM_READ|SYNCHRONIZE"),
                // spec §4.1: a UAC-filtered token's deny-only Administrators group meets a deny ACE
                c("deny-only-administrators", "STATUS_ACCESS_DENIED", "--caller", "None", "--target", "None", "--token", "admin-filtered",
                        "--sd", "O:SYD:(D;;0x1;;;BA)(A;;0x1fffff;;;AU)S:(ML;;NW;;;ME)", "--access", "PROCESS_TERMINATE"),
                // MAXIMUM_ALLOWED collects what the DACL grants, then the open procedure adds implied rights
                c("maximum-allowed-through-a-dacl", "STATUS_SUCCESS", "--caller", "None", "--target", "None", "--token", "standard-user",
                        "--sd", "O:SYD:(A;;0x1410;;;WD)S:(ML;;NW;;;LW)", "--access", "MAXIMUM_ALLOWED"),
                // spec §2.2: ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege
                c("access-system-security-without-privilege", "STATUS_PRIVILEGE_NOT_HELD", "--caller", "None", "--target", "None",
                        "--token", "admin-elevated", "--access", "ACCESS_SYSTEM_SECURITY|PROCESS_QUERY_LIMITED_INFORMATION"),
                // spec §9.5 without a token: the protection-only model
                c("csrss-opens-lsass", "STATUS_SUCCESS", "--caller", "WinTcb-Light", "--target", "Lsa-Light", "--access", "PROCESS_ALL_ACCESS"),
                // spec §9.10 with a token: THREAD_SUSPEND_RESUME on an lsass thread
                c("admin-suspends-lsass-thread", "STATUS_ACCESS_DENIED", "--object", "thread", "--caller", "None", "--target", "Lsa-Light",
                        "--token", "admin-elevated", "--access", "THREAD_SUSPEND_RESUME"));
    }

    private static Arguments c(String name, String status, String... args) {
        return Arguments.of(name, status, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explanation_equals_its_golden_files(String name, String status, String[] args) throws Exception {
        for (boolean json : new boolean[]{false, true}) {
            List<String> argv = new ArrayList<>(List.of("decide"));
            argv.addAll(List.of(args));
            argv.add("--explain=full");
            if (json) argv.add("--json");
            String actual = run(argv.toArray(String[]::new));
            assertTrue(actual.contains(status), name + ": expected " + status + " in\n" + actual);
            Path golden = DIR.resolve(name + (json ? ".json" : ".txt"));
            if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
                Files.writeString(golden, actual);
                if (!Boolean.getBoolean("golden.update")) throw new AssertionError("golden file was missing and has been written: " + golden + "; review and commit it");
            }
            assertEquals(Files.readString(golden), actual, name + " differs from " + golden + " (rerun with -Dgolden.update=true after a deliberate change)");
        }
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            exit = Main.run(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, exit, String.join(" ", args));
        return buf.toString(StandardCharsets.UTF_8);
    }
}
