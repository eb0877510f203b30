package dev.pplsim.jobs;

import dev.pplsim.engine.Decision;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.explain.StagesJson;
import dev.pplsim.request.RequestReader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The batch contract's output (its input is {@link dev.pplsim.request.BatchLine}'s). Input line:
 * {@code {"id":"c1","caller":{"protection":"0x61"},"target":{"protection":"Lsa-Light","object":"process"},
 * "desired":"PROCESS_VM_READ","mode":"user","forceAccessCheck":false,"relation":"none","build":"windows-10-11","sdGranted":null}};
 * only id, caller.protection, target.protection and desired are required. Output line:
 * {@code {"id":"c1","status":"STATUS_ACCESS_DENIED","ntstatus":"0xC0000022","granted":"0x00000000","rules":[...]}},
 * or {@code {"id":...,"error":"..."}}. Extensions beyond the contract's example, all optional: caller.pico
 * (boolean), target.pico ({openProcess, openThread} masks), target.disallowUserTerminate (boolean).
 *
 * <p>The security-descriptor stage (docs/ACCESS-CHECK.md), all optional and backwards-compatible: caller.token (a
 * preset name of policies/tokens.yaml or an inline token, {@code TokenSpelling}); with it the access check decides
 * and sdGranted must be absent (spec §3.1 steps 2-3). target.sd (SDDL of the object opened), target.token (the
 * target process's token, whose default descriptors the object gets when target.sd is absent), target.object
 * {@code token} (NtOpenProcessToken, spec §4.3), operation ({@code open|duplicate|debug}, spec §3.4) and sourceAccess
 * (the duplicated handle's access). Each token's trust SID is derived from its process's protection (spec §4.3).
 * A decision line for a target.sd with ACEs pplsim keeps but does not apply carries {@code "sdNotes"}, one line per kind
 * ({@link dev.pplsim.model.SecurityDescriptor#notes()}). With {@code pplsim batch --explain}, each decision line also
 * carries {@code "stages"} ({@link StagesJson}).
 *
 * <p>Process kinds (spec §7, §12.7), optional: caller.kind and target.kind, one of normal (the default), minimal,
 * pico, trustlet and packaged: a duplicate into or out of a trustlet is refused (§3.4), and what a granted VM right
 * reaches in a trustlet or a minimal process is explained (§7.1, §7.3). A line with {@code "op":"create"} is a
 * creation ({@link dev.pplsim.request.CreateReader}; its kind-related fields are secureProcess, packageFullName,
 * image.trustletId and image.sectionFlags), one with {@code "op":"load"} an image load.
 */
public final class BatchProtocol {

    private static final ObjectMapper JSON = RequestReader.strictJson();
    /** How every output line starts: the id comes first, so a line can be answered by its id and a kept rest. */
    static final String LINE_START = "{\"id\":";
    static final byte[] LINE_START_BYTES = LINE_START.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private BatchProtocol() {
    }

    /** The output line for a decision, in the contract's field order. */
    public static String decisionLine(String id, Decision d) {
        return decisionLine(id, d, ExplainMode.OFF);
    }

    /** As {@link #decisionLine(String, Decision)}, plus {@code "stages"} after the rules unless {@code explain} is off. */
    public static String decisionLine(String id, Decision d, ExplainMode explain) {
        StringBuilder b = new StringBuilder(160);
        b.append(LINE_START).append(id)
                .append(",\"status\":\"").append(d.status().name())
                .append("\",\"ntstatus\":\"").append(d.status().hex())
                .append("\",\"granted\":\"").append(d.grantedHex())
                .append("\",\"rules\":[");
        for (int i = 0; i < d.rules().size(); i++) {
            if (i > 0) b.append(',');
            b.append('"').append(d.rules().get(i)).append('"');
        }
        b.append(']');
        // what the given descriptor holds that pplsim keeps but does not apply, as decide prints it
        java.util.List<String> notes = d.query().sd() == null ? java.util.List.of() : d.query().sd().notes();
        if (!notes.isEmpty()) {
            try {
                b.append(",\"sdNotes\":").append(JSON.writeValueAsString(notes));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (explain != ExplainMode.OFF) {
            try {
                b.append(",\"stages\":").append(JSON.writeValueAsString(StagesJson.of(d, explain)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.append('}').toString();
    }

    /**
     * A creation's answer, the batch contract's fields in its order: id, status, ntstatus, and on success child
     * (protection as 2 hex digits, the two signature levels, and the kind unless normal: trustlet or packaged),
     * processAccess and threadAccess; then rules.
     */
    public static String creationLine(String id, dev.pplsim.engine.Creation c) {
        StringBuilder b = new StringBuilder(200);
        b.append(LINE_START).append(id).append(",\"status\":\"").append(c.status().name())
                .append("\",\"ntstatus\":\"").append(c.status().hex()).append('"');
        if (c.status().isSuccess()) {
            b.append(",\"child\":{\"protection\":\"").append(c.child().hex())
                    .append(String.format(java.util.Locale.ROOT, "\",\"signatureLevel\":\"0x%02X\",\"sectionSignatureLevel\":\"0x%02X\"",
                            c.signatureLevel(), c.sectionLevel()))
                    // the kind only where it is not the normal one, so the contract's lines for ordinary children stay as they were
                    .append(c.kind() == dev.pplsim.model.ProcessKind.NORMAL ? "" : ",\"kind\":\"" + c.kind().id() + "\"").append('}')
                    .append(",\"processAccess\":\"").append(dev.pplsim.model.SdkNames.hex(c.processAccess()))
                    .append("\",\"threadAccess\":\"").append(dev.pplsim.model.SdkNames.hex(c.threadAccess())).append('"');
        }
        b.append(",\"rules\":[");
        for (int i = 0; i < c.rules().size(); i++) {
            if (i > 0) b.append(',');
            b.append('"').append(c.rules().get(i)).append('"');
        }
        return b.append("]}").toString();
    }

    /** A load's output line: status, ntstatus, the two levels compared, how the section was mapped and its pages checked, rules. */
    public static String loadLine(String id, dev.pplsim.engine.Load l) {
        StringBuilder b = new StringBuilder(200);
        b.append(LINE_START).append(id).append(",\"status\":\"").append(l.status().name())
                .append("\",\"ntstatus\":\"").append(l.status().hex()).append('"')
                .append(String.format(java.util.Locale.ROOT, ",\"imageSigningLevel\":\"0x%02X\"", l.imageLevel()));
        if (l.sectionLevel() != null) b.append(String.format(java.util.Locale.ROOT, ",\"sectionSignatureLevel\":\"0x%02X\"", l.sectionLevel()));
        if (l.status().isSuccess()) {
            b.append(",\"knownDllsSection\":").append(l.knownDllsSection()).append(",\"pageHashesEnforced\":").append(l.pageHashesEnforced())
                    .append(",\"modifiedBytesRun\":").append(l.modifiedBytesRun());
        }
        b.append(",\"rules\":[");
        for (int i = 0; i < l.rules().size(); i++) {
            if (i > 0) b.append(',');
            b.append('"').append(l.rules().get(i)).append('"');
        }
        return b.append("]}").toString();
    }

    public static String errorLine(String id, String message) {
        try {
            return LINE_START + id + ",\"error\":" + JSON.writeValueAsString(message) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
