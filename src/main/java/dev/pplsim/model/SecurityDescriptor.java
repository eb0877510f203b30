package dev.pplsim.model;

import java.util.List;
import java.util.Locale;

/**
 * A security descriptor as SeAccessCheck reads it (winnt.h {@code SECURITY_DESCRIPTOR}; spec §4.1-§4.3).
 * Owner and group may be null (not present). {@code dacl == null} is no DACL (SE_DACL_PRESENT clear, or a NULL
 * DACL), which grants everything; an empty list is an empty DACL, which grants nothing. The SACL holds the
 * label ACEs (ML, TL); an empty list means no SACL. {@code control} keeps the {@link SdControl} bits.
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
}
