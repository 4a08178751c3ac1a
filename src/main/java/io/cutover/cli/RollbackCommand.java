package io.cutover.cli;

import io.cutover.app.Results;
import io.cutover.run.RollbackImpact;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description =
                "Undo completed steps in reverse order (users and objects back to the pool they came from, federation routes back). Shows the impact first and asks unless --yes. Exits 4 when it rolled back, 0 when there was nothing to undo, 3 when an undo failed.")
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NotifyOptions notifyOptions;

    @Mixin
    Common common;

    @Mixin
    RunOptions runOptions;

    @Mixin
    ShellOptions shellOptions;

    @Option(
            names = "--to",
            paramLabel = "STEP",
            description = "Undo this step and every later one (default: the whole run).")
    String to;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--preview", description = "Only show the impact; change nothing.")
    boolean preview;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        io.cutover.app.Target target = shellOptions.target();
        io.cutover.run.RunSettings settings = runOptions.settings(null);
        if (preview) {
            RollbackImpact impact = common.facade().rollbackPreview(to, target);
            if (common.json) {
                Printer.json(w, impact);
            } else {
                printImpact(w, impact);
            }
            return 0;
        }
        // With --json, stdout carries only the result; the impact and the question go to stderr.
        PrintWriter talk = common.json ? spec.commandLine().getErr() : w;
        Results.RollbackResult result;
        try (io.cutover.app.Notifications notices = notifyOptions.start(common.workspace())) {
            result = common.facade()
                    .rollback(
                            to,
                            settings,
                            impact -> {
                                if (!common.json || !yes) {
                                    printImpact(talk, impact);
                                }
                                return yes || ask(talk);
                            },
                            target);
        }
        if (common.json) {
            Printer.json(w, result);
        } else if (!result.executed()) {
            w.println("nothing to roll back");
        } else {
            w.println();
            StatusText.print(w, result.status());
            w.println();
            w.println(
                    result.failures().isEmpty()
                            ? "rolled back " + result.impact().steps().size() + " steps"
                            : "rollback stopped: " + String.join("; ", result.failures()));
        }
        w.flush();
        if (!result.failures().isEmpty()) {
            return 3;
        }
        return result.executed() ? 4 : 0;
    }

    static void printImpact(PrintWriter w, RollbackImpact impact) {
        w.printf(
                "Rollback %s: %d steps to undo, %d users and %d objects go back%n",
                impact.toStep() == null ? "of the whole run" : "to before " + impact.toStep(),
                impact.steps().size(),
                impact.users(),
                impact.objects());
        impact.moves().forEach(m -> w.println("  move " + m));
        impact.routes().forEach(r -> w.println("  " + r));
        w.printf(
                "What it breaks: %d meetings scheduled on a new pool since the move will not work after moving back; %d upgraded clients must be downgraded%n",
                impact.meetingsAtRisk().size(), impact.upgradedClients().size());
        impact.meetingsAtRisk().stream().limit(20).forEach(m -> w.println("  meeting " + m));
        if (impact.meetingsAtRisk().size() > 20) {
            w.println("  ... and " + (impact.meetingsAtRisk().size() - 20) + " more (--json lists all)");
        }
        impact.upgradedClients().stream().limit(20).forEach(c -> w.println("  client " + c));
        if (impact.upgradedClients().size() > 20) {
            w.println("  ... and " + (impact.upgradedClients().size() - 20) + " more (--json lists all)");
        }
        w.flush();
    }

    private static boolean ask(PrintWriter w) {
        w.print("Roll back? Type yes to go on: ");
        w.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line != null && line.trim().equalsIgnoreCase("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
