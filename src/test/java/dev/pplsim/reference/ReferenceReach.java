package dev.pplsim.reference;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.ImageSource;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.LoadQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenPrivilege;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reach by brute force, in plain Java, written from the spec: every simple path of at most {@code maxLength}
 * primitives from the start is walked, and each place code runs in keeps the length of the shortest path that got
 * there. The primitives are the ones docs/reach.md names, each decided by this package's references: an open with
 * PROCESS_VM_WRITE | PROCESS_VM_OPERATION | PROCESS_CREATE_THREAD (0x2A), else THREAD_SET_CONTEXT (0x10) on the
 * process's first thread ({@link ReferenceDecider}, §3.2, §3.3, tokens as {@link ReferenceAccessCheck}); CreateProcess
 * of a signed image with CREATE_PROTECTED_PROCESS | EXTENDED_STARTUPINFO_PRESENT at PROTECTION_LEVEL_* 0..8
 * ({@link ReferenceCreation}, §12); the handle it returned when it holds 0x2A or its thread handle 0x10 (§12.5); and
 * the two §8 loads in the started child ({@link ReferenceLoad}). The images' certificates are typed in from §5, §6.1
 * and §12.3; no code of the job's is used.
 */
public final class ReferenceReach {

    private ReferenceReach() {
    }

    /** A process of a catalog: creation order is list order (spec §3.2 sequence numbers). */
    public record Proc(long pid, long parent, int protection, String token, ProcessKind kind, List<Long> threads, String sd) {
    }

    private static final int INJECT_PROCESS = 0x0002 | 0x0008 | 0x0020, INJECT_THREAD = 0x0010;
    private static final int FLAGS = 0x00040000 | 0x00080000;   // CREATE_PROTECTED_PROCESS | EXTENDED_STARTUPINFO_PRESENT (§12.1)
    private static final String PPL = "1.3.6.1.4.1.311.10.3.22", PP = "1.3.6.1.4.1.311.10.3.24", TCB = "1.3.6.1.4.1.311.10.3.23",
            WINDOWS = "1.3.6.1.4.1.311.10.3.6", ANTIMALWARE = "1.3.6.1.4.1.311.76.11.1";

    /** The images a creator may start, from §5 (what each runs as), §6.1 (the EKUs that allows) and §12.3 item 6 (notepad). */
    static final List<ImageSpec> IMAGES = List.of(
            new ImageSpec("C:\\Windows\\System32\\services.exe", null, ImageSpec.Subsystem.WINDOWS, List.of(PPL, TCB), null),
            new ImageSpec("C:\\Windows\\System32\\wininit.exe", null, ImageSpec.Subsystem.WINDOWS, List.of(PPL, TCB), null),
            new ImageSpec("C:\\Windows\\System32\\WerFaultSecure.exe", null, ImageSpec.Subsystem.WINDOWS, List.of(PP, TCB), null),
            new ImageSpec("C:\\Windows\\System32\\sppsvc.exe", null, ImageSpec.Subsystem.WINDOWS, List.of(PP, WINDOWS), null),
            new ImageSpec("C:\\Windows\\System32\\svchost.exe", null, ImageSpec.Subsystem.WINDOWS, List.of(PPL, WINDOWS), null),
            new ImageSpec("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\MsMpEng.exe", null, ImageSpec.Subsystem.WINDOWS, List.of(PPL, ANTIMALWARE), null),
            new ImageSpec("C:\\Windows\\System32\\notepad.exe", PsProtectedSigner.NONE, ImageSpec.Subsystem.WINDOWS, null, null));

    /**
     * Creation switches per build: 22631's (§12.2-§12.6). The spec has no creation model for the early build; it is
     * taken to create as 22631 does (the assumption docs/reach.md states: PPLdump started WinTcb-Light there, §8).
     */
    static ReferenceCreation.Switches creationSwitches(String build) {
        return switch (build) {
            case "windows-10-11", "windows-10-early" -> ReferenceCreation.Switches.B22631;
            default -> throw new ReferenceInputError("no creation model for " + build);
        };
    }

    /** Who may set a §8 load up: an administrator or SYSTEM, by the user SID or an enabled group (the assumption docs/reach.md states). */
    static boolean planter(Token t) {
        return ReferenceAccessCheck.userOrEnabledGroup(t, ReferenceAccessCheck.ADMINISTRATORS) || ReferenceAccessCheck.userOrEnabledGroup(t, ReferenceAccessCheck.LOCAL_SYSTEM);
    }

    private static String file(ImageSpec i) {
        String p = i.path();
        return p.substring(p.lastIndexOf('\\') + 1);
    }

    private record Step(String to, boolean code) {
    }

    /**
     * The places code reaches from {@code start} within {@code maxLength} primitives, each with its shortest length.
     * Keys: {@code p<pid>} for a catalog process, {@code c:<image>:<0xNN>:<token>} for a started child running code.
     *
     * @param tokens the token of a preset at a protection (its trust SID is the protection's, spec §4.3)
     */
    public static Map<String, Integer> reach(List<Proc> catalog, long start, String build, int maxLength, BiFunction<String, Integer, Token> tokens) {
        Walker w = new Walker(catalog, build, tokens);
        Map<String, Integer> best = new HashMap<>();
        String first = "p" + start;
        best.put(first, 0);
        Set<String> onPath = new HashSet<>();
        onPath.add(first);
        w.dfs(first, 0, maxLength, onPath, best);
        return best;
    }

    /** The successors of each place, computed once; the walk over paths is the brute force. */
    private static final class Walker {
        final List<Proc> catalog;
        final String build;
        final BiFunction<String, Integer, Token> tokens;
        final Map<String, List<Step>> successors = new HashMap<>();
        // what each place is: a catalog pid, or (image, protection, token[, creator protection])
        final Map<String, Object[]> places = new HashMap<>();

        Walker(List<Proc> catalog, String build, BiFunction<String, Integer, Token> tokens) {
            this.catalog = catalog;
            this.build = build;
            this.tokens = tokens;
        }

        void dfs(String at, int length, int max, Set<String> onPath, Map<String, Integer> best) {
            if (length == max) return;
            for (Step s : successors(at)) {
                if (onPath.contains(s.to())) continue;
                if (s.code()) best.merge(s.to(), length + 1, Math::min);
                onPath.add(s.to());
                dfs(s.to(), length + 1, max, onPath, best);
                onPath.remove(s.to());
            }
        }

        List<Step> successors(String place) {
            List<Step> out = successors.get(place);
            if (out == null) {
                out = compute(place);
                successors.put(place, out);
            }
            return out;
        }

        private Proc proc(long pid) {
            for (Proc p : catalog) if (p.pid() == pid) return p;
            throw new IllegalArgumentException("pid " + pid);
        }

        private List<Step> compute(String place) {
            List<Step> out = new ArrayList<>();
            if (place.startsWith("s:")) {
                // a started child: [image, child protection, token, the creation's result]
                Object[] s = places.get(place);
                String image = (String) s[0], token = (String) s[2];
                int child = (Integer) s[1];
                ReferenceCreation.Result r = (ReferenceCreation.Result) s[3];
                String code = "c:" + image + ":" + String.format(java.util.Locale.ROOT, "0x%02X", child) + ":" + token;
                places.putIfAbsent(code, new Object[]{image, child, token});
                if ((r.processAccess() & INJECT_PROCESS) == INJECT_PROCESS || (r.threadAccess() & INJECT_THREAD) == INJECT_THREAD) out.add(new Step(code, true));
                if (planter(tokens.apply(token, child))) {
                    PsProtection p = new PsProtection(child);
                    ReferenceLoad.Result dump = ReferenceLoad.load(new LoadQuery(p, null, new ImageSpec("image.dll", null, ImageSpec.Subsystem.WINDOWS, null, 1),
                            ImageSource.KNOWN_DLLS, false, false, build));
                    ReferenceLoad.Result fault = ReferenceLoad.load(new LoadQuery(p, null, new ImageSpec("image.dll", PsProtectedSigner.WINDOWS, ImageSpec.Subsystem.WINDOWS, null, null),
                            ImageSource.NETWORK_REDIRECTOR, true, true, build));
                    if (dump.status() == NtStatus.STATUS_SUCCESS || (fault.status() == NtStatus.STATUS_SUCCESS && fault.modifiedBytesRun())) {
                        if (!out.contains(new Step(code, true))) out.add(new Step(code, true));
                    }
                }
                return out;
            }
            int protection;
            String token;
            Proc self = null;
            if (place.startsWith("p")) {
                self = proc(Long.parseLong(place.substring(1)));
                protection = self.protection();
                token = self.token();
            } else {
                Object[] c = places.get(place);
                protection = (Integer) c[1];
                token = (String) c[2];
            }
            Token callerToken = tokens.apply(token, protection);
            for (Proc t : catalog) {
                // §7.1: a minimal process has no user address space; §7.3: a trustlet's user pages are VTL1's
                if (t.kind() == ProcessKind.MINIMAL || t.kind() == ProcessKind.TRUSTLET || t == self) continue;
                Relation rel = relation(self, t);
                if (open(protection, callerToken, self, t, rel, ObjectKind.PROCESS, INJECT_PROCESS)
                        || (!t.threads().isEmpty() && open(protection, callerToken, self, t, rel, ObjectKind.THREAD, INJECT_THREAD))) {
                    out.add(new Step("p" + t.pid(), true));
                }
            }
            Set<Privilege> held = new HashSet<>();
            for (TokenPrivilege tp : callerToken.privileges()) if (tp.enabled()) held.add(tp.privilege());
            for (ImageSpec image : IMAGES) {
                for (long level = 0; level <= 8; level++) {
                    CreateQuery q = new CreateQuery(new PsProtection(protection), token, CreateApi.CREATE_PROCESS, null, image, FLAGS, level, false, build);
                    ReferenceCreation.Result r = ReferenceCreation.create(q, held, true, creationSwitches(build));
                    if (r.status() != NtStatus.STATUS_SUCCESS || (r.protection() & 7) == 0) continue;
                    String started = "s:" + file(image) + ":" + String.format(java.util.Locale.ROOT, "0x%02X", r.protection()) + ":" + token
                            + ":" + String.format(java.util.Locale.ROOT, "0x%02X", protection);
                    places.putIfAbsent(started, new Object[]{file(image), r.protection(), token, r});
                    Step s = new Step(started, false);
                    if (!out.contains(s)) out.add(s);
                }
            }
            return out;
        }

        /** §3.2 PspIsParentProcess: the target's parent pid is the caller's, and the caller was created first. */
        private Relation relation(Proc caller, Proc target) {
            if (caller == null || target.parent() != caller.pid()) return Relation.NONE;
            return catalog.indexOf(caller) < catalog.indexOf(target) ? Relation.PARENT : Relation.STALE_PARENT;
        }

        private boolean open(int protection, Token callerToken, Proc self, Proc t, Relation rel, ObjectKind object, int desired) {
            AccessQuery q = new AccessQuery(new PsProtection(protection), false, new PsProtection(t.protection()), object, desired, AccessMode.USER, false,
                    rel, build, null, null, false)
                    .withKinds(self == null ? ProcessKind.NORMAL : self.kind(), t.kind())
                    .withToken(callerToken).withTargetToken(tokens.apply(t.token(), t.protection()));
            if (t.sd() != null && object == ObjectKind.PROCESS) q = q.withSd(dev.pplsim.request.Sddl.parse(t.sd()));
            ReferenceDecision d = ReferenceDecider.decide(q);
            return d.status() == NtStatus.STATUS_SUCCESS && (d.granted() & desired) == desired;
        }
    }
}
