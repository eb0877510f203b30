package dev.pplsim.jobs;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The CSV writer of matrix and whatif: RFC 4180 quoting where a value needs it, and only there. */
class CsvRowsTests {

    @Test
    void a_comma_a_quote_or_a_line_break_is_quoted_and_reads_back_as_one_field() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        new CsvRows(out, List.of("caller", "caller_pid", "causes")).row("Acme, Inc agent.exe", 900L, "a \"quoted\" cause\nand a second line")
                .row("lsass.exe", 800, null).flush();
        assertEquals("caller,caller_pid,causes\n\"Acme, Inc agent.exe\",900,\"a \"\"quoted\"\" cause\nand a second line\"\nlsass.exe,800,\n", text.toString());
        List<String[]> rows = new CsvMapper().readerForArrayOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY).<String[]>readValues(text.toString()).readAll();
        assertEquals(List.of("Acme, Inc agent.exe", "900", "a \"quoted\" cause\nand a second line"), List.of(rows.get(1)));
        assertEquals(List.of("lsass.exe", "800", ""), List.of(rows.get(2)));
    }

    @Test
    void the_header_is_written_without_rows_and_a_row_of_the_wrong_width_is_a_bug() {
        StringWriter text = new StringWriter();
        CsvRows rows = new CsvRows(new PrintWriter(text), List.of("direction", "desired"));
        rows.flush();
        assertEquals("direction,desired\n", text.toString());
        assertThrows(IllegalArgumentException.class, () -> rows.row("gained"));
    }
}
