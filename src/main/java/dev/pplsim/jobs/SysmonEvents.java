package dev.pplsim.jobs;

import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Sysmon Event ID 10 (ProcessAccess) records, exported as XML ({@code <Events><Event>...</Event></Events>}, the
 * shape of wevtutil / Get-WinEvent ToXml) or as JSON lines (fields at the top or under {@code EventData}).
 */
public final class SysmonEvents {

    /** One ProcessAccess record: who opened whom, and the GrantedAccess Windows logged. */
    public record Access(String where, String sourceImage, long sourcePid, String targetImage, long targetPid, int grantedAccess) {

        /** {@code C:\Windows\System32\lsass.exe} to {@code lsass.exe}. */
        public static String baseName(String path) {
            String p = path.replace('/', '\\');
            return p.substring(p.lastIndexOf('\\') + 1);
        }
    }

    private SysmonEvents() {
    }

    public static List<Access> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw InputException.at(file.toString(), "cannot read: " + e.getMessage());
        }
        return text.stripLeading().startsWith("<") ? xml(file, text) : json(file, text);
    }

    private static List<Access> json(Path file, String text) {
        ObjectMapper json = dev.pplsim.request.RequestReader.strictJson();
        List<Access> out = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String where = file + ":" + (i + 1);
            JsonNode n;
            try {
                n = json.readTree(lines[i]);
            } catch (IOException e) {
                throw InputException.at(where, "malformed JSON");
            }
            JsonNode id = n.has("EventID") ? n.get("EventID") : n.path("System").path("EventID");
            if (!id.isMissingNode() && id.asInt() != 10) continue;
            JsonNode d = n.has("EventData") ? n.get("EventData") : n;
            out.add(access(where, d.path("SourceImage").asText(null), d.path("SourceProcessId").asText(null),
                    d.path("TargetImage").asText(null), d.path("TargetProcessId").asText(null), d.path("GrantedAccess").asText(null)));
        }
        return out;
    }

    private static List<Access> xml(Path file, String text) {
        List<Access> out = new ArrayList<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // no external entities or DTDs: an event export is data
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            // errors become the one-line message below, not the parser's own print to stderr
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            var doc = builder.parse(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            NodeList events = doc.getElementsByTagNameNS("*", "Event");
            if (events.getLength() == 0) events = doc.getElementsByTagName("Event");
            for (int i = 0; i < events.getLength(); i++) {
                Element e = (Element) events.item(i);
                String where = file + ": event " + (i + 1);
                NodeList ids = e.getElementsByTagNameNS("*", "EventID");
                if (ids.getLength() > 0 && !ids.item(0).getTextContent().trim().equals("10")) continue;
                java.util.Map<String, String> data = new java.util.HashMap<>();
                NodeList ds = e.getElementsByTagNameNS("*", "Data");
                for (int j = 0; j < ds.getLength(); j++) {
                    Element x = (Element) ds.item(j);
                    data.put(x.getAttribute("Name"), x.getTextContent().trim());
                }
                out.add(access(where, data.get("SourceImage"), data.get("SourceProcessId"), data.get("TargetImage"),
                        data.get("TargetProcessId"), data.get("GrantedAccess")));
            }
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw InputException.at(file.toString(), "malformed XML: " + msg);
        }
        return out;
    }

    private static Access access(String where, String source, String sourcePid, String target, String targetPid, String granted) {
        if (source == null || target == null || granted == null) {
            throw InputException.at(where, "a ProcessAccess record needs SourceImage, TargetImage and GrantedAccess");
        }
        int mask;
        try {
            mask = (int) Spelling.number(granted, "GrantedAccess");
        } catch (InputException e) {
            throw InputException.at(where + ": GrantedAccess", e.getMessage());
        }
        // a handle's granted mask holds specific and standard rights and ACCESS_SYSTEM_SECURITY, never generic bits
        if ((mask & ~0x011FFFFF) != 0) {
            throw InputException.at(where + ": GrantedAccess", String.format("0x%08X is not a granted mask (bits outside 0x011FFFFF)", mask));
        }
        return new Access(where, source, pid(sourcePid, where + ": SourceProcessId"), target, pid(targetPid, where + ": TargetProcessId"), mask);
    }

    /** -1 when absent; a pid is a 32-bit number on Windows. */
    private static long pid(String s, String where) {
        if (s == null || s.isBlank()) return -1;
        if (!s.matches("\\d{1,10}") || Long.parseLong(s) > 0xFFFFFFFFL) throw InputException.at(where, "'" + s + "' is not a process id");
        return Long.parseLong(s);
    }
}
