package dev.pplsim.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How the SDK spells masks and rights, for every output and explanation: {@code 0x001FFFFF}, {@code
 * PROCESS_VM_READ|PROCESS_QUERY_INFORMATION}, a label policy's SDDL codes. Printing lives with the types; reading a
 * spelling is the request package's.
 */
public final class SdkNames {

    private SdkNames() {
    }

    /** {@code PROCESS_VM_READ|PROCESS_QUERY_INFORMATION}, or {@code 0} for the empty mask; unnamed bits in hex. */
    public static String rightNames(int mask, ObjectKind kind) {
        if (mask == 0) return "0";
        List<String> names = new ArrayList<>();
        int rest = mask;
        int all = kind == ObjectKind.TOKEN ? TokenRight.ALL_ACCESS : ProcessRight.ALL_ACCESS;
        if ((mask & all) == all) {
            names.add(kind.id().toUpperCase(java.util.Locale.ROOT) + "_ALL_ACCESS");
            rest &= ~all;
        }
        for (AccessRight r : kind.allRights()) {
            if ((rest & r.mask()) != 0) {
                names.add(r.sdkName());
                rest &= ~r.mask();
            }
        }
        if (rest != 0) names.add(hex(rest));
        return String.join("|", names);
    }

    /** The names of the flags set in {@code flags}, joined by {@code |}; unnamed bits in hex; {@code 0} for none. */
    public static <E extends Enum<E>> String flagNames(int flags, E[] values, java.util.function.ToIntFunction<E> value,
                                                       java.util.function.Function<E, String> name) {
        List<String> names = new ArrayList<>();
        int rest = flags;
        for (E f : values) {
            if ((flags & value.applyAsInt(f)) != 0) {
                names.add(name.apply(f));
                rest &= ~value.applyAsInt(f);
            }
        }
        if (rest != 0) names.add(hex(rest));
        return names.isEmpty() ? "0" : String.join("|", names);
    }

    /** A mandatory label's policy as its SDDL codes ({@code NWNR}), or {@code none}. */
    public static String labelPolicy(int policy) {
        StringBuilder b = new StringBuilder();
        for (MandatoryPolicy p : MandatoryPolicy.values()) {
            if ((policy & p.mask()) != 0) b.append(p.sddl());
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** {@code 0x001FFFFF}: eight upper-case digits (on the batch path, so without Formatter). */
    public static String hex(int mask) {
        char[] c = new char[10];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < 8; i++) c[9 - i] = HEX[(mask >>> (4 * i)) & 0xF];
        return new String(c);
    }
}
