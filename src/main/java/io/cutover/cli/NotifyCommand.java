package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.app.Notifications;
import io.cutover.notify.Courier;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description =
                "Deliver the notices of the journal's outbox that are due now, once (e.g. from a scheduled task).")
final class NotifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    NotifyOptions notifyOptions;

    @Override
    public Integer call() {
        if (notifyOptions.file == null) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "give the settings file: cutover notify --notify FILE");
        }
        Courier.Pass pass = Notifications.deliverOnce(common.workspace(), notifyOptions.settings(), Clock.systemUTC());
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, pass);
        } else {
            w.printf(
                    "%d delivered, %d failed (to retry), %d abandoned%n",
                    pass.delivered(), pass.failed(), pass.abandoned());
        }
        w.flush();
        return 0;
    }
}
