package dev.pplsim.request;

import dev.pplsim.engine.Simulator;
import dev.pplsim.policy.SecurityPolicy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The batch's fast path changes nothing a user sees: a line the byte-level reader takes reads to the query and id
 * Jackson's path gives, and every other line, errors included, is left to that path. Lines are drawn from the
 * contract's fields and values plus the JSON a user gets wrong (escapes, fractions, big and zero-led numbers, duplicate keys, unknown fields, arrays, truncation).
 */
public class FastLineProperties {

    private static final Supplier<SecurityPolicy> SECURITY = () -> Simulator.builtIn().security();
    private static final int EXAMPLES = 20_000;

    private static final String[] KEYS = {"id", "caller", "target", "desired", "mode", "forceAccessCheck", "relation", "build",
            "sdGranted", "operation", "sourceAccess", "protection", "object", "pico", "token", "sd", "disallowUserTerminate",
            "openProcess", "openThread", "colour", ""};
    private static final String[] STRINGS = {"0x61", "Lsa-Light", "WinTcb", "None", "process", "thread", "token", "user", "kernel",
            "none", "parent", "self", "stale-parent", "windows-10-11", "windows-10-early", "PROCESS_VM_READ",
            "PROCESS_VM_READ|PROCESS_QUERY_INFORMATION", "MAXIMUM_ALLOWED", "GENERIC_READ", "0x001FFFFF", "0x10", "system",
            "standard-user", "msmpeng", "O:SYD:(A;;0x1fffff;;;WD)", "open", "duplicate", "debug", "Lsa\\u002DLight", "a\\\"b",
            "tab\\there", "caf\u00e9", "ctl\u0001", "\u00ff\u0100", "", " ", "0X61", "Bogus"};
    private static final String[] NUMBERS = {"0", "1", "-1", "-0", "16", "97", "255", "256", "2147483647", "2147483648",
            "-2147483649", "999999999999999999", "1000000000000000000", "99999999999999999999", "007", "1.0", "1e3", "-", "0x10", "1E2"};

    /**
     * A line read straight into its query gives the id and query Jackson's path gives; the lines it declines include
     * every error. Lines drawn as above, plus compact protection-only lines with every optional field and spelling.
     */
    @Test
    void a_line_read_straight_into_its_query_reads_as_jacksons_path_reads_it() {
        AtomicLong read = new AtomicLong(), declined = new AtomicLong();
        String[] protections = {"\"0x61\"", "\"Lsa-Light\"", "\"wintcb\"", "97", "0", "255", "256", "-1", "-0", "\"0x0100\"", "null", "\"\"", "1.0"};
        String[] masks = {"\"PROCESS_VM_READ\"", "\"0x0010\"", "16", "0", "-0", "4294967295", "4294967296", "\"GENERIC_ALL|SYNCHRONIZE\"",
                "\"MAXIMUM_ALLOWED\"", "null", "true", "\"THREAD_RESUME\"", "\"bogus\""};
        String[] optional = {"\"mode\":\"kernel\"", "\"mode\":\"User\"", "\"mode\":null", "\"mode\":1", "\"relation\":\"parent\"",
                "\"relation\":\"self\"", "\"relation\":null", "\"relation\":\"cousin\"", "\"build\":\"windows-10-rs\"", "\"build\":null",
                "\"forceAccessCheck\":true", "\"forceAccessCheck\":false", "\"forceAccessCheck\":null", "\"forceAccessCheck\":\"yes\"",
                "\"sdGranted\":null", "\"sdGranted\":\"PROCESS_VM_READ\"", "\"sdGranted\":4096", "\"operation\":\"open\"", "\"colour\":1"};
        String[] objects = {"", ",\"object\":\"thread\"", ",\"object\":\"Process\"", ",\"object\":null", ",\"object\":\"token\"",
                ",\"object\":\"file\"", ",\"object\":2"};
        String[] ids = {"1", "-7", "-0", "007", "123456789012345678", "1234567890123456789", "\"c1\"", "\"\"", "\"a b\"", "null", "\"\\u0041\""};
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            String line;
            if (r.nextBoolean()) {
                line = line(r);
            } else {
                List<String> fields = new ArrayList<>(List.of("\"id\":" + ids[r.nextInt(ids.length)],
                        "\"caller\":{\"protection\":" + protections[r.nextInt(protections.length)] + "}",
                        "\"target\":{\"protection\":" + protections[r.nextInt(protections.length)] + objects[r.nextInt(objects.length)] + "}",
                        "\"desired\":" + masks[r.nextInt(masks.length)]));
                for (int k = r.nextInt(4); k > 0; k--) fields.add(optional[r.nextInt(optional.length)]);
                java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
                line = "{" + String.join(",", fields) + "}";
            }
            BatchLine fast = FastLine.parse(line.getBytes(StandardCharsets.UTF_8));
            if (fast == null) {
                declined.incrementAndGet();
                return;
            }
            read.incrementAndGet();
            assertEquals(BatchLine.parse(line, SECURITY), fast, line);
        });
        assertTrue(read.get() >= EXAMPLES / 10 && declined.get() >= EXAMPLES / 10, read + " read, " + declined + " declined");
    }

    /**
     * The reader keeps a spelling's value by its bytes and what it spells: the same bytes in every place a value goes
     * (each protection, the object, desired and sdGranted for each object, mode, relation, build; as a string and as
     * an integer), one place after another and then in the other order, read as Jackson's path reads them there.
     */
    @Test
    void a_spelling_read_in_one_place_reads_as_jacksons_path_in_every_other() {
        String[] spellings = {"16", "-0", "\"-0\"", "0", "97", "255", "256", "4096", "\"16\"", "\"0x10\"", "\"0x61\"", "\"97\"", "\"Lsa-Light\"", "\"WinTcb\"",
                "\"None\"", "\"PROCESS_VM_READ\"", "\"THREAD_RESUME\"", "\"MAXIMUM_ALLOWED\"", "\"GENERIC_READ\"", "\"SYNCHRONIZE\"",
                "\"process\"", "\"thread\"", "\"token\"", "\"user\"", "\"kernel\"", "\"none\"", "\"self\"", "\"parent\"", "\"windows-10-11\"",
                "\"windows-10-early\"", "\"\"", "true", "null"};
        String[] objects = {"", ",\"object\":\"process\"", ",\"object\":\"thread\"", ",\"object\":\"token\""};
        List<java.util.function.Function<String, String>> places = new ArrayList<>();
        for (String object : objects) {
            places.add(v -> "{\"id\":1,\"caller\":{\"protection\":" + v + "},\"target\":{\"protection\":0" + object + "},\"desired\":1}");
            places.add(v -> "{\"id\":1,\"caller\":{\"protection\":0},\"target\":{\"protection\":" + v + object + "},\"desired\":1}");
            places.add(v -> "{\"id\":1,\"caller\":{\"protection\":0},\"target\":{\"protection\":0" + object + "},\"desired\":" + v + "}");
            places.add(v -> "{\"id\":1,\"caller\":{\"protection\":0},\"target\":{\"protection\":0" + object + "},\"desired\":1,\"sdGranted\":" + v + "}");
        }
        for (String field : new String[]{"mode", "relation", "build"}) {
            places.add(v -> "{\"id\":1,\"caller\":{\"protection\":0},\"target\":{\"protection\":0},\"desired\":1,\"" + field + "\":" + v + "}");
        }
        places.add(v -> "{\"id\":1,\"caller\":{\"protection\":0},\"target\":{\"protection\":0,\"object\":" + v + "},\"desired\":1}");
        // the batch's cache, and caches of one and two slots, where every spelling meets others in its slot: one
        // that is a prefix of another, or the same bytes spelling something else
        for (FastLine.Spellings cache : new FastLine.Spellings[]{null, new FastLine.Spellings(1), new FastLine.Spellings(2)}) {
            int read = 0, declined = 0;
            for (int pass = 0; pass < 2; pass++) {
                for (String v : spellings) {
                    for (int p = 0; p < places.size(); p++) {
                        String line = places.get(pass == 0 ? p : places.size() - 1 - p).apply(v);
                        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                        BatchLine fast = cache == null ? FastLine.parse(bytes) : FastLine.parse(bytes, cache);
                        if (fast == null) {
                            declined++;
                            continue;
                        }
                        read++;
                        assertEquals(BatchLine.parse(line, SECURITY), fast, line);
                    }
                }
            }
            assertTrue(read >= 200 && declined >= 200, read + " read, " + declined + " declined");
        }
    }

    @Test
    void the_benchmarks_lines_are_read_straight_into_their_queries() {
        String line = "{\"id\":7,\"caller\":{\"protection\":\"WinTcb-Light\"},\"target\":{\"protection\":\"0x41\",\"object\":\"process\"},"
                + "\"desired\":\"0x0010\",\"mode\":\"user\",\"relation\":\"none\",\"build\":\"windows-10-11\",\"forceAccessCheck\":false,\"sdGranted\":null}";
        BatchLine fast = FastLine.parse(line.getBytes(StandardCharsets.UTF_8));
        assertEquals(BatchLine.parse(line, SECURITY), fast);
        assertEquals("7", fast.id());
        assertEquals(0x10, fast.query().desired());
        assertEquals(0x61, fast.query().caller().value());
        // an error is never read here: the full path names it
        assertNull(FastLine.parse("{\"id\":7,\"caller\":{\"protection\":\"Bogus\"},\"target\":{\"protection\":0},\"desired\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Bytes that are not UTF-8 (a lone continuation byte, a truncated sequence, an overlong form, a surrogate's) parse
     * from the bytes as from the text a reader decodes them to, with its replacement characters.
     */
    @Test
    void a_line_parses_from_its_bytes_as_from_its_decoded_text() {
        byte[][] odd = {{(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}};
        AtomicLong queries = new AtomicLong(), errors = new AtomicLong();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            byte[] line = line(r).getBytes(StandardCharsets.UTF_8);
            if (r.nextBoolean()) {
                byte[] insert = odd[r.nextInt(odd.length)];
                int at = r.nextInt(line.length + 1);
                byte[] b = new byte[line.length + insert.length];
                System.arraycopy(line, 0, b, 0, at);
                System.arraycopy(insert, 0, b, at, insert.length);
                System.arraycopy(line, at, b, at + insert.length, line.length - at);
                line = b;
            }
            String text = new String(line, StandardCharsets.UTF_8);
            BatchLine fromBytes = BatchLine.parse(line, SECURITY), fromText = BatchLine.parse(text, SECURITY);
            assertEquals(fromText, fromBytes, text);
            if (fromText.query() != null) queries.incrementAndGet();
            else errors.incrementAndGet();
        });
        assertTrue(queries.get() >= EXAMPLES / 20 && errors.get() >= EXAMPLES / 20, queries + " queries, " + errors + " errors");
    }

    private static final String[] PROTECTIONS = {"\"0x61\"", "\"Lsa-Light\"", "\"WinTcb\"", "\"None\"", "97", "\"0x72\"", "0"};
    private static final String[] DESIRED = {"\"PROCESS_VM_READ\"", "\"MAXIMUM_ALLOWED\"", "\"GENERIC_READ\"", "16", "\"0x1000\"",
            "\"PROCESS_VM_READ|PROCESS_QUERY_INFORMATION\""};
    private static final String[] OPTIONAL = {"\"mode\":\"kernel\"", "\"mode\":\"user\"", "\"relation\":\"parent\"", "\"relation\":\"none\"",
            "\"build\":\"windows-10-early\"", "\"forceAccessCheck\":true", "\"sdGranted\":\"0x1fffff\"", "\"sdGranted\":null",
            "\"build\":\"windows-10-11\"", "\"forceAccessCheck\":false"};

    /** A batch line: half of them the contract's shape with good values, the rest anything, some broken on purpose. */
    public static String line(SplittableRandom r) {
        if (r.nextBoolean()) {
            List<String> fields = new ArrayList<>(List.of("\"id\":" + (r.nextBoolean() ? r.nextInt(1_000) : q("c" + r.nextInt(1_000))),
                    "\"caller\":{\"protection\":" + PROTECTIONS[r.nextInt(PROTECTIONS.length)] + (r.nextInt(5) == 0 ? ",\"pico\":false" : "") + "}",
                    "\"target\":{\"protection\":" + PROTECTIONS[r.nextInt(PROTECTIONS.length)]
                            + (r.nextBoolean() ? ",\"object\":" + (r.nextBoolean() ? "\"thread\"" : "\"process\"") : "") + "}",
                    "\"desired\":" + DESIRED[r.nextInt(DESIRED.length)]));
            for (int k = r.nextInt(3); k > 0; k--) fields.add(OPTIONAL[r.nextInt(OPTIONAL.length)]);
            java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
            return (r.nextInt(10) == 0 ? "\t" : "") + "{" + String.join(r.nextInt(10) == 0 ? ", " : ",", fields) + "}";
        }
        StringBuilder b = new StringBuilder();
        if (r.nextInt(10) == 0) b.append(' ');
        b.append('{');
        List<String> fields = new ArrayList<>();
        if (r.nextInt(8) != 0) fields.add(q("id") + ":" + (r.nextBoolean() ? Integer.toString(r.nextInt(100_000)) : scalar(r)));
        if (r.nextInt(8) != 0) fields.add(q("caller") + ":" + object(r, new String[]{"protection", "pico", "token"}, 2));
        if (r.nextInt(8) != 0) fields.add(q("target") + ":" + object(r, new String[]{"protection", "object", "pico", "disallowUserTerminate", "sd", "token"}, 2));
        if (r.nextInt(6) != 0) fields.add(q("desired") + ":" + value(r, 1));
        int extra = r.nextInt(4);
        for (int k = 0; k < extra; k++) fields.add(q(KEYS[r.nextInt(KEYS.length)]) + ":" + value(r, 1));
        java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
        b.append(String.join(r.nextInt(10) == 0 ? " , " : ",", fields)).append('}');
        if (r.nextInt(15) == 0) b.append(r.nextBoolean() ? " " : "}");
        String s = b.toString();
        switch (r.nextInt(25)) {
            case 0 -> s = s.substring(0, r.nextInt(s.length()));
            case 1 -> {
                int at = r.nextInt(s.length());
                s = s.substring(0, at) + s.substring(at + 1);
            }
            case 2 -> s = "[" + s + "]";
            default -> {
            }
        }
        return s;
    }

    private static String object(SplittableRandom r, String[] keys, int depth) {
        List<String> fields = new ArrayList<>();
        int n = r.nextInt(keys.length + 1);
        for (int k = 0; k < n; k++) fields.add(q(keys[r.nextInt(keys.length)]) + ":" + (keys[0].equals("protection") && r.nextInt(3) > 0
                ? q(STRINGS[r.nextInt(9)]) : value(r, depth)));
        return "{" + String.join(",", fields) + "}";
    }

    private static String value(SplittableRandom r, int depth) {
        int k = r.nextInt(depth > 3 ? 9 : 10);
        if (k == 9) return object(r, KEYS, depth + 1);
        if (k == 8) return "[" + scalar(r) + "]";
        return scalar(r);
    }

    private static String scalar(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0, 1, 2, 3 -> q(STRINGS[r.nextInt(STRINGS.length)]);
            case 4, 5 -> NUMBERS[r.nextInt(NUMBERS.length)];
            case 6 -> r.nextBoolean() ? "true" : "false";
            default -> r.nextInt(4) == 0 ? "nul" : "null";
        };
    }

    private static String q(String s) {
        return '"' + s + '"';
    }
}
