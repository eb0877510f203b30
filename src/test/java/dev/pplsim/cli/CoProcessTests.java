package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pplsim batch -} as a co-process, the way to ask many single questions: one line in, its answer out before the
 * next line is written. BatchRunnerTests checks the runner over pipes; this goes through the command, so standard
 * input and output as the command wires them must not hold a line back.
 */
class CoProcessTests {

    private static final String REQUEST = "{\"id\":%d,\"caller\":{\"protection\":\"%s\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}\n";

    @Test
    void batch_on_standard_input_answers_each_line_while_the_input_stays_open() throws Exception {
        PipedOutputStream requests = new PipedOutputStream();
        PipedOutputStream sink = new PipedOutputStream();
        BufferedReader answers = new BufferedReader(new InputStreamReader(new PipedInputStream(sink, 1 << 16), StandardCharsets.UTF_8));
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        // own threads: the common pool has one worker on two cores, which the batch itself would hold
        ExecutorService threads = Executors.newCachedThreadPool();
        System.setIn(new PipedInputStream(requests, 1 << 16));
        // a standard output that flushes only when told: an answer arrives only if the command flushes it
        System.setOut(new PrintStream(new BufferedOutputStream(sink, 1 << 16), false, StandardCharsets.UTF_8));
        try {
            Future<Integer> exit = threads.submit(() -> Main.run("batch", "-"));
            requests.write(String.format(REQUEST, 1, "None").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            String denied = within(threads, answers::readLine);
            assertTrue(denied.startsWith("{\"id\":1,\"status\":\"STATUS_ACCESS_DENIED\",\"ntstatus\":\"0xC0000022\",\"granted\":\"0x00000000\","), denied);
            requests.write(String.format(REQUEST, 2, "Lsa-Light").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            String granted = within(threads, answers::readLine);
            assertTrue(granted.startsWith("{\"id\":2,\"status\":\"STATUS_SUCCESS\",\"ntstatus\":\"0x00000000\",\"granted\":\"0x00000010\","), granted);
            requests.close();
            assertEquals(0, exit.get(20, TimeUnit.SECONDS));
            System.out.flush();
            sink.close();
            assertNull(within(threads, answers::readLine), "one answer a request, nothing after the input ends");
        } finally {
            requests.close();
            System.setOut(oldOut);
            System.setIn(oldIn);
            threads.shutdownNow();
        }
    }

    /** A pipe read that fails the test after 20 s instead of hanging it. */
    private static <T> T within(ExecutorService threads, Callable<T> read) throws Exception {
        return threads.submit(read).get(20, TimeUnit.SECONDS);
    }
}
