package dev.pplsim.explain;

import dev.pplsim.engine.TraceStep;
import dev.pplsim.engine.fact.Described;
import dev.pplsim.engine.fact.OpenRequest;
import dev.pplsim.model.SdkNames;
import dev.pplsim.policy.BuildSwitches;
import dev.pplsim.model.Ascii;
import dev.pplsim.policy.CreationSwitches;
import dev.pplsim.policy.EkuSigner;
import dev.pplsim.policy.FlagPrivilege;
import dev.pplsim.policy.LoadSwitches;
import dev.pplsim.policy.MinimumTcb;
import dev.pplsim.policy.SignerAccess;
import dev.pplsim.policy.SigningLevelRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** What a fact in a trace means, in the kernel's terms: one line each, for the text and the JSON explanations. */
public final class Facts {

    private Facts() {
    }

    /** One line for a matched or derived fact; a collected list is its members' lines joined. */
    public static String describe(Object fact) {
        if (fact instanceof Described d) return d.describe();
        if (fact instanceof SignerAccess s) {
            return String.format(Locale.ROOT, "RtlProtectedAccess[%d]: DominateMask 0x%03X, DeniedProcessAccess %s, DeniedThreadAccess %s (spec §2.1)",
                    s.signer(), s.dominateMask(), SdkNames.hex(s.deniedProcessAccess()), SdkNames.hex(s.deniedThreadAccess()));
        }
        if (fact instanceof BuildSwitches b) {
            return "build switches: parentExemption " + b.parentExemption() + ", disallowUserTerminateCheck " + b.disallowUserTerminateCheck()
                    + ", picoCheck " + b.picoCheck() + ", impliedRights " + b.impliedRights() + ", genericMapping " + b.genericMapping() + ", secureVmOpenRefused " + b.secureVmOpenRefused();
        }
        if (fact instanceof CreationSwitches c) {
            return "creation switches of " + c.build() + ": validNativeFlags " + SdkNames.hex(c.validNativeFlags()) + ", terminateAddedTo "
                    + c.terminateAddedTo().name().toLowerCase(java.util.Locale.ROOT) + ", debugProtectedChild " + c.debugProtectedChild().name().toLowerCase(java.util.Locale.ROOT)
                    + " (policies/creation.yaml)";
        }
        if (fact instanceof LoadSwitches l) {
            return "load switches of " + l.build() + ": knownDllsForLight " + l.knownDllsForLight() + ", networkPageHashes "
                    + l.networkPageHashes() + ", unhashedWhereEnforced " + Ascii.lower(l.unhashedWhereEnforced().name()) + " (policies/loads.yaml)";
        }
        if (fact instanceof SigningLevelRow r) {
            return String.format(Locale.ROOT, "signing levels of signer %d: EXE 0x%02X, DLL 0x%02X (spec §6.3)", r.signer(), r.exeLevel(), r.dllLevel());
        }
        if (fact instanceof MinimumTcb m) {
            return "minimum-TCB entry " + m.image() + ": " + m.protection() + (m.signingLevel() > 0 ? ", signing level " + m.signingLevel() : "") + " (spec §12.3 item 7)";
        }
        if (fact instanceof EkuSigner e) return "EKU rule " + e.ekus() + " -> signer " + e.signer() + " (spec §6.1)";
        if (fact instanceof FlagPrivilege f) return f.flag().sdkName() + " needs " + f.privilege().sdkName() + " (spec §12.2)";
        if (fact instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            for (Object o : c) parts.add(describe(o));
            return parts.isEmpty() ? "(none)" : String.join("; ", parts);
        }
        return String.valueOf(fact);
    }

    /** The facts a firing matched worth showing: all but the request itself, which heads every explanation. */
    public static List<String> matched(TraceStep s) {
        List<String> out = new ArrayList<>();
        for (Object o : s.matched()) {
            if (o instanceof OpenRequest || o instanceof dev.pplsim.engine.fact.CreateRequest) continue;
            out.add(describe(o));
        }
        return out;
    }
}
