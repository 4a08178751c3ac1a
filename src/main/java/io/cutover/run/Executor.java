package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.check.CheckRunner;
import io.cutover.deployment.Backoff;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.Sleeper;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Site;
import io.cutover.journal.Claims;
import io.cutover.journal.Control;
import io.cutover.journal.Journal;
import io.cutover.journal.Progress;
import io.cutover.journal.RunRecord;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Carries out a plan against a deployment, journaling every attempt before and after. It decides
 * nothing itself: {@link Decide} says which step is next; the journal says which items of it are
 * still to do. Safe to stop at any instant: an attempt that began and never ended is settled on
 * resume by asking the deployment where the subject is, so nothing is lost or moved twice.
 * Moves run in {@link MoveRunner}, gates in {@link GateRunner}, other steps in {@link ActionRunner}.
 */
public final class Executor {
    private final Plan plan;
    private final RunRecord run;
    private final Journal journal;
    private final Deployment deployment;
    private final Clock clock;
    private final RunSettings settings;
    private final Consumer<Tick> ticks;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * @param ticks told of each step's progress, for progress bars
     * @param sleeper waits between retries
     * @param random the retry delays' jitter
     */
    public Executor(
            Plan plan,
            RunRecord run,
            Journal journal,
            Deployment deployment,
            Clock clock,
            RunSettings settings,
            Consumer<Tick> ticks,
            Sleeper sleeper,
            RandomGenerator random) {
        this.plan = plan;
        this.run = run;
        this.journal = journal;
        this.deployment = deployment;
        this.clock = clock;
        this.settings = settings;
        this.ticks = ticks;
        this.sleeper = sleeper;
        this.random = random;
    }

    public Executor(
            Plan plan,
            RunRecord run,
            Journal journal,
            Deployment deployment,
            Clock clock,
            RunSettings settings,
            Consumer<Tick> ticks,
            Sleeper sleeper) {
        this(plan, run, journal, deployment, clock, settings, ticks, sleeper, new SplittableRandom());
    }

    public Executor(
            Plan plan, RunRecord run, Journal journal, Deployment deployment, Clock clock, RunSettings settings) {
        this(plan, run, journal, deployment, clock, settings, t -> {}, Sleeper.system());
    }

    /** Checks that every pool and site the plan names exists in the deployment; bad input otherwise. */
    public static void validate(Plan plan, Inventory inventory, RunSettings settings) {
        for (String site : settings.sites()) {
            if (plan.steps().stream().noneMatch(s -> Site.sameName(s.site(), site))) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_SITE,
                        "--site " + site + ": the plan has no step in that site; its sites are "
                                + plan.steps().stream()
                                        .map(Step::site)
                                        .distinct()
                                        .toList());
            }
        }
        validate(plan, inventory);
    }

    public static void validate(Plan plan, Inventory inventory) {
        for (Step step : plan.steps()) {
            if (inventory.findSite(step.site()).isEmpty()) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_SITE,
                        "plan step " + step.id() + " names site '" + step.site()
                                + "', which the deployment does not have");
            }
            for (Fqdn pool : poolsOf(step)) {
                if (pool != null && inventory.findPool(pool).isEmpty()) {
                    throw new CutoverException(
                            ErrorCode.UNKNOWN_POOL,
                            "plan step " + step.id() + " names pool '" + pool
                                    + "', which the deployment does not have; was the plan made for another deployment? Run `cutover plan` again.");
                }
            }
        }
    }

    private static List<Fqdn> poolsOf(Step step) {
        List<Fqdn> pools = new ArrayList<>();
        pools.add(step.pool());
        if (step instanceof Step.DeployTarget s) {
            pools.add(s.target());
        } else if (step instanceof Step.MoveBatch s) {
            for (Move m : s.moves()) {
                pools.add(m.from());
                pools.add(m.to());
            }
        } else if (step instanceof Step.RouteFederation s) {
            pools.add(s.from());
            pools.add(s.to());
        } else if (step instanceof Step.Decommission s) {
            pools.add(s.target());
        }
        return pools.stream().distinct().toList();
    }

    public RunOutcome run() {
        return run(null, Parallelism.NONE);
    }

    /**
     * Carries out the plan as claimed units of work ({@code claims} non-null: beside other
     * instances; {@code parallelism.parallelSites()}: one claimer per site in this process), with
     * moves bounded per site and per pool as {@code parallelism} says.
     */
    public RunOutcome run(Claims claims, Parallelism parallelism) {
        while (true) {
            RunOutcome outcome = runOnce(claims, parallelism);
            if (!(outcome instanceof RunOutcome.Held h) || h.why() != RunOutcome.Held.Why.WINDOW) {
                return outcome;
            }
            String site = plan.findStep(h.atStep()).map(Step::site).orElse("?");
            Notices.send(journal, Notices.windowClosed(run.id(), site, h, clock.instant()));
            if (!settings.follow() || h.until() == null) {
                return outcome;
            }
            String stop = WindowWait.until(h.until(), clock, sleeper, journal, run.id());
            if (stop != null) {
                return new RunOutcome.Stopped(stop, h.atStep());
            }
            Notices.send(journal, Notices.windowOpened(run.id(), site, h.atStep(), h.until(), clock.instant()));
        }
    }

    /** One pass of the run, up to its end or a hold. */
    private RunOutcome runOnce(Claims claims, Parallelism parallelism) {
        Progress progress = Progress.of(journal.entries(run.id()));
        Inventory start = deployment.snapshot();
        validate(plan, start, settings);
        Optional<Control.Request> latest = journal.latestRequest(run.id());
        if (latest.isPresent() && latest.get() != Control.Request.RESUME) {
            // Running again is the operator's answer to an earlier pause or abort.
            journal.request(run.id(), Control.Request.RESUME, settings.actor(), clock.instant());
        }
        int perSite = SiteWorkers.perSite(settings.concurrency(), parallelism);
        // With a pool per site, the global bound is one of Caps' bounds rather than the pool's size.
        Deployment bounded = parallelism.capped()
                ? new Caps(deployment, start, parallelism, perSite > 0 ? settings.concurrency() : 0)
                : deployment;
        SiteWorkers workers = new SiteWorkers(settings.concurrency(), parallelism);
        ExecutorService probes =
                Executors.newFixedThreadPool(Math.min(settings.concurrency(), 16), Threads.daemon("cutover-probe"));
        try (StopSignal stop = StopSignal.watch(journal, run.id())) {
            Backoff backoff = new Backoff(settings.retry(), sleeper, random, stop::requested);
            RunContext ctx =
                    new RunContext(plan, run, journal, bounded, clock, settings, ticks, progress, stop, backoff);
            BudgetWatch budget = BudgetWatch.start(journal, plan, run, settings, clock);
            if (claims == null) {
                return loop(
                        ctx,
                        new MoveRunner(ctx, workers.of(null), AtStart.of(start), budget),
                        new GateRunner(ctx, new CheckRunner(deployment, probes)));
            }
            AtStart atStart = AtStart.of(start);
            ClaimLoop claimed = new ClaimLoop(
                    ctx,
                    units(parallelism),
                    claims,
                    sleeper,
                    budget,
                    (c, step) -> runStep(
                            c,
                            step,
                            new MoveRunner(c, workers.of(step.site()), atStart, budget),
                            new GateRunner(c, new CheckRunner(deployment, probes)),
                            new ActionRunner(c)));
            int claimers = parallelism.claimers(
                    parallelism.parallelSites() ? sites(start) : 1, perSite > 0 ? perSite : settings.concurrency());
            RunOutcome outcome =
                    claimed.run(claimers, r -> Threads.daemon("cutover-claimer").newThread(r));
            if (outcome instanceof RunOutcome.Finished f) {
                // Every instance that sees the end says so; the outbox keeps one notice per run.
                Notices.send(journal, Notices.runFinished(run.id(), f.stepsRun(), clock.instant()));
            }
            return outcome;
        } finally {
            workers.close();
            probes.shutdownNow();
        }
    }

    /** The plan cut into units of work; each journal row is fenced by its unit's claim from now on. */
    public static Units units(Plan plan, Parallelism parallelism) {
        return new Units(plan, parallelism.proposedSlice());
    }

    private Units units(Parallelism parallelism) {
        return units(plan, parallelism);
    }

    /** How many sites this run covers: one claimer each. */
    private int sites(Inventory start) {
        return (int) plan.steps().stream()
                .filter(settings::covers)
                .map(Step::site)
                .distinct()
                .count();
    }

    private RunOutcome loop(RunContext ctx, MoveRunner moves, GateRunner gates) {
        ActionRunner actions = new ActionRunner(ctx);
        int stepsRun = 0;
        while (true) {
            Optional<Step> next = Decide.next(plan, ctx.progress(), settings);
            if (ctx.stop().requested()) {
                return new RunOutcome.Stopped(
                        ctx.stop().request(), next.map(Step::id).orElse(null));
            }
            if (next.isEmpty()) {
                RunOutcome done = finished(settings, stepsRun);
                if (done instanceof RunOutcome.Finished) {
                    Notices.send(journal, Notices.runFinished(run.id(), stepsRun, clock.instant()));
                }
                return done;
            }
            stepsRun++;
            RunOutcome failed = runStep(ctx, next.get(), moves, gates, actions);
            if (failed != null) {
                return failed;
            }
        }
    }

    /** The outcome of a run that did all it was asked to. */
    static RunOutcome finished(RunSettings settings, int stepsRun) {
        return settings.partial()
                ? new RunOutcome.ReachedUntil(scope(settings), stepsRun)
                : new RunOutcome.Finished(stepsRun);
    }

    private static String scope(RunSettings settings) {
        String phase = settings.until() == null
                ? ""
                : "up to phase " + settings.until().name();
        String sites = settings.sites().isEmpty() ? "" : "of " + String.join(", ", settings.sites());
        return phase.isEmpty() || sites.isEmpty() ? phase + sites : phase + " " + sites;
    }

    /** Runs one step; returns an outcome when the run must stop, null to go on. */
    private RunOutcome runStep(RunContext ctx, Step step, MoveRunner moves, GateRunner gates, ActionRunner actions) {
        RunOutcome.Held closed = WindowHolds.beforeStep(ctx, step);
        if (closed != null) {
            return closed;
        }
        if (step instanceof Step.MoveBatch batch) {
            return moves.run(batch);
        }
        Progress progress = ctx.progress();
        if (step instanceof Step.Gate gate && plan.options().needsApproval(step) && Decide.done(step, progress)) {
            // The checks passed earlier (maybe in another invocation); only the approval is missing.
            return gates.awaitApproval(gate);
        }
        int attempt = ctx.nextAttempt(step.id(), null);
        Progress.Status prior = progress.status(step.id(), null);
        if (prior != null && prior.state() == State.IN_DOUBT) {
            ctx.append(InDoubt.settleStep(deployment, prior, step, clock.instant()));
            if (progress.state(step.id(), null) == State.DONE) {
                return null;
            }
        }
        return step instanceof Step.Gate gate ? gates.run(gate, attempt) : actions.run(step, attempt);
    }
}
