package dev.pplsim.creation;

import dev.pplsim.engine.Creation;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Token;
import dev.pplsim.model.TokenPrivilege;
import dev.pplsim.reference.ReferenceCreation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The creation rules against the plain-Java reference of spec §12, over the whole finite part of the domain, in two
 * slices. (1) CreateProcess with no token: every creator byte the build has a row for (144) x every requested level
 * (none, 0-8, SAME, NONE and the out-of-range 9 and 0xFFFFFFFD) x every image signer (0-8) x the five flags that
 * matter (protected, extended startup info, inherit handles, suspended, debug: 32 sets) x two images (services.exe in
 * System32, which the minimum-TCB list raises, and a path off the list). (2) Every entry point x the token presets
 * (none, admin-elevated, system, standard-user) x a child token (none, the creator's, another) x the images of the
 * minimum-TCB list and both subsystems x three image signers, over four creators (0x00, 0x31, 0x61, 0x62), four levels
 * (none, WinTcb-Light, WinTcb, SAME) and 16 flag sets.
 */
class CreationVsReferenceTests {

    static final Simulator SIM = Simulator.builtIn();
    static final Long[] LEVELS = {null, 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 0xFFFFFFFFL, 0xFFFFFFFEL, 9L, 0xFFFFFFFDL};
    static final int[] FLAG_BITS = {CreationFlag.CREATE_PROTECTED_PROCESS.value(), CreationFlag.EXTENDED_STARTUPINFO_PRESENT.value(),
            CreationFlag.CREATE_SUSPENDED.value(), CreationFlag.DEBUG_PROCESS.value()};

    /** The 144 bytes whose signer has a row in the default build's table (signers 0-8). */
    static int[] creators() {
        return IntStream.range(0, 256).filter(b -> (b >>> 4) <= 8).toArray();
    }

    /** The 32 sets of the five flags that matter; bit 4 is bInheritHandles. */
    static int flags(int set) {
        int f = 0;
        for (int i = 0; i < FLAG_BITS.length; i++) if ((set & (1 << i)) != 0) f |= FLAG_BITS[i];
        return f;
    }

    @Test
    void createprocess_without_a_token_agrees_with_the_reference_everywhere() {
        String[] paths = {"C:\\Windows\\System32\\services.exe", "C:\\Program Files\\Vendor\\agent.exe"};
        AtomicLong cases = new AtomicLong(), successes = new AtomicLong();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        Arrays.stream(creators()).parallel().forEach(creator -> {
            for (Long level : LEVELS) {
                for (PsProtectedSigner signer : PsProtectedSigner.values()) {
                    for (String path : paths) {
                        ImageSpec image = new ImageSpec(path, signer, null, null, null);
                        for (int set = 0; set < 32; set++) {
                            CreateQuery q = new CreateQuery(new PsProtection(creator), null, CreateApi.CREATE_PROCESS, null, image,
                                    flags(set), level, (set & 16) != 0, null);
                            if (compare(q, null, true, wrong)) successes.incrementAndGet();
                            cases.incrementAndGet();
                        }
                    }
                }
            }
        });
        System.out.printf(java.util.Locale.ROOT, "creation vs reference, CreateProcess slice: %,d cases, %,d successes, %,d refusals%n",
                cases.get(), successes.get(), cases.get() - successes.get());
        assertEquals(144L * LEVELS.length * PsProtectedSigner.values().length * 2 * 32, cases.get());
        if (!wrong.isEmpty()) fail(wrong.size() + " disagreements, first: " + wrong.subList(0, Math.min(5, wrong.size())));
    }

    @Test
    void every_entry_point_with_the_token_presets_agrees_with_the_reference() {
        String[] tokens = {null, "admin-elevated", "system", "standard-user"};
        int[] creatorBytes = {0x00, 0x31, 0x61, 0x62};
        List<ImageSpec> images = new ArrayList<>();
        for (String name : List.of("smss.exe", "services.exe", "werfaultsecure.exe", "sppsvc.exe", "lsass.exe", "autochk.exe", "cmd.exe")) {
            for (PsProtectedSigner s : List.of(PsProtectedSigner.NONE, PsProtectedSigner.LSA, PsProtectedSigner.WINTCB)) {
                for (ImageSpec.Subsystem sub : ImageSpec.Subsystem.values()) {
                    images.add(new ImageSpec("C:\\Windows\\System32\\" + name, s, sub, null, null));
                }
            }
        }
        Long[] levels = {null, 0L, 5L, 0xFFFFFFFFL};
        AtomicLong cases = new AtomicLong(), successes = new AtomicLong();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        Arrays.stream(CreateApi.values()).parallel().forEach(api -> {
            for (String token : tokens) {
                Set<Privilege> held = token == null ? null : held(SIM.security().token(token).token());
                for (String child : api.takesToken() ? new String[]{null, token, "local-service"} : new String[]{null}) {
                    if (child != null && token == null) continue;
                    boolean assignable = child == null || child.equals(token);
                    for (int creator : creatorBytes) {
                        for (ImageSpec image : images) {
                            for (Long level : levels) {
                                for (int set = 0; set < 32; set++) {
                                    if ((set & 4) != 0) continue; // suspended decides nothing here; slice 1 covers it
                                    int f = api.win32() ? flags(set) : nativeFlags(set);
                                    CreateQuery q = new CreateQuery(new PsProtection(creator), token, api, child, image, f, level, (set & 16) != 0, null);
                                    if (compare(q, held, assignable, wrong)) successes.incrementAndGet();
                                    cases.incrementAndGet();
                                }
                            }
                        }
                    }
                }
            }
        });
        System.out.printf(java.util.Locale.ROOT, "creation vs reference, entry points x tokens slice: %,d cases, %,d successes, %,d refusals%n",
                cases.get(), successes.get(), cases.get() - successes.get());
        if (!wrong.isEmpty()) fail(wrong.size() + " disagreements, first: " + wrong.subList(0, Math.min(5, wrong.size())));
    }

    /** For the native entry points: PROTECTED_PROCESS, SUSPENDED, FORCE_BREAKAWAY (needs SeTcb), CREATE_SESSION (needs SeLoadDriver). */
    static int nativeFlags(int set) {
        int[] bits = {0x40, 0x200, 0x400, 0x80};
        int f = 0;
        for (int i = 0; i < bits.length; i++) if ((set & (1 << i)) != 0) f |= bits[i];
        return f;
    }

    static Set<Privilege> held(Token t) {
        return t.privileges().stream().map(TokenPrivilege::privilege).collect(Collectors.toSet());
    }

    /**
     * Every U of §12 has a switch; with each set to its alternative at once (and 26100's valid native flags), the rules
     * still agree with the reference told the same, over the 27 bytes of types 0-2 with a row x every level x every
     * signer x WerFaultSecure (which the switched list raises to PP) and a path off the list x the 32 flag sets, images
     * given by each signing level 0-15 from three creators, and NtCreateUserProcess with the flags the two valid sets tell apart.
     */
    @Test
    void every_switch_alternative_agrees_with_the_reference() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("pplsim-switched");
        try {
            java.nio.file.Path policies = dev.pplsim.TestTrees.copy("policies", dir);
            java.nio.file.Path f = policies.resolve("creation.yaml");
            dev.pplsim.TestTrees.edit(f, "validNativeFlags: 0x000687C7", "validNativeFlags: 0x004E87C7");
            dev.pplsim.TestTrees.edit(f, "terminateAddedTo: thread", "terminateAddedTo: both");
            dev.pplsim.TestTrees.edit(f, "debugProtectedChild: fail", "debugProtectedChild: no-port");
            dev.pplsim.TestTrees.edit(f, "werFaultSecureMinimum: false", "werFaultSecureMinimum: true");
            dev.pplsim.TestTrees.edit(f, "sameFromUnprotected: none", "sameFromUnprotected: refused");
            dev.pplsim.TestTrees.edit(f, "customLevels: numeric", "customLevels: refused");
            Simulator switched = new Simulator(dev.pplsim.policy.PolicySet.load(policies), dev.pplsim.engine.RuleBase.builtIn());
            ReferenceCreation.Switches sw = new ReferenceCreation.Switches(0x004E87C7, true, false, true, true, true);
            AtomicLong cases = new AtomicLong(), successes = new AtomicLong();
            java.util.Map<String, Integer> fired = new java.util.concurrent.ConcurrentHashMap<>();
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            int[] creators = IntStream.range(0, 0x90).filter(b -> (b & 7) <= 2 && (b & 8) == 0).toArray();
            Arrays.stream(creators).parallel().forEach(creator -> {
                for (Long level : LEVELS) {
                    for (PsProtectedSigner signer : PsProtectedSigner.values()) {
                        for (String path : new String[]{"C:\\Windows\\System32\\WerFaultSecure.exe", "C:\\Program Files\\Vendor\\agent.exe"}) {
                            for (int set = 0; set < 32; set++) {
                                CreateQuery q = new CreateQuery(new PsProtection(creator), null, CreateApi.CREATE_PROCESS, null,
                                        new ImageSpec(path, signer, null, null, null), flags(set), level, (set & 16) != 0, null);
                                if (compare(switched, sw, q, null, true, wrong, fired)) successes.incrementAndGet();
                                cases.incrementAndGet();
                            }
                        }
                    }
                }
            });
            // images given by their signing level, the custom ones (3, 5, 9, 10, 13, 15) among them
            for (int creator : new int[]{0x00, 0x31, 0x61}) {
                for (Long level : LEVELS) {
                    for (int signing = 0; signing < 16; signing++) {
                        for (int set = 0; set < 32; set++) {
                            CreateQuery q = new CreateQuery(new PsProtection(creator), null, CreateApi.CREATE_PROCESS, null,
                                    new ImageSpec("C:\\Program Files\\Vendor\\agent.exe", null, null, null, signing), flags(set), level, (set & 16) != 0, null);
                            if (compare(switched, sw, q, null, true, wrong, fired)) successes.incrementAndGet();
                            cases.incrementAndGet();
                        }
                    }
                }
            }
            Set<Privilege> system = held(SIM.security().token("system").token());
            for (int flags : new int[]{0, 0x00080000, 0x00400000, 0x00000010, 0x00000800}) {
                for (int creator : new int[]{0x00, 0x61}) {
                    CreateQuery q = new CreateQuery(new PsProtection(creator), "system", CreateApi.NT_CREATE_USER_PROCESS, null,
                            new ImageSpec("C:\\Program Files\\Vendor\\agent.exe", PsProtectedSigner.NONE, null, null, null), flags, null, false, null);
                    if (compare(switched, sw, q, system, true, wrong, fired)) successes.incrementAndGet();
                    cases.incrementAndGet();
                }
            }
            System.out.printf(java.util.Locale.ROOT, "creation vs reference, every switch at its alternative: %,d cases, %,d successes, %,d refusals%n",
                    cases.get(), successes.get(), cases.get() - successes.get());
            assertEquals(27L * LEVELS.length * PsProtectedSigner.values().length * 2 * 32 + 3L * LEVELS.length * 16 * 32 + 10, cases.get());
            if (!wrong.isEmpty()) fail(wrong.size() + " disagreements, first: " + wrong.subList(0, Math.min(5, wrong.size())));
            // the rules that only a switch's alternative reaches did decide some of these cases
            for (String id : List.of("C30.6", "C50.10", "C60.5")) {
                org.junit.jupiter.api.Assertions.assertTrue(fired.getOrDefault(id, 0) > 0, id + " never fired");
            }
        } finally {
            try (var walk = java.nio.file.Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- trustlets, packaged processes and App-PPL (spec §7.3, §12.3 item 8, §12.7) --------------------------------

    static final String IUM = "1.3.6.1.4.1.311.10.3.37", WINDOWS = "1.3.6.1.4.1.311.10.3.6", PPL = "1.3.6.1.4.1.311.10.3.22";

    /**
     * The images of the kinds slice: three paths (a System32 image off the minimum-TCB list, a packaged app's, and
     * services.exe on the list) x nine certificate claims (EKU sets with and without the IUM EKU, two signers, three
     * signing levels: below, at and above App-PPL's Store) x a .tPolicy section or none x four section-flag bytes
     * (none, the packaged-app nibble 0x50 and 0x5F, and the nibble 0x40).
     */
    static List<ImageSpec> kindImages() {
        List<ImageSpec> images = new ArrayList<>();
        String[] paths = {"C:\\Windows\\System32\\LsaIso.exe", "C:\\Program Files\\WindowsApps\\Contoso.Notes_1.0.0.0_x64__8wekyb3d8bbwe\\Notes.exe",
                "C:\\Windows\\System32\\services.exe"};
        List<Object[]> claims = List.of(new Object[]{null, List.of(IUM, WINDOWS), null}, new Object[]{null, List.of(WINDOWS), null},
                new Object[]{null, List.of(IUM), null}, new Object[]{null, List.of(IUM, PPL, WINDOWS), null},
                new Object[]{PsProtectedSigner.NONE, null, null}, new Object[]{PsProtectedSigner.WINTCB, null, null},
                new Object[]{null, null, 4}, new Object[]{null, null, 6}, new Object[]{null, null, 12});
        for (String path : paths) {
            for (Object[] c : claims) {
                for (Integer id : new Integer[]{null, 1}) {
                    for (int sf : new int[]{0, 0x50, 0x5F, 0x40}) {
                        @SuppressWarnings("unchecked") List<String> ekus = (List<String>) c[1];
                        images.add(new ImageSpec(path, (PsProtectedSigner) c[0], null, ekus, (Integer) c[2], id, sf));
                    }
                }
            }
        }
        return images;
    }

    /** The three Win32 flags that decide here: CREATE_PROTECTED_PROCESS, EXTENDED_STARTUPINFO_PRESENT, bInheritHandles (bit 2). */
    static final int[] KIND_FLAG_SETS = {0, 1, 2, 3, 4, 5, 6, 7};

    /**
     * The levels that tell the kinds and App-PPL apart: none, WinTcb-Light (dominates App), Antimalware-Light
     * (dominates it too), Authenticode (does not), PPL_APP itself, SAME, NONE and the out-of-range 9; slices 1 and 2
     * cover every level for the rest.
     */
    static final Long[] KIND_LEVELS = {null, 0L, 3L, 7L, 8L, 0xFFFFFFFFL, 0xFFFFFFFEL, 9L};

    /**
     * Every creator in {@code bytes} x {@link #KIND_LEVELS} x {@link #kindImages()} x the secure-process
     * attribute x a package name or none x the eight flag sets, on CreateProcess; plus NtCreateUserProcess (which needs
     * no EXTENDED_STARTUPINFO_PRESENT) over the same images from None with and without PROTECTED_PROCESS.
     */
    static long kindsSlice(Simulator sim, ReferenceCreation.Switches sw, int[] bytes, List<String> wrong, java.util.Map<String, Integer> fired,
                           AtomicLong successes) {
        List<ImageSpec> images = kindImages();
        AtomicLong cases = new AtomicLong();
        Arrays.stream(bytes).parallel().forEach(creator -> {
            for (Long level : KIND_LEVELS) {
                for (ImageSpec image : images) {
                    for (boolean secure : new boolean[]{false, true}) {
                        for (String pkg : new String[]{null, "Contoso.Notes_1.0.0.0_x64__8wekyb3d8bbwe"}) {
                            for (int set : KIND_FLAG_SETS) {
                                int f = ((set & 1) != 0 ? CreationFlag.CREATE_PROTECTED_PROCESS.value() : 0)
                                        | ((set & 2) != 0 ? CreationFlag.EXTENDED_STARTUPINFO_PRESENT.value() : 0);
                                CreateQuery q = new CreateQuery(new PsProtection(creator), null, CreateApi.CREATE_PROCESS, null, image,
                                        f, level, (set & 4) != 0, null, secure, pkg);
                                if (compare(sim, sw, q, null, true, wrong, fired)) successes.incrementAndGet();
                                cases.incrementAndGet();
                            }
                        }
                    }
                }
            }
        });
        for (ImageSpec image : images) {
            for (int f : new int[]{0, 0x40}) {
                for (boolean secure : new boolean[]{false, true}) {
                    CreateQuery q = new CreateQuery(PsProtection.NONE, null, CreateApi.NT_CREATE_USER_PROCESS, null, image, f, null, false, null, secure, null);
                    if (compare(sim, sw, q, null, true, wrong, fired)) successes.incrementAndGet();
                    cases.incrementAndGet();
                }
            }
        }
        return cases.get();
    }

    /** The 27 bytes of types 0-2 whose signer has a row (signers 0-8). */
    static int[] typed() {
        return IntStream.range(0, 0x90).filter(b -> (b & 7) <= 2 && (b & 8) == 0).toArray();
    }

    @Test
    void trustlets_packaged_processes_and_app_ppl_agree_with_the_reference() {
        AtomicLong successes = new AtomicLong();
        java.util.Map<String, Integer> fired = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<dev.pplsim.model.ProcessKind, Integer> kinds = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        long cases = kindsSlice(SIM, ReferenceCreation.Switches.B22631, typed(), wrong, fired, successes);
        System.out.printf(java.util.Locale.ROOT, "creation vs reference, kinds and App-PPL slice: %,d cases, %,d successes, %,d refusals%n",
                cases, successes.get(), cases - successes.get());
        assertEquals(27L * KIND_LEVELS.length * 216 * 2 * 2 * 8 + 216 * 4, cases);
        if (!wrong.isEmpty()) fail(wrong.size() + " disagreements, first: " + wrong.subList(0, Math.min(5, wrong.size())));
        // each new rule but the VBS-off refusal (its switch's alternative, below) decided some of these cases
        for (String id : List.of("C35.1", "C35.2", "C35.3", "C35.4", "C35.6", "C35.7", "C50.14", "C50.15", "C50.16")) {
            org.junit.jupiter.api.Assertions.assertTrue(fired.getOrDefault(id, 0) > 0, id + " never fired");
        }
        org.junit.jupiter.api.Assertions.assertFalse(fired.containsKey("C35.5"), "VBS is on in the shipped build");
    }

    /**
     * The trustlet and App-PPL switches at their alternatives, in two trees (VBS off refuses before the image is
     * looked at, so the image-refusal status needs VBS on): (a) vbs false and trustletWithoutVbs
     * STATUS_INVALID_PARAMETER; (b) trustletImageRefused STATUS_INVALID_IMAGE_FORMAT and App-PPL needing level 8.
     */
    @Test
    void the_trustlet_and_app_ppl_switch_alternatives_agree_with_the_reference() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("pplsim-kinds-switched");
        try {
            int[] creators = {0x00, 0x12, 0x31, 0x61, 0x62, 0x81};
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.Map<String, Integer> fired = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicLong successes = new AtomicLong();
            java.nio.file.Path a = dev.pplsim.TestTrees.copy("policies", dir.resolve("a"));
            dev.pplsim.TestTrees.edit(a.resolve("creation.yaml"), "vbs: true", "vbs: false");
            dev.pplsim.TestTrees.edit(a.resolve("creation.yaml"), "trustletWithoutVbs: STATUS_NOT_SUPPORTED", "trustletWithoutVbs: STATUS_INVALID_PARAMETER");
            Simulator simA = new Simulator(dev.pplsim.policy.PolicySet.load(a), dev.pplsim.engine.RuleBase.builtIn());
            var swA = new ReferenceCreation.Switches(0x000687C7, false, true, false, false, false, false,
                    dev.pplsim.model.NtStatus.STATUS_INVALID_PARAMETER, dev.pplsim.model.NtStatus.STATUS_INVALID_IMAGE_HASH, 6);
            long cases = kindsSlice(simA, swA, creators, wrong, fired, successes);
            java.nio.file.Path b = dev.pplsim.TestTrees.copy("policies", dir.resolve("b"));
            dev.pplsim.TestTrees.edit(b.resolve("creation.yaml"), "trustletImageRefused: STATUS_INVALID_IMAGE_HASH", "trustletImageRefused: STATUS_INVALID_IMAGE_FORMAT");
            dev.pplsim.TestTrees.edit(b.resolve("creation.yaml"), "protection: App-Light, signingLevel: 6}", "protection: App-Light, signingLevel: 8}");
            Simulator simB = new Simulator(dev.pplsim.policy.PolicySet.load(b), dev.pplsim.engine.RuleBase.builtIn());
            var swB = new ReferenceCreation.Switches(0x000687C7, false, true, false, false, false, true,
                    dev.pplsim.model.NtStatus.STATUS_NOT_SUPPORTED, dev.pplsim.model.NtStatus.STATUS_INVALID_IMAGE_FORMAT, 8);
            cases += kindsSlice(simB, swB, creators, wrong, fired, successes);
            System.out.printf(java.util.Locale.ROOT, "creation vs reference, trustlet and App-PPL switches at their alternatives: %,d cases, %,d successes, %,d refusals%n",
                    cases, successes.get(), cases - successes.get());
            assertEquals(2 * (6L * KIND_LEVELS.length * 216 * 2 * 2 * 8 + 216 * 4), cases);
            if (!wrong.isEmpty()) fail(wrong.size() + " disagreements, first: " + wrong.subList(0, Math.min(5, wrong.size())));
            for (String id : List.of("C35.5", "C35.6", "C35.7", "C50.15")) {
                org.junit.jupiter.api.Assertions.assertTrue(fired.getOrDefault(id, 0) > 0, id + " never fired");
            }
        } finally {
            try (var walk = java.nio.file.Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static boolean compare(CreateQuery q, Set<Privilege> held, boolean assignable, List<String> wrong) {
        return compare(SIM, ReferenceCreation.Switches.B22631, q, held, assignable, wrong, null);
    }

    /** Decides {@code q} both ways; records a disagreement (and, when asked, the rules that fired); returns whether it succeeded. */
    static boolean compare(Simulator sim, ReferenceCreation.Switches sw, CreateQuery q, Set<Privilege> held, boolean assignable, List<String> wrong,
                           java.util.Map<String, Integer> fired) {
        Creation c = sim.create(q);
        if (fired != null) c.rules().forEach(id -> fired.merge(id, 1, Integer::sum));
        ReferenceCreation.Result want = ReferenceCreation.create(q, held, assignable, sw);
        ReferenceCreation.Result got = new ReferenceCreation.Result(c.status(), c.child() == null ? -1 : c.child().value(),
                c.signatureLevel(), c.sectionLevel(), c.processAccess(), c.threadAccess(), c.debugPort(), c.kind());
        if (!want.equals(got)) wrong.add(q + ": reference " + want + ", rules " + got + " " + c.rules());
        return want.status().isSuccess();
    }
}
