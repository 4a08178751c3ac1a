package io.cutover.cli;

import io.cutover.app.Results;
import io.cutover.journal.Control;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = "Ask the running migration to stop after the moves in flight; `run --resume` continues it.")
final class PauseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Override
    public Integer call() {
        Results.ControlResult r = common.facade().request(Control.Request.PAUSE);
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, r);
        } else {
            w.println("pause requested for " + r.runId()
                    + "; the run stops after the moves in flight. Continue with `cutover run --resume`.");
        }
        w.flush();
        return 0;
    }
}
