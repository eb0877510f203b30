package dev.pplsim.differential;

import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.reference.ReferenceDecider;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators for {@link AccessQuery} and its parts. Weighted by hand so that the interesting corners
 * (real protection bytes, single rights, MAXIMUM_ALLOWED, generics, Pico masks, invalid input) all come up often.
 */
public final class QueryGenerators {

    /** The bytes of spec §1.3, the ones real processes carry. */
    public static final int[] REAL_BYTES = {0x00, 0x72, 0x62, 0x61, 0x52, 0x51, 0x41, 0x31, 0x21, 0x12, 0x11, 0x81};

    public static final String[] BUILDS = {"windows-10-11", "windows-10-rs", "windows-10-early"};

    /** Every single requestable bit: 21 rights, ACCESS_SYSTEM_SECURITY, MAXIMUM_ALLOWED, 4 generics. */
    public static final int[] REQUESTABLE_BITS = bitsOf(ReferenceDecider.REQUESTABLE);
    /** Every single bit the SD stage may grant. */
    public static final int[] SD_GRANTABLE_BITS = bitsOf(ReferenceDecider.SD_GRANTABLE);
    /** Bits no request may carry. */
    public static final int[] INVALID_REQUEST_BITS = bitsOf(~ReferenceDecider.REQUESTABLE);

    private static final int[] NAMED_MASKS = {0x001FFFFF, 0x00000410, 0x00001000, 0x02000000, 0x10000000,
            0x20000000, 0x40000000, 0x80000000, 0x00000001, 0x00101000, 0x00001400, 0x00000002, 0x00000040,
            0x00000028, 0x00000200, 0x00000020, 0x01000000, 0x03000000, 0xF0000000};

    private QueryGenerators() {
    }

    private static int[] bitsOf(int mask) {
        int[] out = new int[Integer.bitCount(mask)];
        int i = 0;
        for (int b = 0; b < 32; b++) {
            if ((mask & (1 << b)) != 0) out[i++] = 1 << b;
        }
        return out;
    }

    // ---- primitives over the randomness source ---------------------------------------------------------------------

    /** Uniform in [lo, hi]. */
    public static int between(RandomnessSource in, int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    /** True with probability percent/100. */
    public static boolean chance(RandomnessSource in, int percent) {
        return between(in, 0, 99) < percent;
    }

    public static int pick(RandomnessSource in, int[] values) {
        return values[between(in, 0, values.length - 1)];
    }

    /** Each bit of {@code bits} with probability 1/oneIn. */
    public static int sparseSubset(RandomnessSource in, int[] bits, int oneIn) {
        int out = 0;
        for (int b : bits) {
            if (between(in, 1, oneIn) == 1) out |= b;
        }
        return out;
    }

    public static int anyInt(RandomnessSource in) {
        return (int) in.next(Constraint.between(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    // ---- parts -----------------------------------------------------------------------------------------------------

    /** Any byte 0..255, biased toward the real bytes of spec §1.3 and their audit variants. */
    public static int protectionByte(RandomnessSource in) {
        int r = between(in, 0, 99);
        if (r < 60) return pick(in, REAL_BYTES);
        if (r < 75) return pick(in, REAL_BYTES) | 0x08;
        return between(in, 0, 255);
    }

    /** A byte whose signer has a row in the table (0..8), biased toward real bytes. */
    public static int decidableProtectionByte(RandomnessSource in) {
        int r = between(in, 0, 99);
        if (r < 45) return pick(in, REAL_BYTES);
        if (r < 55) return pick(in, REAL_BYTES) | 0x08;
        return between(in, 0, 0x8F);
    }

    /** A valid DesiredAccess: none, one bit, sparse or dense subsets, or well-known masks. */
    public static int validDesired(RandomnessSource in) {
        int r = between(in, 0, 99);
        if (r < 8) return 0;
        if (r < 33) return pick(in, REQUESTABLE_BITS);
        if (r < 68) return sparseSubset(in, REQUESTABLE_BITS, 8);
        if (r < 83) return anyInt(in) & ReferenceDecider.REQUESTABLE;
        return pick(in, NAMED_MASKS);
    }

    /** A valid DesiredAccess most of the time, one with a forbidden bit 4% of the time. */
    public static int desired(RandomnessSource in) {
        int d = validDesired(in);
        return chance(in, 4) ? d | pick(in, INVALID_REQUEST_BITS) : d;
    }

    /** Null (SD grants what is asked), empty, a valid subset, or exactly the mapped request. */
    public static Integer validSdGranted(RandomnessSource in, ObjectKind object, int desired) {
        int r = between(in, 0, 99);
        if (r < 45) return null;
        if (r < 53) return 0;
        if (r < 68) {
            int mapped = ReferenceDecider.rtlMapGenericMask(desired, object);
            int asked = (mapped & ReferenceDecider.MAXIMUM_ALLOWED) != 0 ? mapped | ReferenceDecider.ALL_ACCESS : mapped;
            return asked & ReferenceDecider.SD_GRANTABLE;
        }
        if (r < 88) return sparseSubset(in, SD_GRANTABLE_BITS, 6);
        return anyInt(in) & ReferenceDecider.SD_GRANTABLE;
    }

    /** As {@link #validSdGranted} but 4% of the time with a bit the SD stage cannot grant. */
    public static Integer sdGranted(RandomnessSource in, ObjectKind object, int desired) {
        Integer g = validSdGranted(in, object, desired);
        if (chance(in, 4)) {
            int bad = pick(in, new int[] {ReferenceDecider.MAXIMUM_ALLOWED, ReferenceDecider.GENERIC_ALL,
                    ReferenceDecider.GENERIC_READ, 0x00200000, 0x08000000});
            return (g == null ? 0 : g) | bad;
        }
        return g;
    }

    private static int picoMask(RandomnessSource in) {
        int r = between(in, 0, 99);
        if (r < 15) return 0;
        if (r < 30) return ReferenceDecider.ALL_ACCESS;
        if (r < 50) return pick(in, new int[] {0x00101000, 0x00100800, 0x00001000, 0x00000800, 0x00101C00});
        if (r < 75) return sparseSubset(in, bitsOf(ReferenceDecider.ALL_ACCESS), 3);
        return anyInt(in) & ReferenceDecider.SD_GRANTABLE;
    }

    /** Null (target not Pico) or a provider with random OpenProcess / OpenThread masks. */
    public static PicoProvider picoProvider(RandomnessSource in) {
        return chance(in, 55) ? null : new PicoProvider(picoMask(in), picoMask(in));
    }

    /** One of the three builds, and 3% of the time an unknown name. */
    public static String build(RandomnessSource in) {
        if (chance(in, 3)) return chance(in, 50) ? "windows-8.1" : "";
        return BUILDS[between(in, 0, BUILDS.length - 1)];
    }

    public static String validBuild(RandomnessSource in) {
        return BUILDS[between(in, 0, BUILDS.length - 1)];
    }

    public static <E extends Enum<E>> E oneOf(RandomnessSource in, E[] values) {
        return values[between(in, 0, values.length - 1)];
    }

    // ---- whole queries ---------------------------------------------------------------------------------------------

    /**
     * Anything: every byte, valid and invalid masks, all builds plus unknown names. For SELF the caller's Pico flag
     * disagrees with the target's a quarter of the time (an input error, about one query in sixteen), and the
     * caller's byte equals the target's 70% of the time.
     */
    public static Gen<AccessQuery> anyQuery() {
        Gen<AccessQuery> g = in -> {
            ObjectKind object = oneOf(in, ObjectKind.PROTECTED.toArray(new ObjectKind[0]));
            int desired = desired(in);
            Relation relation = oneOf(in, Relation.values());
            PicoProvider pico = picoProvider(in);
            boolean callerPico = relation == Relation.SELF
                    ? (pico != null) ^ chance(in, 25)   // the caller is the target: disagreeing 1 time in 4
                    : chance(in, 25);
            int target = protectionByte(in);
            int caller = relation == Relation.SELF && chance(in, 70) ? target : protectionByte(in);
            return new AccessQuery(
                    new PsProtection(caller),
                    callerPico,
                    new PsProtection(target),
                    object,
                    desired,
                    oneOf(in, AccessMode.values()),
                    chance(in, 30),
                    relation,
                    build(in),
                    sdGranted(in, object, desired),
                    pico,
                    chance(in, 30));
        };
        return g.describedAs(Outcome::describe);
    }

    /**
     * Only decidable queries: table signers, valid masks, known builds, and for SELF (the caller is the target) the
     * same protection byte and the same Pico flag on both sides.
     */
    public static Gen<AccessQuery> validQuery() {
        Gen<AccessQuery> g = in -> {
            ObjectKind object = oneOf(in, ObjectKind.PROTECTED.toArray(new ObjectKind[0]));
            int desired = validDesired(in);
            Relation relation = oneOf(in, Relation.values());
            PicoProvider pico = picoProvider(in);
            boolean callerPico = relation == Relation.SELF ? pico != null : chance(in, 25);
            int target = decidableProtectionByte(in);
            int caller = relation == Relation.SELF ? target : decidableProtectionByte(in);
            return new AccessQuery(
                    new PsProtection(caller),
                    callerPico,
                    new PsProtection(target),
                    object,
                    desired,
                    oneOf(in, AccessMode.values()),
                    chance(in, 30),
                    relation,
                    validBuild(in),
                    validSdGranted(in, object, desired),
                    pico,
                    chance(in, 30));
        };
        return g.describedAs(Outcome::describe);
    }
}
