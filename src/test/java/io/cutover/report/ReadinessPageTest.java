package io.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.assess.Assessment;
import io.cutover.assess.Assessor;
import io.cutover.catalog.Catalog;
import io.cutover.folder.FolderRead;
import io.cutover.folder.FolderReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML readiness report: its sections carry the assessment, and the page needs nothing from anywhere else. */
class ReadinessPageTest {
    private static Assessment assess(String fixture) {
        Catalog catalog = Catalog.bundled();
        try {
            FolderRead read = FolderReader.read(
                    Path.of(ReadinessPageTest.class
                            .getResource("/fixtures/folders/" + fixture)
                            .toURI()),
                    catalog);
            // Without the findings every old version earns (support ended, 2019 or SE unidentified),
            // which the assessment's own tests cover: the counts below are those of the fixtures' rules.
            return io.cutover.assess.AssessorRulesTest.withoutLifecycle(Assessor.assess(
                    read.inventory(), catalog, catalog.version("Skype for Business Server 2019"), read.unanswered()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String section(String html, String id) {
        Matcher m = Pattern.compile("<section id=\"" + id + "\">(.*?)</section>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("section " + id).isTrue();
        return m.group(1);
    }

    @Test
    void the_summary_says_not_ready_and_counts_what_the_assessment_counted() {
        String html = ReadinessPage.render(assess("lync2010-beside-2013"));
        String summary = section(html, "summary");
        assertThat(summary)
                .contains(
                        "Not ready",
                        "<td class=\"n\">2</td><td class=\"n\">4</td><td class=\"n\">6</td><td class=\"n\">0</td><td class=\"n\">3</td><td class=\"n\">1</td>");
    }

    @Test
    void each_site_is_a_picture_of_its_pools_with_their_versions() {
        String sites = section(ReadinessPage.render(assess("retained-cms-federation")), "sites");
        assertThat(sites)
                .contains(
                        "<figure class=\"site\" data-site=\"London\">",
                        "<figure class=\"site\" data-site=\"Seattle\">");
        assertThat(Pattern.compile("<g class=\"pool\"").matcher(sites).results().count())
                .isEqualTo(6);
        assertThat(sites)
                .contains(
                        "pool13-sea.contoso.com</text>",
                        "FrontEnd · Lync Server 2013",
                        "3 users · 3 objects · stays",
                        "FrontEnd · Skype for Business Server 2019");
    }

    @Test
    void the_pool_table_has_a_column_per_object_kind_and_the_blockers() {
        String pools = section(ReadinessPage.render(assess("retained-cms-federation")), "pools");
        assertThat(pools).contains("<th>CallParkOrbit</th><th>MeetingRoom</th><th>RgsConfiguration</th>");
        assertThat(pools)
                .contains(
                        "<tr data-fqdn=\"pool13-sea.contoso.com\"><td>Seattle</td><td>pool13-sea.contoso.com</td><td>FrontEnd</td>"
                                + "<td>Lync Server 2013</td><td>yes</td><td class=\"n\">3</td><td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">1</td><td>no</td>"
                                + "<td>HOMED_USERS (3), HOMED_OBJECTS (3), RETAINED_USERS (2), HOSTS_CMS, EDGE_NEXT_HOP (edge13-sea.contoso.com)</td></tr>");
    }

    @Test
    void findings_and_retained_users_are_listed() {
        String html = ReadinessPage.render(assess("retained-cms-federation"));
        String findings = section(html, "findings");
        assertThat(Pattern.compile("<tr class=\"warning\">")
                        .matcher(findings)
                        .results()
                        .count())
                .isEqualTo(5);
        assertThat(findings).contains("<td>FEDERATION_ROUTE_ON_LEGACY_EDGE</td><td>London</td>");
        String retained = section(html, "retained");
        assertThat(retained)
                .contains(
                        "<tr><td>sip:ann@contoso.com</td><td>pool13-sea.contoso.com</td><td>PersistentChat</td></tr>",
                        "<tr><td>sip:bob@contoso.com</td><td>pool13-sea.contoso.com</td><td>Xmpp</td></tr>");
    }

    @Test
    void the_page_is_self_contained_and_escapes_what_it_shows() {
        String html = ReadinessPage.render(assess("lync2010-beside-2013"));
        assertThat(html).doesNotContainPattern("(?i)<script|<link|<img|<iframe|src=|url\\(|@import|href=\"http");
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(Html.esc("<b>\"x\" & 'y'</b>")).isEqualTo("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
        assertThat(section(html, "findings"))
                .contains("<td>NO_TARGET_POOL_IN_SITE</td><td>Boston</td>")
                .contains("Lync Server 2010 -&gt; Lync Server 2013");
    }
}
