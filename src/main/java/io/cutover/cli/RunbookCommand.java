package io.cutover.cli;

import io.cutover.app.Results;
import io.cutover.plan.Phase;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "runbook",
        mixinStandardHelpOptions = true,
        description =
                "Write the plan as PowerShell runbooks to review and run by hand in the Management Shell, one per phase; "
                        + "their result rows go back into the journal with `cutover run --record CSV`.")
final class RunbookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PLAN",
            description = "The plan file (default: <workspace>/plan.json).")
    Path plan;

    @Option(names = "--phase", paramLabel = "PHASE", description = "Only this phase: ${COMPLETION-CANDIDATES}.")
    Phase phase;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "The directory to write the scripts to.")
    Path out;

    @Option(
            names = "--shell-test-accounts",
            paramLabel = "FILE",
            description =
                    "Test accounts (YAML, as for run): the probes of a pool without a health-monitoring configuration run as its two accounts, their credentials read from their Export-Clixml files.")
    Path testAccounts;

    @Override
    public Integer call() {
        Results.RunbookResult result = common.facade()
                .runbook(
                        plan,
                        phase,
                        out,
                        testAccounts == null
                                ? io.cutover.shell.TestAccounts.NONE
                                : io.cutover.shell.TestAccountsFile.read(testAccounts));
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, result);
        } else {
            w.printf("runbooks of plan %s in %s:%n", result.planChecksum().substring(0, 12), result.directory());
            for (Results.RunbookFile f : result.files()) {
                w.printf("  %-40s %-16s %d steps%n", Path.of(f.file()).getFileName(), f.phase(), f.steps());
            }
            w.println(
                    "review them, run them in the Management Shell, then `cutover run --record <NN-Phase.results.csv>`");
        }
        w.flush();
        return 0;
    }
}
