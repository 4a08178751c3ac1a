package io.cutover.report;

import io.cutover.app.Results;
import io.cutover.check.CheckResult;
import io.cutover.csv.CsvWriter;
import io.cutover.inventory.Fqdn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run as CSV files for spreadsheets ({@link CsvWriter.Dialect#SPREADSHEET}):
 * {@code objects.csv}, one row per planned move of a user or object and where it ended, and
 * {@code checks.csv}, one row per check of every gate.
 */
public final class RunReportCsv {
    private RunReportCsv() {}

    /** File name to content. */
    public static Map<String, String> render(Results.RunReport r) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("objects.csv", objects(r, new CsvWriter(CsvWriter.Dialect.SPREADSHEET)));
        files.put("checks.csv", checks(r, new CsvWriter(CsvWriter.Dialect.SPREADSHEET)));
        return files;
    }

    private static String objects(Results.RunReport r, CsvWriter csv) {
        csv.row(
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
            csv.row(
                    r.runId(),
                    x.stepId(),
                    x.phase(),
                    x.site(),
                    x.kind(),
                    x.subject(),
                    text(x.from()),
                    text(x.to()),
                    x.state(),
                    String.valueOf(x.attempts()),
                    x.at() == null ? "" : x.at().toString(),
                    x.detail());
        }
        return csv.take();
    }

    private static String checks(Results.RunReport r, CsvWriter csv) {
        csv.row(
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
                csv.row(
                        r.runId(),
                        g.stepId(),
                        g.site(),
                        text(g.pool()),
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
                csv.row(
                        r.runId(),
                        g.stepId(),
                        g.site(),
                        text(g.pool()),
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
        return csv.take();
    }

    private static String text(Fqdn fqdn) {
        return fqdn == null ? null : fqdn.text();
    }
}
