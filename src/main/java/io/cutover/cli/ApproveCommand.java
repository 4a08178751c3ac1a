package io.cutover.cli;

import io.cutover.app.Results;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description =
                "Approve a gate that awaits a person's approval (its checks passed); the waiting run goes on. Recorded with who and when.")
final class ApproveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Parameters(paramLabel = "STEP", description = "The gate's step id, as `cutover status` shows it.")
    String step;

    @Override
    public Integer call() {
        Results.ApprovalResult r = common.facade().approve(step);
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, r);
        } else if (r.alreadyApproved()) {
            w.println(r.stepId() + " was already approved by " + r.approvedBy() + " at " + r.at());
        } else {
            w.println(r.stepId() + " approved by " + r.approvedBy() + " at " + r.at()
                    + "; a waiting run goes on (or continue with `cutover run --resume`)");
        }
        w.flush();
        return 0;
    }
}
