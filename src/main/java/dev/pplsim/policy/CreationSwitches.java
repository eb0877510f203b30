package dev.pplsim.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One build's creation behaviour (spec §12.2-§12.6) and the scalars of {@code creation.yaml} the rules read. Each U
 * of §12 is a switch so a what-if can flip it in YAML.
 *
 * @param validNativeFlags     the native flags NtCreateUserProcess accepts (§12.2)
 * @param terminateAddedTo     which returned handle gets TERMINATE back (§12.5)
 * @param debugProtectedChild  DEBUG_PROCESS on a protected child (§12.6, U)
 * @param werFaultSecureMinimum whether WerFaultSecure's WinTcb (PP) minimum is enforced (§12.3 item 7, S)
 * @param sameFromUnprotected  PROTECTION_LEVEL_SAME from an unprotected creator (§12.3 item 4, U)
 * @param customLevels         how a custom signing level compares (§12.3 item 6, U)
 * @param lightFlags           SignatureLevel flags of a PPL child (§12.4)
 * @param protectedFlags       SignatureLevel and SectionSignatureLevel flags of a PP child (§12.4)
 * @param defaultProtection    what CREATE_PROTECTED_PROCESS with no level asks for (§12.3 item 3, I)
 * @param pplEku               the Protected Process Light Verification EKU (§6.1)
 * @param ppEku                the Protected Process Verification EKU (§6.1)
 * @param vbs                  whether virtualization-based security runs, so a secure process (trustlet) can be
 *                             created (§7.1, §12.7)
 * @param trustletWithoutVbs   the status of a secure-process request while VBS is off (§12.7: it fails, S; the
 *                             status is U)
 * @param trustletImageRefused the status of a secure-process request whose image lacks the IUM EKU or its .tPolicy
 *                             section (§7.3, §12.7: needed, C; the status is U)
 * @param iumEku               the Isolated User Mode EKU a trustlet's image carries (§6.1, §7.3)
 * @param appSectionFlags      the section-flags nibble that marks a packaged app image (§12.3 item 8, I)
 * @param appProtection        the protection such an image is given, App-PPL 0x81 (§12.3 item 8, I)
 * @param appSigningLevel      the signing level App-PPL's second signing-policy query needs (§12.3 item 8: the
 *                             query is I, its level U)
 */
public record CreationSwitches(String build, int validNativeFlags, TerminateAddedTo terminateAddedTo,
                               DebugProtectedChild debugProtectedChild, boolean werFaultSecureMinimum,
                               SameFromUnprotected sameFromUnprotected, CustomLevels customLevels, int lightFlags,
                               int protectedFlags, int defaultProtection, String pplEku, String ppEku, boolean vbs,
                               dev.pplsim.model.NtStatus trustletWithoutVbs, dev.pplsim.model.NtStatus trustletImageRefused,
                               String iumEku, int appSectionFlags, dev.pplsim.model.PsProtection appProtection, int appSigningLevel) {

    /** The same switches for a build of another name (a what-if overlay of this one). */
    public CreationSwitches as(String name) {
        return new CreationSwitches(name, validNativeFlags, terminateAddedTo, debugProtectedChild, werFaultSecureMinimum,
                sameFromUnprotected, customLevels, lightFlags, protectedFlags, defaultProtection, pplEku, ppEku, vbs,
                trustletWithoutVbs, trustletImageRefused, iumEku, appSectionFlags, appProtection, appSigningLevel);
    }

    /** These switches with VBS on or off (a what-if overlay's {@code creation: {vbs: ...}}). */
    public CreationSwitches withVbs(boolean on) {
        return new CreationSwitches(build, validNativeFlags, terminateAddedTo, debugProtectedChild, werFaultSecureMinimum,
                sameFromUnprotected, customLevels, lightFlags, protectedFlags, defaultProtection, pplEku, ppEku, on,
                trustletWithoutVbs, trustletImageRefused, iumEku, appSectionFlags, appProtection, appSigningLevel);
    }

    /** Whether an image's section flags mark it a packaged app image (their high nibble; spec §12.3 item 8, I). */
    public boolean packagedApp(int sectionFlags) {
        return (sectionFlags & 0xF0) == appSectionFlags;
    }

    /** Whether the named switch (a minimum-TCB entry's {@code switch}) is on. */
    public boolean on(String name) {
        return name == null || ("werFaultSecureMinimum".equals(name) && werFaultSecureMinimum);
    }

    // the YAML spells each value as @JsonProperty names it; Jackson's error lists the accepted ones
    public enum TerminateAddedTo { @JsonProperty("thread") THREAD, @JsonProperty("both") BOTH }

    public enum DebugProtectedChild { @JsonProperty("fail") FAIL, @JsonProperty("no-port") NO_PORT }

    public enum SameFromUnprotected { @JsonProperty("none") NONE, @JsonProperty("refused") REFUSED }

    public enum CustomLevels {
        @JsonProperty("numeric") NUMERIC, @JsonProperty("refused") REFUSED;

        /** Signing levels Code Integrity compares through a callback (spec §12.3 item 6). */
        public static boolean isCustom(int level) {
            return level == 3 || level == 5 || level == 9 || level == 10 || level == 13 || level == 15;
        }
    }
}
