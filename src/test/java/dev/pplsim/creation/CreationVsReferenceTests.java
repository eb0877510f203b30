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

    /** Decides {@code q} both ways; records a disagreement; returns whether it succeeded. */
    static boolean compare(CreateQuery q, Set<Privilege> held, boolean assignable, List<String> wrong) {
        Creation c = SIM.create(q);
        ReferenceCreation.Result want = ReferenceCreation.create(q, held, assignable, ReferenceCreation.Switches.B22631);
        ReferenceCreation.Result got = new ReferenceCreation.Result(c.status(), c.child() == null ? -1 : c.child().value(),
                c.signatureLevel(), c.sectionLevel(), c.processAccess(), c.threadAccess(), c.debugPort());
        if (!want.equals(got)) wrong.add(q + ": reference " + want + ", rules " + got + " " + c.rules());
        return want.status().isSuccess();
    }
}
