package dev.pplsim.request;

import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;

/**
 * What a token spelling needs of the policies to become a token: the named presets of {@code tokens.yaml} and the
 * trust SID the kernel derives from a process's protection (spec §4.3). The policies implement it, so a request is
 * read without this package knowing how policies are loaded.
 */
public interface TokenPresets {

    /** The preset's token; an {@link InputException} naming the known presets when there is none of that name. */
    Token preset(String name);

    /** The trust SID of a process with this protection, or null for none. */
    Sid trustSid(PsProtection protection);
}
