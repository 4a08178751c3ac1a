package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.check.Check;
import io.cutover.check.CheckResult;
import io.cutover.check.CheckRunner;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Subject;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.journal.Action;
import io.cutover.journal.Control;
import io.cutover.journal.Entry;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.journal.RunRecord;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries out a plan against a deployment, journaling every attempt before and after. It decides
 * nothing itself: {@link Decide} says which step is next; the journal says which items of it are
 * still to do. Safe to stop at any instant: an attempt that began and never ended is settled on
 * resume by asking the deployment where the subject is, so nothing is lost or moved twice.
 */
public final class Executor {
    /** Sleeps between retries; injected so tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Plan plan;
    private final RunRecord run;
    private final Journal journal;
    private final Deployment deployment;
    private final Clock clock;
    private final RunSettings settings;
    private final Consumer<Tick> ticks;
    private final Sleeper sleeper;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile String stopRequest = null;
    private Progress progress;
    private final java.util.Queue<CompletableFuture<Void>> pendingEnds =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private Map<String, String> clientsBefore = Map.of();
    /** Where each subject was when this invocation started, to spot moves made outside the plan. */
    private Map<String, String> homesAtStart = Map.of();

    public Executor(
            Plan plan,
            RunRecord run,
            Journal journal,
            Deployment deployment,
            Clock clock,
            RunSettings settings,
            Consumer<Tick> ticks,
            Sleeper sleeper) {
        this.plan = plan;
        this.run = run;
        this.journal = journal;
        this.deployment = deployment;
        this.clock = clock;
        this.settings = settings;
        this.ticks = ticks;
        this.sleeper = sleeper;
    }

    public Executor(
            Plan plan, RunRecord run, Journal journal, Deployment deployment, Clock clock, RunSettings settings) {
        this(plan, run, journal, deployment, clock, settings, t -> {}, d -> Thread.sleep(d.toMillis()));
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
            for (String pool : poolsOf(step)) {
                if (pool != null && inventory.findPool(pool).isEmpty()) {
                    throw new CutoverException(
                            ErrorCode.UNKNOWN_POOL,
                            "plan step " + step.id() + " names pool '" + pool
                                    + "', which the deployment does not have; was the plan made for another deployment? Run `cutover plan` again.");
                }
            }
        }
    }

    private static List<String> poolsOf(Step step) {
        List<String> pools = new ArrayList<>();
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
        progress = Progress.of(journal.entries(run.id()));
        Inventory start = deployment.snapshot();
        validate(plan, start, settings);
        Map<String, String> clients = new HashMap<>();
        for (ClientSignIn c : start.clients()) {
            clients.put(SipAddress.key(c.sipAddress()), c.clientVersion());
        }
        clientsBefore = clients;
        Map<String, String> homes = new HashMap<>();
        start.users()
                .forEach(u ->
                        homes.put(new Subject(HomedKind.User, SipAddress.key(u.sipAddress())).toString(), u.pool()));
        start.objects().forEach(o -> homes.put(new Subject(o.kind(), o.identity()).toString(), o.pool()));
        if (start.cmsPool() != null) {
            homes.put(Subject.cms().toString(), start.cmsPool());
        }
        homesAtStart = homes;
        Optional<Control.Request> latest = journal.latestRequest(run.id());
        if (latest.isPresent() && latest.get() != Control.Request.RESUME) {
            // Running again is the operator's answer to an earlier pause or abort.
            journal.request(run.id(), Control.Request.RESUME, settings.actor(), clock.instant());
        }
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency(), daemon("cutover-worker"));
        ExecutorService probes =
                Executors.newFixedThreadPool(Math.min(settings.concurrency(), 16), daemon("cutover-probe"));
        java.util.concurrent.ScheduledExecutorService poller =
                Executors.newSingleThreadScheduledExecutor(daemon("cutover-control"));
        poller.scheduleWithFixedDelay(this::pollControl, 200, 200, TimeUnit.MILLISECONDS);
        int stepsRun = 0;
        try {
            CheckRunner checks = new CheckRunner(deployment, probes);
            while (true) {
                if (stopRequested.get()) {
                    Optional<Step> at = Decide.next(plan, progress, settings);
                    return new RunOutcome.Stopped(stopRequest, at.map(Step::id).orElse(null));
                }
                Optional<Step> next = Decide.next(plan, progress, settings);
                if (next.isEmpty()) {
                    if (!settings.partial()) {
                        return new RunOutcome.Finished(stepsRun);
                    }
                    String scope = (settings.until() == null
                                    ? ""
                                    : "up to phase " + settings.until().name())
                            + (settings.sites().isEmpty()
                                    ? ""
                                    : (settings.until() == null ? "" : " ") + "of "
                                            + String.join(", ", settings.sites()));
                    return new RunOutcome.ReachedUntil(scope, stepsRun);
                }
                Step step = next.get();
                stepsRun++;
                RunOutcome failed = runStep(step, workers, checks);
                if (failed != null) {
                    return failed;
                }
            }
        } finally {
            poller.shutdownNow();
            workers.shutdownNow();
            probes.shutdownNow();
        }
    }

    private void pollControl() {
        try {
            journal.latestRequest(run.id()).ifPresent(r -> {
                if (r == Control.Request.PAUSE || r == Control.Request.ABORT) {
                    stopRequest = r.name().toLowerCase(java.util.Locale.ROOT);
                    stopRequested.set(true);
                }
            });
        } catch (RuntimeException e) {
            // A busy database delays the poll; the next one will see the request.
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void append(Entry e) {
        journal.append(e);
        progress.apply(e);
    }

    /** Runs one step; returns an outcome when the run must stop, null to go on. */
    private RunOutcome runStep(Step step, ExecutorService workers, CheckRunner checks) {
        if (step instanceof Step.MoveBatch batch) {
            return runMoves(batch, workers);
        }
        Progress.Status prior = progress.status(step.id(), null);
        int attempt = prior == null ? 1 : prior.attempts() + 1;
        if (step instanceof Step.Gate gate && plan.options().needsApproval(step) && Decide.done(step, progress)) {
            // The checks passed earlier (maybe in another invocation); only the approval is missing.
            return awaitApproval(gate);
        }
        if (prior != null && prior.state() == State.IN_DOUBT && settled(step)) {
            append(prior.last().end(Outcome.OK, "found done after an interruption", clock.instant()));
            return null;
        }
        if (prior != null && prior.state() == State.IN_DOUBT) {
            append(prior.last().end(Outcome.RETRY, "interrupted before it ended; trying again", clock.instant()));
        }
        if (step instanceof Step.Gate gate) {
            RunOutcome failed = runGate(gate, checks, attempt);
            return failed != null || !plan.options().needsApproval(gate) ? failed : awaitApproval(gate);
        }
        ticks.accept(new Tick(step, 0, 1));
        String from = null;
        String to = null;
        if (step instanceof Step.RouteFederation r) {
            from = r.from();
            to = r.to();
        }
        Entry begin = Entry.begin(
                run.id(),
                step.id(),
                null,
                Action.DO,
                attempt,
                from,
                to,
                step.title(),
                clock.instant(),
                settings.actor());
        append(begin);
        for (int a = attempt; ; a++) {
            try {
                String detail = act(step);
                append(begin.end(Outcome.OK, detail, clock.instant()));
                ticks.accept(new Tick(step, 1, 1));
                return null;
            } catch (DeploymentFailure f) {
                boolean retry = f.isTransient() && a - attempt + 1 < settings.maxAttempts();
                append(begin.end(retry ? Outcome.RETRY : Outcome.FAILED, f.getMessage(), clock.instant()));
                if (!retry) {
                    return new RunOutcome.StepFailed(step.id(), List.of(step.title() + ": " + f.getMessage()));
                }
                backoff(a - attempt + 1);
                begin = Entry.begin(
                        run.id(),
                        step.id(),
                        null,
                        Action.DO,
                        a + 1,
                        from,
                        to,
                        step.title(),
                        clock.instant(),
                        settings.actor());
                append(begin);
            }
        }
    }

    /** For a step that began and never ended: is its effect already in place? */
    private boolean settled(Step step) {
        if (step instanceof Step.DeployTarget s) {
            return deployment.poolState(s.target()) == PoolState.Up;
        } else if (step instanceof Step.RouteFederation s) {
            return deployment
                    .snapshot()
                    .findSite(s.site())
                    .map(Site::federationRoute)
                    .map(route -> Fqdn.same(s.to(), route))
                    .orElse(false);
        } else if (step instanceof Step.Decommission s) {
            return deployment.poolState(s.target()) == PoolState.Decommissioned;
        }
        // A gate has no effect: evaluate it again.
        return false;
    }

    private String act(Step step) {
        if (step instanceof Step.DeployTarget s) {
            PoolState state = deployment.poolState(s.target());
            if (state == PoolState.NotDeployed) {
                deployment.deploy(s.target());
                state = deployment.poolState(s.target());
            }
            if (state != PoolState.Up) {
                throw DeploymentFailure.retryable(s.target() + " is " + state + ", not Up");
            }
            return s.target() + " is deployed and up";
        } else if (step instanceof Step.RouteFederation s) {
            deployment.setFederationRoute(s.site(), s.to());
            return "site " + s.site() + " federates through " + s.to();
        } else if (step instanceof Step.Decommission s) {
            deployment.decommission(s.target());
            return s.target() + " decommissioned";
        }
        throw new IllegalArgumentException("not an action step: " + step);
    }

    private RunOutcome runGate(Step.Gate gate, CheckRunner checks, int attempt) {
        ticks.accept(new Tick(gate, 0, gate.checks().size()));
        Entry begin = Entry.begin(
                run.id(),
                gate.id(),
                null,
                Action.DO,
                attempt,
                null,
                null,
                gate.name(),
                clock.instant(),
                settings.actor());
        append(begin);
        List<CheckResult> results = new ArrayList<>();
        for (Check check : gate.checks()) {
            results.add(checks.evaluate(check));
            ticks.accept(new Tick(gate, results.size(), gate.checks().size()));
        }
        boolean passed = results.stream().allMatch(CheckResult::passed);
        append(begin.end(passed ? Outcome.OK : Outcome.FAILED, Evidence.write(results), clock.instant()));
        return passed ? null : new RunOutcome.GateFailed(gate.id(), gate.name(), results);
    }

    /**
     * Waits until a person approves the gate (from the CLI, the dashboard, another process: the
     * approval is a journal row), or until the run is asked to stop. The BEGIN row of the approval
     * item records since when the gate has waited, so status can say so even after a restart.
     */
    private RunOutcome awaitApproval(Step.Gate gate) {
        Progress.Status approval = progress.status(gate.id(), Decide.APPROVAL);
        if (approval == null || approval.state() != State.IN_DOUBT) {
            int attempt = approval == null ? 1 : approval.attempts() + 1;
            append(Entry.begin(
                    run.id(),
                    gate.id(),
                    Decide.APPROVAL,
                    Action.DO,
                    attempt,
                    null,
                    null,
                    "awaiting approval",
                    clock.instant(),
                    settings.actor()));
        }
        ticks.accept(new Tick(gate, gate.checks().size(), gate.checks().size()));
        while (true) {
            Optional<Entry> latest = journal.latest(run.id(), gate.id(), Decide.APPROVAL);
            if (latest.isPresent()
                    && latest.get().event() == io.cutover.journal.Event.END
                    && latest.get().outcome() == Outcome.OK
                    && latest.get().action() == Action.DO) {
                progress.apply(latest.get());
                return null;
            }
            if (stopRequested.get()) {
                return new RunOutcome.Stopped(stopRequest, gate.id());
            }
            try {
                // Polling: the approval may come from another process, which can only reach us
                // through the journal.
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverException(
                        ErrorCode.INTERNAL, "interrupted while awaiting approval of " + gate.id(), e);
            }
        }
    }

    private RunOutcome runMoves(Step.MoveBatch batch, ExecutorService workers) {
        List<Move> todo = new ArrayList<>();
        List<String> preFailed = new ArrayList<>();
        for (Move m : batch.moves()) {
            Progress.Status s = progress.status(batch.id(), m.item());
            State state = s == null ? State.PENDING : s.state();
            if (state == State.DONE) {
                continue;
            }
            if (state == State.IN_DOUBT) {
                // The process stopped between asking for the move and hearing the answer.
                Optional<Fqdn> home = deployment.homeOf(m.subject());
                if (home.isPresent() && home.get().is(m.to())) {
                    append(s.last().end(Outcome.OK, "found on " + m.to() + " after an interruption", clock.instant()));
                    continue;
                }
                append(s.last()
                        .end(
                                Outcome.RETRY,
                                "interrupted before it ended; still on "
                                        + home.map(Fqdn::text).orElse("an unknown pool"),
                                clock.instant()));
            }
            String drifted = drift(m);
            if (drifted != null) {
                // Moving it from where the plan did not expect it would make rollback send it to
                // the wrong pool: refuse the item and say so.
                Entry begin = beginOf(batch, m, nextAttempt(batch, m));
                append(begin);
                append(begin.end(Outcome.FAILED, drifted, clock.instant()));
                preFailed.add(m.subject().id() + ": " + drifted);
                continue;
            }
            todo.add(m);
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>(preFailed));
        int total = batch.moves().size();
        AtomicInteger done = new AtomicInteger(total - todo.size());
        ticks.accept(new Tick(batch, done.get(), total));
        List<Future<?>> futures = new ArrayList<>(todo.size());
        // Intents are journaled a slice at a time, one commit per slice, ahead of the workers: a
        // worker never waits for its own BEGIN to commit. The window bounds how many attempts can
        // be in doubt after a crash (each is settled on resume by asking the deployment).
        int slice = settings.concurrency();
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(2 * slice);
        for (int i = 0; i < todo.size() && !stopRequested.get(); i += slice) {
            List<Move> part = todo.subList(i, Math.min(i + slice, todo.size()));
            acquire(window, part.size());
            List<Entry> begins = new ArrayList<>(part.size());
            for (Move m : part) {
                begins.add(beginOf(batch, m, nextAttempt(batch, m)));
            }
            journal.append(begins);
            begins.forEach(progress::apply);
            for (int k = 0; k < part.size(); k++) {
                Move m = part.get(k);
                Entry begin = begins.get(k);
                futures.add(workers.submit(() -> {
                    try {
                        String failure = moveOne(batch, m, begin);
                        if (failure != null) {
                            failures.add(failure);
                        } else if (progress.state(batch.id(), m.item()) == State.DONE) {
                            ticks.accept(new Tick(batch, done.incrementAndGet(), total));
                        }
                    } finally {
                        window.release();
                    }
                }));
            }
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverException(ErrorCode.INTERNAL, "interrupted while moving", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new CutoverException(ErrorCode.INTERNAL, "move worker failed: " + e.getCause(), e.getCause());
            }
        }
        // A step is over only when every outcome is durable: the next step (a gate, say) and
        // status read them.
        CompletableFuture.allOf(pendingEnds.toArray(CompletableFuture[]::new)).join();
        pendingEnds.clear();
        if (!failures.isEmpty()) {
            List<String> sorted = new ArrayList<>(failures);
            Collections.sort(sorted);
            return new RunOutcome.StepFailed(batch.id(), sorted);
        }
        return null;
    }

    /** Why a subject is not where the plan expects it (on its source or already on its target), or null. */
    private String drift(Move m) {
        String key = m.subject().kind() == HomedKind.User
                ? new Subject(HomedKind.User, SipAddress.key(m.subject().id())).toString()
                : m.subject().toString();
        String home = homesAtStart.get(key);
        if (home == null) {
            return "not found in the deployment; it was removed or renamed after planning: plan again";
        }
        if (Fqdn.same(home, m.from()) || Fqdn.same(home, m.to())) {
            return null;
        }
        return "found on " + home + ", not on " + m.from()
                + " where the plan expects it; it was moved outside this plan: move it back or plan again";
    }

    private int nextAttempt(Step.MoveBatch batch, Move m) {
        Progress.Status prior = progress.status(batch.id(), m.item());
        return prior == null ? 1 : prior.attempts() + 1;
    }

    private Entry beginOf(Step.MoveBatch batch, Move m, int attempt) {
        String detail = m.subject().kind() == HomedKind.User ? clientNote(m.subject()) : null;
        return Entry.begin(
                run.id(),
                batch.id(),
                m.item(),
                Action.DO,
                attempt,
                m.from(),
                m.to(),
                detail,
                clock.instant(),
                settings.actor());
    }

    /**
     * Carries out one journaled attempt, and retries with backoff; returns a failure line, or null
     * when the subject is on its target or the run was asked to stop before the move began.
     */
    private String moveOne(Step.MoveBatch batch, Move m, Entry firstBegin) {
        Entry begin = firstBegin;
        for (int tries = 1; ; tries++) {
            if (stopRequested.get()) {
                append(begin.end(Outcome.RETRY, "not started: the run was asked to stop", clock.instant()));
                return null;
            }
            try {
                deployment.move(m.subject(), m.to());
                // The intent is durable; the outcome need not hold up the next move. Lost in a
                // crash, it leaves the attempt in doubt, and resume asks the deployment.
                Entry end = begin.end(Outcome.OK, begin.detail(), clock.instant());
                pendingEnds.add(journal.appendAsync(List.of(end)));
                progress.apply(end);
                return null;
            } catch (DeploymentFailure f) {
                boolean retry = f.isTransient() && tries < settings.maxAttempts() && !stopRequested.get();
                append(begin.end(retry ? Outcome.RETRY : Outcome.FAILED, f.getMessage(), clock.instant()));
                if (!retry) {
                    return m.subject().id() + ": " + f.getMessage();
                }
                try {
                    backoff(tries);
                } catch (CutoverException e) {
                    return m.subject().id() + ": interrupted";
                }
                begin = beginOf(batch, m, begin.attempt() + 1);
                append(begin);
            }
        }
    }

    private static void acquire(java.util.concurrent.Semaphore window, int permits) {
        try {
            window.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted while moving", e);
        }
    }

    /** The client a user signed in with before the move: rollback uses it to spot upgrades. */
    private String clientNote(Subject user) {
        String v = clientsBefore.get(SipAddress.key(user.id()));
        return v == null ? null : "client before move: " + v;
    }

    private void backoff(int failedAttempts) {
        long factor = 1L << Math.min(failedAttempts - 1, 6);
        try {
            sleeper.sleep(settings.backoff().multipliedBy(factor));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted during retry backoff", e);
        }
    }
}
