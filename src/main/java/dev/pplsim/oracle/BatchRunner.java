package dev.pplsim.oracle;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Materialised;
import dev.pplsim.engine.Simulator;
import dev.pplsim.explain.ExplainMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.Operation;
import dev.pplsim.policy.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Streams a batch: lines are read a chunk at a time, parsed and decided on every core, and written in input
 * order before the next chunk is read, so memory stays bounded whatever the input's length. Blank lines are
 * skipped. Protection-only lines are decided from the table materialised from the rules; a line with a token, a
 * descriptor, a token object or another operation than open, and every line when explaining, is decided by the
 * rules themselves (the table holds neither the access check nor a trace).
 */
public final class BatchRunner {

    /** Lines per chunk: enough to keep both cores busy, few enough to bound memory. */
    private static final int CHUNK = 4096;

    /** Lines read, decided and refused. */
    public record Counts(long lines, long decided, long errors) {
    }

    private BatchRunner() {
    }

    public static Counts run(Simulator simulator, BufferedReader in, Writer out) throws IOException {
        return run(simulator, in, out, ExplainMode.OFF);
    }

    /** With {@code explain} other than OFF, each decision line carries its stages. */
    public static Counts run(Simulator simulator, BufferedReader in, Writer out, ExplainMode explain) throws IOException {
        // a batch repeats protection keys and masks: decide from the table materialised from the rules
        Materialised table = new Materialised(simulator);
        long lineNo = 0, decided = 0, errors = 0;
        List<String> texts = new ArrayList<>(CHUNK);
        List<Long> numbers = new ArrayList<>(CHUNK);
        String text;
        boolean more = true;
        while (more) {
            texts.clear();
            numbers.clear();
            while (texts.size() < CHUNK && (text = in.readLine()) != null) {
                lineNo++;
                if (text.isBlank()) continue;
                texts.add(text);
                numbers.add(lineNo);
            }
            more = texts.size() == CHUNK;
            String[] results = new String[texts.size()];
            boolean[] failed = new boolean[texts.size()];
            IntStream.range(0, texts.size()).parallel().forEach(i -> {
                BatchProtocol.Line line = BatchProtocol.parse(texts.get(i), simulator::security);
                if (line.error() != null) {
                    results[i] = BatchProtocol.errorLine(line.id(), "line " + numbers.get(i) + ": " + line.error());
                    failed[i] = true;
                    return;
                }
                try {
                    AccessQuery q = line.query();
                    Decision d = explain == ExplainMode.OFF ? table.decide(q) : simulator.decide(q);
                    results[i] = BatchProtocol.decisionLine(line.id(), d, explain);
                } catch (InputException e) {
                    results[i] = BatchProtocol.errorLine(line.id(), "line " + numbers.get(i) + ": " + e.getMessage());
                    failed[i] = true;
                }
            });
            for (int i = 0; i < results.length; i++) {
                out.write(results[i]);
                out.write('\n');
                if (failed[i]) errors++;
                else decided++;
            }
            out.flush();
        }
        return new Counts(lineNo, decided, errors);
    }
}
