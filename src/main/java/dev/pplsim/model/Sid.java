package dev.pplsim.model;

import java.util.List;
import java.util.Locale;

/**
 * A security identifier: a 48-bit identifier authority and up to 15 32-bit sub-authorities (winnt.h {@code SID},
 * {@code SID_MAX_SUB_AUTHORITIES}). {@link #toString()} is the {@code S-1-...} form of ConvertSidToStringSid; the
 * SDDL aliases are a spelling question (policy {@code SidSpelling}).
 */
public record Sid(long authority, List<Long> subAuthorities) {

    /** winnt.h {@code SID_MAX_SUB_AUTHORITIES}. */
    public static final int MAX_SUB_AUTHORITIES = 15;

    /** winnt.h {@code SECURITY_NT_AUTHORITY} {0,0,0,0,0,5}. */
    public static final long NT_AUTHORITY = 5;
    /** winnt.h {@code SECURITY_MANDATORY_LABEL_AUTHORITY} {0,0,0,0,0,16} (spec §4.2). */
    public static final long MANDATORY_LABEL_AUTHORITY = 16;
    /** winnt.h {@code SECURITY_PROCESS_TRUST_AUTHORITY} {0,0,0,0,0,19} (spec §4.3). */
    public static final long PROCESS_TRUST_AUTHORITY = 19;

    public Sid {
        if (authority < 0 || authority > 0xFFFF_FFFF_FFFFL) {
            throw new IllegalArgumentException("a SID authority is 48 bits, got " + authority);
        }
        subAuthorities = List.copyOf(subAuthorities);
        if (subAuthorities.size() > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("a SID has at most 15 sub-authorities, got " + subAuthorities.size());
        }
        for (long s : subAuthorities) {
            if (s < 0 || s > 0xFFFF_FFFFL) throw new IllegalArgumentException("a SID sub-authority is 32 bits, got " + s);
        }
    }

    public static Sid of(long authority, long... subAuthorities) {
        Long[] boxed = new Long[subAuthorities.length];
        for (int i = 0; i < boxed.length; i++) boxed[i] = subAuthorities[i];
        return new Sid(authority, List.of(boxed));
    }

    /** The last sub-authority (the RID), or -1 for a SID without sub-authorities. */
    public long rid() {
        return subAuthorities.isEmpty() ? -1 : subAuthorities.get(subAuthorities.size() - 1);
    }

    /** The SID's size in a descriptor (RtlLengthSid): revision, count and authority, 8 bytes, then 4 per sub-authority. */
    public int byteLength() {
        return 8 + 4 * subAuthorities.size();
    }

    /** {@code S-1-16-*}, an integrity level (spec §4.2). */
    public boolean isIntegrity() {
        return authority == MANDATORY_LABEL_AUTHORITY && subAuthorities.size() == 1;
    }

    /** {@code S-1-19-<type>-<level>}, a process trust SID (spec §4.3). */
    public boolean isTrust() {
        return authority == PROCESS_TRUST_AUTHORITY && subAuthorities.size() == 2;
    }

    /** {@code S-1-5-32-544}; an authority of 2^32 or more in hex, as ConvertSidToStringSid prints it. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("S-1-");
        if (authority >= 0x1_0000_0000L) b.append(String.format(Locale.ROOT, "0x%012X", authority));
        else b.append(authority);
        for (long s : subAuthorities) b.append('-').append(s);
        return b.toString();
    }
}
