package dev.pplsim.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A security descriptor as SeAccessCheck reads it (winnt.h {@code SECURITY_DESCRIPTOR}; spec §4.1-§4.3).
 * Owner and group may be null (not present). {@code dacl == null} is no DACL (SE_DACL_PRESENT clear, or a NULL
 * DACL), which grants everything; an empty list is an empty DACL, which grants nothing. The SACL holds the
 * label ACEs (ML, TL) and whatever else the descriptor carries (audit, attribute, policy ACEs); an empty list means
 * no SACL. {@code control} keeps the {@link SdControl} bits. Every ACE is kept as written, including those the
 * access check does not apply ({@link AceType#checkedAs()}); {@link #notes()} says which.
 */
public record SecurityDescriptor(Sid owner, Sid group, List<Ace> dacl, List<Ace> sacl, int control) {

    public SecurityDescriptor {
        if (dacl != null) dacl = List.copyOf(dacl);
        sacl = sacl == null ? List.of() : List.copyOf(sacl);
        if ((control & ~SdControl.ALL) != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "control bits 0x%X outside 0x3F00", control));
        }
    }

    public boolean has(SdControl c) { return (control & c.mask()) != 0; }

    /**
     * One line per kind of ACE here that pplsim keeps but does not apply as written, naming the ACEs by their
     * 1-based position in their ACL (as explanations number them) and saying in one line what is not modelled.
     * Audit and alarm ACEs get none (they never grant or deny, on Windows either), nor do inherit-only ACEs (the
     * access check skips them).
     */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        if (dacl != null) notes("DACL", dacl, out);
        notes("SACL", sacl, out);
        return out;
    }

    private static void notes(String acl, List<Ace> aces, List<String> out) {
        Map<AceType, List<Integer>> byType = new LinkedHashMap<>();
        for (int i = 0; i < aces.size(); i++) {
            Ace a = aces.get(i);
            if (!a.inheritOnly() && note(a.type()) != null) byType.computeIfAbsent(a.type(), t -> new ArrayList<>()).add(i + 1);
        }
        byType.forEach((t, numbers) -> out.add(acl + (numbers.size() == 1 ? " ACE " : " ACEs ") + ranges(numbers)
                + " (" + t.sddl() + "): " + note(t)));
    }

    private static String note(AceType t) {
        return switch (t) {
            case ACCESS_ALLOWED_OBJECT -> "object ACE grants nothing: a process, thread or token open passes no object type list (spec §12.10)";
            case ACCESS_DENIED_OBJECT -> "object ACE read as a deny ACE for the whole object: a process, thread or token open passes no object type list, and without one a deny object ACE applies to the object itself";
            case ACCESS_ALLOWED_CALLBACK, ACCESS_ALLOWED_CALLBACK_OBJECT -> "conditional ACE not applied: pplsim evaluates no conditions"
                    + " (it models no claims), and an allow ACE whose condition is unknown grants nothing (MS-DTYP 2.4.4.17.3)";
            case ACCESS_DENIED_CALLBACK -> "conditional ACE read as a deny ACE: pplsim evaluates no conditions (it models no claims),"
                    + " and a deny ACE whose condition is unknown denies (MS-DTYP 2.4.4.17.3)";
            case SYSTEM_RESOURCE_ATTRIBUTE -> "resource attribute kept, not read: pplsim evaluates no conditions that could refer to it";
            case SYSTEM_SCOPED_POLICY_ID -> "central access policy not applied: pplsim models none, and a policy's rules could only"
                    + " remove rights the DACL grants";
            default -> null;
        };
    }

    /** {@code #2}, {@code #2, #5}, {@code #2-#40}. */
    private static String ranges(List<Integer> numbers) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < numbers.size(); ) {
            int first = numbers.get(k), last = first;
            while (k + 1 < numbers.size() && numbers.get(k + 1) == last + 1) last = numbers.get(++k);
            k++;
            if (b.length() > 0) b.append(", ");
            b.append('#').append(first);
            if (last != first) b.append("-#").append(last);
        }
        return b.toString();
    }
}
