package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.folder.FolderRead;
import io.cutover.journal.Entry;
import io.cutover.journal.Progress;
import io.cutover.lab.FaultProfile;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import io.cutover.plan.KeptPool;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import io.cutover.run.Decide;
import io.cutover.run.RunSettings;
import io.cutover.run.StatusReport;
import io.cutover.run.Tick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@code rehearse}: plans and runs a whole migration against a fresh lab in the workspace. */
final class Rehearsals {
    /** Where a rehearsal's lab comes from: a lab in memory to try the input on, and the lab on disk. */
    private record LabSource(Supplier<Lab> trial, Runnable create) {}

    private final Context c;

    Rehearsals(Context c) {
        this.c = c;
    }

    /** From a scenario (the bundled example when null), with an optional fault profile. */
    Rehearsal fromScenario(
            Path scenario, Path faults, PlanOptions options, RunSettings settings, Consumer<Tick> ticks) {
        String where = Labs.scenarioName(scenario);
        Supplier<LabSource> labs = () -> {
            String text = Labs.scenarioText(scenario);
            return new LabSource(
                    () -> Lab.inMemory(Scenario.parse(text, where), c.clock()), () -> new Labs(c).create(text, where));
        };
        return rehearse(where, labs, faults, options, settings, ticks);
    }

    /** Against a fresh twin of the deployment an inventory folder describes. */
    Rehearsal fromFolder(Path folder, Path faults, PlanOptions options, RunSettings settings, Consumer<Tick> ticks) {
        String where = folder.toString();
        Supplier<LabSource> labs = () -> {
            FolderRead read = new Twins(c).readTwinnable(folder);
            return new LabSource(
                    () -> Lab.inMemoryTwin(
                            read.inventory(), read.servicesCollected(), read.unanswered(), where, c.clock()),
                    () -> Lab.createTwin(
                                    c.workspace().lab(),
                                    read.inventory(),
                                    read.servicesCollected(),
                                    read.unanswered(),
                                    where,
                                    c.clock())
                            .close());
        };
        return rehearse(where, labs, faults, options, settings, ticks);
    }

    private Rehearsal rehearse(
            String source,
            Supplier<LabSource> labs,
            Path faults,
            PlanOptions options,
            RunSettings settings,
            Consumer<Tick> ticks) {
        long started = System.nanoTime();
        c.catalog().version(options.target());
        FaultProfile profile = faults == null ? null : FaultProfile.parse(TextFiles.read(faults), faults.toString());
        if (Files.exists(c.workspace().journal()) || Lab.exists(c.workspace().lab())) {
            throw occupied();
        }
        LabSource lab0 = labs.get();
        // Whatever can refuse the input (the scenario, the faults, planning) is tried first on a lab
        // in memory, so that a refused rehearsal leaves no half-made workspace behind.
        // The lab on disk expands from the same text with the same faults, so this plan is its plan.
        Plan plan;
        try (Lab trial = lab0.trial().get()) {
            if (profile != null) {
                Labs.inject(trial, profile, faults);
            }
            plan = Planner.plan(
                    trial.snapshot(),
                    c.catalog(),
                    options,
                    "lab:" + c.workspace().lab());
        }
        try (Session s = c.session()) {
            // Held before the lab is made: a rehearsal started beside this one must not remake it.
            s.hold();
            if (s.currentRun().isPresent() || Lab.exists(c.workspace().lab())) {
                throw occupied();
            }
            lab0.create().run();
            if (profile != null) {
                try (Lab lab = c.openLab()) {
                    Labs.inject(lab, profile, faults);
                }
            }
            TextFiles.writeAtomically(c.workspace().plan(), PlanCodec.toJson(plan));
            Results.RunResult result = new Runs(c).run(s, c.workspace().plan(), settings, false, ticks, Target.lab());
            long wall = (System.nanoTime() - started) / 1_000_000;
            List<Entry> entries = s.journal().entries(result.runId());
            List<Rehearsal.WindowUsed> windows =
                    WindowsUsed.of(plan, entries, settings.schedule().windows());
            return summary(source, options, plan, result, Progress.of(entries), wall, windows);
        }
    }

    private CutoverException occupied() {
        return new CutoverException(
                ErrorCode.BAD_INPUT,
                c.workspace().dir() + " already holds a migration; rehearse in a fresh --workspace");
    }

    private Rehearsal summary(
            String source,
            PlanOptions options,
            Plan plan,
            Results.RunResult result,
            Progress progress,
            long wall,
            List<Rehearsal.WindowUsed> windows) {
        StatusReport status = result.status();
        int checksPassed = 0;
        int checksTotal = 0;
        List<String> decommissioned = new ArrayList<>();
        for (Step step : plan.steps()) {
            boolean done = Decide.done(step, progress);
            if (step instanceof Step.Gate g) {
                checksTotal += g.checks().size();
                checksPassed += done ? g.checks().size() : 0;
            }
            if (step instanceof Step.Decommission d && done) {
                decommissioned.add(d.target().text());
            }
        }
        List<Rehearsal.Kept> kept = new ArrayList<>();
        for (KeptPool k : plan.kept()) {
            kept.add(new Rehearsal.Kept(k.pool().text(), k.reason()));
        }
        return new Rehearsal(
                source,
                options.target(),
                c.workspace().dir().toString(),
                result.outcome(),
                result.exitCode(),
                result.message(),
                wall,
                phases(status),
                checksPassed,
                checksTotal,
                status.usersMoved(),
                status.usersPlanned(),
                status.retained(),
                decommissioned,
                kept,
                status.blocker(),
                windows.size(),
                windows);
    }

    /** Per pool (or site, for site-wide steps), each phase with its state: "Pilot: done". */
    private static List<Rehearsal.PoolPhases> phases(StatusReport status) {
        Map<String, List<String>> phases = new LinkedHashMap<>();
        Map<String, String> siteOf = new LinkedHashMap<>();
        for (StatusReport.PhaseLine line : status.phases()) {
            String key = line.pool() == null ? line.site() + " (site-wide)" : line.pool();
            siteOf.putIfAbsent(key, line.site());
            phases.computeIfAbsent(key, k -> new ArrayList<>()).add(line.phase() + ": " + line.state());
        }
        List<Rehearsal.PoolPhases> pools = new ArrayList<>();
        phases.forEach((pool, list) -> pools.add(new Rehearsal.PoolPhases(siteOf.get(pool), pool, list)));
        return pools;
    }
}
