package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PowerShellQuotingTest {
    @Test
    void every_kind_of_single_quote_is_doubled_inside_a_literal() {
        assertThat(PowerShell.literal("o'neil")).isEqualTo("'o''neil'");
        assertThat(PowerShell.literal("a\u2018b\u2019c\u201Ad\u201Be"))
                .isEqualTo("'a\u2018\u2018b\u2019\u2019c\u201A\u201Ad\u201B\u201Be'");
        assertThat(PowerShell.literal("$env:x `n; Remove-Item")).isEqualTo("'$env:x `n; Remove-Item'");
    }

    @Test
    void the_ascii_form_carries_line_breaks_and_non_ascii_as_char_codes_on_one_line() {
        assertThat(PowerShell.asciiExpression("plain")).isEqualTo("'plain'");
        assertThat(PowerShell.asciiExpression("")).isEqualTo("''");
        assertThat(PowerShell.asciiExpression("a\nb")).isEqualTo("('a' + [char]0x000A + 'b')");
        assertThat(PowerShell.asciiExpression("\u2019x")).isEqualTo("('' + [char]0x2019 + 'x')");
        assertThat(PowerShell.asciiExpression("\uD83D\uDE00")).isEqualTo("('' + [char]0xD83D + [char]0xDE00)");
        assertThat(PowerShell.asciiExpression("\u00e9'")).doesNotContain("\n").matches("\\p{ASCII}*");
    }

    @Test
    void the_fake_shell_reads_back_exactly_what_was_quoted_in_both_encodings() {
        List<String> values = List.of(
                "o'neil",
                "\u2018\u2019\u201A\u201B'",
                "''",
                "a\r\nb",
                "$(Remove-Item C:\\)",
                "`\"$_\"`",
                "x; Stop-Computer",
                "\u00e9\u4e2d\uD83D\uDE00",
                "'+[char]0x41+'",
                "#",
                "");
        for (Encoding e : Encoding.values()) {
            for (String v : values) {
                String script = Cmdlet.of("Get-CsUser").with("Identity", v).render(e);
                List<PsScript.Statement> parsed = PsScript.parse(script);
                assertThat(parsed).hasSize(1);
                PsScript.Command c = (PsScript.Command)
                        ((PsScript.Pipeline) parsed.get(0)).elements().get(0);
                assertThat(c.args())
                        .singleElement()
                        .satisfies(
                                a -> assertThat(a.value()).as("%s in %s", v, e).isEqualTo(v));
            }
        }
    }

    @Test
    void the_fake_shell_refuses_what_a_broken_quote_would_let_through() {
        // A quote that broke out would start a second command, which the shell sees and traces.
        assertThat(PsScript.parse("Get-CsUser -Identity 'a' ; Remove-Item -Path 'x'"))
                .hasSize(2);
        // U+2019 ends a single-quoted string as ' does: undoubled, it would let a command through.
        assertThat(PsScript.parse("Get-CsUser -Identity 'a\u2019; Stop-Computer"))
                .hasSize(2);
        assertThatThrownBy(() -> PsScript.parse("Get-CsUser -Identity \"$x\"")).isInstanceOf(PsScript.ParseError.class);
        assertThatThrownBy(() -> PsScript.parse("Get-CsUser -Identity `a")).isInstanceOf(PsScript.ParseError.class);
    }

    @Test
    void a_cmdlet_name_or_parameter_name_that_is_not_a_plain_word_is_refused_before_any_script_is_made() {
        assertThatThrownBy(() -> Cmdlet.of("Get-CsUser; rm")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cmdlet.of("Get-CsUser").with("Identity x", "y"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
