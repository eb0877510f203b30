package dev.pplsim.model;

/**
 * The EPROCESS fields the open procedures read (spec §3.2, §7.2, [S16]). Two EPROCESS are the same object when
 * pid and sequence number agree. {@code picoProvider} is non-null for a Pico process (PicoContext != NULL);
 * {@code kind} says what the process is (spec §7, §12.7): what its handles can reach, and for a secure process
 * what ObDuplicateObject refuses (spec §3.4).
 */
public record EProcess(
        long pid,
        String imageName,
        PsProtection protection,
        long parentPid,
        long sequenceNumber,
        boolean disallowUserTerminate,
        PicoProvider picoProvider,
        ProcessKind kind) {

    public EProcess {
        if (kind == null) kind = picoProvider != null ? ProcessKind.PICO : ProcessKind.NORMAL;
    }

    /** A secure (IUM) process, whose SecureState marks it (spec §3.4, §7.3). */
    public boolean isSecure() { return kind == ProcessKind.TRUSTLET; }

    public boolean isPico() { return picoProvider != null; }

    public boolean sameObjectAs(EProcess other) {
        return pid == other.pid && sequenceNumber == other.sequenceNumber;
    }
}
