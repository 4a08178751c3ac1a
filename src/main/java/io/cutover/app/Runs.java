package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Hold;
import io.cutover.journal.Progress;
import io.cutover.journal.RunRecord;
import io.cutover.journal.UnitCuts;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.run.Decide;
import io.cutover.run.Executor;
import io.cutover.run.LivePools;
import io.cutover.run.Parallelism;
import io.cutover.run.RunOutcome;
import io.cutover.run.RunSettings;
import io.cutover.run.RunStart;
import io.cutover.run.StatusReport;
import io.cutover.run.Tick;
import io.cutover.run.Units;
import io.cutover.schedule.Schedule;
import io.cutover.shell.Readiness;
import io.cutover.shell.ShellDeployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code run}: starts or resumes the journal's run; and its dry run, which touches nothing. */
final class Runs {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Runs.class);
    private final Context c;

    Runs(Context c) {
        this.c = c;
    }

    /** The steps a run would carry out now, touching nothing. */
    Results.DryRun dryRun(Path planFile, RunSettings settings) {
        try (Session s = c.session()) {
            Optional<CurrentRun> run = s.currentRun();
            Path file =
                    run.isPresent() ? null : planFile == null ? c.workspace().plan() : planFile;
            Plan plan = run.map(CurrentRun::plan).orElseGet(() -> Plans.read(file));
            if (run.isPresent() && planFile != null) {
                Plans.requireSameChecksum(
                        Plans.read(planFile), planFile, run.get().run());
            }
            Progress progress =
                    Progress.of(run.map(r -> s.journal().entries(r.id())).orElse(List.of()));
            validate(plan, file, s.lab(), settings);
            List<String> lines = new ArrayList<>();
            for (Step step : plan.steps()) {
                if (settings.covers(step) && !Decide.done(plan, step, progress)) {
                    lines.add(step.id() + ": " + step.title());
                }
            }
            return new Results.DryRun(plan.checksum(), lines);
        }
    }

    /** Runs the plan against the lab or, through the Management Shell, a real deployment. */
    Results.RunResult run(Path planFile, RunSettings settings, boolean resume, Consumer<Tick> ticks, Target target) {
        return run(planFile, settings, Parallelism.NONE, resume, ticks, target);
    }

    /** As above, spread over instances or sites as {@code parallelism} says. */
    Results.RunResult run(
            Path planFile,
            RunSettings settings,
            Parallelism parallelism,
            boolean resume,
            Consumer<Tick> ticks,
            Target target) {
        try (Session s = c.session()) {
            return run(s, planFile, settings, parallelism, resume, ticks, target);
        }
    }

    /** As above, in a session the caller keeps open (a rehearsal reads the journal afterwards). */
    Results.RunResult run(
            Session s, Path planFile, RunSettings settings, boolean resume, Consumer<Tick> ticks, Target target) {
        return run(s, planFile, settings, Parallelism.NONE, resume, ticks, target);
    }

    private Results.RunResult run(
            Session s,
            Path planFile,
            RunSettings settings,
            Parallelism parallelism,
            boolean resume,
            Consumer<Tick> ticks,
            Target target) {
        try {
            return runOn(s, planFile, settings, parallelism, resume, ticks, target);
        } catch (DeploymentFailure f) {
            // Moves and actions report their own failures; this is the deployment not answering a
            // read outside them: its state before the first step, or a gate's query (services,
            // replication, a snapshot). A gate left begun is evaluated again by `run --resume`.
            throw new CutoverException(
                    ErrorCode.DEPLOYMENT_FAILED,
                    "the deployment could not be read: " + f.getMessage()
                            + (target.isLab() ? "" : "; check --shell-command and run again"),
                    f);
        }
    }

    private Results.RunResult runOn(
            Session s,
            Path planFile,
            RunSettings settings,
            Parallelism parallelism,
            boolean resume,
            Consumer<Tick> ticks,
            Target target) {
        Path file = planFile == null ? c.workspace().plan() : planFile;
        Plan given = planFile == null && resume ? null : Plans.read(file);
        if (settings.schedule() == Schedule.NONE) {
            // Windows given to an earlier run hold for every later one, whoever starts it.
            settings = settings.withSchedule(c.workspace().schedule());
        }
        if (resume && !s.hasJournal()) {
            throw new CutoverException(
                    ErrorCode.NO_RUN,
                    "nothing to resume: no journal in " + c.workspace().dir() + "; start with `cutover run`");
        }
        if (parallelism.shared()) {
            s.shareLab();
        }
        Deployment deployment = s.deploymentForRun(target);
        if (given != null) {
            validate(given, file, deployment, settings);
            if (!target.isLab()) {
                Readiness.require((ShellDeployment) s.deployment(target), given);
            }
        }
        boolean joining = parallelism.claimed();
        Parallelism cut = parallelism;
        if (s.hasJournal()) {
            // The same checks again once held; here so that refused input leaves no hold behind.
            check(s.journal().currentRun(), given, file, resume || joining);
        }
        CurrentRun current;
        Claims claims = null;
        if (joining) {
            // Instances take turns to start the run (or find it started), then share it in units.
            try (Hold start = Shared.holdToStart(s, c)) {
                current = startOrResume(
                        s, given, file, resume || s.journal().currentRun().isPresent(), deployment.name());
                String id = current.id();
                cut = parallelism.forRun(
                        id,
                        UnitCuts.fix(
                                s.journal(),
                                id,
                                parallelism.proposedSlice(),
                                c.clock().instant(),
                                c.actor()));
            }
            Units units = Executor.units(current.plan(), cut);
            claims = Claims.join(
                    s.journal(),
                    current.id(),
                    Claimant.thisProcess(c.actor()),
                    settings.sites(),
                    c.clock(),
                    Shared.TERMS,
                    units::unitOf);
            s.joined(claims);
        } else {
            // Once the input is known good (refused input writes nothing, not even a journal), and
            // before the run is read or anything is done: one process drives a run at a time.
            s.hold();
            current = startOrResume(s, given, file, resume, deployment.name());
        }
        if (given == null) {
            warnOfAnotherPlan(file, current.plan());
        }
        s.journal().watch(c.meters().journal(current.plan()));
        RunOutcome outcome = new Executor(
                        current.plan(), current.run(), s.journal(), deployment, c.clock(), settings, ticks, c.sleeper())
                .run(claims, cut);
        // After a run people want to see where the pools stand now, as they did before status
        // came from the journal alone: the deployment is open anyway.
        StatusReport status = s.status(current).withPools(LivePools.of(deployment));
        return Results.RunResult.of(current.id(), current.plan().checksum(), outcome, status);
    }

    /**
     * A resume carries on the run's own plan; a plan made since in the workspace is not it, and an
     * operator who re-planned mid-run would otherwise believe the new one runs.
     */
    private static void warnOfAnotherPlan(Path file, Plan running) {
        if (!java.nio.file.Files.exists(file)) {
            return;
        }
        try {
            Plan there = Plans.read(file);
            if (!there.checksum().equals(running.checksum())) {
                LOG.warn(
                        "{} (plan {}) is not this run's plan ({}): the run goes on with its own; a new plan"
                                + " takes a new run, once this one is finished or rolled back",
                        file,
                        there.checksum().substring(0, 12),
                        running.checksum().substring(0, 12));
            }
        } catch (CutoverException e) {
            LOG.warn("{} cannot be read ({}); the run goes on with its own plan", file, e.getMessage());
        }
    }

    private CurrentRun startOrResume(Session s, Plan given, Path file, boolean resume, String deployment) {
        Optional<RunRecord> existing = s.journal().currentRun();
        if (existing.isEmpty()) {
            if (resume) {
                throw new CutoverException(
                        ErrorCode.NO_RUN, "nothing to resume: the journal has no run; start with `cutover run`");
            }
            return new CurrentRun(
                    RunStart.begin(s.journal(), given, deployment, c.clock().instant()), given);
        }
        check(existing, given, file, resume);
        return CurrentRun.of(existing.get());
    }

    /** Refuses a plan other than the run's, or a second start of a run that exists. */
    private static void check(Optional<RunRecord> existing, Plan given, Path file, boolean resume) {
        if (existing.isEmpty()) {
            return;
        }
        RunRecord run = existing.get();
        if (given != null) {
            Plans.requireSameChecksum(given, file, run);
        }
        if (!resume) {
            throw new CutoverException(
                    ErrorCode.RUN_ALREADY_STARTED,
                    "the journal already has run " + run.id()
                            + " of this plan; continue it with `cutover run --resume`");
        }
    }

    /** Checks the plan names only sites and pools the deployment has; the error names the plan file. */
    private static void validate(Plan plan, Path file, Deployment deployment, RunSettings settings) {
        try {
            Executor.validate(plan, deployment.snapshot(), settings);
        } catch (CutoverException e) {
            throw file == null ? e : TextFiles.in(file, e);
        }
    }
}
