package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.HomedKind;
import io.cutover.journal.RunRecord;
import io.cutover.lab.Lab;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.PlanExplainer;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import io.cutover.shell.Runbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code plan}, reading a plan file, and {@code runbook}: the plan written as PowerShell. */
final class Plans {
    private final Context c;

    Plans(Context c) {
        this.c = c;
    }

    /** Plans against the workspace's lab and writes the plan to {@code out} (the workspace's plan when null). */
    Results.PlanResult plan(PlanOptions options, Path out) {
        c.catalog().version(options.target());
        Plan plan;
        try (Lab lab = c.openLab()) {
            plan = Planner.plan(
                    lab.snapshot(), c.catalog(), options, "lab:" + c.workspace().lab());
        }
        Path file = out == null ? c.workspace().plan() : out;
        TextFiles.writeAtomically(file, PlanCodec.toJson(plan));
        return result(plan, file.toString());
    }

    static Results.PlanResult result(Plan plan, String file) {
        int users = 0;
        int objects = 0;
        for (Step s : plan.steps()) {
            if (s instanceof Step.MoveBatch b) {
                for (Move m : b.moves()) {
                    if (m.subject().kind() == HomedKind.User) {
                        users++;
                    } else {
                        objects++;
                    }
                }
            }
        }
        return new Results.PlanResult(
                file,
                plan.checksum(),
                plan.options().target(),
                plan.steps().size(),
                users,
                objects,
                plan.retained().size(),
                plan.kept().size(),
                PlanExplainer.explain(plan));
    }

    static Plan read(Path file) {
        return PlanCodec.fromJson(TextFiles.read(file), file.toString());
    }

    /** @throws CutoverException PLAN_CHECKSUM_MISMATCH when {@code given} is not the plan the run started with */
    static void requireSameChecksum(Plan given, Path file, RunRecord run) {
        if (!given.checksum().equals(run.planChecksum())) {
            throw new CutoverException(
                    ErrorCode.PLAN_CHECKSUM_MISMATCH,
                    file + " has checksum " + given.checksum().substring(0, 12)
                            + " but the journal's run " + run.id() + " was started with plan "
                            + run.planChecksum().substring(0, 12)
                            + "; resume without a plan file, or roll the run back before starting another plan");
        }
    }

    /** Writes the plan as PowerShell runbooks into {@code outDir}: one script per phase, or only {@code phase}'s. */
    Results.RunbookResult runbook(Path planFile, Phase phase, Path outDir, io.cutover.shell.TestAccounts accounts) {
        Path file = planFile == null ? c.workspace().plan() : planFile;
        Plan plan = read(file);
        List<Runbook.Script> scripts = Runbook.of(plan, phase, accounts);
        if (scripts.isEmpty()) {
            throw new CutoverException(
                    ErrorCode.UNKNOWN_PHASE,
                    file + " has no step in phase " + phase + "; its phases are "
                            + plan.steps().stream()
                                    .map(s -> s.phase().name())
                                    .distinct()
                                    .toList());
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--out " + outDir + " is a file, not a directory");
        }
        List<Results.RunbookFile> files = new ArrayList<>();
        for (Runbook.Script s : scripts) {
            Path target = outDir.resolve(s.fileName());
            TextFiles.writeAtomically(target, s.bytes());
            files.add(new Results.RunbookFile(target.toString(), s.phase().name(), s.steps()));
        }
        return new Results.RunbookResult(plan.checksum(), outDir.toString(), files);
    }
}
