package dev.pplsim.schema;

import dev.pplsim.model.AccessRight;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.ProtectionLevel;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SigningLevel;
import dev.pplsim.policy.Mask;
import dev.pplsim.request.Form;
import dev.pplsim.request.InputException;
import dev.pplsim.request.LoadField;
import dev.pplsim.request.LoadReader;
import dev.pplsim.request.Spelling;
import com.networknt.schema.Schema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schemas' spellings against the readers' over whole domains: every protection byte by each of its names, every
 * signing level, every right of every object, and a set of malformed texts. Each value the schema accepts the reader
 * reads (to the value it names), and each the reader refuses the schema refuses.
 */
class SchemaSpellingTests {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private static boolean valid(Schema s, JsonNode value) {
        return s.validate(value).isEmpty();
    }

    private static boolean reads(Runnable read) {
        try {
            read.run();
            return true;
        } catch (InputException e) {
            return false;
        }
    }

    /** Asserts that schema and reader agree on each text, collecting every disagreement into one failure. */
    private static void agree(Schema s, List<String> texts, Consumer<String> reader, List<String> out) {
        for (String t : texts) {
            boolean schema = valid(s, N.stringNode(t)), read = reads(() -> reader.accept(t));
            if (schema != read) out.add("'" + t + "': schema " + (schema ? "accepts" : "refuses") + ", reader " + (read ? "reads it" : "refuses"));
        }
    }

    @Test
    void every_protection_byte_is_valid_by_each_of_its_spellings_and_reads_back_to_itself() {
        Schema s = SchemaCheck.schema("system.schema.json", "#/$defs/protection");
        List<String> wrong = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            PsProtection p = new PsProtection(b);
            List<String> spellings = new ArrayList<>(List.of(p.name(), String.format(Locale.ROOT, "0x%02X", b), Integer.toString(b)));
            if (p.protectedSigner() != null && p.type() > 0 && p.type() < 3) spellings.add(p.protectedSigner().sdkName() + (p.type() == 1 ? "-Light" : "") + (p.audit() ? "+Audit" : ""));
            for (String t : spellings) {
                if (!valid(s, N.stringNode(t))) wrong.add("'" + t + "' is refused by the schema");
                if (Spelling.protection(t).value() != b) wrong.add("'" + t + "' does not read back to " + b);
            }
            if (!valid(s, N.numberNode(b))) wrong.add(b + " as a number is refused by the schema");
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void the_schema_and_the_reader_agree_on_odd_and_malformed_protections() {
        Schema s = SchemaCheck.schema("system.schema.json", "#/$defs/protection");
        List<String> wrong = new ArrayList<>();
        agree(s, List.of("WinTcb-Lite", "Lsa-", "Type8/WinTcb", "Type1/WinTcb-Light", "Signer16", "Signer15-Light", "256", "0x100", "00", "097", "0x", "-1",
                "None+Audit", "PsProtectedSignerSigner5", "WinTcb+Audit+Audit", "Windows+Audit-Light", "", "+Audit", "Type2/Signer9", "PsProtectedSignerNone-Light"),
                Spelling::protection, wrong);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(false, valid(s, N.numberNode(256)), "256 is not a byte");
        assertEquals(false, valid(s, N.numberNode(-1)), "-1 is not a byte");
    }

    @Test
    void every_signing_level_is_valid_by_number_and_by_name_and_reads_back_to_itself() {
        Schema s = SchemaCheck.schema("scenario.schema.json", "#/$defs/signingLevel");
        List<String> wrong = new ArrayList<>();
        for (SigningLevel l : SigningLevel.values()) {
            for (String t : List.of(l.sdkName(), l.name(), Integer.toString(l.value()), String.format(Locale.ROOT, "0x%X", l.value()), String.format(Locale.ROOT, "0x%02X", l.value()))) {
                if (!valid(s, N.stringNode(t))) wrong.add("'" + t + "' is refused by the schema");
                if (imageLevel(N.stringNode(t)) != l.value()) wrong.add("'" + t + "' does not read back to " + l.value());
            }
            if (!valid(s, N.numberNode(l.value())) || imageLevel(N.numberNode(l.value())) != l.value()) wrong.add(l.value() + " as a number");
        }
        agree(s, List.of("16", "0x10", "07", "0x010", "SE_SIGNING_LEVEL_NOPE", "-1", "1.5", "0b1"), t -> imageLevel(N.stringNode(t)), wrong);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(false, valid(s, N.numberNode(16)), "16 is beyond a signing level");
    }

    /** The image signing level a load with this value reads (the one reader of levels, LoadReader). */
    private static int imageLevel(JsonNode level) {
        com.fasterxml.jackson.databind.JsonNode v = toJackson2(level);
        return LoadReader.read(Form.SCENARIO, f -> f == LoadField.PROCESS ? com.fasterxml.jackson.databind.node.TextNode.valueOf("None")
                : f == LoadField.IMAGE_SIGNING_LEVEL ? v : null).image().signingLevel();
    }

    private static com.fasterxml.jackson.databind.JsonNode toJackson2(JsonNode n) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(n.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void every_right_of_every_object_is_a_valid_desired_mask_alone_and_joined() {
        Schema s = SchemaCheck.schema("scenario.schema.json", "#/$defs/desiredMask");
        List<String> wrong = new ArrayList<>();
        for (ObjectKind k : ObjectKind.values()) {
            List<String> names = new ArrayList<>();
            for (AccessRight r : k.allRights()) names.add(r.sdkName());
            names.add(String.join("|", names));
            names.add(String.join(" | ", names.subList(0, 3)) + "|0x10|272");
            for (String t : names) {
                if (!valid(s, N.stringNode(t))) wrong.add("'" + t + "' is refused by the schema");
                if (!reads(() -> Spelling.desiredMask(t, k))) wrong.add("'" + t + "' is refused by the reader for a " + k.id());
            }
        }
        agree(s, List.of("PROCESS_VM_READ|", "|", "PROCESS_VM_REED", "0x", "0x1FFFFFFFF", "07", "PROCESS_VM_READ||SYNCHRONIZE", "-1", "0x10.5", "PROCESS_VM_READ,SYNCHRONIZE"),
                t -> Spelling.desiredMask(t, ObjectKind.PROCESS), wrong);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void a_granted_mask_takes_no_generic_right_in_either() {
        Schema s = SchemaCheck.schema("scenario.schema.json", "#/$defs/grantedMask");
        List<String> wrong = new ArrayList<>();
        agree(s, List.of("PROCESS_VM_READ", "GENERIC_READ", "MAXIMUM_ALLOWED", "PROCESS_ALL_ACCESS|ACCESS_SYSTEM_SECURITY", "GENERIC_ALL|0x10", "0x1000"),
                t -> Spelling.grantedMask(t, ObjectKind.PROCESS), wrong);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void a_mask_is_valid_exactly_as_the_policy_grammar_writes_numbers() {
        Schema s = SchemaCheck.schema("build.schema.json", "#/$defs/mask");
        List<String> wrong = new ArrayList<>();
        agree(s, List.of("0", "272", "0x110", "0X110", "0x0000000110", "0xFFFFFFFF", "4294967295", "0110", "-1", "272.9", "0b100011000", "1_000", "0x", "+97", " 272", "٩٧"),
                Mask::of, wrong);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void every_protection_level_name_and_signer_name_is_valid_and_read() {
        List<String> wrong = new ArrayList<>();
        Schema levels = SchemaCheck.schema("scenario.schema.json", "#/$defs/protectionLevel");
        for (ProtectionLevel l : ProtectionLevel.values()) {
            if (!valid(levels, N.stringNode(l.name())) || ProtectionLevel.byName(l.name()) != l) wrong.add(l.name());
        }
        Schema signers = SchemaCheck.schema("build.schema.json", "#/$defs/signerName");
        for (PsProtectedSigner p : PsProtectedSigner.values()) {
            for (String t : List.of(p.shortName(), p.sdkName())) {
                if (!valid(signers, N.stringNode(t)) || PsProtectedSigner.byName(t) != p) wrong.add(t);
            }
        }
        agree(signers, List.of("Wintcb!", "PsProtectedSigner", "Signer5", "WinTcb-Light"), t -> {
            if (PsProtectedSigner.byName(t) == null) throw new InputException("unknown signer");
        }, wrong);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
