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
public final class CreationRender extends AnswerRender<CreateQuery, Creation> {

    public static final CreationRender CREATION = new CreationRender();

    private CreationRender() {
    }

    /**
     * The single changes that make a refused creation succeed: another protection level (or none), another image
     * signer, one creation flag added or removed, no inherited handles, plain CreateProcess. Each is decided; only
     * successes are kept, in that order.
     */
    public List<Change<Creation>> whatWouldSucceed(Creation c, Function<CreateQuery, Creation> decide) {
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
        return verified(tries, decide);
    }

    private static CreateQuery with(CreateQuery q, int flags, Long level, ImageSpec image, CreateApi api, boolean inherit) {
        String child = api.takesToken() ? q.childToken() : null;
        return q.with(api, child, image, flags, level, inherit);
    }

    @Override
    List<String> lines(Creation c) {
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
        return out;
    }

    @Override
    String changed(Creation c) {
        return " -> child " + c.child() + ", hProcess " + SdkNames.hex(c.processAccess());
    }

    private static String image(ImageSpec im) {
        String claim = im.signingLevel() != null ? "signing level " + SigningLevel.describe(im.signingLevel())
                : im.ekus() != null ? "EKUs " + String.join(",", im.ekus())
                : "may claim signer " + im.signer().shortName();
        return claim + ", subsystem " + im.subsystem().id() + (im.trustletId() != null ? ", .tPolicy trustlet " + im.trustletId() : "")
                + (im.sectionFlags() != 0 ? String.format(Locale.ROOT, ", section flags 0x%02X", im.sectionFlags()) : "");
    }

    /** On success: child, processAccess, threadAccess. */
    @Override
    void fields(ObjectNode n, Creation c) {
        if (c.status().isSuccess()) {
            n.putObject("child").put("protection", c.child().hex()).put("signatureLevel", hex2(c.signatureLevel()))
                    .put("sectionSignatureLevel", hex2(c.sectionLevel()));
            n.put("processAccess", SdkNames.hex(c.processAccess())).put("threadAccess", SdkNames.hex(c.threadAccess()));
        }
    }

    /** The debug port, the child's name and its kind. */
    @Override
    void explained(ObjectNode n, Creation c) {
        if (c.status().isSuccess()) ((ObjectNode) n.get("child")).put("debugPort", c.debugPort()).put("name", c.child().name()).put("kind", c.kind().id());
    }

    @Override
    void counterfactual(ObjectNode cf, Creation c) {
        cf.put("child", c.child().hex()).put("processAccess", SdkNames.hex(c.processAccess()));
    }
}
