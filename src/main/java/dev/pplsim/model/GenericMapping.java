package dev.pplsim.model;

/** {@code GENERIC_MAPPING} of an object type (spec §4.4). */
public record GenericMapping(int read, int write, int execute, int all) {

    /** The mask with each GENERIC_* bit replaced by its mapping, as RtlMapGenericMask does. */
    public int map(int mask) {
        int out = mask & ~StandardRight.GENERIC_MASK;
        if ((mask & StandardRight.GENERIC_READ.mask()) != 0) out |= read;
        if ((mask & StandardRight.GENERIC_WRITE.mask()) != 0) out |= write;
        if ((mask & StandardRight.GENERIC_EXECUTE.mask()) != 0) out |= execute;
        if ((mask & StandardRight.GENERIC_ALL.mask()) != 0) out |= all;
        return out;
    }
}
