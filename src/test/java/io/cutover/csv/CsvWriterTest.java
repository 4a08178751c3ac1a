package io.cutover.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.csv.CsvWriter.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer for every CSV the product writes, in the two dialects, and the reader reads both back. */
class CsvWriterTest {
    @TempDir
    Path tmp;

    private static String written(Dialect dialect, List<List<String>> rows) {
        CsvWriter w = new CsvWriter(dialect);
        for (List<String> row : rows) {
            w.row(row);
        }
        return w.take();
    }

    @Test
    void take_hands_over_what_was_written_since_the_last_take_and_the_byte_order_mark_only_once() {
        CsvWriter w = new CsvWriter(Dialect.EXPORT_CSV);
        assertThat(w.row("a").take()).isEqualTo("\uFEFF\"a\"\r\n");
        assertThat(w.row("b").row("c").take()).isEqualTo("\"b\"\r\n\"c\"\r\n");
        assertThat(w.take()).isEmpty();
    }

    @Test
    void export_csv_writes_a_byte_order_mark_once_and_quotes_every_field_with_crlf_line_ends() {
        assertThat(written(
                        Dialect.EXPORT_CSV, List.of(List.of("SipAddress", "Pool"), List.of("sip:a@x", "say \"hi\""))))
                .isEqualTo("\uFEFF\"SipAddress\",\"Pool\"\r\n\"sip:a@x\",\"say \"\"hi\"\"\"\r\n");
    }

    @Test
    void export_csv_writes_a_null_field_as_an_empty_quoted_one() {
        assertThat(written(Dialect.EXPORT_CSV, List.of(java.util.Arrays.asList("a", null))))
                .isEqualTo("\uFEFF\"a\",\"\"\r\n");
    }

    @Test
    void spreadsheet_quotes_only_fields_with_commas_quotes_or_line_breaks() throws IOException {
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "plain")).isEqualTo("plain");
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, null)).isEmpty();
        assertThat(written(Dialect.SPREADSHEET, List.of(List.of("a", "b")))).isEqualTo("a,b\r\n");
    }

    @Test
    void spreadsheet_keeps_a_value_that_starts_like_a_formula_as_text() {
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "+1")).isEqualTo("'+1");
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "-1")).isEqualTo("'-1");
        assertThat(CsvWriter.field(Dialect.SPREADSHEET, "@pool")).isEqualTo("'@pool");
        assertThat(CsvWriter.field(Dialect.EXPORT_CSV, "=1")).isEqualTo("\"=1\"");
    }

    @Test
    void the_reader_reads_back_what_either_dialect_wrote() throws IOException {
        List<String> awkward = List.of("comma, here", "quote \" here", "line\r\nbreak", "  spaced  ");
        for (Dialect d : Dialect.values()) {
            Path p = tmp.resolve(d + ".csv");
            Files.writeString(p, written(d, List.of(List.of("A", "B", "C", "D"), awkward)), StandardCharsets.UTF_8);
            List<String> back = new ArrayList<>();
            new CsvReader(p).read(List.of("A", "B", "C", "D"), r -> {
                for (String c : List.of("A", "B", "C", "D")) {
                    back.add(r.raw(c));
                }
            });
            assertThat(back).as(d.name()).isEqualTo(awkward);
        }
    }

    @Test
    void control_characters_in_a_field_are_written_as_visible_escapes_in_both_dialects() {
        for (CsvWriter.Dialect d : CsvWriter.Dialect.values()) {
            String text =
                    new CsvWriter(d).row("a\u001b]0;owned\u0007", "n\u0000l").take();
            assertThat(text).as(d.name()).doesNotContain("\u001b", "\u0007", "\u0000");
            assertThat(text).as(d.name()).contains("a\\u001b]0;owned\\u0007", "n\\u0000l");
        }
    }
}
