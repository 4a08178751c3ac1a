package io.cutover.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CSVs as PowerShell and people's tools really write them, and refusing what is broken with file, line and column. */
class CsvReaderTest {
    @TempDir
    Path tmp;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> read(Path p, List<String> required, String... columns) {
        List<String> out = new ArrayList<>();
        new CsvReader(p).read(required, r -> {
            List<String> values = new ArrayList<>();
            for (String c : columns) {
                values.add(r.get(c));
            }
            out.add(r.line() + ":"
                    + String.join("|", values.stream().map(String::valueOf).toList()));
        });
        return out;
    }

    @Test
    void reads_export_csv_output_with_bom_and_crlf() throws IOException {
        byte[] body =
                "\"SipAddress\",\"RegistrarPool\"\r\n\"sip:a@x.com\",\"pool1.x.com\"\r\n\"sip:b@x.com\",\"pool2.x.com\"\r\n"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(read(file("users.csv", withBom), List.of("SipAddress"), "SipAddress", "RegistrarPool"))
                .containsExactly("2:sip:a@x.com|pool1.x.com", "3:sip:b@x.com|pool2.x.com");
    }

    @Test
    void skips_a_type_line_and_reads_unquoted_fields_with_lf_line_ends() throws IOException {
        Path p = file(
                "sites.csv",
                "#TYPE Selected.Microsoft.Rtc.Management.WritableConfig.Topology.Site\nIdentity,SiteId\nSite:Redmond,1\n");
        assertThat(read(p, List.of("Identity", "SiteId"), "Identity", "SiteId")).containsExactly("3:Site:Redmond|1");
    }

    @Test
    void matches_columns_by_name_in_any_order_and_case_and_ignores_extra_columns() throws IOException {
        Path p = file("users.csv", "Extra,registrarpool,SIPADDRESS\r\nx,pool1,sip:a@x.com\r\n");
        assertThat(read(p, List.of("SipAddress", "RegistrarPool"), "SipAddress", "RegistrarPool", "Missing"))
                .containsExactly("2:sip:a@x.com|pool1|null");
    }

    @Test
    void keeps_commas_doubled_quotes_and_line_breaks_inside_quoted_fields_and_counts_lines_across_them()
            throws IOException {
        Path p = file(
                "objects.csv",
                "\"Kind\",\"DisplayName\"\r\n\"MeetingRoom\",\"Room \"\"A\"\", 2nd floor\r\nnorth\"\r\n\"MeetingRoom\",\"B\"\r\n");
        assertThat(read(p, List.of("Kind"), "Kind", "DisplayName"))
                .containsExactly("2:MeetingRoom|Room \"A\", 2nd floor\r\nnorth", "4:MeetingRoom|B");
    }

    @Test
    void treats_an_empty_field_as_absent_and_skips_blank_lines() throws IOException {
        Path p = file("users.csv", "SipAddress,LineURI\r\n\r\nsip:a@x.com,\"\"\r\n   \r\n");
        assertThat(read(p, List.of("SipAddress"), "SipAddress", "LineURI")).containsExactly("3:sip:a@x.com|null");
    }

    @Test
    void reads_an_empty_file_as_no_rows_because_export_csv_writes_nothing_for_nothing() throws IOException {
        assertThat(read(file("meetings.csv", ""), List.of("Organizer"), "Organizer"))
                .isEmpty();
    }

    @Test
    void a_row_with_a_field_too_many_is_refused_with_its_file_and_line() throws IOException {
        Path p = file("users.csv", "SipAddress,RegistrarPool\r\nsip:a@x.com,pool1\r\nsip:b@x.com,pool,1\r\n");
        assertThatThrownBy(() -> read(p, List.of("SipAddress"), "SipAddress"))
                .isInstanceOf(CutoverException.class)
                .hasMessageStartingWith("users.csv:3: 3 fields where the header has 2 columns")
                .satisfies(e -> assertThat(((CutoverException) e).code()).isEqualTo(ErrorCode.BAD_INPUT));
    }

    @Test
    void a_missing_required_column_is_named() throws IOException {
        Path p = file("users.csv", "SipAddress,Pool\r\nsip:a@x.com,pool1\r\n");
        assertThatThrownBy(() -> read(p, List.of("SipAddress", "RegistrarPool"), "SipAddress"))
                .hasMessage("users.csv:1: no RegistrarPool column; the header has SipAddress,Pool");
    }

    @Test
    void a_quoted_field_that_is_never_closed_is_refused_with_the_line_it_started_on() throws IOException {
        Path p = file(
                "users.csv",
                "SipAddress,RegistrarPool\r\nsip:a@x.com,pool1\r\n\"sip:b@x.com,pool1\r\nsip:c@x.com,pool1\r\n");
        assertThatThrownBy(() -> read(p, List.of("SipAddress"), "SipAddress"))
                .hasMessage("users.csv:3: a quoted field is never closed");
    }

    @Test
    void text_after_a_closing_quote_is_refused_with_line_and_column() throws IOException {
        Path p = file("users.csv", "SipAddress,RegistrarPool\r\n\"sip:a@x.com\"x,pool1\r\n");
        assertThatThrownBy(() -> read(p, List.of("SipAddress"), "SipAddress"))
                .hasMessageStartingWith("users.csv:2: column 1: text after a closing quote");
    }

    @Test
    void a_row_longer_than_the_bound_is_refused_without_reading_the_rest_of_the_file() throws IOException {
        StringBuilder b = new StringBuilder("SipAddress\r\n\"");
        b.append("x".repeat(CsvReader.MAX_RECORD + 10));
        Path p = file("users.csv", b.toString());
        assertThatThrownBy(() -> read(p, List.of("SipAddress"), "SipAddress"))
                .hasMessageStartingWith("users.csv:2: a row longer than " + CsvReader.MAX_RECORD + " characters");
    }

    @Test
    void bytes_that_are_not_utf8_are_refused_naming_the_file() throws IOException {
        Path p = file("users.csv", new byte[] {
            'S', 'i', 'p', 'A', 'd', 'd', 'r', 'e', 's', 's', '\r', '\n', (byte) 0xC3, (byte) 0x28, '\r', '\n'
        });
        assertThatThrownBy(() -> read(p, List.of("SipAddress"), "SipAddress"))
                .hasMessageStartingWith("users.csv: not UTF-8 text");
    }

    @Test
    void booleans_are_true_or_false_in_any_case_and_anything_else_names_the_column_and_line() throws IOException {
        Path p = file("replication.csv", "ReplicaFqdn,UpToDate\r\na,TRUE\r\nb,false\r\nc,yes\r\n");
        List<Boolean> seen = new ArrayList<>();
        assertThatThrownBy(() ->
                        new CsvReader(p).read(List.of("ReplicaFqdn", "UpToDate"), r -> seen.add(r.bool("UpToDate"))))
                .hasMessage("replication.csv:4: column UpToDate expected True or False, found 'yes'");
        assertThat(seen).containsExactly(true, false);
    }

    @Test
    void a_nul_or_another_control_character_in_a_field_is_refused_with_file_line_and_column() throws IOException {
        for (String bad : List.of("\u0000", "\u001b[2J", "\u007f", "\u009b")) {
            Path p = file("users.csv", "SipAddress,DisplayName\r\nsip:a@x.com,Ann\r\nsip:b@x.com,B" + bad + "ob\r\n");
            assertThatThrownBy(() -> read(p, List.of("SipAddress"), "SipAddress"))
                    .isInstanceOf(CutoverException.class)
                    .hasMessageStartingWith("users.csv:3: column DisplayName: control character U+")
                    .hasMessageContaining("at character 2");
        }
    }

    @Test
    void tabs_and_line_breaks_inside_a_quoted_field_are_still_read() throws IOException {
        Path p = file("users.csv", "SipAddress,Notes\r\nsip:a@x.com,\"one\ttwo\r\nthree\"\r\n");
        List<String> notes = new ArrayList<>();
        new CsvReader(p).read(List.of("SipAddress"), r -> notes.add(r.raw("Notes")));
        assertThat(notes).containsExactly("one\ttwo\r\nthree");
    }

    @Test
    void a_required_field_of_only_spaces_is_refused_as_empty_with_file_line_and_column() throws IOException {
        Path p = file("users.csv", "SipAddress,RegistrarPool\r\nsip:a@x.com,p\r\n   ,p\r\n");
        assertThatThrownBy(() -> new CsvReader(p).read(List.of("SipAddress"), r -> r.required("SipAddress")))
                .hasMessage("users.csv:3: column SipAddress is empty; every row needs one");
    }
}
