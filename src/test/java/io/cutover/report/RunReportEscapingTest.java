package io.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values from a deployment are text, never markup (the CSV side: CsvWriterTest). */
class RunReportEscapingTest {
    @Test
    void html_escapes_markup_in_every_value() {
        assertThat(Html.esc("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.esc(null)).isEmpty();
    }

    @Test
    void control_characters_in_a_value_are_shown_as_escapes_not_passed_on() {
        assertThat(Html.esc("pool\u001b[2J\u0000\u202eevil\nnext")).isEqualTo("pool\\u001b[2J\\u0000\\u202eevil\nnext");
    }
}
