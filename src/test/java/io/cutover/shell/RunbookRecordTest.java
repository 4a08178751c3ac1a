package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.csv.CsvReader;
import io.cutover.journal.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result rows of a runbook, read with the product's one CSV reader: strict, bounded, and precise in its errors. */
class RunbookRecordTest {
    private static final String HEADER =
            "\"Plan\",\"Step\",\"Item\",\"Action\",\"Outcome\",\"Detail\",\"At\",\"Actor\"\r\n";
    private static final String AT = "2026-11-21T09:15:00.1234567Z";

    @TempDir
    Path tmp;

    private Path file(String text) throws IOException {
        Path p = tmp.resolve("03-Pilot.results.csv");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String row(String step, String item, String outcome, String detail) {
        return "\"abc\",\"" + step + "\",\"" + item + "\",\"DO\",\"" + outcome + "\",\"" + detail + "\",\"" + AT
                + "\",\"CONTOSO\\admin\"\r\n";
    }

    private static CutoverException refusal(Path p) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> RunbookRecord.read(p));
        assertThat(t).isInstanceOf(CutoverException.class);
        CutoverException e = (CutoverException) t;
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
        return e;
    }

    @Test
    void rows_as_export_csv_writes_them_with_a_byte_order_mark_are_read_in_order_with_their_lines() throws IOException {
        Path p = file("\uFEFF" + HEADER + row("S/pilot", "User:sip:a@contoso.com", "OK", "moved")
                + row("S/gate", "", "FAILED", "a check failed"));

        List<RunbookRecord.Row> rows = RunbookRecord.read(p);

        assertThat(rows)
                .containsExactly(
                        new RunbookRecord.Row(
                                2,
                                "abc",
                                "S/pilot",
                                "User:sip:a@contoso.com",
                                Outcome.OK,
                                "moved",
                                Instant.parse(AT),
                                "CONTOSO\\admin"),
                        new RunbookRecord.Row(
                                3,
                                "abc",
                                "S/gate",
                                null,
                                Outcome.FAILED,
                                "a check failed",
                                Instant.parse(AT),
                                "CONTOSO\\admin"));
    }

    @Test
    void a_quoted_detail_keeps_its_commas_doubled_quotes_and_line_breaks_and_the_next_row_counts_the_lines()
            throws IOException {
        Path p = file(HEADER
                + row("S/pilot", "", "FAILED", "busy, \"\"try later\"\"\r\nsecond line")
                + row("S/pilot", "", "MAYBE", ""));

        assertThat(refusal(p)).hasMessage(p + ": line 4: field Outcome is 'MAYBE'; expected OK, FAILED or RETRY");
        Path good = file(HEADER + row("S/pilot", "", "FAILED", "busy, \"\"try later\"\"\r\nsecond line"));
        assertThat(RunbookRecord.read(good).get(0).detail()).isEqualTo("busy, \"try later\"\r\nsecond line");
    }

    @Test
    void a_type_line_and_reordered_extra_columns_are_accepted() throws IOException {
        Path p = file("#TYPE System.Management.Automation.PSCustomObject\r\n"
                + "\"Extra\",\"Actor\",\"At\",\"Detail\",\"Outcome\",\"Action\",\"Item\",\"Step\",\"Plan\"\r\n"
                + "\"x\",\"me\",\"" + AT + "\",\"\",\"retry\",\"do\",\"\",\"S/pilot\",\"abc\"\r\n");

        RunbookRecord.Row r = RunbookRecord.read(p).get(0);

        assertThat(r.line()).isEqualTo(3);
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(r.actor()).isEqualTo("me");
    }

    @Test
    void text_after_a_closing_quote_is_refused_with_its_line_and_column() throws IOException {
        Path p = file(HEADER + row("S/pilot", "", "OK", "") + "\"abc\",\"S/pilot\"x,\"\",\"DO\",\"OK\",\"\",\"" + AT
                + "\",\"me\"\r\n");

        assertThat(refusal(p)).hasMessageStartingWith(p + ":3: column 2: text after a closing quote");
    }

    @Test
    void a_row_with_a_field_too_many_is_refused_with_its_line() throws IOException {
        Path p = file(HEADER + row("S/pilot", "", "OK", "").replace("\r\n", ",\"spare\"\r\n"));

        assertThat(refusal(p)).hasMessageStartingWith(p + ":2: 9 fields where the header has 8 columns");
    }

    @Test
    void an_unclosed_quote_is_refused_at_the_line_its_row_starts_on() throws IOException {
        Path p = file(HEADER + row("S/pilot", "", "OK", "") + "\"abc\",\"S/pilot\r\nand on\r\n");

        assertThat(refusal(p)).hasMessage(p + ":3: a quoted field is never closed");
    }

    @Test
    void an_oversized_row_is_refused_without_reading_on_to_the_end_of_the_file() throws IOException {
        String huge = "x".repeat(CsvReader.MAX_RECORD + 1);
        Path p = file(HEADER + row("S/pilot", "", "OK", "") + row("S/pilot", "", "OK", huge));

        assertThat(refusal(p))
                .hasMessageStartingWith(p + ":3: a row longer than " + CsvReader.MAX_RECORD + " characters");
    }

    @Test
    void a_missing_column_is_refused_naming_the_header_line_and_the_column() throws IOException {
        Path p = file("\"Plan\",\"Step\",\"Item\",\"Action\",\"Outcome\",\"Detail\",\"At\"\r\n");

        assertThat(refusal(p)).hasMessageStartingWith(p + ":1: no Actor column");
    }

    @Test
    void an_empty_field_that_every_row_needs_is_refused_naming_line_and_field() throws IOException {
        Path p = file(HEADER + row("S/pilot", "", "OK", "").replace("\"CONTOSO\\admin\"", "\"  \""));

        assertThat(refusal(p)).hasMessage(p + ": line 2: field Actor is empty");
    }

    @Test
    void an_empty_file_and_a_header_without_rows_are_refused() throws IOException {
        assertThat(refusal(file(""))).hasMessageContaining("the file is empty; expected a header row Plan,Step");
        assertThat(refusal(file("\uFEFF" + HEADER))).hasMessage(file(HEADER) + ": no result rows after the header");
    }

    @Test
    void a_row_that_is_not_a_do_attempt_or_has_a_bad_time_is_refused() throws IOException {
        assertThat(refusal(file(HEADER + row("S/pilot", "", "OK", "").replace("\"DO\"", "\"UNDO\""))))
                .hasMessageContaining(": line 2: field Action is 'UNDO'");
        assertThat(refusal(file(HEADER + row("S/pilot", "", "OK", "").replace(AT, "yesterday"))))
                .hasMessageContaining(": line 2: field At is 'yesterday'");
    }

    @Test
    void a_missing_file_is_refused_naming_it_as_given() {
        Path p = tmp.resolve("nowhere.results.csv");

        assertThat(refusal(p)).hasMessage(p + ": no such file");
    }
}
