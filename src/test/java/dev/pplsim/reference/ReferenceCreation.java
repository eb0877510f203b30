package dev.pplsim.reference;

import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.PsProtection;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Process creation in plain Java, written from spec §12 (with §1.4, §2.1, §3.4, §6) alone: one straight path through
 * CreateProcessInternalW and NtCreateUserProcess that stops at the first failure. It shares no code with the rules or
 * the policies: its tables are the spec's numbers, typed in here. The default build is 22631 (D23).
 */
public final class ReferenceCreation {

    private ReferenceCreation() {
    }

    /** The spec's answer to a creation. {@code protection} is -1 and {@code kind} null when it failed. */
    public record Result(NtStatus status, int protection, int signatureLevel, int sectionLevel, int processAccess,
                         int threadAccess, boolean debugPort, ProcessKind kind) {

        static Result failed(NtStatus status) {
            return new Result(status, -1, 0, 0, 0, 0, false, null);
        }
    }

    /**
     * The per-build choices (§12.2, §12.5) and the U switches' defaults (§12.3 items 4, 6, 7, 8; §12.6; §12.7): VBS on
     * (the Windows 11 catalog runs Secure System and LsaIso), the two statuses a trustlet's refusal returns (the spec
     * names none), and the signing level App-PPL's second query needs (Store, 6).
     */
    public record Switches(int validNativeFlags, boolean terminateOnBoth, boolean debugFails, boolean werFaultSecureMinimum,
                           boolean sameFromUnprotectedRefused, boolean customLevelsRefused, boolean vbs,
                           NtStatus trustletWithoutVbs, NtStatus trustletImageRefused, int appSigningLevel) {
        /** 22631: the default build. */
        public static final Switches B22631 = new Switches(0x000687C7, false, true, false, false, false);

        public Switches(int validNativeFlags, boolean terminateOnBoth, boolean debugFails, boolean werFaultSecureMinimum,
                        boolean sameFromUnprotectedRefused, boolean customLevelsRefused) {
            this(validNativeFlags, terminateOnBoth, debugFails, werFaultSecureMinimum, sameFromUnprotectedRefused, customLevelsRefused,
                    true, NtStatus.STATUS_NOT_SUPPORTED, NtStatus.STATUS_INVALID_IMAGE_HASH, 6);
        }
    }

    // §1.4: PROTECTION_LEVEL_* 0..8 -> PS_PROTECTION byte
    private static final int[] LEVEL_BYTE = {0x61, 0x52, 0x51, 0x31, 0x41, 0x62, 0x21, 0x12, 0x81};
    private static final long SAME = 0xFFFFFFFFL, NONE = 0xFFFFFFFEL;

    // §6.3 / §12.4: signer -> {EXE level, DLL level}; signers 0, 7 and 8 have none
    private static final Map<Integer, int[]> LEVELS = Map.of(1, new int[]{4, 4}, 2, new int[]{11, 6}, 3, new int[]{7, 7},
            4, new int[]{12, 8}, 5, new int[]{12, 12}, 6, new int[]{14, 12});

    // §6.1 EKUs; §7.3 the Isolated User Mode EKU of a trustlet
    private static final String PPL_EKU = "1.3.6.1.4.1.311.10.3.22", PP_EKU = "1.3.6.1.4.1.311.10.3.24", IUM_EKU = "1.3.6.1.4.1.311.10.3.37";
    // §12.3 item 8: the section-flags nibble of a packaged app image, and App-PPL
    private static final int PACKAGED_APP_NIBBLE = 0x50, APP_PPL = 0x81;
    private static final List<Map.Entry<String, Integer>> EKU_SIGNER = List.of(
            Map.entry("1.3.6.1.4.1.311.10.3.23", 6), Map.entry("1.3.6.1.4.1.311.10.3.6", 5), Map.entry("1.3.6.1.4.1.311.76.11.1", 3));

    /** §12.3 item 7: name -> {protection byte, minimum signing level}, or null off the list; WerFaultSecure only with its switch. */
    private static int[] minimumTcb(String name, Switches sw) {
        return switch (name) {
            case "smss.exe", "csrss.exe", "wininit.exe", "services.exe" -> new int[]{0x61, 0};
            case "werfaultsecure.exe" -> sw.werFaultSecureMinimum() ? new int[]{0x62, 0} : null;
            case "sppsvc.exe", "genvalobj.exe" -> new int[]{0x52, 0};
            case "lsass.exe", "userinit.exe", "winlogon.exe", "autochk.exe" -> new int[]{0, 12};
            default -> null;
        };
    }

    // §12.1 Win32 flags, §12.2 native flags
    private static final int DEBUG_PROCESS = 0x1, DEBUG_ONLY_THIS_PROCESS = 0x2, CREATE_PROTECTED_PROCESS = 0x00040000,
            EXTENDED_STARTUPINFO_PRESENT = 0x00080000, CREATE_BREAKAWAY_FROM_JOB = 0x01000000;
    private static final int N_BREAKAWAY = 0x1, N_INHERIT_HANDLES = 0x4, N_LARGE_PAGES = 0x10, N_PROTECTED = 0x40,
            N_CREATE_SESSION = 0x80, N_FORCE_BREAKAWAY = 0x400, N_AUXILIARY = 0x8000, N_SLAB = 0x400000;

    /**
     * @param held       the privileges the creator's token holds, or null when no token is given (nothing is tested)
     * @param assignable whether the child's token is the creator's own (or none was handed in)
     */
    public static Result create(CreateQuery q, Set<Privilege> held, boolean assignable, Switches sw) {
        boolean win32 = q.api() != CreateApi.RTL_CREATE_USER_PROCESS && q.api() != CreateApi.NT_CREATE_USER_PROCESS;
        // §12.1
        if (win32 && q.image().subsystem() == ImageSpec.Subsystem.NATIVE) return Result.failed(NtStatus.STATUS_INVALID_IMAGE_FORMAT);
        if (held != null) {
            if (q.api() == CreateApi.CREATE_PROCESS_AS_USER && !held.contains(Privilege.SE_INCREASE_QUOTA)) return Result.failed(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
            if (q.api() == CreateApi.CREATE_PROCESS_WITH_TOKEN_W && !held.contains(Privilege.SE_IMPERSONATE)) return Result.failed(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
            if (q.api() == CreateApi.CREATE_PROCESS_AS_USER && !assignable && !held.contains(Privilege.SE_ASSIGNPRIMARYTOKEN)) {
                return Result.failed(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
            }
        }
        PsProtection creator = q.api() == CreateApi.CREATE_PROCESS_WITH_LOGON_W ? PsProtection.NONE : q.creator();
        // §12.2
        int f = q.flags();
        int nat = win32 ? ((f & CREATE_PROTECTED_PROCESS) != 0 ? N_PROTECTED : 0) | ((f & CREATE_BREAKAWAY_FROM_JOB) != 0 ? N_BREAKAWAY : 0) : f;
        if (q.inheritHandles()) nat |= N_INHERIT_HANDLES;
        if ((nat & ~sw.validNativeFlags()) != 0) return Result.failed(NtStatus.STATUS_INVALID_PARAMETER);
        if ((nat & N_AUXILIARY) != 0 && (nat & N_FORCE_BREAKAWAY) != 0) return Result.failed(NtStatus.STATUS_INVALID_PARAMETER_MIX);
        if (held != null) {
            if ((nat & N_LARGE_PAGES) != 0 && !held.contains(Privilege.SE_LOCK_MEMORY)) return Result.failed(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
            if ((nat & N_CREATE_SESSION) != 0 && !held.contains(Privilege.SE_LOAD_DRIVER)) return Result.failed(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
            if ((nat & N_FORCE_BREAKAWAY) != 0 && !held.contains(Privilege.SE_TCB)) return Result.failed(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
            if ((nat & N_AUXILIARY) != 0 && !held.contains(Privilege.SE_TCB)) return Result.failed(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
            if ((nat & N_SLAB) != 0 && !held.contains(Privilege.SE_LOCK_MEMORY)) return Result.failed(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
        }
        boolean protectedFlag = (nat & N_PROTECTED) != 0;
        // §12.1, §12.3 items 1-4
        Long attr = q.protectionLevel() != null && (!win32 || (f & EXTENDED_STARTUPINFO_PRESENT) != 0) ? q.protectionLevel() : null;
        if (attr != null && !protectedFlag) return Result.failed(NtStatus.STATUS_INVALID_PARAMETER);
        boolean named = attr != null && (attr <= 8 || attr == SAME || attr == NONE);
        if (attr != null && !named) return Result.failed(NtStatus.STATUS_INVALID_PARAMETER);
        if (attr != null && attr == SAME && creator.type() == 0 && sw.sameFromUnprotectedRefused()) return Result.failed(NtStatus.STATUS_INVALID_PARAMETER);
        int requested;
        if (!protectedFlag) requested = 0;
        else if (attr == null) requested = 0x12;
        else if (attr == SAME) requested = creator.value();
        else if (attr == NONE) requested = 0;
        else requested = LEVEL_BYTE[(int) (long) attr];
        // §12.1, §12.7: the secure-process and package attributes are in the same attribute list; a trustlet needs
        // VBS, the IUM EKU and a .tPolicy section (§7.3)
        boolean listRead = !win32 || (f & EXTENDED_STARTUPINFO_PRESENT) != 0;
        ProcessKind kind = listRead && q.secureProcess() ? ProcessKind.TRUSTLET
                : listRead && q.packageFullName() != null ? ProcessKind.PACKAGED : ProcessKind.NORMAL;
        if (kind == ProcessKind.TRUSTLET) {
            if (!sw.vbs()) return Result.failed(sw.trustletWithoutVbs());
            if (q.image().ekus() == null || !q.image().ekus().contains(IUM_EKU)) return Result.failed(sw.trustletImageRefused());
            if (q.image().trustletId() == null) return Result.failed(sw.trustletImageRefused());
        }
        // §6.1-§6.3: what the image may claim
        int claim;
        boolean full;
        ImageSpec im = q.image();
        if (im.signingLevel() != null) {
            claim = im.signingLevel();
            full = true;
        } else if (im.ekus() != null) {
            boolean pp = im.ekus().contains(PP_EKU), ppl = im.ekus().contains(PPL_EKU);
            if (!pp && !ppl) {
                claim = 0;
                full = false;
            } else {
                int signer = 1;
                for (Map.Entry<String, Integer> e : EKU_SIGNER) {
                    if (im.ekus().contains(e.getKey())) {
                        signer = e.getValue();
                        break;
                    }
                }
                claim = LEVELS.get(signer)[0];
                full = pp;
            }
        } else {
            int signer = im.signer().value();
            claim = signer == 0 || !LEVELS.containsKey(signer) ? 0 : LEVELS.get(signer)[0];
            full = signer != 0;
        }
        // §12.3 item 7
        String path = im.path().replace('/', '\\').toLowerCase(java.util.Locale.ROOT);
        String dir = path.lastIndexOf('\\') < 0 ? "" : path.substring(0, path.lastIndexOf('\\'));
        boolean system32 = dir.endsWith("\\windows\\system32") || dir.equals("\\systemroot\\system32");
        int[] listed = system32 ? minimumTcb(path.substring(path.lastIndexOf('\\') + 1), sw) : null;
        // §12.3 item 8: an image off the list whose section flags hold the packaged-app nibble is raised to App-PPL
        boolean app = listed == null && (im.sectionFlags() & 0xF0) == PACKAGED_APP_NIBBLE;
        int[] min = listed != null ? listed : app ? new int[]{APP_PPL, 0} : new int[]{0, 0};
        int child;
        if ((min[0] & 7) == 0) child = requested;
        else if ((requested & 7) == 0) child = min[0];
        else child = (requested & 7) >= (min[0] & 7) && (ReferenceDecider.dominateMask(requested >>> 4) & (1 << (min[0] >>> 4))) != 0 ? requested : min[0];
        boolean appPpl = app && child == APP_PPL;
        // §12.3 item 6: Code Integrity's gate
        int type = child & 7, signer = child >>> 4;
        int sig, sec;
        if (appPpl) {
            // §12.3 item 8: the signing policy is queried again; an incompatible level is STATUS_INVALID_PARAMETER
            if (claim < sw.appSigningLevel()) return Result.failed(NtStatus.STATUS_INVALID_PARAMETER);
            sig = sw.appSigningLevel() | 0x30;
            sec = sw.appSigningLevel();
        } else if (type != 0) {
            int[] levels = LEVELS.get(signer);
            if (levels == null) return Result.failed(NtStatus.STATUS_INVALID_IMAGE_HASH);
            int needed = Math.max(levels[0], min[1]);
            if (claim < needed) return Result.failed(NtStatus.STATUS_INVALID_IMAGE_HASH);
            if (type == 2 && !full) return Result.failed(NtStatus.STATUS_INVALID_IMAGE_HASH);
            if (sw.customLevelsRefused() && (claim == 3 || claim == 5 || claim == 9 || claim == 10 || claim == 13 || claim == 15)) {
                return Result.failed(NtStatus.STATUS_INVALID_IMAGE_HASH);
            }
            // §12.4: PPL adds 0x30 to the EXE level, PP adds 0x10 to both
            sig = needed | (type == 1 ? 0x30 : 0x10);
            sec = levels[1] | (type == 1 ? 0 : 0x10);
        } else {
            if (min[1] > 0 && claim < min[1]) return Result.failed(NtStatus.STATUS_INVALID_IMAGE_HASH);
            sig = min[1];
            sec = min[1];
        }
        PsProtection childP = new PsProtection(child);
        // §12.6: PspValidateCreateProcessProtection, then the debug port
        boolean creatorOverChild = ReferenceDecider.rtlTestProtectedAccess(creator, childP);
        if ((nat & N_INHERIT_HANDLES) != 0 && creator.type() != 0 && (ReferenceDecider.deniedProcessAccess(creator.signer()) & 0x40) != 0
                && !ReferenceDecider.rtlTestProtectedAccess(childP, creator)) {
            return Result.failed(NtStatus.STATUS_INVALID_PARAMETER);
        }
        boolean debug = win32 && (f & (DEBUG_PROCESS | DEBUG_ONLY_THIS_PROCESS)) != 0;
        if (debug && !creatorOverChild && sw.debugFails()) return Result.failed(NtStatus.STATUS_PROCESS_IS_PROTECTED);
        // §12.5
        int all = ReferenceDecider.ALL_ACCESS;
        int process = creatorOverChild ? all : (~ReferenceDecider.deniedProcessAccess(signer) & all) | (sw.terminateOnBoth() ? 1 : 0);
        int thread = creatorOverChild ? all : (~ReferenceDecider.deniedThreadAccess(signer) & all) | 1;
        return new Result(NtStatus.STATUS_SUCCESS, child, sig, sec, process, thread, debug && creatorOverChild, kind);
    }
}
