package dev.pplsim.jobs;

import dev.pplsim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Batch, replay and verify against hostile input and failing output (#14): output that cannot be written stops the
 * work with exit 3 and one line; a line over the limit is its own error line; the inputs are streamed, in any of
 * the encodings Windows tools write, from anything readable; Sysmon's numbers are read strictly.
 */
class BatchReliabilityTests {

    private static final String SAMPLE = "src/test/resources/observations/sample.jsonl";
    private static final String EVENTS_XML = "src/test/resources/sysmon/events.xml";
    private static final String LINE = "{\"id\":%d,\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}";
    private static final String DENIED = "\"status\":\"STATUS_ACCESS_DENIED\"";
    private static final String OUTPUT_FAILED = "pplsim: output could not be written: standard output\n";

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Main.run with standard input, output and error replaced (the streams are System's: the commands use them). */
    private static synchronized Result run(InputStream stdin, OutputStream stdout, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream copy = stdout == null ? new ByteArrayOutputStream() : null;
        try {
            System.setOut(new PrintStream(stdout != null ? stdout : copy, false, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(stdin);
            int exit = Main.run(args);
            System.out.flush();
            return new Result(exit, copy == null ? "" : copy.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    private static Result run(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null, args);
    }

    private static Result run(byte[] stdin, String... args) {
        return run(new ByteArrayInputStream(stdin), null, args);
    }

    /** An input whose read position can be asked. */
    private static final class Counted extends ByteArrayInputStream {
        Counted(byte[] b) {
            super(b);
        }

        synchronized int position() {
            return pos;
        }
    }

    /** An output that takes {@code limit} bytes and then fails every write, as a full disk or a closed pipe does. */
    private static OutputStream failingAfter(long limit) {
        return new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > limit) throw new IOException("No space left on device");
                written += len;
            }
        };
    }

    /**
     * An input of {@code head}, then {@code filler} over and over up to {@code total} bytes: as large as a test
     * likes without being held anywhere, and counting what was read of it.
     */
    private static final class Endless extends InputStream {
        private final byte[] head, filler;
        private final long total;
        long served;

        Endless(String head, String filler, long total) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.filler = filler.getBytes(StandardCharsets.UTF_8);
            this.total = total;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= total) return -1;
            int n = (int) Math.min(len, total - served);
            for (int k = 0; k < n; k++) {
                long at = served + k;
                b[off + k] = at < head.length ? head[(int) at] : filler[(int) ((at - head.length) % filler.length)];
            }
            served += n;
            return n;
        }
    }

    private static void assertOneLine(Result r, int exit, String expectedStart) {
        assertEquals(exit, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith(expectedStart), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) b.append(String.format(LINE, i)).append('\n');
        return b.toString();
    }

    // 1. output that cannot be written

    @Test
    void a_batch_whose_output_fails_stops_at_once_with_exit_3_and_one_line() {
        byte[] input = lines(1, 100_000).getBytes(StandardCharsets.UTF_8);
        Counted in = new Counted(input);
        Result r = run(in, failingAfter(100_000), "batch");
        assertEquals(3, r.exit(), r.err());
        assertEquals(OUTPUT_FAILED, r.err());
        // a chunk or two read ahead at most (4,096 lines of 14 MB): not the whole input
        assertTrue(in.position() < input.length / 4, "read " + in.position() + " of " + input.length + " bytes");
    }

    @Test
    void replay_and_verify_whose_output_fails_stop_with_exit_3_and_one_line() throws IOException {
        // every record flagged: powershell -> lsass VM_READ
        String flagged = "{\"EventID\":10,\"EventData\":{\"SourceImage\":\"C:\\\\x\\\\powershell.exe\",\"SourceProcessId\":\"6600\","
                + "\"TargetImage\":\"C:\\\\x\\\\lsass.exe\",\"TargetProcessId\":\"800\",\"GrantedAccess\":\"0x1010\"}}\n";
        byte[] events = flagged.repeat(20_000).getBytes(StandardCharsets.UTF_8);
        Counted in = new Counted(events);
        Result r = run(in, failingAfter(10_000), "replay", "-");
        assertEquals(3, r.exit(), r.err());
        assertEquals(OUTPUT_FAILED, r.err());
        assertTrue(in.position() < events.length / 4, "read " + in.position() + " of " + events.length + " bytes");
        Result v = run(new ByteArrayInputStream(new byte[0]), failingAfter(10), "verify", SAMPLE);
        assertEquals(3, v.exit(), v.err());
        assertEquals(OUTPUT_FAILED, v.err());
    }

    // 2. a line over the limit

    @Test
    void a_line_over_the_limit_is_its_own_error_line_and_the_batch_goes_on() {
        String big = "{\"id\":\"big\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"None\",\"sd\":\"" + "A".repeat(100_000) + "\"},\"desired\":1}";
        String in = String.format(LINE, 1) + "\n" + big + "\n" + String.format(LINE, 3) + "\n" + big + "\r\n" + String.format(LINE, 5) + "\r"
                + "x".repeat(4097) + "\n" + "y".repeat(4096) + "\n" + big;
        Result r = run(in, "batch", "--max-line-bytes", "4096");
        assertEquals(2, r.exit(), r.err());
        List<String> out = r.lines();
        assertEquals(8, out.size(), r.out());
        assertTrue(out.get(0).startsWith("{\"id\":1," + DENIED), out.get(0));
        assertEquals("{\"id\":null,\"error\":\"line 2: the line is over the limit of 4,096 bytes (--max-line-bytes)\"}", out.get(1));
        assertTrue(out.get(2).startsWith("{\"id\":3," + DENIED), out.get(2));
        assertEquals("{\"id\":null,\"error\":\"line 4: the line is over the limit of 4,096 bytes (--max-line-bytes)\"}", out.get(3));
        assertTrue(out.get(4).startsWith("{\"id\":5," + DENIED), out.get(4));
        assertEquals("{\"id\":null,\"error\":\"line 6: the line is over the limit of 4,096 bytes (--max-line-bytes)\"}", out.get(5));
        // exactly at the limit: read, and refused for what it says
        assertTrue(out.get(6).startsWith("{\"id\":null,\"error\":\"line 7: malformed JSON"), out.get(6));
        assertEquals("{\"id\":null,\"error\":\"line 8: the line is over the limit of 4,096 bytes (--max-line-bytes)\"}", out.get(7));
        assertEquals("", run("", "batch", "--max-line-bytes", "4096").err());
        assertOneLine(run("", "batch", "--max-line-bytes", "0"), 2, "pplsim: --max-line-bytes: 0 is not a line limit (expected 1 to 1,073,741,824 bytes)");
    }

    @Test
    void a_line_over_the_limit_is_dropped_as_it_is_read_not_held() throws IOException {
        // 50 MB without an ending, then a line: the reader's buffer stays near the 1 MiB limit
        Endless in = new Endless("", "z", 50_000_000L);
        InputStream both = new java.io.SequenceInputStream(in, new ByteArrayInputStream("\r\nnext\n".getBytes(StandardCharsets.US_ASCII)));
        BatchRunner.Lines lines = new BatchRunner.Lines(both, Inputs.DEFAULT_MAX_LINE_BYTES);
        assertSame(BatchRunner.Lines.OVERSIZED, lines.next());
        assertArrayEquals("next".getBytes(StandardCharsets.US_ASCII), lines.next());
        assertNull(lines.next());
        assertTrue(lines.capacity() <= Inputs.DEFAULT_MAX_LINE_BYTES + 2, "buffer of " + lines.capacity());
        assertEquals(50_000_000L, in.served);
        // the default limit, as the error line says it
        String line = "{\"id\":1,\"x\":\"" + "a".repeat(Inputs.DEFAULT_MAX_LINE_BYTES) + "\"}\n" + String.format(LINE, 2) + "\n";
        List<String> out = run(line, "batch").lines();
        assertEquals("{\"id\":null,\"error\":\"line 1: the line is over the limit of 1,048,576 bytes (--max-line-bytes)\"}", out.get(0));
        assertTrue(out.get(1).startsWith("{\"id\":2," + DENIED), out.get(1));
    }

    // 3. replay and verify stream their input

    @Test
    void replay_and_verify_read_a_record_at_a_time() {
        String good = "<Event><System><EventID>10</EventID></System><EventData><Data Name=\"SourceImage\">C:\\x\\csrss.exe</Data>"
                + "<Data Name=\"TargetImage\">C:\\x\\lsass.exe</Data><Data Name=\"GrantedAccess\">0x1000</Data></EventData></Event>\n";
        String bad = good.replace("<EventID>10<", "<EventID>ten<");
        // 4 GB that nothing may hold: the second record's error must come while the stream is still at its start
        Endless xml = new Endless("<Events>\n" + good + bad, good, 4_000_000_000L);
        assertOneLine(run(xml, null, "replay", "-"), 2, "pplsim: -: event 2: EventID: 'ten' is not an event ID (expected a decimal number 0..65535)");
        assertTrue(xml.served < 1 << 20, "read " + xml.served);
        String jsonGood = "{\"EventID\":10,\"EventData\":{\"SourceImage\":\"a.exe\",\"TargetImage\":\"b.exe\",\"GrantedAccess\":\"0x1000\"}}\n";
        Endless json = new Endless(jsonGood + "{\"EventID\":\"10.9\"}\n", jsonGood, 4_000_000_000L);
        Result j = run(json, null, "replay", "-");
        assertOneLine(j, 2, "pplsim: -:2: EventID: '10.9' is not an event ID");
        // what was answered before the bad record is not lost with it
        assertEquals("UNKNOWN  -:1: a.exe -> b.exe: a.exe is not in system windows-11\n", j.out());
        assertTrue(json.served < 1 << 20, "read " + json.served);
        String observation;
        try {
            observation = Files.readAllLines(Path.of(SAMPLE)).get(0) + "\n";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Endless obs = new Endless(observation + "{\"id\":\n", observation, 4_000_000_000L);
        assertOneLine(run(obs, null, "verify", "-"), 2, "pplsim: -:2: ");
        assertTrue(obs.served < 1 << 20, "read " + obs.served);
    }

    @Test
    void an_xml_event_over_the_limit_or_an_attribute_that_never_ends_is_one_line_not_out_of_memory() {
        Endless attribute = new Endless("<Events><Event><EventData><Data Name=\"", "A", 2_000_000_000L);
        assertOneLine(run(attribute, null, "replay", "-"), 2, "pplsim: -: event 1: the event is over the limit of 1,048,576 bytes (--max-line-bytes)");
        assertTrue(attribute.served < 4 << 20, "read " + attribute.served);
        Endless outside = new Endless("<Events a=\"", "A", 2_000_000_000L);
        assertOneLine(run(outside, null, "replay", "-"), 2, "pplsim: -: malformed XML: the text or markup outside an event is over the limit");
        Endless deep = new Endless("<Events>", "<a>", 2_000_000_000L);
        Result r = run(deep, null, "replay", "-");
        assertOneLine(r, 2, "pplsim: -: malformed XML at line 1, column ");
        assertTrue(r.err().endsWith(": elements nested more than 64 deep\n"), r.err());
        assertOneLine(run("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Events>&e;</Events>", "replay", "-"), 2,
                "pplsim: -: malformed XML at line 1, column 56: a DOCTYPE is not allowed (an event export has none)");
    }

    // 4. encodings

    @Test
    void batch_reads_utf8_with_a_byte_order_mark_and_utf16_with_one_and_refuses_a_line_that_is_not_utf8() {
        String text = lines(1, 3);
        for (byte[] in : List.of(withBom(text, StandardCharsets.UTF_8), withBom(text, StandardCharsets.UTF_16LE), withBom(text, StandardCharsets.UTF_16BE))) {
            Result r = run(in, "batch");
            assertEquals(0, r.exit(), r.out() + r.err());
            List<String> out = r.lines();
            assertEquals(3, out.size(), r.out());
            for (int i = 0; i < 3; i++) assertTrue(out.get(i).startsWith("{\"id\":" + (i + 1) + "," + DENIED), out.get(i));
        }
        byte[] bad = (String.format(LINE, 1).replace("None", "N\u0001ne") + "\n" + String.format(LINE, 2) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bad, (byte) 1);
        bad[at] = (byte) 0xC3; // a lead byte without its continuation
        Result r = run(bad, "batch");
        assertEquals(2, r.exit(), r.err());
        assertEquals("{\"id\":1,\"error\":\"line 1: invalid UTF-8 at byte " + (at + 1) + " of the line\"}", r.lines().get(0));
        assertTrue(r.lines().get(1).startsWith("{\"id\":2," + DENIED), r.out());
        // in UTF-16, a surrogate without its pair
        String lone = String.format(LINE, 1).replace("None", "N\uD800ne") + "\n" + String.format(LINE, 2) + "\n";
        Result u = run(utf16le(lone), "batch");
        assertEquals("{\"id\":1,\"error\":\"line 1: invalid UTF-16LE (an unpaired surrogate or an odd byte) in the line\"}", u.lines().get(0));
        assertTrue(u.lines().get(1).startsWith("{\"id\":2," + DENIED), u.out());
    }

    @Test
    void replay_and_verify_read_what_powershell_writes() throws IOException {
        String xml = Files.readString(Path.of(EVENTS_XML));
        String expected = run("", "replay", EVENTS_XML).out().replace(EVENTS_XML, "F");
        Path utf8 = tmp.resolve("utf8-bom.xml"), utf16 = tmp.resolve("utf16.xml");
        Files.write(utf8, withBom(xml, StandardCharsets.UTF_8));
        // PowerShell 5.1's > : UTF-16 LE with a mark, and the declaration saying so
        Files.write(utf16, withBom(xml.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\""), StandardCharsets.UTF_16LE));
        for (Path p : List.of(utf8, utf16)) {
            Result r = run("", "replay", p.toString());
            assertEquals(1, r.exit(), r.err());
            assertEquals(expected, r.out().replace(p.toString(), "F"));
        }
        Path jsonl = tmp.resolve("events16.jsonl");
        Files.write(jsonl, withBom(Files.readString(Path.of("src/test/resources/sysmon/events.jsonl")), StandardCharsets.UTF_16BE));
        Result j = run("", "replay", jsonl.toString());
        assertEquals(run("", "replay", "src/test/resources/sysmon/events.jsonl").out().replace("src/test/resources/sysmon/events.jsonl", "F"),
                j.out().replace(jsonl.toString(), "F"), j.err());
        Path obs = tmp.resolve("obs16.jsonl");
        Files.write(obs, withBom(Files.readString(Path.of(SAMPLE)), StandardCharsets.UTF_16LE));
        Result v = run("", "verify", obs.toString());
        assertEquals(1, v.exit(), v.err());
        assertTrue(v.out().startsWith("verify " + obs + ": 14 observations; 11 agree, 0 mismatches explained, 2 mismatches, 1 skipped"), v.out());
        Path notUtf8 = tmp.resolve("latin1.jsonl");
        Files.write(notUtf8, Files.readString(Path.of(SAMPLE)).replace("powershell.exe", "p\u00f6wershell.exe").getBytes(StandardCharsets.ISO_8859_1));
        assertOneLine(run("", "verify", notUtf8.toString()), 2, "pplsim: " + notUtf8 + ":1: invalid UTF-8 at byte ");
    }

    @Test
    void utf16_comes_out_as_the_utf8_of_the_same_text_whatever_the_reads() throws IOException {
        SplittableRandom r = new SplittableRandom(14);
        String[] parts = {"a", "{\"id\":1}", "\n", "\r\n", "\u00e9", "\u20ac", "\uD83D\uDE00", "\u0000", "\uFFFD", "\uFEFF"};
        for (int k = 0; k < 300; k++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(5_000); n > 0; n--) b.append(parts[r.nextInt(parts.length)]);
            // a UTF-16LE text that starts with U+0000 has UTF-32LE's mark, FF FE 00 00, and is refused as UTF-32
            String text = b.toString().startsWith("\u0000") ? "a" + b : b.toString();
            for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                byte[] in = withBom(text, cs);
                int step = 1 + r.nextInt(7);
                // a stream that hands out a few bytes at a time, as a pipe does
                InputStream trickle = new ByteArrayInputStream(in) {
                    @Override
                    public synchronized int read(byte[] buf, int off, int len) {
                        return super.read(buf, off, Math.min(len, step));
                    }
                };
                Inputs.Text t = Inputs.decode(trickle);
                assertEquals(cs.name(), t.encoding());
                assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), t.utf8().readAllBytes(), cs + " " + step);
            }
        }
    }

    // 5. inputs that are not regular files

    @Test
    void batch_replay_and_verify_read_a_fifo_and_refuse_a_directory_or_a_missing_file() throws Exception {
        Path fifo = tmp.resolve("in.fifo");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            mk = null;
        }
        assumeTrue(mk != null && mk.waitFor() == 0, "mkfifo is not available");
        for (String[] run : List.of(new String[]{"batch", lines(1, 2)}, new String[]{"verify", Files.readString(Path.of(SAMPLE))},
                new String[]{"replay", Files.readString(Path.of(EVENTS_XML))})) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    Files.writeString(fifo, run[1]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Result r = run("", run[0], fifo.toString());
            try {
                writer.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // the run never opened the FIFO, and the writer is blocked in its open: read it to let the writer go
                try (InputStream drain = new java.io.FileInputStream(fifo.toFile())) {
                    drain.readAllBytes();
                }
                throw new AssertionError(run[0] + " did not read the FIFO: " + r.err());
            }
            assertEquals("", r.err(), run[0]);
            assertTrue(r.out().startsWith(run[0].equals("batch") ? "{\"id\":1," + DENIED : run[0].equals("verify") ? "verify " + fifo + ": 14 observations"
                    : "FLAGGED  " + fifo + ": event 2"), r.out());
        }
        for (String command : List.of("batch", "replay", "verify")) {
            assertOneLine(run("", command, tmp.toString()), 2, "pplsim: " + tmp + ": is a directory");
            assertOneLine(run("", command, tmp.resolve("missing").toString()), 2, "pplsim: " + tmp.resolve("missing") + ": no such file");
        }
    }

    // 6. Sysmon's numbers, strictly

    @Test
    void an_event_id_is_an_unsigned_16_bit_decimal_and_masks_and_pids_are_strict_numbers() throws IOException {
        String data = "\"EventData\":{\"SourceImage\":\"C:\\\\x\\\\csrss.exe\",\"SourceProcessId\":%s,\"TargetImage\":\"C:\\\\x\\\\lsass.exe\",\"GrantedAccess\":%s}";
        String ok = String.format(data, "\"560\"", "\"0x1000\"");
        String[][] refused = {
                {"\"EventID\":10.9", "EventID: '10.9' is not an event ID (expected a decimal number 0..65535)"},
                {"\"EventID\":4294967306", "EventID: 4294967306 is out of range (an event ID is 0..65535)"},
                {"\"EventID\":\"ten\"", "EventID: 'ten' is not an event ID (expected a decimal number 0..65535)"},
                {"\"EventID\":\"65536\"", "EventID: '65536' is out of range (an event ID is 0..65535)"},
                {"\"EventID\":\"\u0661\u0660\"", "EventID: '\u0661\u0660' is not an event ID"},
                {"\"System\":{\"EventID\":-10}", "EventID: -10 is out of range"},
                {"\"EventID\":null", "EventID: 'null' is not an event ID"},
        };
        for (String[] c : refused) {
            Path f = tmp.resolve("e.jsonl");
            Files.writeString(f, "{\"EventID\":1}\n{" + c[0] + "," + ok + "}\n");
            assertOneLine(run("", "replay", f.toString()), 2, "pplsim: " + f + ":2: " + c[1]);
        }
        String[][] numbers = {
                {"\"560\"", "\"0x1000 \""}, {"560", "4096"}, {"\"0x230\"", "\"4096\""},
        };
        for (String[] c : numbers) {
            Path f = tmp.resolve("n.jsonl");
            Files.writeString(f, "{\"EventID\":\"1\"}\n{\"EventID\":\"10\"," + String.format(data, c[0], c[1]) + "}\n");
            Result r = run("", "replay", f.toString());
            assertTrue(r.out().contains("1 records: 1 consistent with the model"), c[0] + " " + c[1] + ": " + r.out() + r.err());
        }
        String[][] bad = {
                {"\"560\"", "\"\uFF10x10\"", "GrantedAccess: malformed GrantedAccess '\uFF10x10'"},
                {"\"560\"", "\"0x1\\n0\"", "GrantedAccess: malformed GrantedAccess '0x1\\n0'"},
                {"\"560\"", "16.0", "GrantedAccess: expected a string or an integer, got '16.0'"},
                {"\"5\u0666\u0660\"", "\"0x1000\"", "SourceProcessId: '5\u0666\u0660' is not a process id"},
                {"\"0x1_0000_0000\"", "\"0x1000\"", "SourceProcessId: '0x1_0000_0000' is not a process id"},
        };
        for (String[] c : bad) {
            Path f = tmp.resolve("b.jsonl");
            Files.writeString(f, "{\"EventID\":10," + String.format(data, c[0], c[1]) + "}\n");
            assertOneLine(run("", "replay", f.toString()), 2, "pplsim: " + f + ":1: " + c[2]);
        }
        Path xml = tmp.resolve("e.xml");
        Files.writeString(xml, Files.readString(Path.of(EVENTS_XML)).replace("<EventID>1</EventID>", "<EventID>1.0</EventID>"));
        assertOneLine(run("", "replay", xml.toString()), 2, "pplsim: " + xml + ": event 4: EventID: '1.0' is not an event ID");
        Files.writeString(xml, Files.readString(Path.of(EVENTS_XML)).replace("<Data Name=\"GrantedAccess\">0x1010</Data>",
                "<Data Name=\"GrantedAccess\">0x1010</Data><Data Name=\"GrantedAccess\">0x1</Data>"));
        assertOneLine(run("", "replay", xml.toString()), 2, "pplsim: " + xml + ": event 2: two Data elements are named GrantedAccess");
        Path obs = tmp.resolve("o.jsonl");
        Files.writeString(obs, Files.readAllLines(Path.of(SAMPLE)).get(0).replace("\"pid\":812", "\"pid\":812.5") + "\n");
        assertOneLine(run("", "verify", obs.toString()), 2, "pplsim: " + obs + ":1: target.pid: '812.5' is not a process id");
    }

    private static byte[] withBom(String text, Charset cs) {
        return ("\uFEFF" + text).getBytes(cs);
    }

    /** UTF-16 LE with a mark, a code unit at a time: Java's encoder would replace an unpaired surrogate. */
    private static byte[] utf16le(String text) {
        String t = "\uFEFF" + text;
        byte[] out = new byte[t.length() * 2];
        for (int i = 0; i < t.length(); i++) {
            out[2 * i] = (byte) t.charAt(i);
            out[2 * i + 1] = (byte) (t.charAt(i) >> 8);
        }
        return out;
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) if (b[i] == v) return i;
        return -1;
    }
}
