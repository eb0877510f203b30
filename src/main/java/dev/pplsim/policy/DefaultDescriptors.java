package dev.pplsim.policy;

import dev.pplsim.model.Ascii;
import dev.pplsim.model.Ace;
import dev.pplsim.model.AceType;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Sddl;
import dev.pplsim.request.SidSpelling;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The security descriptor a new process or thread object gets when its creator passes none: one template per
 * object kind and creator kind ({@code user}, or {@code system} for tokens whose user is SY), loaded from
 * {@code policies/security-descriptors.yaml}. The spec does not state these descriptors; the file says what each
 * rests on (spec §4.2: the label policy is U). A template is made concrete for a creating token by
 * {@link #forCreator}: CREATOR OWNER (CO, S-1-3-0) stands for the token's user, and the SID of every ML ACE is
 * replaced by the token's integrity SID (the object's label comes from the creating token, spec §4.2).
 */
public record DefaultDescriptors(Map<String, SecurityDescriptor> templates, Sid unlabeledIntegrity, int unlabeledPolicy,
                                 int tokenTrustLabelMask, Integer processTrustLabelMask) {

    /** CREATOR OWNER, the placeholder for the creating token's user. */
    public static final Sid CREATOR_OWNER = Sid.of(3, 0);
    /** LocalSystem (SY): a creator with this user takes the {@code system} template. */
    public static final Sid LOCAL_SYSTEM = Sid.of(5, 18);

    public DefaultDescriptors {
        templates = Map.copyOf(templates);
    }

    private static String key(ObjectKind kind, String creator) {
        return kind.id() + "/" + creator;
    }

    /** The template as written in the YAML ({@code creator} is {@code user} or {@code system}). */
    public SecurityDescriptor template(ObjectKind kind, String creator) {
        SecurityDescriptor sd = templates.get(key(kind, creator));
        if (sd == null) throw new InputException("no default " + kind.id() + " descriptor for creator '" + creator + "'");
        return sd;
    }

    /** The default descriptor of a {@code kind} object created by {@code creator}. */
    public SecurityDescriptor forCreator(ObjectKind kind, Token creator) {
        SecurityDescriptor t = template(kind, LOCAL_SYSTEM.equals(creator.user()) ? "system" : "user");
        return new SecurityDescriptor(subst(t.owner(), creator), subst(t.group(), creator),
                t.dacl() == null ? null : aces(t.dacl(), creator), aces(t.sacl(), creator), t.control());
    }

    /**
     * The default descriptor of the primary token of a process: its creator's token template, plus the trust-label
     * ACE SepSetProcessTrustLabelAceForToken adds when the process's protection has a trust SID (spec §4.3).
     */
    public SecurityDescriptor forToken(Token creator, Sid trustSid) {
        return withTrustLabel(forCreator(ObjectKind.TOKEN, creator), trustSid, tokenTrustLabelMask);
    }

    /**
     * The default descriptor of a process or thread object of a process with this trust SID: its creator's, plus a
     * trust-label ACE when {@code processTrustLabelMask} asks for one (spec §4.3 U: none by default).
     */
    public SecurityDescriptor forProcessObject(ObjectKind kind, Token creator, Sid trustSid) {
        SecurityDescriptor sd = forCreator(kind, creator);
        return processTrustLabelMask == null ? sd : withTrustLabel(sd, trustSid, processTrustLabelMask);
    }

    private static SecurityDescriptor withTrustLabel(SecurityDescriptor sd, Sid trustSid, int mask) {
        if (trustSid == null) return sd;
        List<Ace> sacl = new ArrayList<>(sd.sacl());
        sacl.add(new Ace(AceType.SYSTEM_PROCESS_TRUST_LABEL, 0, mask, trustSid));
        return new SecurityDescriptor(sd.owner(), sd.group(), sd.dacl(), sacl, sd.control());
    }

    private static Sid subst(Sid sid, Token creator) {
        return CREATOR_OWNER.equals(sid) ? creator.user() : sid;
    }

    private static List<Ace> aces(List<Ace> aces, Token creator) {
        List<Ace> out = new ArrayList<>();
        for (Ace a : aces) {
            Sid sid = a.type() == AceType.SYSTEM_MANDATORY_LABEL ? creator.integrity() : subst(a.sid(), creator);
            out.add(a.withSid(sid));
        }
        return out;
    }

    /** The YAML shape of {@code policies/security-descriptors.yaml}. */
    public record File(
            @JsonProperty(required = true) String cite,
            @JsonProperty(required = true) Unlabeled unlabeledObject,
            @JsonProperty(required = true) Mask tokenTrustLabelMask,
            @JsonProperty(required = true) String processTrustLabelMask,
            @JsonProperty(required = true) List<Row> descriptors) {

        public File {
            if (descriptors == null) throw new InputException("descriptors is empty");
            Map<String, Integer> seen = new HashMap<>();
            for (int k = 0; k < descriptors.size(); k++) {
                Row r = descriptors.get(k);
                Integer before = seen.put(key(r.object, r.creator), k);
                if (before != null) {
                    throw new InputException("descriptors[" + k + "]: " + r.object.id() + "/" + r.creator + " is also descriptors[" + before + "]");
                }
            }
            for (ObjectKind kind : ObjectKind.values()) {
                for (String c : List.of("user", "system")) {
                    if (!seen.containsKey(key(kind, c))) throw new InputException("descriptors: missing object " + kind.id() + " with creator " + c);
                }
            }
        }

        DefaultDescriptors toDescriptors() {
            Map<String, SecurityDescriptor> m = new HashMap<>();
            for (Row r : descriptors) m.put(key(r.object, r.creator), r.sddl);
            Integer processMask;
            try {
                processMask = "none".equals(processTrustLabelMask) ? null : Mask.of(processTrustLabelMask).value();
            } catch (InputException e) {
                throw new InputException("processTrustLabelMask: '" + processTrustLabelMask + "' is neither none nor a mask");
            }
            return new DefaultDescriptors(m, unlabeledObject.integrity, unlabeledObject.policy,
                    tokenTrustLabelMask.value(), processMask);
        }
    }

    /** The label an object without an ML ACE is treated as having (spec §4.2, U): an integrity SID and NW/NR/NX. */
    public record Unlabeled(Sid integrity, int policy) {

        @JsonCreator
        public static Unlabeled of(@JsonProperty(value = "integrity", required = true) String integrity,
                                   @JsonProperty(value = "policy", required = true) String policy) {
            Sid sid = SidSpelling.parse(integrity);
            if (!sid.isIntegrity()) throw new InputException("integrity: " + integrity + " is not an integrity SID (S-1-16-*)");
            int p = 0;
            String rest = Ascii.upper(policy.trim());
            while (!rest.isEmpty()) {
                dev.pplsim.model.MandatoryPolicy found = null;
                for (dev.pplsim.model.MandatoryPolicy m : dev.pplsim.model.MandatoryPolicy.values()) {
                    if (rest.startsWith(m.sddl())) found = m;
                }
                if (found == null) throw new InputException("policy: '" + policy + "' is not a run of NW, NR, NX");
                p |= found.mask();
                rest = rest.substring(2);
            }
            return new Unlabeled(sid, p);
        }
    }

    /** One template: object kind, creator kind, the SDDL, and what it rests on. */
    public record Row(ObjectKind object, String creator, SecurityDescriptor sddl, String confidence, String assumptions) {

        @JsonCreator
        public static Row of(@JsonProperty(value = "object", required = true) String object,
                             @JsonProperty(value = "creator", required = true) String creator,
                             @JsonProperty(value = "sddl", required = true) String sddl,
                             @JsonProperty(value = "confidence", required = true) String confidence,
                             @JsonProperty(value = "assumptions", required = true) String assumptions) {
            ObjectKind kind = null;
            for (ObjectKind k : ObjectKind.values()) {
                if (k.id().equals(object)) kind = k;
            }
            if (kind == null) throw new InputException("object: '" + object + "' is not process, thread or token");
            if (!"user".equals(creator) && !"system".equals(creator)) {
                throw new InputException("creator: '" + creator + "' is not user or system");
            }
            if (confidence == null || !confidence.matches("[CSIU](/[CSIU])*")) {
                throw new InputException("confidence: '" + confidence + "' is not a spec mark C, S, I or U (or e.g. I/U)");
            }
            SecurityDescriptor sd;
            try {
                sd = Sddl.parse(sddl);
            } catch (InputException e) {
                throw new InputException("sddl: " + e.getMessage());
            }
            if (sd.dacl() == null) throw new InputException("sddl: a default descriptor without a DACL would grant everything");
            return new Row(kind, creator, sd, confidence, assumptions);
        }
    }
}
