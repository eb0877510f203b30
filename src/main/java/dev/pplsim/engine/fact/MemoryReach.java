package dev.pplsim.engine.fact;

/**
 * What a granted handle's VM rights reach in the target's memory, when that is not what the mask says: the handle
 * is what the open decided, the memory is guarded (or absent) by another layer (spec §7.1, §7.3). An explanation
 * fact: it changes no mask and no status.
 */
public record MemoryReach(OpenRequest request, int rights, String layer, String reach) implements Derived {
    @Override
    public String describe() {
        return "the handle is granted; " + reach + " (" + layer + ", not the access check)";
    }
}
