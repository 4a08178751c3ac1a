package io.cutover.cli;

import io.cutover.app.Results;
import io.cutover.journal.Control;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "abort",
        mixinStandardHelpOptions = true,
        description = "Stop the running migration: moves not yet begun are not started; then roll back or resume.")
final class AbortCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Override
    public Integer call() {
        Results.ControlResult r = common.facade().request(Control.Request.ABORT);
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, r);
        } else {
            w.println("abort requested for " + r.runId()
                    + "; next: `cutover rollback` to go back, or `cutover run --resume` to go on.");
        }
        w.flush();
        return 0;
    }
}
