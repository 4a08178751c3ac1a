package io.cutover.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every encoding Windows PowerShell and PowerShell 7 write, read by one rule; the rest refused with file and line. */
class TextDecodingTest {
    private static final String TEXT = "#TYPE Selected.Microsoft.Rtc.Management.ADConnect.Schema.OCSADUser\r\n"
            + "\"SipAddress\",\"DisplayName\"\r\n"
            + "\"sip:jurgen.muller@contoso.com\",\"Jürgen Müller\"\r\n"
            + "\"sip:user02@contoso.com\",\"用户二\"\r\n";

    @TempDir
    Path tmp;

    private Path file(byte[] mark, Charset charset, String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(mark);
        b.write(text.getBytes(charset));
        Path p = tmp.resolve("users.csv");
        Files.write(p, b.toByteArray());
        return p;
    }

    private List<String> rows(Path p) {
        List<String> out = new ArrayList<>();
        new CsvReader(p)
                .read(
                        List.of("SipAddress"),
                        r -> out.add(r.line() + " " + r.get("SipAddress") + " " + r.get("DisplayName")));
        return out;
    }

    @Test
    void utf16_little_and_big_endian_with_a_byte_order_mark_read_as_the_same_text_in_utf8() throws IOException {
        List<String> utf8 = rows(file(new byte[0], StandardCharsets.UTF_8, TEXT));
        List<String> utf8Bom =
                rows(file(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8, TEXT));
        List<String> le = rows(file(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE, TEXT));
        List<String> be = rows(file(new byte[] {(byte) 0xFE, (byte) 0xFF}, StandardCharsets.UTF_16BE, TEXT));

        assertThat(utf8)
                .containsExactly("3 sip:jurgen.muller@contoso.com Jürgen Müller", "4 sip:user02@contoso.com 用户二");
        assertThat(utf8Bom).isEqualTo(utf8);
        assertThat(le).isEqualTo(utf8);
        assertThat(be).isEqualTo(utf8);
    }

    @Test
    void utf16_holding_a_lone_surrogate_is_refused_with_the_file_and_the_line_it_stands_on() throws IOException {
        String broken = TEXT + "\"sip:x@contoso.com\",\"" + '\uD800' + "x\"\r\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        for (char c : broken.toCharArray()) {
            b.write(c & 0xFF);
            b.write(c >>> 8);
        }
        Path p = tmp.resolve("users.csv");
        Files.write(p, b.toByteArray());

        assertThatThrownBy(() -> rows(p))
                .hasMessageStartingWith("users.csv:5: bytes that are not valid UTF-16LE text")
                .hasMessageContaining("Export-Csv -NoTypeInformation -Encoding UTF8");
    }

    @Test
    void utf16_without_a_byte_order_mark_is_refused_rather_than_read_as_utf8_full_of_nul_characters()
            throws IOException {
        Path p = file(new byte[0], StandardCharsets.UTF_16LE, TEXT);

        assertThatThrownBy(() -> rows(p)).hasMessageStartingWith("users.csv:1: UTF-16 text without a byte order mark");
    }
}
