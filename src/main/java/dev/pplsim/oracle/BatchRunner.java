package dev.pplsim.oracle;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.policy.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;

/**
 * Streams a batch: each line is parsed, decided and written before the next is read, so memory stays bounded
 * whatever the input's length. Output lines follow input order; blank lines are skipped.
 */
public final class BatchRunner {

    /** Lines read, decided and refused. */
    public record Counts(long lines, long decided, long errors) {
    }

    private BatchRunner() {
    }

    public static Counts run(Simulator simulator, BufferedReader in, Writer out) throws IOException {
        // a batch repeats protection keys and masks: decide from the table materialised from the rules
        dev.pplsim.engine.Materialised table = new dev.pplsim.engine.Materialised(simulator);
        long lineNo = 0, decided = 0, errors = 0;
        String text;
        while ((text = in.readLine()) != null) {
            lineNo++;
            if (text.isBlank()) continue;
            BatchProtocol.Line line = BatchProtocol.parse(text);
            String result;
            if (line.error() != null) {
                result = BatchProtocol.errorLine(line.id(), "line " + lineNo + ": " + line.error());
                errors++;
            } else {
                try {
                    Decision d = table.decide(line.query());
                    result = BatchProtocol.decisionLine(line.id(), d);
                    decided++;
                } catch (InputException e) {
                    result = BatchProtocol.errorLine(line.id(), "line " + lineNo + ": " + e.getMessage());
                    errors++;
                }
            }
            out.write(result);
            out.write('\n');
        }
        out.flush();
        return new Counts(lineNo, decided, errors);
    }
}
