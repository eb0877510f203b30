package dev.pplsim.explain;

import dev.pplsim.engine.Creation;
import dev.pplsim.model.CreateApi;
import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.CreationFlag;
import dev.pplsim.model.ImageSpec;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.SdkNames;
import dev.pplsim.model.SigningLevel;
import dev.pplsim.request.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A creation for people (an aligned block, stages in the kernel's terms) and for programs (the batch contract's
 * JSON, plus the stages when explained); and, for a refused creation, the single changes that would make it succeed,
 * each verified by deciding it.
 */
public final class CreationRender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CreationRender() {
    }

    /** One change to a refused creation and what deciding it gave. */
    public record Change(String change, Creation creation) {
    }

    /**
     * The single changes that make a refused creation succeed: another protection level (or none), another image
     * signer, one creation flag added or removed, no inherited handles, plain CreateProcess. Each is decided; only
     * successes are kept, in that order.
     */
    public static List<Change> whatWouldSucceed(Creation c, Function<CreateQuery, Creation> decide) {
        if (c.status().isSuccess()) return List.of();
        CreateQuery q = c.query();
        Map<String, CreateQuery> tries = new LinkedHashMap<>();
        tries.put("no protection level", with(q, q.flags(), null, q.image(), q.api(), q.inheritHandles()));
        for (ProtectionLevel l : ProtectionLevel.values()) {
            if (q.protectionLevel() == null || l.value() != q.protectionLevel()) {
                tries.put("protection level " + l.name(), with(q, q.flags(), l.value(), q.image(), q.api(), q.inheritHandles()));
            }
        }
        if (q.image().signer() != null) {
            for (PsProtectedSigner s : PsProtectedSigner.values()) {
                if (s != q.image().signer()) {
                    ImageSpec im = q.image().withClaim(s, null, null);
                    tries.put("an image that may claim the " + s.shortName() + " signer", with(q, q.flags(), q.protectionLevel(), im, q.api(), q.inheritHandles()));
                }
            }
        }
        if (q.api().win32()) {
            for (CreationFlag f : CreationFlag.values()) {
                boolean has = f.in(q.flags());
                tries.put((has ? "without " : "with ") + f.name(), with(q, q.flags() ^ f.value(), q.protectionLevel(), q.image(), q.api(), q.inheritHandles()));
            }
        }
        if (q.inheritHandles()) tries.put("bInheritHandles FALSE", with(q, q.flags(), q.protectionLevel(), q.image(), q.api(), false));
        if (q.api() != CreateApi.CREATE_PROCESS && q.api().win32()) {
            tries.put("CreateProcess instead of " + q.api().sdkName(), with(q, q.flags(), q.protectionLevel(), q.image(), CreateApi.CREATE_PROCESS, q.inheritHandles()));
        }
        List<Change> out = new ArrayList<>();
        tries.forEach((what, t) -> {
            try {
                Creation d = decide.apply(t);
                if (d.status().isSuccess()) out.add(new Change(what, d));
            } catch (InputException e) {
                // a change the request cannot take (a child token with CreateProcess) is no counterfactual
            }
        });
        return out;
    }

    private static CreateQuery with(CreateQuery q, int flags, Long level, ImageSpec image, CreateApi api, boolean inherit) {
        String child = api.takesToken() ? q.childToken() : null;
        return q.with(api, child, image, flags, level, inherit);
    }

    public static List<String> text(Creation c, ExplainMode mode, List<Change> whatWouldSucceed) {
        CreateQuery q = c.query();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "request   %s by a %s creator%s, build %s", q.api().sdkName(), q.creator(),
                q.creatorToken() == null ? "" : " with token " + q.creatorToken(), q.build()));
        out.add("          image " + q.image().path() + ", " + image(q.image()));
        if (q.secureProcess() || q.packageFullName() != null) {
            out.add("          attributes" + (q.secureProcess() ? " PS_CP_SECURE_PROCESS" : "")
                    + (q.packageFullName() != null ? " PROC_THREAD_ATTRIBUTE_PACKAGE_FULL_NAME " + q.packageFullName() : ""));
        }
        out.add("          flags " + q.flagNames() + (q.inheritHandles() ? ", bInheritHandles TRUE" : "")
                + ", protection level " + (q.protectionLevel() == null ? "none" : ProtectionLevel.describe(q.protectionLevel()))
                + (q.childToken() == null ? "" : ", child token " + q.childToken()));
        out.add(String.format(Locale.ROOT, "decision  %s (%s)", c.status().name(), c.status().hex()));
        if (c.status().isSuccess()) {
            out.add("child     EPROCESS.Protection " + c.child() + ", a " + c.kind().id() + " process");
            out.add("          SignatureLevel " + SigningLevel.describe(c.signatureLevel()) + ", SectionSignatureLevel " + SigningLevel.describe(c.sectionLevel()));
            out.add("          debug port " + (c.debugPort() ? "attached" : "none"));
            out.add("hProcess  " + SdkNames.hex(c.processAccess()) + " " + SdkNames.rightNames(c.processAccess(), ObjectKind.PROCESS));
            out.add("hThread   " + SdkNames.hex(c.threadAccess()) + " " + SdkNames.rightNames(c.threadAccess(), ObjectKind.THREAD));
        } else {
            out.add("because   " + c.reason());
        }
        out.add("rules     " + String.join(" ", c.rules()));
        if (mode != ExplainMode.OFF) {
            if (!whatWouldSucceed.isEmpty()) {
                out.add("would succeed (each change alone, verified by deciding it):");
                for (Change ch : whatWouldSucceed) {
                    out.add("  - " + ch.change() + " -> child " + ch.creation().child() + ", hProcess " + SdkNames.hex(ch.creation().processAccess()));
                }
            }
            out.add("explanation (" + mode.id() + "):");
            out.addAll(TextExplainer.render(mode.filter(c.trace()), Render::describe, mode == ExplainMode.FULL));
        }
        return out;
    }

    private static String image(ImageSpec im) {
        String claim = im.signingLevel() != null ? "signing level " + SigningLevel.describe(im.signingLevel())
                : im.ekus() != null ? "EKUs " + String.join(",", im.ekus())
                : "may claim signer " + im.signer().shortName();
        return claim + ", subsystem " + im.subsystem().id() + (im.trustletId() != null ? ", .tPolicy trustlet " + im.trustletId() : "")
                + (im.sectionFlags() != 0 ? String.format(Locale.ROOT, ", section flags 0x%02X", im.sectionFlags()) : "");
    }

    /** The batch contract's output fields: status, ntstatus, and on success child, processAccess, threadAccess; rules. */
    public static ObjectNode json(Creation c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", c.status().name()).put("ntstatus", c.status().hex());
        if (c.status().isSuccess()) {
            n.putObject("child").put("protection", c.child().hex())
                    .put("signatureLevel", String.format(Locale.ROOT, "0x%02X", c.signatureLevel()))
                    .put("sectionSignatureLevel", String.format(Locale.ROOT, "0x%02X", c.sectionLevel()));
            n.put("processAccess", SdkNames.hex(c.processAccess())).put("threadAccess", SdkNames.hex(c.threadAccess()));
        }
        ArrayNode rules = n.putArray("rules");
        c.rules().forEach(rules::add);
        return n;
    }

    /** {@link #json(Creation)} with the reason, the debug port and, when explained, the stages and the counterfactuals. */
    public static ObjectNode json(Creation c, ExplainMode mode, List<Change> whatWouldSucceed) {
        ObjectNode n = json(c);
        n.put("reason", c.reason());
        if (c.status().isSuccess()) ((ObjectNode) n.get("child")).put("debugPort", c.debugPort()).put("name", c.child().name()).put("kind", c.kind().id());
        if (mode != ExplainMode.OFF) {
            ArrayNode cf = n.putArray("counterfactuals");
            for (Change ch : whatWouldSucceed) {
                cf.addObject().put("change", ch.change()).put("status", ch.creation().status().name())
                        .put("child", ch.creation().child().hex()).put("processAccess", SdkNames.hex(ch.creation().processAccess()));
            }
            ArrayNode stages = n.putArray("stages");
            for (var s : mode.filter(c.trace())) {
                ObjectNode st = stages.addObject();
                st.put("stage", s.stage().label()).put("title", s.stage().title()).put("kernelFunction", s.stage().kernelFunction())
                        .put("rule", s.ruleId()).put("name", s.ruleName()).put("cite", s.cite());
                ArrayNode derived = st.putArray("derived");
                for (Object d : s.derived()) derived.add(Render.describe(d));
            }
        }
        return n;
    }
}
