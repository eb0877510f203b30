package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.CreationRender;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.Render;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProcessRight;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.Build;
import dev.pplsim.policy.SignerAccess;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code pplsim} with no arguments prints: the default build's dominance matrix, what each signer's denied
 * masks leave open, and a handful of well-known cases with their decisive explanations. Every cell is decided
 * by the rules, not computed here.
 */
public final class Tour {

    private Tour() {
    }

    public static void print(Simulator sim, PrintWriter out) {
        Build build = sim.policies().build(AccessQuery.DEFAULT_BUILD);
        out.println("pplsim: how Windows decides handle access to protected processes (build " + build.name() + ")");
        out.println(build.description());
        out.println();
        matrix(sim, build, out);
        out.println();
        survivors(build, out);
        out.println();
        cases(sim, out);
        creations(sim, out);
        out.println("Next: ./pplsim decide --caller None --target Lsa-Light --access PROCESS_VM_READ --explain");
        out.println("      ./pplsim create --creator None --image 'C:\\Windows\\System32\\services.exe' --image-signer WinTcb \\");
        out.println("          --flags 'CREATE_PROTECTED_PROCESS|EXTENDED_STARTUPINFO_PRESENT' --protection-level PROTECTION_LEVEL_WINTCB_LIGHT --explain");
        out.println("      ./pplsim batch FILE.jsonl     ./pplsim --help");
        out.flush();
    }

    /**
     * Starting protected processes (spec §12): the image's signature is the only gate, and what the creator gets back
     * is what the child's signer leaves open to it.
     */
    private static void creations(Simulator sim, PrintWriter out) {
        int ext = CreationFlag.CREATE_PROTECTED_PROCESS.value() | CreationFlag.EXTENDED_STARTUPINFO_PRESENT.value();
        record Start(String title, CreateQuery query) {
        }
        List<Start> starts = List.of(
                new Start("An elevated admin starts services.exe as WinTcb-Light: the creator need not dominate the child",
                        new CreateQuery(PsProtection.NONE, "admin-elevated", CreateApi.CREATE_PROCESS, null,
                                new ImageSpec("C:\\Windows\\System32\\services.exe", PsProtectedSigner.WINTCB, null, null, null),
                                ext, ProtectionLevel.PROTECTION_LEVEL_WINTCB_LIGHT.value(), false, null)),
                new Start("notepad.exe as a Windows PP: Microsoft-signed, but no protected-process EKU",
                        CreateQuery.of(PsProtection.NONE,
                                new ImageSpec("C:\\Windows\\System32\\notepad.exe", PsProtectedSigner.NONE, null, null, null),
                                ext, ProtectionLevel.PROTECTION_LEVEL_WINDOWS.value())),
                new Start("MsMpEng starts a child with PROTECTION_LEVEL_SAME",
                        CreateQuery.of(new PsProtection(0x31),
                                new ImageSpec("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\MsMpEngCP.exe",
                                        PsProtectedSigner.ANTIMALWARE, null, null, null),
                                ext, ProtectionLevel.PROTECTION_LEVEL_SAME.value())));
        out.println("Starting protected processes (spec §12): the image's signature is the only gate:");
        int n = 1;
        for (Start st : starts) {
            out.println();
            out.println(n++ + ". " + st.title());
            CreationRender.CREATION.text(sim.create(st.query()), ExplainMode.OFF, List.of()).forEach(l -> out.println("   " + l));
        }
        out.println();
    }

    /** Rows: callers; columns: targets; a cell says whether the caller passes RtlTestProtectedAccess. */
    private static void matrix(Simulator sim, Build build, PrintWriter out) {
        List<PsProtection> levels = new ArrayList<>();
        levels.add(PsProtection.NONE);
        for (int type = 1; type <= 2; type++) {
            for (PsProtectedSigner s : PsProtectedSigner.values()) {
                if (s != PsProtectedSigner.NONE && build.hasRow(s.value())) levels.add(PsProtection.of(type, false, s.value()));
            }
        }
        out.println("Signer dominance: can the row's caller open the column's target with PROCESS_VM_READ from user mode?");
        out.println("(Y: the caller passes RtlTestProtectedAccess, only the DACL would decide; .: refused by protection; spec §2.1, §3.2)");
        int w = levels.stream().mapToInt(p -> label(p).length()).max().orElse(4);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + (w + 7) + "s", "caller \\ target"));
        for (PsProtection t : levels) header.append(String.format(Locale.ROOT, " %4s", t.hex().substring(2)));
        out.println(header);
        for (PsProtection c : levels) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s %4s  ", label(c), c.hex()));
            for (PsProtection t : levels) {
                Decision d = sim.decide(AccessQuery.of(c, t, ObjectKind.PROCESS, ProcessRight.VM_READ.mask()));
                row.append(String.format(Locale.ROOT, " %4s", d.status().isSuccess() ? "Y" : "."));
            }
            out.println(row);
        }
        out.println("Note: the test is a bitmask, not an order: Lsa-Light does not dominate Antimalware-Light (spec §2.3, U),");
        out.println("      and App dominates nothing, not even App.");
    }

    private static String label(PsProtection p) {
        return p.name();
    }

    private static void survivors(Build build, PrintWriter out) {
        out.println("What protection leaves a non-dominating caller (0x001FFFFF & ~Denied*Access; spec §2.1, §2.2):");
        out.println(String.format(Locale.ROOT, "%-13s %-12s %-12s %s", "target signer", "denied proc", "denied thrd", "process rights left"));
        for (SignerAccess row : build.table()) {
            if (row.signer() == 0) continue;
            PsProtectedSigner s = PsProtectedSigner.of(row.signer());
            int left = ProcessRight.ALL_ACCESS & ~row.deniedProcessAccess();
            out.println(String.format(Locale.ROOT, "%-13s %-12s %-12s %s", s == null ? "Signer" + row.signer() : s.shortName(),
                    SdkNames.hex(row.deniedProcessAccess()), SdkNames.hex(row.deniedThreadAccess()), SdkNames.rightNames(left, ObjectKind.PROCESS)));
        }
    }

    private static void cases(Simulator sim, PrintWriter out) {
        record Case(String title, AccessQuery query) {
        }
        PsProtection admin = PsProtection.NONE;
        PsProtection lsass = new PsProtection(0x41), msmpeng = new PsProtection(0x31), csrss = new PsProtection(0x61);
        // the tokens of policies/tokens.yaml, so the security descriptor decides before protection (docs/ACCESS-CHECK.md)
        var sec = sim.security();
        java.util.function.Function<String, dev.pplsim.model.Token> token = name -> sec.token(name).token();
        List<Case> cases = List.of(
                new Case("Elevated admin (SeDebugPrivilege) reads lsass memory with RunAsPPL on (spec §9.1)",
                        AccessQuery.of(admin, lsass, ObjectKind.PROCESS, ProcessRight.VM_READ.mask() | ProcessRight.QUERY_INFORMATION.mask())
                                .withToken(token.apply("admin-elevated")).withTargetToken(token.apply("lsass"))),
                new Case("The same admin asks lsass only for PROCESS_QUERY_LIMITED_INFORMATION (spec §9.2)",
                        AccessQuery.of(admin, lsass, ObjectKind.PROCESS, ProcessRight.QUERY_LIMITED_INFORMATION.mask())
                                .withToken(token.apply("admin-elevated")).withTargetToken(token.apply("lsass"))),
                new Case("Elevated admin terminates MsMpEng (Antimalware-Light) (spec §9.3)",
                        AccessQuery.of(admin, msmpeng, ObjectKind.PROCESS, ProcessRight.TERMINATE.mask())
                                .withToken(token.apply("admin-elevated")).withTargetToken(token.apply("msmpeng"))),
                new Case("The same administrator, not elevated (Medium), reads its own elevated process (spec §4.2)",
                        AccessQuery.of(admin, admin, ObjectKind.PROCESS, ProcessRight.VM_READ.mask())
                                .withToken(token.apply("admin-filtered")).withTargetToken(token.apply("admin-elevated"))),
                new Case("Elevated admin attaches a debugger to lsass: DebugActiveProcess opens it with 0x00000C3A first (spec §3.4, §12.6)",
                        AccessQuery.of(admin, lsass, ObjectKind.PROCESS, 0).withOperation(dev.pplsim.model.Operation.DEBUG)
                                .withToken(token.apply("admin-elevated")).withTargetToken(token.apply("lsass"))),
                new Case("csrss (WinTcb-Light) opens lsass (Lsa-Light) with PROCESS_ALL_ACCESS (spec §9.5)",
                        AccessQuery.of(csrss, lsass, ObjectKind.PROCESS, ProcessRight.ALL_ACCESS)
                                .withToken(token.apply("csrss")).withTargetToken(token.apply("lsass"))),
                new Case("lsass (Lsa-Light) reads MsMpEng memory: the bitmask says no (spec §2.3, §9.6; U)",
                        AccessQuery.of(lsass, msmpeng, ObjectKind.PROCESS, ProcessRight.VM_READ.mask())
                                .withToken(token.apply("lsass")).withTargetToken(token.apply("msmpeng"))));
        out.println("Well-known cases, each with its decisive explanation and, when refused, what alone would succeed:");
        int n = 1;
        for (Case c : cases) {
            out.println();
            out.println(n++ + ". " + c.title());
            var d = sim.decide(c.query());
            Render.text(d, ExplainMode.DECISIVE, dev.pplsim.explain.Counterfactuals.of(d, sim::decide)).forEach(l -> out.println("   " + l));
        }
        out.println();
    }
}
