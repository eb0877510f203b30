package dev.pplsim.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * CSV rows written through jackson-dataformat-csv, so a value holding a comma, a quote or a line break is quoted
 * as RFC 4180 says (an image name may hold a comma; hand-joined fields would split it). The header is the first
 * row, written even when no row follows. Column names are snake_case, one family across the tables
 * (docs/cli.md, "CSV columns").
 */
public final class CsvRows {

    // quoted only where RFC 4180 needs it (a comma, a quote, a line break), not by the library's length heuristic
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final SequenceWriter rows;
    private final int width;

    public CsvRows(PrintWriter out, List<String> header) {
        width = header.size();
        CsvSchema.Builder b = CsvSchema.builder();
        for (String h : header) b.addColumn(h);
        try {
            // the writer is the command's: flushed here, closed by its owner
            rows = CSV.writer(b.build().withoutHeader()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out);
            rows.write(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row, the values in the header's order; null is an empty field. */
    public CsvRows row(Object... values) {
        if (values.length != width) throw new IllegalArgumentException(values.length + " values for " + width + " columns");
        String[] fields = new String[width];
        for (int i = 0; i < width; i++) fields[i] = values[i] == null ? "" : String.valueOf(values[i]);
        try {
            rows.write(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public void flush() {
        try {
            rows.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
