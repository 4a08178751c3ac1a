package io.cutover.cli;

import io.cutover.app.Workspace;
import io.cutover.run.StatusReport;
import io.cutover.shell.SessionHealthFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Where the run stands: per site, pool and phase, counts, ETA, and what holds it, from the journal alone.",
            "With --live, also the pools as the deployment has them now (users and objects homed, state).",
            "After a run through the shell, the shell sessions as that run last left them (state, scripts, replacements)."
        })
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Option(
            names = "--live",
            description = "Also ask the lab for its pools as they are now; without it the lab is not opened at all.")
    boolean live;

    @Override
    public Integer call() {
        StatusReport report = common.facade().status(live);
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, report);
        } else {
            StatusText.print(w, report);
            StatusText.printSessions(w, SessionHealthFile.read(new Workspace(common.workspace).shellSessions()));
        }
        w.flush();
        // Waiting for a person's approval is not a failure.
        return report.blocker() != null && report.blocker().kind() != StatusReport.Blocker.Kind.APPROVAL ? 3 : 0;
    }
}
