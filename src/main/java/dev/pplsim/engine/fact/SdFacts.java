package dev.pplsim.engine.fact;

import dev.pplsim.model.Ace;
import dev.pplsim.model.SdkNames;
import dev.pplsim.model.Sid;
import dev.pplsim.request.SidSpelling;

/** The facts the security-descriptor stages (22-28) derive for one request. */
public final class SdFacts {

    private SdFacts() {
    }

    /** The object's mandatory label: the first ML ACE, or the unlabeled default (spec §4.2). */
    public record ObjectLabel(OpenRequest request, long integrity, int policy, String source) implements Derived {
        @Override
        public String describe() {
            return "the object's integrity label is " + SidSpelling.print(Sid.of(Sid.MANDATORY_LABEL_AUTHORITY, integrity))
                    + " with policy " + SdkNames.labelPolicy(policy) + " (" + source + ")";
        }
    }

    /** The rights the mandatory integrity check leaves grantable (spec §4.2). */
    public record MandatoryLimit(OpenRequest request, int allowed, String reason) implements Derived {
        @Override
        public String describe() {
            return reason;
        }
    }

    /** The caller's trust SID, derived from its protection, or none (spec §4.3). */
    public record CallerTrust(OpenRequest request, Sid sid) implements Derived {
        public long typeRid() { return sid == null ? -1 : sid.subAuthorities().get(0); }
        public long levelRid() { return sid == null ? -1 : sid.subAuthorities().get(1); }

        @Override
        public String describe() {
            return sid == null ? "the caller's protection " + request.caller().protection() + " gives its token no trust SID"
                    : "the caller's token trust SID is " + sid + " (from its protection " + request.caller().protection() + ")";
        }
    }

    /** The rights the trust-label check leaves grantable (spec §4.3). */
    public record TrustLimit(OpenRequest request, int allowed, String reason) implements Derived {
        @Override
        public String describe() {
            return reason;
        }
    }

    /** The caller is the descriptor's owner, for one DACL walk (pass 1: user and groups; 2: restricted SIDs). */
    public record OwnerRecognised(OpenRequest request, int pass) implements Derived {
        @Override
        public String describe() {
            return "the caller is the owner " + SidSpelling.print(request.sd().owner()) + (pass == 2 ? " (among the restricted SIDs)" : "");
        }
    }

    /** One DACL walk to make: pass 1 over the user and groups, pass 2 over the restricted SIDs (spec §4.1). */
    public record DaclWalk(OpenRequest request, int pass) implements Derived {
        @Override
        public String describe() {
            return pass == 1 ? "walk the DACL for the token's user and groups" : "walk the DACL again for the token's restricted SIDs";
        }
    }

    /** An ACE applies to the caller in one walk. */
    public record AceApplies(OpenRequest request, int pass, int index, String why) implements Derived {
        @Override
        public String describe() {
            return "ACE #" + (index + 1) + " applies: " + why;
        }
    }

    /**
     * The state of a DACL walk before ACE {@code next}: the rights granted and denied so far, and the ACE whose
     * step led here (null at the start).
     */
    public record DaclStep(OpenRequest request, int pass, int next, int granted, int denied, Ace by) implements Derived {
        @Override
        public String describe() {
            String where = next == 0 ? "start" : "after ACE #" + next;
            return "walk " + pass + " " + where + ": granted " + SdkNames.hex(granted) + ", denied " + SdkNames.hex(denied);
        }
    }

    /** What a whole walk granted and denied. */
    public record DaclPass(OpenRequest request, int pass, int granted, int denied) implements Derived {
        @Override
        public String describe() {
            return "walk " + pass + " grants " + SdkNames.hex(granted) + " (" + SdkNames.rightNames(granted, request.object())
                    + "), denies " + SdkNames.hex(denied);
        }
    }

    /** What the DACL grants the caller, and what its deny ACEs explicitly denied. */
    public record DaclGrant(OpenRequest request, int granted, int denied, String reason) implements Derived {
        @Override
        public String describe() {
            return "the DACL grants " + SdkNames.hex(granted) + " (" + SdkNames.rightNames(granted, request.object()) + ")"
                    + (denied != 0 ? " and denies " + SdkNames.hex(denied) : "") + ": " + reason;
        }
    }
}
