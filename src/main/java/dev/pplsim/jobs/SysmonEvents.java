package dev.pplsim.jobs;

import dev.pplsim.io.Outputs;
import dev.pplsim.model.Ascii;
import dev.pplsim.request.InputException;
import dev.pplsim.request.Spelling;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Sysmon Event ID 10 (ProcessAccess) records, exported as XML ({@code <Events><Event>...</Event></Events>}, the
 * shape of wevtutil / Get-WinEvent ToXml) or as JSON lines (fields at the top or under {@code EventData}; the
 * EventID at the top or under {@code System}). Both are read as a stream, a record at a time, so an export's size
 * is not bounded by memory: each JSON line, and each XML {@code <Event>}, is bounded instead (--max-line-bytes).
 * A record that is not right stops the reading with an error that names it (file:line, or file: event N); a
 * well-formed EventID other than 10 is skipped.
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

    /** The Data names a record is made of (each at most once in an event). */
    private static final Set<String> FIELDS = Set.of("SourceImage", "SourceProcessId", "TargetImage", "TargetProcessId", "GrantedAccess");
    /** Deeper than any export nests (Events/Event/EventData/Data is 4): a bound on the parser's element stack. */
    private static final int MAX_DEPTH = 64;

    private SysmonEvents() {
    }

    /**
     * Reads the records of {@code in} (named {@code name} in messages) and gives each to {@code each}, in order; the
     * format is told by the first character that is not white space ({@code <}: XML).
     */
    public static void read(String name, Inputs.Text in, int maxRecordBytes, Consumer<Access> each) {
        try {
            BufferedInputStream s = new BufferedInputStream(in.utf8(), 1 << 16);
            // the white space before the first record is read here, its lines counted for the JSON lines' numbers
            long lines = 0;
            boolean cr = false;
            while (true) {
                s.mark(1);
                int b = s.read();
                if (b == ' ' || b == '\t') {
                    cr = false;
                } else if (b == '\r') {
                    lines++;
                    cr = true;
                } else if (b == '\n') {
                    if (!cr) lines++;
                    cr = false;
                } else {
                    if (b >= 0) s.reset();
                    if (b == '<') xml(name, in, s, maxRecordBytes, each);
                    else json(name, in, s, lines, maxRecordBytes, each);
                    return;
                }
            }
        } catch (IOException e) {
            throw InputException.at(name, "cannot read: " + Outputs.reason(e));
        }
    }

    private static void json(String name, Inputs.Text text, InputStream s, long before, int max, Consumer<Access> each) throws IOException {
        ObjectMapper json = dev.pplsim.request.RequestReader.strictJson();
        BatchRunner.Lines lines = new BatchRunner.Lines(s, max);
        long lineNo = before;
        for (byte[] l; (l = lines.next()) != null; ) {
            String where = name + ":" + ++lineNo;
            if (l == BatchRunner.Lines.OVERSIZED) throw InputException.at(where, Inputs.overLimit(max, "line"));
            String line = text.line(l, where);
            if (line.isBlank()) continue;
            JsonNode n;
            try {
                n = json.readTree(line);
            } catch (JsonProcessingException e) {
                String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("").trim();
                throw InputException.at(where, "malformed JSON" + (msg.isEmpty() ? "" : ": " + msg)
                        + (e.getLocation() != null ? " (column " + e.getLocation().getColumnNr() + ")" : ""));
            }
            if (n == null || !n.isObject()) throw InputException.at(where, "a Sysmon record is a JSON object");
            JsonNode id = n.has("EventID") ? n.get("EventID") : n.path("System").path("EventID");
            if (!id.isMissingNode() && eventId(id, where) != 10) continue;
            JsonNode d = n.has("EventData") ? n.get("EventData") : n;
            each.accept(access(where, text(d, "SourceImage", where), text(d, "SourceProcessId", where), text(d, "TargetImage", where),
                    text(d, "TargetProcessId", where), text(d, "GrantedAccess", where)));
        }
    }

    /** A field's text: a string, or an integer's digits (an id or a mask may be a JSON number); null when absent. */
    private static String text(JsonNode d, String field, String where) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (v.isIntegralNumber() && !field.endsWith("Image")) return v.asText();
        throw InputException.at(where + ": " + field, "expected " + (field.endsWith("Image") ? "a string" : "a string or an integer") + ", got "
                + InputException.quoted(v.toString()));
    }

    /** An EventID from JSON: an integer, or a string of one; 0..65535 either way. */
    private static int eventId(JsonNode id, String where) {
        if (id.isTextual()) return eventId(id.asText(), where);
        if (id.isIntegralNumber()) {
            if (id.canConvertToLong() && id.asLong() >= 0 && id.asLong() <= 0xFFFF) return (int) id.asLong();
            throw InputException.at(where + ": EventID", id + " is out of range (an event ID is 0..65535)");
        }
        throw InputException.at(where + ": EventID", InputException.quoted(id.toString()) + " is not an event ID (expected a decimal number 0..65535)");
    }

    /**
     * An EventID as text: an unsigned 16-bit number in ASCII decimal digits, ASCII white space around it allowed
     * (XML indents); 10.9 or 4294967306 are not 10.
     */
    static int eventId(String text, String where) {
        String s = text.trim();
        boolean digits = !s.isEmpty();
        for (int i = 0; i < s.length() && digits; i++) digits = Ascii.isDigit(s.charAt(i));
        if (!digits) throw InputException.at(where + ": EventID", InputException.quoted(s) + " is not an event ID (expected a decimal number 0..65535)");
        long v = 0;
        for (int i = 0; i < s.length() && v <= 0xFFFF; i++) v = v * 10 + (s.charAt(i) - '0');
        if (v > 0xFFFF) throw InputException.at(where + ": EventID", InputException.quoted(s) + " is out of range (an event ID is 0..65535)");
        return (int) v;
    }

    /**
     * A byte stream that refuses to be read past a budget: the XML parser buffers a whole attribute value or name in
     * memory, so it is stopped by what it reads, not by what it returns. The budget is set anew for each record (and,
     * outside records, for each thing the parser returns).
     */
    private static final class Budget extends InputStream {
        private final InputStream in;
        private long read, limit;
        boolean exceeded;

        Budget(InputStream in) {
            this.in = in;
        }

        void allow(long bytes) {
            limit = read + bytes;
        }

        private void check() throws IOException {
            if (read >= limit) {
                exceeded = true;
                throw new IOException("over the limit");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            int b = in.read();
            if (b >= 0) read++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            int n = in.read(b, off, (int) Math.min(len, limit - read));
            if (n > 0) read += n;
            return n;
        }
    }

    /** The record being read: its Data by name, and the text of the element being captured. */
    private static final class Record {
        final int depth;
        final Map<String, String> data = new HashMap<>();
        String eventId;
        boolean sawEventId;
        /** The element whose text is being captured (EventID, or a Data named one of FIELDS), or 0. */
        int captureDepth;
        String captureName;
        final StringBuilder text = new StringBuilder();

        Record(int depth) {
            this.depth = depth;
        }
    }

    private static void xml(String name, Inputs.Text in, InputStream s, int max, Consumer<Access> each) {
        Budget budget = new Budget(s);
        // the reader slurps ahead of the parser: a record may be that much past its start when the parser meets it
        long slack = 1 << 16;
        Record record = null;
        long events = 0;
        XMLStreamReader r = null;
        try {
            XMLInputFactory f = XMLInputFactory.newDefaultFactory();
            // an event export is data: no DTD, no entities from anywhere
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLInputFactory.IS_COALESCING, false);
            // characters, not bytes: the text is UTF-8 now whatever the declaration says (a UTF-16 export was transcoded)
            Reader chars = new InputStreamReader(budget, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            budget.allow(max + slack);
            r = f.createXMLStreamReader(chars);
            int depth = 0;
            while (r.hasNext()) {
                int t = r.next();
                if (record == null) budget.allow(max + slack);
                switch (t) {
                    case XMLStreamConstants.DTD -> throw new XMLStreamException("a DOCTYPE is not allowed (an event export has none)", r.getLocation());
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) throw new XMLStreamException("elements nested more than " + MAX_DEPTH + " deep", r.getLocation());
                        String local = r.getLocalName();
                        if (record == null) {
                            if (local.equals("Event")) {
                                events++;
                                record = new Record(depth);
                                budget.allow(max + slack);
                            }
                        } else if (record.captureDepth == 0) {
                            if (local.equals("EventID") && !record.sawEventId) {
                                record.sawEventId = true;
                                record.captureName = null;
                                record.captureDepth = depth;
                            } else if (local.equals("Data") && r.getAttributeValue(null, "Name") != null && FIELDS.contains(r.getAttributeValue(null, "Name"))) {
                                String field = r.getAttributeValue(null, "Name");
                                if (record.data.containsKey(field)) {
                                    throw InputException.at(name + ": event " + events, "two Data elements are named " + field);
                                }
                                record.captureName = field;
                                record.captureDepth = depth;
                            }
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (record != null && record.captureDepth > 0) record.text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (record != null && depth == record.captureDepth) {
                            String value = record.text.toString().trim();
                            if (record.captureName == null) record.eventId = value;
                            else record.data.put(record.captureName, value);
                            record.text.setLength(0);
                            record.captureDepth = 0;
                        }
                        if (record != null && depth == record.depth) {
                            String where = name + ": event " + events;
                            Record done = record;
                            record = null;
                            budget.allow(max + slack);
                            if (done.eventId == null || eventId(done.eventId, where) == 10) {
                                each.accept(access(where, done.data.get("SourceImage"), done.data.get("SourceProcessId"),
                                        done.data.get("TargetImage"), done.data.get("TargetProcessId"), done.data.get("GrantedAccess")));
                            }
                        }
                        depth--;
                    }
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException e) {
            if (budget.exceeded) {
                if (record != null) throw InputException.at(name + ": event " + events, Inputs.overLimit(max, "event"));
                throw InputException.at(name, "malformed XML: " + Inputs.overLimit(max, "text or markup outside an event"));
            }
            if (cause(e) instanceof CharacterCodingException) throw InputException.at(name, "malformed XML: " + in.invalid());
            if (cause(e) instanceof IOException io) throw InputException.at(name, "cannot read: " + Outputs.reason(io));
            throw InputException.at(name, "malformed XML" + at(e) + ": " + message(e));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // the error being reported, if any, is the one that matters
                }
            }
        }
    }

    private static Throwable cause(XMLStreamException e) {
        Throwable c = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        return c;
    }

    private static String at(XMLStreamException e) {
        var l = e.getLocation();
        return l == null || l.getLineNumber() < 0 ? "" : " at line " + l.getLineNumber() + ", column " + l.getColumnNumber();
    }

    /** The parser's reason in one line, without its "ParseError at [row,col]" head (the location is said apart). */
    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int k = m.indexOf("Message: ");
        if (k >= 0) m = m.substring(k + "Message: ".length());
        return m.lines().findFirst().orElse("").strip();
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
            throw InputException.at(where + ": GrantedAccess", String.format(java.util.Locale.ROOT, "0x%08X is not a granted mask (bits outside 0x011FFFFF)", mask));
        }
        return new Access(where, source, pid(sourcePid, where + ": SourceProcessId"), target, pid(targetPid, where + ": TargetProcessId"), mask);
    }

    /** -1 when absent; a pid is a 32-bit number on Windows. */
    private static long pid(String s, String where) {
        if (s == null || s.isBlank()) return -1;
        try {
            return Spelling.number(s, "process id");
        } catch (InputException e) {
            throw InputException.at(where, InputException.quoted(s.trim()) + " is not a process id (expected hex 0x10 or decimal, at most 32 bits)");
        }
    }
}
