package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.ExplainMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * A batch answers byte for byte the same with its shortcuts (the line memo, the outcome lines, also in a table so
 * small that outcomes share its slots) as without them:
 * requests repeated with other ids, ids the output does not echo as spelled (-0, zero-led, escaped, non-ASCII),
 * errors (which name their line) and malformed lines among them.
 */
class LineMemoProperties {

    /** Ids as a user may spell them; some are echoed as spelled, some are not, some are not ids at all. */
    private static final String[] IDS = {"0", "1", "-1", "42", "123456789012345678", "\"c1\"", "\"\"", "\"x y\"",
            "-0", "007", "1234567890123456789", "1.5", "1e3", "\"a\\\"b\"", "\"caf\u00e9\"", "\"tab\\t\"", "null", "true", "{}", "[1]", "\"c1\" "};

    private static final int EXAMPLES = 150, LINES = 400;

    @Test
    void a_batch_answers_the_same_with_and_without_its_shortcuts() {
        Simulator sim = Simulator.builtIn();
        AtomicLong answeredFromMemo = new AtomicLong(), lines = new AtomicLong();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            // a few requests, each written many times with different ids
            List<String> rests = new ArrayList<>();
            for (int k = 1 + r.nextInt(12); k > 0; k--) {
                String line = dev.pplsim.request.FastLineProperties.line(r);
                rests.add(rest(line, r));
            }
            StringBuilder batch = new StringBuilder();
            List<byte[]> written = new ArrayList<>();
            for (int i = 0; i < LINES; i++) {
                // two in three from the first eight, which the output echoes as spelled
                String line = "{\"id\":" + IDS[r.nextInt(3) != 0 ? r.nextInt(8) : r.nextInt(IDS.length)] + rests.get(r.nextInt(rests.size()));
                batch.append(line).append(r.nextInt(20) == 0 ? "\r\n" : "\n");
                written.add(line.getBytes(StandardCharsets.UTF_8));
            }
            byte[] in = batch.toString().getBytes(StandardCharsets.UTF_8);
            String with = run(sim, in, true, 4096), without = run(sim, in, false, 4096);
            assertEquals(without, with, batch.toString());
            // with two slots for the outcome lines, outcomes share slots and evict each other
            assertEquals(without, run(sim, in, true, 2), batch.toString());
            // how many lines the memo could have answered: an echoed id, a request seen before, decided then
            List<String> outputs = without.lines().toList();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < written.size(); i++) {
                byte[] line = written.get(i);
                int end = LineMemo.idEnd(line);
                if (end < 0) continue;
                String rest = new String(line, end, line.length - end, StandardCharsets.UTF_8);
                if (!seen.add(rest) && !outputs.get(i).contains("\"error\"")) answeredFromMemo.incrementAndGet();
            }
            lines.addAndGet(LINES);
        });
        // the property says little unless many lines were answered from the memo
        assertTrue(answeredFromMemo.get() > lines.get() / 10, answeredFromMemo + " of " + lines + " lines answerable from the memo");
    }

    @Test
    void only_ids_echoed_as_spelled_qualify() {
        for (String id : new String[]{"0", "-1", "42", "123456789012345678", "\"c1\"", "\"\"", "\"x y\""}) {
            String line = "{\"id\":" + id + ",\"desired\":1}";
            assertEquals(6 + id.length(), LineMemo.idEnd(line.getBytes(StandardCharsets.UTF_8)), line);
        }
        for (String line : new String[]{"{\"id\":-0,\"d\":1}", "{\"id\":007,\"d\":1}", "{\"id\":1234567890123456789,\"d\":1}",
                "{\"id\":1.5,\"d\":1}", "{\"id\":\"a\\\"b\",\"d\":1}", "{\"id\":\"caf\u00e9\",\"d\":1}", "{\"id\":null,\"d\":1}",
                "{\"id\":1}", "{\"id\" :1,\"d\":1}", " {\"id\":1,\"d\":1}", "{\"id\":\"open", "{\"id\":"}) {
            assertEquals(-1, LineMemo.idEnd(line.getBytes(StandardCharsets.UTF_8)), line);
        }
    }

    @Test
    void a_kept_line_is_answered_with_the_new_id_and_nothing_else() {
        LineMemo memo = new LineMemo();
        byte[] first = "{\"id\":1,\"caller\":{\"protection\":\"None\"}}".getBytes(StandardCharsets.UTF_8);
        memo.put(first, LineMemo.idEnd(first), "{\"id\":1,\"status\":\"STATUS_SUCCESS\"}\n".getBytes(StandardCharsets.UTF_8));
        byte[] again = "{\"id\":\"c2\",\"caller\":{\"protection\":\"None\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"id\":\"c2\",\"status\":\"STATUS_SUCCESS\"}\n", new String(memo.get(again, LineMemo.idEnd(again)), StandardCharsets.UTF_8));
        byte[] other = "{\"id\":3,\"caller\":{\"protection\":\"WinTcb\"}}".getBytes(StandardCharsets.UTF_8);
        assertNull(memo.get(other, LineMemo.idEnd(other)));
        // an output that does not echo the id where the input had it is not kept
        byte[] odd = "{\"id\":5,\"desired\":2}".getBytes(StandardCharsets.UTF_8);
        memo.put(odd, LineMemo.idEnd(odd), "{\"id\":6,\"status\":\"STATUS_SUCCESS\"}\n".getBytes(StandardCharsets.UTF_8));
        assertNull(memo.get(odd, LineMemo.idEnd(odd)));
    }

    @Test
    void a_line_with_a_long_descriptor_is_not_kept() {
        LineMemo memo = new LineMemo();
        String sd = "D:" + "(A;;0x1;;;WD)".repeat(200);
        byte[] first = ("{\"id\":1,\"target\":{\"sd\":\"" + sd + "\"}}").getBytes(StandardCharsets.UTF_8);
        memo.put(first, LineMemo.idEnd(first), "{\"id\":1,\"status\":\"STATUS_SUCCESS\"}\n".getBytes(StandardCharsets.UTF_8));
        byte[] again = ("{\"id\":2,\"target\":{\"sd\":\"" + sd + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertNull(memo.get(again, LineMemo.idEnd(again)), "a rest of " + (again.length - LineMemo.idEnd(again)) + " bytes is decided again");
        // nor one whose answer is long
        byte[] shortLine = "{\"id\":3,\"desired\":1}".getBytes(StandardCharsets.UTF_8);
        memo.put(shortLine, LineMemo.idEnd(shortLine), ("{\"id\":3,\"rules\":[" + "\"R26.6\",".repeat(400) + "]}\n").getBytes(StandardCharsets.UTF_8));
        assertNull(memo.get(shortLine, LineMemo.idEnd(shortLine)));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = dev.pplsim.request.RequestReader.strictJson();

    /** What follows the id: mostly a drawn line's other fields as JSON writes them, else the drawn text as it came. */
    private static String rest(String line, SplittableRandom r) {
        if (r.nextInt(4) != 0) {
            try {
                var node = JSON.readTree(line);
                if (node != null && node.isObject()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("id");
                    String text = node.toString();
                    if (text.length() > 2) return "," + text.substring(1);
                }
            } catch (IOException e) {
                // malformed: kept as drawn, below
            }
        }
        int comma = line.indexOf(',');
        return line.startsWith("{\"id\":") && comma > 0 ? line.substring(comma) : "," + line;
    }

    private static String run(Simulator sim, byte[] in, boolean memo, int outcomeSlots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BatchRunner.run(sim, new ByteArrayInputStream(in), out, ExplainMode.OFF, memo, outcomeSlots);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
