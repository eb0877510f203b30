package dev.pplsim.jobs;

import dev.pplsim.engine.Simulator;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch stream: answers in input order, line numbers counted over blank lines, one request at a time over a pipe. */
class BatchRunnerTests {

    private static final String VM_READ_LSA = "{\"id\":%s,\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}";
    private static final String DENIED = "\"status\":\"STATUS_ACCESS_DENIED\",\"ntstatus\":\"0xC0000022\",\"granted\":\"0x00000000\"";

    @Test
    void a_caller_that_waits_for_each_answer_gets_it_before_sending_the_next_line() throws Exception {
        PipedOutputStream requests = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(requests, 1 << 16);
        PipedOutputStream sink = new PipedOutputStream();
        BufferedReader answers = new BufferedReader(new InputStreamReader(new PipedInputStream(sink, 1 << 16), StandardCharsets.UTF_8));
        // own threads: the common pool has one worker on two cores, which the run itself would hold
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        CompletableFuture<BatchRunner.Counts> run = CompletableFuture.supplyAsync(() -> {
            try {
                return BatchRunner.run(Simulator.builtIn(), in, sink);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, threads);
        for (int i = 1; i <= 3; i++) {
            requests.write((String.format(VM_READ_LSA, i) + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            // the input stays open: the answer must come now, not at the end of the stream or of a chunk
            String answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return answers.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, threads).get(20, TimeUnit.SECONDS);
            assertTrue(answer.startsWith("{\"id\":" + i + "," + DENIED), answer);
        }
        requests.close();
        BatchRunner.Counts counts = run.get(20, TimeUnit.SECONDS);
        assertEquals(new BatchRunner.Counts(3, 3, 0), counts);
        threads.shutdown();
    }

    @Test
    void answers_keep_input_order_across_chunks_and_count_blank_lines() throws Exception {
        StringBuilder b = new StringBuilder();
        int lines = 10_000;
        for (int i = 1; i <= lines; i++) {
            if (i % 1000 == 0) b.append("\r\n");              // a blank line: skipped, but counted
            else if (i % 777 == 0) b.append("{\"id\":").append(i).append("}\n"); // an error line
            else b.append(String.format(VM_READ_LSA, i)).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchRunner.Counts counts = BatchRunner.run(Simulator.builtIn(), new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)), out);
        String[] answers = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(lines - 10, answers.length);
        assertEquals(new BatchRunner.Counts(lines, lines - 10 - 12, 12), counts);
        int k = 0;
        for (int i = 1; i <= lines; i++) {
            if (i % 1000 == 0) continue;
            String a = answers[k++];
            if (i % 777 == 0) {
                assertEquals("{\"id\":" + i + ",\"error\":\"line " + i + ": caller: required\"}", a);
            } else {
                assertTrue(a.startsWith("{\"id\":" + i + "," + DENIED), a);
            }
        }
    }

    @Test
    void a_chunk_decides_only_inside_a_slot_and_a_refused_slot_ends_the_run_after_the_answers_before_it() throws Exception {
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= 5000; i++) in.append(String.format(java.util.Locale.ROOT, VM_READ_LSA, i)).append('\n');
        int[] entered = new int[1];
        boolean[] inside = new boolean[1];
        BatchRunner.Slots slots = new BatchRunner.Slots() {
            @Override
            public void enter() throws java.io.IOException {
                if (++entered[0] == 2) throw new java.io.IOException("busy: no slot");
                inside[0] = true;
            }

            @Override
            public void leave() {
                assertTrue(inside[0], "left a slot it did not hold");
                inside[0] = false;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> BatchRunner.run(Simulator.builtIn(),
                Inputs.decode(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8))), out, dev.pplsim.explain.ExplainMode.OFF,
                Inputs.DEFAULT_MAX_LINE_BYTES, slots));
        assertEquals("busy: no slot", e.getMessage());
        assertEquals(2, entered[0]);
        // the first chunk (4,096 lines) was decided in its slot and written out whole before the run ended
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4096, lines.length);
        assertEquals("{\"id\":4096," + DENIED + ",\"rules\":[\"R10.2\",\"R12.2\",\"R20.2\",\"R40.4\",\"R50.1\",\"R50.5\",\"R80.1\",\"R80.2\",\"R80.3\",\"R90.2\"]}", lines[4095]);
    }
}
