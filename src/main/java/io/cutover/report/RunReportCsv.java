package io.cutover.report;

import io.cutover.app.Results;
import io.cutover.check.CheckResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run as CSV files (RFC 4180: comma separated, fields quoted when they need it, CRLF line ends):
 * {@code objects.csv}, one row per planned move of a user or object and where it ended, and
 * {@code checks.csv}, one row per check of every gate.
 */
public final class RunReportCsv {
    private RunReportCsv() {}

    /** File name to content. */
    public static Map<String, String> render(Results.RunReport r) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder o = new StringBuilder(128 * r.objects().size() + 256);
        line(
                o,
                "run_id",
                "step",
                "phase",
                "site",
                "kind",
                "subject",
                "from_pool",
                "to_pool",
                "state",
                "attempts",
                "at",
                "detail");
        for (Results.ObjectResult x : r.objects()) {
            line(
                    o,
                    r.runId(),
                    x.stepId(),
                    x.phase(),
                    x.site(),
                    x.kind(),
                    x.subject(),
                    x.from(),
                    x.to(),
                    x.state(),
                    String.valueOf(x.attempts()),
                    x.at() == null ? "" : x.at().toString(),
                    x.detail());
        }
        files.put("objects.csv", o.toString());
        StringBuilder c = new StringBuilder();
        line(
                c,
                "run_id",
                "step",
                "site",
                "pool",
                "phase",
                "gate",
                "gate_state",
                "approved_by",
                "check",
                "passed",
                "probes",
                "failures");
        for (Results.GateView g : r.gates()) {
            if (g.results().isEmpty()) {
                line(
                        c,
                        r.runId(),
                        g.stepId(),
                        g.site(),
                        g.pool(),
                        g.phase(),
                        g.name(),
                        g.state(),
                        g.approvedBy(),
                        "",
                        "",
                        "",
                        "");
            }
            for (CheckResult x : g.results()) {
                line(
                        c,
                        r.runId(),
                        g.stepId(),
                        g.site(),
                        g.pool(),
                        g.phase(),
                        g.name(),
                        g.state(),
                        g.approvedBy(),
                        x.check(),
                        String.valueOf(x.passed()),
                        String.valueOf(x.probes()),
                        String.join("; ", x.failures()));
            }
        }
        files.put("checks.csv", c.toString());
        return files;
    }

    private static void line(StringBuilder b, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields[i]));
        }
        b.append("\r\n");
    }

    static String field(String s) {
        if (s == null) {
            return "";
        }
        // A leading = + - @ would make a spreadsheet evaluate the cell; a quote keeps it text.
        boolean formula = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0;
        String v = formula ? "'" + s : s;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
