package io.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values from a deployment are text, never markup or spreadsheet formulas. */
class RunReportEscapingTest {
    @Test
    void html_escapes_markup_in_every_value() {
        assertThat(RunReportHtml.esc("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(RunReportHtml.esc(null)).isEmpty();
    }

    @Test
    void csv_quotes_fields_with_commas_quotes_or_line_breaks() {
        assertThat(RunReportCsv.field("plain")).isEqualTo("plain");
        assertThat(RunReportCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(RunReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RunReportCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(RunReportCsv.field(null)).isEmpty();
    }

    @Test
    void csv_keeps_a_value_that_starts_like_a_formula_as_text() {
        assertThat(RunReportCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(RunReportCsv.field("-1")).isEqualTo("'-1");
        assertThat(RunReportCsv.field("@pool")).isEqualTo("'@pool");
    }
}
