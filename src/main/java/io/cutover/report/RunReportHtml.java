package io.cutover.report;

import static io.cutover.report.Html.esc;

import io.cutover.app.Results;
import io.cutover.check.CheckResult;
import io.cutover.journal.AuditEntry;
import io.cutover.journal.Entry;
import io.cutover.run.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A run as one self-contained HTML file: styles inline, the timeline an inline SVG, no script and
 * nothing fetched, so it opens the same in any browser years later. Every value is escaped.
 */
public final class RunReportHtml {
    private static final int CHART_WIDTH = 900;
    private static final int ROW_HEIGHT = 18;
    private static final int LABEL_WIDTH = 330;

    private RunReportHtml() {}

    public static String render(Results.RunReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        StatusReport s = r.status();
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>cutover run report ")
                .append(esc(r.runId()))
                .append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,sans-serif;color:#1d2330;margin:2rem;max-width:80rem}")
                .append(
                        "h1{font-size:1.4rem}h2{font-size:1.1rem;border-bottom:1px solid #dde2ea;padding-bottom:.2rem;margin-top:2rem}")
                .append(
                        "table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #dde2ea;padding:.2rem .5rem;text-align:left;font-size:.85rem;vertical-align:top}")
                .append(
                        "th{background:#f5f7fa}.ok{color:#2e7d32}.bad{color:#c62828}.muted{color:#5b6577}dl{display:grid;grid-template-columns:14rem auto;gap:.2rem 1rem}")
                .append("dt{font-weight:600}@media print{body{margin:0}}\n</style>\n</head>\n<body>\n");
        h.append("<h1>Migration run report</h1>\n");

        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<dl>\n");
        dd(h, "Run", r.runId());
        dd(h, "State", s.state().json());
        dd(h, "Target version", r.target());
        dd(h, "Deployment", r.source());
        dd(h, "Plan checksum (SHA-256)", r.planChecksum());
        dd(h, "Started", String.valueOf(r.startedAt()));
        dd(h, "Report generated", String.valueOf(r.generatedAt()));
        dd(h, "Steps done", s.stepsDone() + " of " + s.stepsTotal());
        dd(
                h,
                "Users moved",
                s.usersMoved() + " of " + s.usersPlanned()
                        + (s.usersRolledBack() > 0 ? " (" + s.usersRolledBack() + " rolled back)" : ""));
        dd(h, "Objects moved", s.objectsMoved() + " of " + s.objectsPlanned());
        dd(h, "Users retained", String.valueOf(s.retained().size()));
        long passed = r.gates().stream()
                .filter(g -> g.state().equals("passed") || g.state().equals("approved"))
                .count();
        dd(h, "Gates passed", passed + " of " + r.gates().size());
        if (s.blocker() != null) {
            dd(
                    h,
                    "Held by",
                    s.blocker().stepId() + " (" + s.blocker().kind().json() + "): "
                            + String.join(
                                    "; ",
                                    s.blocker().details().stream().limit(5).toList()));
        }
        h.append("</dl>\n</section>\n");

        h.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        timeline(h, r.timeline(), r.generatedAt());
        h.append("</section>\n");

        h.append("<section id=\"pools\">\n<h2>Pools</h2>\n");
        Map<String, List<StatusReport.PhaseLine>> phases = new LinkedHashMap<>();
        for (StatusReport.PhaseLine p : s.phases()) {
            phases.computeIfAbsent(p.pool() == null ? p.site() + " (site-wide)" : p.pool(), k -> new ArrayList<>())
                    .add(p);
        }
        h.append(
                "<table class=\"pool-table\" id=\"pools-now\"><caption>Pools as they are now</caption><tr><th>site</th><th>pool</th><th>role</th><th>version</th><th>state</th><th>users homed</th><th>objects homed</th></tr>\n");
        for (StatusReport.PoolLine p : s.pools()) {
            row(
                    h,
                    p.site(),
                    p.fqdn().text(),
                    p.role(),
                    p.version(),
                    p.state(),
                    String.valueOf(p.users()),
                    String.valueOf(p.objects()));
        }
        h.append("</table>\n");
        phases.forEach((pool, lines) -> {
            h.append("<h3>")
                    .append(esc(pool))
                    .append(
                            "</h3>\n<table class=\"pool-table\"><tr><th>phase</th><th>steps done</th><th>items done</th><th>items rolled back</th><th>state</th></tr>\n");
            for (StatusReport.PhaseLine p : lines) {
                row(
                        h,
                        p.phase(),
                        p.stepsDone() + " / " + p.stepsTotal(),
                        p.itemsTotal() == 0 ? "" : p.itemsDone() + " / " + p.itemsTotal(),
                        p.itemsUndone() == 0 ? "" : String.valueOf(p.itemsUndone()),
                        p.state());
            }
            h.append("</table>\n");
        });
        h.append("</section>\n");

        h.append(
                "<section id=\"checks\">\n<h2>Checks</h2>\n<table><tr><th>gate</th><th>step</th><th>state</th><th>check</th><th>result</th><th>probes</th><th>failures (first 10)</th></tr>\n");
        for (Results.GateView g : r.gates()) {
            String gateState = g.state() + (g.approvedBy() == null ? "" : " by " + g.approvedBy() + " at " + g.at());
            if (g.results().isEmpty()) {
                row(h, g.name(), g.stepId(), gateState, "", "", "", "");
            }
            for (CheckResult c : g.results()) {
                h.append("<tr><td>")
                        .append(esc(g.name()))
                        .append("</td><td>")
                        .append(esc(g.stepId()))
                        .append("</td><td>")
                        .append(esc(gateState))
                        .append("</td><td>")
                        .append(esc(c.check()))
                        .append("</td><td class=\"")
                        .append(c.passed() ? "ok" : "bad")
                        .append("\">")
                        .append(c.passed() ? "passed" : "failed")
                        .append("</td><td>")
                        .append(c.probes())
                        .append("</td><td>")
                        .append(esc(String.join(
                                        "\n", c.failures().stream().limit(10).toList()))
                                .replace("\n", "<br>"))
                        .append("</td></tr>\n");
            }
        }
        h.append("</table>\n</section>\n");

        h.append("<section id=\"retained\">\n<h2>Retained users</h2>\n");
        if (s.retained().isEmpty()) {
            h.append("<p class=\"muted\">No user stays behind.</p>\n");
        } else {
            h.append("<table><tr><th>user</th><th>stays on</th><th>reason</th></tr>\n");
            for (StatusReport.RetainedLine u : s.retained()) {
                row(h, u.sipAddress(), u.pool(), u.reason());
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"rollback-log\">\n<h2>Rollback log</h2>\n");
        if (r.rollbackLog().isEmpty()) {
            h.append("<p class=\"muted\">Nothing was rolled back.</p>\n");
        } else {
            h.append(
                    "<table><tr><th>at</th><th>who</th><th>step</th><th>item</th><th>from</th><th>to</th><th>outcome</th><th>detail</th></tr>\n");
            for (Entry e : r.rollbackLog()) {
                row(
                        h,
                        String.valueOf(e.at()),
                        e.actor(),
                        e.stepId(),
                        e.item(),
                        Objects.toString(e.from(), ""),
                        Objects.toString(e.to(), ""),
                        e.outcome() == null ? "" : e.outcome().name().toLowerCase(Locale.ROOT),
                        e.detail());
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"audit\">\n<h2>Actions (audit log)</h2>\n");
        if (r.audit().isEmpty()) {
            h.append("<p class=\"muted\">No approvals, pauses, resumes, aborts or rollbacks were recorded.</p>\n");
        } else {
            h.append(
                    "<table><tr><th>at</th><th>who</th><th>via</th><th>action</th><th>target</th><th>result</th><th>detail</th></tr>\n");
            for (AuditEntry a : r.audit()) {
                row(h, String.valueOf(a.at()), a.actor(), a.channel(), a.action(), a.target(), a.result(), a.detail());
            }
            h.append("</table>\n");
        }
        h.append("</section>\n</body>\n</html>\n");
        return h.toString();
    }

    /** One bar per pool and phase, on one time axis from the first step to the last (or now). */
    private static void timeline(StringBuilder h, List<Results.TimelineBar> bars, Instant now) {
        if (bars.isEmpty()) {
            h.append("<p class=\"muted\">Nothing has run yet.</p>\n");
            return;
        }
        Instant t0 = bars.stream()
                .map(Results.TimelineBar::start)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant t1 = bars.stream()
                .map(b -> b.end() == null ? now : b.end())
                .max(Instant::compareTo)
                .orElseThrow();
        double span = Math.max(1, Duration.between(t0, t1).toMillis());
        int height = ROW_HEIGHT * bars.size() + 24;
        h.append("<svg id=\"timeline-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(LABEL_WIDTH + CHART_WIDTH + 10)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"phase timeline\">\n");
        int y = 0;
        for (Results.TimelineBar b : bars) {
            Instant end = b.end() == null ? now : b.end();
            double x =
                    LABEL_WIDTH + CHART_WIDTH * Duration.between(t0, b.start()).toMillis() / span;
            double w =
                    Math.max(2, CHART_WIDTH * Duration.between(b.start(), end).toMillis() / span);
            String label = (b.pool() == null ? b.site() : b.pool()) + " · " + b.phase()
                    + (b.state().equals("done") ? "" : " (" + b.state() + ")");
            h.append("<text x=\"0\" y=\"")
                    .append(y + 13)
                    .append("\" font-size=\"11\">")
                    .append(esc(label))
                    .append("</text>");
            h.append("<rect class=\"bar\" x=\"")
                    .append(String.format(Locale.ROOT, "%.1f", x))
                    .append("\" y=\"")
                    .append(y + 3)
                    .append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", w))
                    .append("\" height=\"")
                    .append(ROW_HEIGHT - 6)
                    .append("\" fill=\"")
                    .append(b.end() == null ? "#ef6c00" : b.state().equals("done") ? "#3f6fb5" : "#c62828")
                    .append("\"><title>")
                    .append(esc(label + ": " + b.start() + " to " + (b.end() == null ? "running" : b.end())))
                    .append("</title></rect>\n");
            y += ROW_HEIGHT;
        }
        h.append("<text x=\"")
                .append(LABEL_WIDTH)
                .append("\" y=\"")
                .append(y + 16)
                .append("\" font-size=\"11\">")
                .append(esc(t0.toString()))
                .append("</text>");
        h.append("<text x=\"")
                .append(LABEL_WIDTH + CHART_WIDTH)
                .append("\" y=\"")
                .append(y + 16)
                .append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(esc(t1 + " (" + Duration.between(t0, t1).toSeconds() + " s)"))
                .append("</text>\n</svg>\n");
    }

    private static void dd(StringBuilder h, String term, String value) {
        h.append("<dt>")
                .append(esc(term))
                .append("</dt><dd>")
                .append(esc(value))
                .append("</dd>\n");
    }

    private static void row(StringBuilder h, String... cells) {
        h.append("<tr>");
        for (String c : cells) {
            h.append("<td>").append(esc(c)).append("</td>");
        }
        h.append("</tr>\n");
    }
}
