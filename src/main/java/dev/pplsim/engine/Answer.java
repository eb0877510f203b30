package dev.pplsim.engine;

import dev.pplsim.model.NtStatus;

import java.util.List;

/** What the rules answered to one request of a kind that has a reason ({@link Creation}, {@link Load}): the renderers and provers read this much of each alike. */
public interface Answer<Q> {
    Q query();
    NtStatus status();
    /** The deciding rule's words. */
    String reason();
    List<String> rules();
    Trace trace();
}
