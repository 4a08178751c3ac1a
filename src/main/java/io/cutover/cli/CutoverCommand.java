package io.cutover.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "cutover",
        mixinStandardHelpOptions = true,
        version = "cutover 0.1.0",
        description =
                "Side-by-side migrations of Lync Server / Skype for Business Server deployments: plan, run with gates, pause, resume, roll back, decommission.",
        subcommands = {
            RehearseCommand.class,
            LabCommand.class,
            PlanCommand.class,
            RunCommand.class,
            RunbookCommand.class,
            StatusCommand.class,
            PauseCommand.class,
            AbortCommand.class,
            RollbackCommand.class,
            NotifyCommand.class,
            DecommissionCommand.class,
            BenchCommand.class,
            AssessCommand.class,
            CollectScriptCommand.class,
            ApproveCommand.class,
            ServeCommand.class,
            ReportCommand.class,
            StoreCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  internal error",
            "  2  bad input (a file, a plan, an option); nothing was changed",
            "  3  a gate or check failed (see `cutover status`)",
            "  4  rolled back (`rollback` undid steps)",
            "  5  held: a change window closed or an error budget ran out (`run --follow`, `run --resume`)"
        })
final class CutoverCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
