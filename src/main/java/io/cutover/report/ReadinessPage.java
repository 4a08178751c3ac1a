package io.cutover.report;

import static io.cutover.report.Html.esc;

import io.cutover.assess.Assessment;
import io.cutover.assess.Assessment.Blocker;
import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.PoolReport;
import io.cutover.assess.Assessment.RetainedUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The readiness report as one self-contained HTML page: inline CSS and SVG, no script, nothing
 * fetched, so that it can be mailed or archived as it is. Sections: summary, a picture of each
 * site's pools coloured by version, users and objects per pool and kind, findings, retained users.
 */
public final class ReadinessPage {
    /** Colours per product version (by catalog name); anything else is grey. */
    private static final Map<String, String> COLOURS = Map.of(
            "Lync Server 2010", "#b23b3b",
            "Lync Server 2013", "#d9822b",
            "Skype for Business Server 2015", "#c9a227",
            "Skype for Business Server 2019", "#2e8b57",
            "Skype for Business Server Subscription Edition", "#2b6cb0");

    private ReadinessPage() {}

    public static String render(Assessment a) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Readiness for ")
                .append(esc(a.target()))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#222}\n")
                .append(
                        "table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:0.25rem 0.5rem;text-align:left}\n")
                .append(
                        "th{background:#f3f3f3}td.n{text-align:right}.error{color:#a11}.warning{color:#a60}.info{color:#357}\n")
                .append(".verdict{font-size:1.3rem;font-weight:bold}.ready{color:#2e8b57}.notready{color:#a11}\n")
                .append("</style>\n</head>\n<body>\n");
        summary(h, a);
        sites(h, a);
        counts(h, a);
        findings(h, a);
        retained(h, a);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, Assessment a) {
        long errors = a.findings().stream()
                .filter(f -> f.severity() == Assessment.Severity.ERROR)
                .count();
        long warnings = a.findings().stream()
                .filter(f -> f.severity() == Assessment.Severity.WARNING)
                .count();
        h.append("<section id=\"summary\">\n<h1>Readiness for ")
                .append(esc(a.target()))
                .append("</h1>\n");
        h.append("<p class=\"verdict ")
                .append(a.ready() ? "ready\">Ready" : "notready\">Not ready")
                .append("</p>\n");
        h.append(
                        "<table>\n<tr><th>sites</th><th>pools</th><th>users</th><th>objects</th><th>errors</th><th>warnings</th><th>retained users</th></tr>\n<tr>")
                .append(td(a.summary().sites()))
                .append(td(a.summary().pools()))
                .append(td(a.summary().users()))
                .append(td(a.summary().objects()))
                .append(td(errors))
                .append(td(warnings))
                .append(td(a.retained().size()))
                .append("</tr>\n</table>\n</section>\n");
    }

    /** Per site, one box per pool, coloured by version; a legacy pool that cannot go is outlined in red. */
    private static void sites(StringBuilder h, Assessment a) {
        Map<String, List<PoolReport>> bySite = new LinkedHashMap<>();
        a.pools()
                .forEach(p ->
                        bySite.computeIfAbsent(p.site(), s -> new ArrayList<>()).add(p));
        h.append("<section id=\"sites\">\n<h2>Sites and pools</h2>\n");
        TreeSet<String> versions = new TreeSet<>();
        a.pools().forEach(p -> versions.add(p.version()));
        h.append("<p>");
        for (String v : versions) {
            h.append("<svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"")
                    .append(colour(v))
                    .append("\"/></svg> ")
                    .append(esc(v))
                    .append(" &nbsp; ");
        }
        h.append("</p>\n");
        int boxW = 230;
        int boxH = 64;
        for (Map.Entry<String, List<PoolReport>> e : bySite.entrySet()) {
            List<PoolReport> pools = e.getValue();
            int perRow = 4;
            int rows = (pools.size() + perRow - 1) / perRow;
            int width = Math.min(pools.size(), perRow) * (boxW + 10) + 10;
            int height = rows * (boxH + 10) + 40;
            h.append("<figure class=\"site\" data-site=\"")
                    .append(esc(e.getKey()))
                    .append("\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(height)
                    .append("\" role=\"img\" aria-label=\"site ")
                    .append(esc(e.getKey()))
                    .append("\">\n");
            h.append("<rect x=\"0.5\" y=\"0.5\" width=\"")
                    .append(width - 1)
                    .append("\" height=\"")
                    .append(height - 1)
                    .append("\" fill=\"#fafafa\" stroke=\"#999\"/>\n<text x=\"10\" y=\"22\" font-weight=\"bold\">")
                    .append(esc(e.getKey()))
                    .append("</text>\n");
            for (int i = 0; i < pools.size(); i++) {
                PoolReport p = pools.get(i);
                int x = 10 + (i % perRow) * (boxW + 10);
                int y = 34 + (i / perRow) * (boxH + 10);
                boolean stays = p.legacy() && !p.decommissionable();
                h.append("<g class=\"pool\" data-fqdn=\"")
                        .append(esc(p.fqdn()))
                        .append("\"><rect x=\"")
                        .append(x)
                        .append("\" y=\"")
                        .append(y)
                        .append("\" width=\"")
                        .append(boxW)
                        .append("\" height=\"")
                        .append(boxH)
                        .append("\" rx=\"6\" fill=\"")
                        .append(colour(p.version()))
                        .append("\" fill-opacity=\"0.25\" stroke=\"")
                        .append(stays ? "#a11" : colour(p.version()))
                        .append("\" stroke-width=\"")
                        .append(stays ? 3 : 1)
                        .append("\"/>\n<text x=\"")
                        .append(x + 8)
                        .append("\" y=\"")
                        .append(y + 18)
                        .append("\" font-size=\"12\">")
                        .append(esc(p.fqdn()))
                        .append("</text>\n<text x=\"")
                        .append(x + 8)
                        .append("\" y=\"")
                        .append(y + 36)
                        .append("\" font-size=\"11\">")
                        .append(esc(p.role() + " · " + p.version()))
                        .append("</text>\n<text x=\"")
                        .append(x + 8)
                        .append("\" y=\"")
                        .append(y + 54)
                        .append("\" font-size=\"11\">")
                        .append(p.users())
                        .append(" users · ")
                        .append(objectCount(p))
                        .append(" objects")
                        .append(p.legacy() ? (p.decommissionable() ? " · can go" : " · stays") : "")
                        .append("</text></g>\n");
            }
            h.append("</svg>\n</figure>\n");
        }
        h.append("</section>\n");
    }

    private static void counts(StringBuilder h, Assessment a) {
        TreeSet<String> kinds = new TreeSet<>();
        a.pools().forEach(p -> kinds.addAll(p.objects().keySet()));
        h.append(
                        "<section id=\"pools\">\n<h2>Users and objects per pool</h2>\n<table>\n<tr><th>site</th><th>pool</th><th>role</th><th>version</th>")
                .append("<th>legacy</th><th>users</th>");
        kinds.forEach(k -> h.append("<th>").append(esc(k)).append("</th>"));
        h.append("<th>decommissionable</th><th>blockers today</th></tr>\n");
        for (PoolReport p : a.pools()) {
            h.append("<tr data-fqdn=\"")
                    .append(esc(p.fqdn()))
                    .append("\"><td>")
                    .append(esc(p.site()))
                    .append("</td><td>")
                    .append(esc(p.fqdn()))
                    .append("</td><td>")
                    .append(esc(p.role()))
                    .append("</td><td>")
                    .append(esc(p.version()))
                    .append("</td><td>")
                    .append(p.legacy() ? "yes" : "no")
                    .append("</td>")
                    .append(td(p.users()));
            kinds.forEach(k -> h.append(td(p.objects().getOrDefault(k, 0))));
            h.append("<td>")
                    .append(p.legacy() ? (p.decommissionable() ? "yes" : "no") : "")
                    .append("</td><td>");
            List<String> bs = new ArrayList<>();
            for (Blocker b : p.blockers()) {
                bs.add(b.code().json()
                        + (b.count() == null ? "" : " (" + b.count() + ")")
                        + (b.by() == null ? "" : " (" + String.join(", ", b.by()) + ")"));
            }
            h.append(esc(String.join(", ", bs))).append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void findings(StringBuilder h, Assessment a) {
        h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (a.findings().isEmpty()) {
            h.append("<p>None.</p>\n</section>\n");
            return;
        }
        h.append("<table>\n<tr><th>severity</th><th>code</th><th>subject</th><th>what</th></tr>\n");
        for (Finding f : a.findings()) {
            String s = f.severity().json();
            h.append("<tr class=\"")
                    .append(s)
                    .append("\"><td>")
                    .append(s)
                    .append("</td><td>")
                    .append(esc(f.code().json()))
                    .append("</td><td>")
                    .append(esc(f.subject()))
                    .append("</td><td>")
                    .append(esc(f.message()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void retained(StringBuilder h, Assessment a) {
        h.append("<section id=\"retained\">\n<h2>Retained users</h2>\n");
        if (a.retained().isEmpty()) {
            h.append("<p>None: every user can move to ").append(esc(a.target())).append(".</p>\n</section>\n");
            return;
        }
        h.append("<p>")
                .append(a.retained().size())
                .append(" users depend on features ")
                .append(esc(a.target()))
                .append(
                        " does not offer; they stay on their legacy pool.</p>\n<table>\n<tr><th>SIP address</th><th>pool</th><th>features</th></tr>\n");
        for (RetainedUser r : a.retained()) {
            h.append("<tr><td>")
                    .append(esc(r.sipAddress().text()))
                    .append("</td><td>")
                    .append(esc(r.pool().text()))
                    .append("</td><td>")
                    .append(esc(String.join(", ", r.features())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static int objectCount(PoolReport p) {
        return p.objects().values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String colour(String version) {
        return COLOURS.getOrDefault(version, "#888888");
    }

    private static String td(long n) {
        return "<td class=\"n\">" + n + "</td>";
    }
}
