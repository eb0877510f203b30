package dev.pplsim.policy;


import dev.pplsim.model.AccessMode;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** Turns the words of a property's domain into values, with one-line errors naming the field. */
public final class Domains {

    private Domains() {
    }

    public static List<ObjectKind> objects(List<String> names) {
        return names == null ? ObjectKind.PROTECTED : named(names, "objects", ObjectKind.values(), ObjectKind::id);
    }

    public static List<AccessMode> modes(List<String> names) {
        return names == null ? List.of(AccessMode.values()) : named(names, "modes", AccessMode.values(), AccessMode::id);
    }

    public static List<Relation> relations(List<String> names) {
        return names == null ? List.of(Relation.NONE) : named(names, "relations", Relation.values(), Relation::id);
    }

    private static <E extends Enum<E>> List<E> named(List<String> names, String field, E[] values, java.util.function.Function<E, String> id) {
        List<E> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(Spelling.named(values, id, n));
            } catch (InputException e) {
                throw InputException.at(field, e.getMessage());
            }
        }
        return out;
    }

    /** Each right as a mask: "all" is each of the 21 bits of 0x001FFFFF; names are parsed for the object. */
    public static List<Integer> rights(List<String> names, ObjectKind kind) {
        List<Integer> out = new ArrayList<>();
        if (names == null || names.equals(List.of("all"))) {
            for (int b = 0; b < 21; b++) out.add(1 << b);
            return out;
        }
        for (String n : names) {
            try {
                out.add(Spelling.desiredMask(n, kind));
            } catch (InputException e) {
                throw InputException.at("rights", e.getMessage());
            }
        }
        return out;
    }

    public static IntPredicate filter(PropertyFile.Filter f, String field) {
        if (f == null) return b -> true;
        IntPredicate p = b -> true;
        if (f.is() != null) {
            List<Integer> bytes = new ArrayList<>();
            for (String s : f.is()) {
                try {
                    bytes.add(Spelling.protection(s).value());
                } catch (InputException e) {
                    throw InputException.at(field + ".is", e.getMessage());
                }
            }
            p = p.and(bytes::contains);
        }
        if (f.type() != null) {
            List<Integer> types = List.copyOf(f.type());
            p = p.and(b -> types.contains(b & 7));
        }
        if (f.typeBelow() != null) {
            int t = f.typeBelow();
            p = p.and(b -> (b & 7) < t);
        }
        if (f.typeAtLeast() != null) {
            int t = f.typeAtLeast();
            p = p.and(b -> (b & 7) >= t);
        }
        if (f.signer() != null) {
            List<Integer> s = signers(f.signer(), field + ".signer");
            p = p.and(b -> s.contains(b >>> 4));
        }
        if (f.signerNot() != null) {
            List<Integer> s = signers(f.signerNot(), field + ".signerNot");
            p = p.and(b -> !s.contains(b >>> 4));
        }
        if (f.audit() != null) {
            boolean a = f.audit();
            p = p.and(b -> new PsProtection(b).audit() == a);
        }
        return p;
    }

    private static List<Integer> signers(List<String> names, String field) {
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            PsProtectedSigner s = PsProtectedSigner.byName(n);
            if (s != null) {
                out.add(s.value());
            } else if (n.matches("\\d{1,2}") && Integer.parseInt(n) < 16) {
                out.add(Integer.parseInt(n));
            } else {
                throw InputException.at(field, "unknown signer '" + n + "'");
            }
        }
        return out;
    }
}
