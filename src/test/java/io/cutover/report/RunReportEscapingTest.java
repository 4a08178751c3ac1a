package io.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values from a deployment are text, never markup (the CSV side: CsvWriterTest). */
class RunReportEscapingTest {
    @Test
    void html_escapes_markup_in_every_value() {
        assertThat(RunReportHtml.esc("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(RunReportHtml.esc(null)).isEmpty();
    }
}
