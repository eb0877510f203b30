package dev.pplsim.creation;

import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.NativeCreateFlag;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pplsim.differential.QueryGenerators.between;
import static dev.pplsim.differential.QueryGenerators.chance;
import static dev.pplsim.differential.QueryGenerators.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

/**
 * Generated creations beyond the exhaustive slices: any creator byte with a table row, any DWORD level, any mix of
 * Win32 or native flags, EKU lists, stated signing levels, paths in and out of System32, every entry point and
 * token preset, with or without the secure-process attribute, a package name, a .tPolicy section and any section-flags
 * byte (the packaged-app nibble 0x50 a third of the time). The rules and the reference must agree on each;
 * QuickTheories shrinks a disagreement to a small one.
 */
class CreationVsReferenceProperties {

    static final String[] TOKENS = {null, "admin-elevated", "system", "standard-user", "local-service"};
    static final String[] NAMES = {"smss.exe", "services.exe", "werfaultsecure.exe", "sppsvc.exe", "lsass.exe", "winlogon.exe", "notepad.exe", "agent.exe", "LsaIso.exe"};
    static final String[] DIRS = {"C:\\Windows\\System32\\", "\\SystemRoot\\System32\\", "C:\\Windows\\SysWOW64\\", "D:\\tools\\",
            "C:\\Program Files\\WindowsApps\\Contoso.Notes_1.0.0.0_x64__8wekyb3d8bbwe\\"};
    static final String[] OIDS = {"1.3.6.1.4.1.311.10.3.22", "1.3.6.1.4.1.311.10.3.24", "1.3.6.1.4.1.311.10.3.23", "1.3.6.1.4.1.311.10.3.6",
            "1.3.6.1.4.1.311.76.11.1", "1.3.6.1.4.1.311.10.3.37", "1.3.6.1.5.5.7.3.3"};

    record Case(CreateQuery query, Set<Privilege> held, boolean assignable) {
        @Override public String toString() { return query.toString(); }
    }

    static Gen<Case> cases() {
        return in -> {
            CreateApi api = CreateApi.values()[between(in, 0, CreateApi.values().length - 1)];
            String token = TOKENS[between(in, 0, TOKENS.length - 1)];
            String child = api.takesToken() && token != null && chance(in, 50) ? TOKENS[between(in, 1, TOKENS.length - 1)] : null;
            int creator = between(in, 0, 0x8F);
            String path = DIRS[between(in, 0, DIRS.length - 1)] + NAMES[between(in, 0, NAMES.length - 1)];
            ImageSpec.Subsystem sub = chance(in, 15) ? ImageSpec.Subsystem.NATIVE : ImageSpec.Subsystem.WINDOWS;
            int kind = between(in, 0, 2);
            ImageSpec image;
            if (kind == 0) {
                image = new ImageSpec(path, PsProtectedSigner.values()[between(in, 0, 8)], sub, null, null);
            } else if (kind == 1) {
                List<String> ekus = new ArrayList<>();
                for (String o : OIDS) if (chance(in, 35)) ekus.add(o);
                image = new ImageSpec(path, null, sub, ekus, null);
            } else {
                image = new ImageSpec(path, null, sub, null, between(in, 0, 15));
            }
            Integer trustletId = chance(in, 40) ? between(in, 0, 5) : null;
            int sectionFlags = chance(in, 33) ? 0x50 | between(in, 0, 15) : chance(in, 50) ? 0 : between(in, 0, 0xFF);
            image = new ImageSpec(image.path(), image.signer(), image.subsystem(), image.ekus(), image.signingLevel(), trustletId, sectionFlags);
            int flags = 0;
            if (api.win32()) {
                for (CreationFlag f : CreationFlag.values()) if (chance(in, 35)) flags |= f.value();
            } else {
                for (NativeCreateFlag f : NativeCreateFlag.values()) if (chance(in, 12)) flags |= f.value();
            }
            Long level = chance(in, 20) ? null : chance(in, 70) ? (long) between(in, 0, 8)
                    : chance(in, 50) ? pick(in, new int[]{-1, -2}) & 0xFFFFFFFFL : between(in, 9, Integer.MAX_VALUE) & 0xFFFFFFFFL;
            CreateQuery q = new CreateQuery(new PsProtection(creator), token, api, child, image, flags, level, chance(in, 30), null,
                    chance(in, 40), chance(in, 30) ? "Contoso.Notes_1.0.0.0_x64__8wekyb3d8bbwe" : null);
            Set<Privilege> held = token == null ? null : CreationVsReferenceTests.held(CreationVsReferenceTests.SIM.security().token(token).token());
            return new Case(q, held, child == null || child.equals(token));
        };
    }

    @Test
    void generated_creations_agree_with_the_reference() {
        AtomicLong n = new AtomicLong(), ok = new AtomicLong();
        // QuickTheories ran one example fewer than asked (9,999 of 10,000), so ask a few more
        qt().withExamples(10_050).forAll(cases()).checkAssert(c -> {
            List<String> wrong = new ArrayList<>();
            if (CreationVsReferenceTests.compare(c.query(), c.held(), c.assignable(), wrong)) ok.incrementAndGet();
            n.incrementAndGet();
            assertEquals(List.of(), wrong);
        });
        System.out.printf(java.util.Locale.ROOT, "creation vs reference, generated: %,d cases, %,d successes%n", n.get(), ok.get());
        assertEquals(true, n.get() >= 10_000, "cases: " + n.get());
    }
}
