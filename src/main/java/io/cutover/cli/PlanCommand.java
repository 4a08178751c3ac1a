package io.cutover.cli;

import io.cutover.app.Results;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Plan the migration of the workspace's deployment and write the plan as JSON.")
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Mixin
    PlanOptionsMixin planOptions;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the plan (default: <workspace>/plan.json).")
    Path out;

    @Option(names = "--explain", description = "Print the plan for people.")
    boolean explain;

    @Option(
            names = "--approve-gates",
            paramLabel = "PHASE",
            split = ",",
            description =
                    "Phases whose gates, once their checks pass, wait for a person's approval (`cutover approve STEP` or the dashboard): ${COMPLETION-CANDIDATES}.")
    java.util.List<io.cutover.plan.Phase> approveGates = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        var options = planOptions.options().withApproveGates(approveGates);
        Results.PlanResult result = common.facade().plan(options, out);
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, result);
        } else if (explain) {
            w.print(result.explanation());
        } else {
            w.printf(
                    "plan written to %s (checksum %s)%n",
                    result.file(), result.checksum().substring(0, 12));
            w.printf(
                    "%d steps; %d users and %d objects to move; %d users retained; %d pools kept%n",
                    result.steps(),
                    result.usersToMove(),
                    result.objectsToMove(),
                    result.retained(),
                    result.keptPools());
            w.println("review it with `cutover plan --explain`, then `cutover run`");
        }
        w.flush();
        return 0;
    }
}
