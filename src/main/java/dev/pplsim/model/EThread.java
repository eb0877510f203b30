package dev.pplsim.model;

/** The ETHREAD fields PspThreadOpen reads: the owning process and whether the thread is a Pico thread (spec §3.3). */
public record EThread(long tid, EProcess owner, boolean pico) {
}
