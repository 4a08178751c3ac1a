package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.app.Results;
import io.cutover.report.RunReportCsv;
import io.cutover.report.RunReportHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Write the run's report for change-management records: one self-contained HTML file (summary, timeline, pools, checks, retained users, rollback log, actions) and/or CSV files of every object and check.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the report as one HTML file.")
    Path html;

    @Option(
            names = "--csv",
            paramLabel = "DIR",
            description = "Write objects.csv (one row per planned move) and checks.csv into DIR.")
    Path csv;

    /** What was written, for --json. */
    record Written(String runId, List<String> files) {}

    @Override
    public Integer call() {
        if (html == null && csv == null) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "say what to write: --html FILE and/or --csv DIR");
        }
        if (csv != null && Files.exists(csv) && !Files.isDirectory(csv)) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--csv " + csv + ": exists and is not a directory");
        }
        if (html != null && Files.isDirectory(html)) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--html " + html + ": is a directory; give a file name");
        }
        Results.RunReport report = common.facade().runReport();
        // Everything is rendered before anything is written, so a failure leaves no half report.
        Map<Path, String> out = new LinkedHashMap<>();
        if (html != null) {
            out.put(html, RunReportHtml.render(report));
        }
        if (csv != null) {
            RunReportCsv.render(report).forEach((name, text) -> out.put(csv.resolve(name), text));
        }
        List<String> written = new ArrayList<>();
        out.forEach((file, text) -> {
            ReportFile.write(file, text);
            written.add(file.toString());
        });
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, new Written(report.runId(), written));
        } else {
            written.forEach(f -> w.println("wrote " + f));
        }
        w.flush();
        return 0;
    }
}
