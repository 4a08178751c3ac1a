package io.cutover.cli;

import io.cutover.check.MatrixRunner;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "matrix",
        mixinStandardHelpOptions = true,
        description = {
            "Run the coexistence matrix against the workspace's lab, its pools serving SIP on 127.0.0.1: per site, each legacy "
                    + "Front End pool with every new one in both directions (registration, presence, IM, call, conference), each "
                    + "registrar pool through each Edge of its site (external) and through the site's federation route (federated).",
            "Exit 3 when a cell fails."
        })
final class LabMatrixCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "32",
            description = "Probes at a time, 1 to 1024 (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--in-memory",
            description = "Decide probes from the lab's rules without SIP (fast, for comparison).")
    boolean inMemory;

    @Override
    public Integer call() {
        new OptionRange("--concurrency", 1, 1024).check(concurrency);
        MatrixRunner.Report r = common.facade().labMatrix(concurrency, inMemory);
        PrintWriter w = spec.commandLine().getOut();
        int code = r.ok() ? 0 : 3;
        if (common.json) {
            Printer.json(w, r);
            return code;
        }
        w.printf(
                "%-10s %-9s %-12s %-30s %-30s %-7s %6s  %s%n",
                "SITE", "PATH", "MODALITY", "FROM", "TO", "RESULT", "MS", "DIAGNOSIS");
        for (MatrixRunner.Row row : r.rows()) {
            w.printf(
                    "%-10s %-9s %-12s %-30s %-30s %-7s %6d  %s%n",
                    row.site(),
                    row.path(),
                    row.modality(),
                    row.from(),
                    row.to(),
                    row.outcome(),
                    row.latencyMillis(),
                    row.diagnosis() == null ? "" : row.diagnosis());
        }
        w.printf(
                "%d cells: %d passed, %d failed, %d skipped; %d at a time, %d ms%n",
                r.cells(), r.passed(), r.failed(), r.skipped(), r.concurrency(), r.wallMillis());
        w.flush();
        return code;
    }
}
