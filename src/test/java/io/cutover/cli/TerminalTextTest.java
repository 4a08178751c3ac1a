package io.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Whatever the command line prints, a value cannot drive the terminal it is printed on. */
class TerminalTextTest {
    @Test
    void an_escape_sequence_in_a_value_echoed_back_in_an_error_is_printed_as_text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.execute(
                new String[] {"assess", "/nonexistent/no-such-\u001b]0;owned\u0007\u001b[2J"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(printed).contains("no-such-\\u001b]0;owned\\u0007\\u001b[2J");
        assertThat(printed).doesNotContain("\u001b", "\u0007");
        assertThat(printed).endsWith("\n");
    }
}
