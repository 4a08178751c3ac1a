package io.cutover.cli;

import io.cutover.app.Results;
import io.cutover.metrics.Meters;
import io.cutover.metrics.ScrapeEndpoint;
import io.cutover.plan.Phase;
import io.cutover.run.RunSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Carry out a plan against the deployment, journaling every move; stops at a failing gate.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    RunOptions runOptions;

    @Mixin
    ShellOptions shellOptions;

    @Mixin
    MetricsOptions metricsOptions;

    @Mixin
    NotifyOptions notifyOptions;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PLAN",
            description = "The plan file (default: <workspace>/plan.json).")
    Path plan;

    @Option(
            names = "--resume",
            description = "Continue the journal's run (after a stop, a failed gate, a pause or a crash).")
    boolean resume;

    @Option(names = "--dry-run", description = "Print the steps that would run; change nothing.")
    boolean dryRun;

    @Option(
            names = "--until",
            paramLabel = "PHASE",
            description = "Run only steps of phases up to this one: ${COMPLETION-CANDIDATES}.")
    Phase until;

    @Option(
            names = "--site",
            paramLabel = "SITE",
            split = ",",
            description = "Run only steps of these sites (e.g. one site per change window).")
    java.util.List<String> sites = new java.util.ArrayList<>();

    @Option(
            names = "--windows",
            paramLabel = "FILE",
            description = "Change windows (and error budgets) to keep to, as docs/windows.md describes; kept in the"
                    + " workspace, so later runs, status and serve keep to them too.")
    Path windows;

    @Option(
            names = "--follow",
            description = "When a site's change window closes, wait for its next window and go on (until done,"
                    + " a failure, a pause or an abort), instead of ending with exit 5.")
    boolean follow;

    @picocli.CommandLine.Mixin
    ParallelOptions parallelOptions = new ParallelOptions();

    @Option(
            names = "--record",
            paramLabel = "CSV",
            description = "Import the result rows a runbook wrote into the journal, instead of running anything.")
    Path record;

    @Override
    public Integer call() {
        if (record != null) {
            return record();
        }
        RunSettings settings = runOptions.settings(until).withSites(sites).withFollow(follow);
        // Checked before anything, a dry run included: a value out of its range is refused alike.
        io.cutover.run.Parallelism parallelism = parallelOptions.parallelism();
        if (windows != null) {
            settings = settings.withSchedule(common.workspace().rememberWindows(windows));
        }
        io.cutover.app.Target target = shellOptions.target();
        var w = spec.commandLine().getOut();
        if (dryRun) {
            Results.DryRun result = common.facade().dryRun(plan, settings);
            if (common.json) {
                Printer.json(w, result);
            } else {
                w.printf(
                        "dry run of plan %s: %d steps would run%n",
                        result.planChecksum().substring(0, 12),
                        result.wouldRun().size());
                result.wouldRun().forEach(line -> w.println("  " + line));
            }
            return 0;
        }
        Results.RunResult result;
        Meters meters = metricsOptions.meters();
        try (io.cutover.app.Notifications notices = notifyOptions.start(common.workspace());
                ScrapeEndpoint metrics =
                        metricsOptions.expose(meters, spec.commandLine().getErr());
                ProgressDisplay progress = ProgressDisplay.forTerminal(!common.json)) {
            result = common.facade(meters).run(plan, settings, parallelism, resume, progress, target);
        }
        if (common.json) {
            Printer.json(w, result);
        } else {
            StatusText.print(w, result.status());
            w.println();
            w.println(result.outcome() + ": " + result.message());
            if ("held-window".equals(result.outcome())) {
                w.println("the run holds; `cutover run --resume --follow` goes on when the window opens");
            }
            if (result.exitCode() == 3) {
                w.println("see `cutover status`; fix the cause and `cutover run --resume`, or `cutover rollback`");
            }
        }
        w.flush();
        return result.exitCode();
    }

    private int record() {
        Results.RecordResult result = common.facade().record(plan, record);
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, result);
        } else {
            w.printf(
                    "recorded %d rows of %s in run %s: %d ok, %d failed%n",
                    result.rows(), result.file(), result.runId(), result.ok(), result.failed());
            StatusText.print(w, result.status());
        }
        w.flush();
        return result.failed() > 0 ? 3 : 0;
    }
}
