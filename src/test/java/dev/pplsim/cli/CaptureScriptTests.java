package dev.pplsim.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pplsim.model.Privilege;
import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.model.Token;
import dev.pplsim.policy.SecurityPolicy;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.request.Spelling;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tools/windows/capture-system.ps1 and the catalog reader (SystemCatalog) cannot drift (issue #19): the keys the
 * script writes are the reader's fields (all the required ones, none it does not know), its tables are the model's
 * (signer names, token presets, trustlet IDs of spec §7.3), and the recorded sample is in the script's format. No
 * PowerShell runs here, so the script's text is read.
 */
class CaptureScriptTests {

    private static final Path SCRIPT = Path.of("tools/windows/capture-system.ps1");
    private static final String PS1 = read(SCRIPT);

    private static String read(Path f) {
        try {
            return Files.readString(f).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new AssertionError(f + " is missing", e);
        }
    }

    /** The keys of {@code $map['key'] = ...} in the script, in the order it writes them. */
    static List<String> keys(String map) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\$" + map + "\\['(\\w+)'] = ").matcher(PS1);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    static Set<String> required(Class<? extends Record> type) throws NoSuchFieldException {
        Set<String> out = new TreeSet<>();
        for (String c : components(type)) {
            JsonProperty p = type.getDeclaredField(c).getAnnotation(JsonProperty.class);
            if (p != null && p.required()) out.add(c);
        }
        return out;
    }

    @Test
    void the_process_keys_the_script_writes_are_fields_the_catalog_reads() throws Exception {
        List<String> written = keys("entry");
        assertEquals(List.of("image", "pid", "parent", "protection", "token", "threads", "session", "confidence", "kind", "trustletId"), written);
        assertEquals(written.size(), new TreeSet<>(written).size(), "each key once");
        assertTrue(components(SystemCatalog.Process.class).containsAll(written), "unknown fields are errors: " + written);
        assertTrue(written.containsAll(required(SystemCatalog.Process.class)), "every required field: " + required(SystemCatalog.Process.class));
        // what the script leaves out, its help and its header say it does not capture
        List<String> left = new ArrayList<>(components(SystemCatalog.Process.class));
        left.removeAll(written);
        assertEquals(List.of("disallowUserTerminate", "sd"), left);
        assertTrue(PS1.contains("(not captured) sd (the process object's descriptor"), PS1);
        assertTrue(PS1.contains("$lines.Add('# Not captured: sd (the defaults of policies/security-descriptors.yaml apply) and disallowUserTerminate.')"), PS1);
    }

    @Test
    void the_top_level_keys_the_script_writes_are_the_catalogs() throws Exception {
        List<String> written = new ArrayList<>(keys("top"));
        assertTrue(PS1.contains("$lines.Add('processes:')"), "the list of processes");
        written.add("processes");
        assertEquals(components(SystemCatalog.class), written);
        assertEquals(new TreeSet<>(written), required(SystemCatalog.class));
    }

    @Test
    void the_signer_names_are_the_models_by_value() {
        List<String> names = psStrings(match("(?m)^\\$SignerNames = @\\((.*)\\)$"));
        assertEquals(Arrays.stream(PsProtectedSigner.values()).map(PsProtectedSigner::shortName).toList(), names);
        for (int i = 0; i < names.size(); i++) assertEquals(i, PsProtectedSigner.values()[i].value());
    }

    @Test
    void the_token_presets_the_script_maps_to_hold_what_it_compares() {
        SecurityPolicy sec = SecurityPolicy.load(Path.of("policies"));
        Matcher m = Pattern.compile("(?m)^\\s+'([\\w-]+)'\\s+= @\\{ integrity = '(S-1-16-\\d+)'; debug = '(enabled|absent)' }$").matcher(
                between("$PresetFacts = @{\n", "\n}"));
        Map<String, String[]> facts = new LinkedHashMap<>();
        while (m.find()) facts.put(m.group(1), new String[]{m.group(2), m.group(3)});
        assertEquals(List.of("system", "local-service", "network-service", "admin-elevated", "admin-filtered", "standard-user"), List.copyOf(facts.keySet()));
        for (var e : facts.entrySet()) {
            Token t = sec.preset(e.getKey());
            assertEquals(e.getValue()[0], t.integrity().toString(), e.getKey() + " integrity");
            String debug = t.hasEnabled(Privilege.SE_DEBUG) ? "enabled" : t.privilege(Privilege.SE_DEBUG) == null ? "absent" : "held, disabled";
            assertEquals(e.getValue()[1], debug, e.getKey() + " SeDebugPrivilege");
        }
        // the presets Get-Preset returns and the default for unread tokens are among them
        Matcher returned = Pattern.compile("return '([\\w-]+)'").matcher(between("function Get-Preset($probe) {\n", "\n}\n"));
        List<String> presets = new ArrayList<>();
        while (returned.find()) presets.add(returned.group(1));
        assertEquals(List.copyOf(facts.keySet()), presets);
        assertTrue(facts.containsKey(match("\\[string]\\$UnknownToken = '([\\w-]+)'")));
    }

    @Test
    void the_trustlet_ids_are_those_of_spec_7_3() {
        assertEquals("@{ 'lsaiso.exe' = 1; 'vmsp.exe' = 2; 'bioiso.exe' = 4; 'fsiso.exe' = 5 }", match("(?m)^\\$TrustletIds = (.*)$"));
    }

    /** Every process line of the sample is one the script writes: its comment above it, its keys in the script's order. */
    @Test
    void the_sample_is_in_the_scripts_format() throws Exception {
        List<String> lines = Files.readAllLines(CaptureSampleTests.SAMPLE);
        List<String> order = keys("entry");
        int processes = 0, unopened = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("  - {")) continue;
            processes++;
            assertTrue(line.endsWith("}"), line);
            Map<String, String> entry = flowMap(line.substring(5, line.length() - 1));
            List<String> k = List.copyOf(entry.keySet());
            assertEquals(order.subList(0, 8), k.subList(0, 8), line);
            assertEquals(order.subList(8, 8 + k.size() - 8), k.subList(8, k.size()), "kind, then trustletId, only when given: " + line);
            String image = unquote(entry.get("image")), comment = lines.get(i - 1);
            assertTrue(comment.startsWith("  # " + image + " " + entry.get("pid") + ": "), "the comment above names the process: " + comment);
            String confidence = unquote(entry.get("confidence"));
            Matcher measured = Pattern.compile("measured: PS_PROTECTION 0x([0-9A-F]{2}) \\(NtQueryInformationProcess class 61\\)").matcher(confidence);
            if (measured.matches()) {
                // the spelling the script chose is the byte it read
                assertEquals(Integer.parseInt(measured.group(1), 16), Spelling.protection(entry.get("protection")).value(), line);
            } else {
                unopened++;
                assertTrue(confidence.startsWith("not measured: OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION) failed (error "), line);
                assertEquals("None", entry.get("protection"), line);
                assertTrue(comment.contains(": not opened (error "), comment);
                assertTrue(comment.endsWith("protection, kind and token not measured, written as None, normal and " + entry.get("token")), comment);
            }
        }
        String description = lines.stream().filter(l -> l.startsWith("description: ")).findFirst().orElseThrow();
        assertTrue(description.endsWith(": " + processes + " processes, " + unopened + " not opened\""), description);
        assertEquals(27, processes);
        assertEquals(1, unopened);
        // the header lines the script writes, in its order
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("# pplsim system catalog written by")).findFirst().orElseThrow());
        assertTrue(lines.get(header + 1).startsWith("# Windows 10.0.22631 (Microsoft Windows 11 Pro); elevated: True; SeDebugPrivilege enabled for the capture: True; LSA RunAsPPL: "));
        assertTrue(lines.get(header + 2).startsWith("# build windows-10-11: policies/windows-builds.yaml row 19041-99999. Processes in creation order;"));
        assertEquals(List.of("name", "description", "build", "cite", "processes"),
                lines.subList(header + 5, header + 10).stream().map(l -> l.substring(0, l.indexOf(':'))).toList());
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    private static String match(String regex) {
        Matcher m = Pattern.compile(regex).matcher(PS1);
        assertTrue(m.find(), "no match for " + regex);
        return m.group(1);
    }

    private static String between(String start, String end) {
        int a = PS1.indexOf(start);
        assertTrue(a >= 0, "no '" + start.strip() + "'");
        return PS1.substring(a + start.length(), PS1.indexOf(end, a + start.length()));
    }

    private static List<String> psStrings(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(CaptureScriptTests::unquoteSingle).toList();
    }

    private static String unquoteSingle(String s) {
        assertTrue(s.startsWith("'") && s.endsWith("'"), s);
        return s.substring(1, s.length() - 1);
    }

    private static String unquote(String s) {
        return s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : s;
    }

    /** A one-line YAML flow mapping's keys and raw values, split at the commas outside quotes and brackets. */
    static Map<String, String> flowMap(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        int depth = 0, start = 0;
        boolean quoted = false;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '"') quoted = true;
            else if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == ',' && depth == 0) {
                String part = body.substring(start, i).trim();
                int colon = part.indexOf(": ");
                assertTrue(colon > 0, part);
                String key = part.substring(0, colon);
                assertTrue(out.put(key, part.substring(colon + 2)) == null, "duplicate key " + key);
                start = i + 1;
            }
        }
        return out;
    }
}
