package dev.pplsim.model;

/**
 * The EPROCESS fields the open procedures read (spec §3.2, §7.2, [S16]). Two EPROCESS are the same object when
 * pid and sequence number agree. {@code picoProvider} is non-null for a Pico process (PicoContext != NULL).
 */
public record EProcess(
        long pid,
        String imageName,
        PsProtection protection,
        long parentPid,
        long sequenceNumber,
        boolean disallowUserTerminate,
        PicoProvider picoProvider) {

    public boolean isPico() { return picoProvider != null; }

    public boolean sameObjectAs(EProcess other) {
        return pid == other.pid && sequenceNumber == other.sequenceNumber;
    }
}
