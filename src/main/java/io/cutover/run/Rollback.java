package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Backoff;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Sleeper;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Action;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Undoes a completed prefix's tail: every step from {@code --to} on, latest first. Users and
 * objects go back to the pool they came from, federation routes back to the Edge they pointed at.
 * Each undo is journaled before and after like any move. A decommissioned pool is the point of no
 * return.
 */
public final class Rollback {
    private final Plan plan;
    private final RunRecord run;
    private final Journal journal;
    private final Deployment deployment;
    private final Clock clock;
    private final RunSettings settings;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    /** The users this rollback sent back, to restore and verify. */
    private final List<SipAddress> undone = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param sleeper waits between retries
     * @param random the retry delays' jitter
     */
    public Rollback(
            Plan plan,
            RunRecord run,
            Journal journal,
            Deployment deployment,
            Clock clock,
            RunSettings settings,
            Sleeper sleeper,
            RandomGenerator random) {
        this.plan = plan;
        this.run = run;
        this.journal = journal;
        this.deployment = deployment;
        this.clock = clock;
        this.settings = settings;
        this.sleeper = sleeper;
        this.random = random;
    }

    public Rollback(
            Plan plan, RunRecord run, Journal journal, Deployment deployment, Clock clock, RunSettings settings) {
        this(plan, run, journal, deployment, clock, settings, Sleeper.system(), new SplittableRandom());
    }

    /** What undoing back to (and including) {@code toStep} will do; null undoes the whole run. */
    public RollbackImpact preview(String toStep) {
        Progress progress = Progress.of(journal.entries(run.id()));
        List<Step> steps = RollbackPlan.steps(plan, progress, toStep);
        Inventory now = deployment.snapshot();
        Map<String, Fqdn> homes = Homes.of(now);
        // A move in doubt counts only if the deployment has it on its target; rollback settles it so.
        Predicate<Move> landed = m -> m.to().equals(homes.get(Homes.key(m.subject())));
        Map<SipAddress, List<Meeting>> meetingsByOrganizer = new HashMap<>();
        for (Meeting m : now.meetings()) {
            meetingsByOrganizer
                    .computeIfAbsent(m.organizer(), k -> new ArrayList<>())
                    .add(m);
        }
        Map<SipAddress, String> clients = new HashMap<>();
        for (ClientSignIn c : now.clients()) {
            clients.put(c.sipAddress(), c.clientVersion());
        }
        int users = 0;
        int objects = 0;
        Map<String, Integer> moveLines = new TreeMap<>();
        List<String> routes = new ArrayList<>();
        List<String> meetings = new ArrayList<>();
        List<String> upgraded = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Step.MoveBatch batch) {
                for (Move m : RollbackPlan.moves(batch, progress, landed)) {
                    Progress.Status s = progress.status(batch.id(), m.item());
                    if (m.subject().kind() == HomedKind.User) {
                        users++;
                        // From when the move began: a meeting scheduled while it ran is already on the new pool.
                        Instant movedAt = s.beganAt() == null ? s.endedAt() : s.beganAt();
                        for (Meeting meeting :
                                meetingsByOrganizer.getOrDefault(m.subject().sipAddress(), List.of())) {
                            if (m.to().equals(meeting.pool())
                                    && meeting.createdUtc() != null
                                    && !meeting.createdUtc().isBefore(movedAt)) {
                                meetings.add(meeting.conferenceId() + " organized by "
                                        + m.subject().id() + " on " + m.to() + " at " + meeting.createdUtc());
                            }
                        }
                        String before = clientBefore(progress, batch.id(), m.item());
                        String nowClient = clients.get(m.subject().sipAddress());
                        if (before != null && nowClient != null && !before.equals(nowClient)) {
                            upgraded.add(m.subject().id() + ": " + before + " -> " + nowClient);
                        }
                    } else {
                        objects++;
                    }
                    moveLines.merge(m.subject().kind() + " " + m.to() + " -> " + m.from(), 1, Integer::sum);
                }
            } else if (step instanceof Step.RouteFederation r) {
                routes.add("site " + r.site() + " federation route " + r.to() + " -> " + r.from());
            }
        }
        List<String> moves = new ArrayList<>();
        moveLines.forEach((line, n) -> moves.add(n + " x " + line));
        Collections.sort(meetings);
        Collections.sort(upgraded);
        return new RollbackImpact(
                toStep, steps.stream().map(Step::id).toList(), users, objects, moves, routes, meetings, upgraded);
    }

    /** The client version the executor noted when it began moving the user. */
    private static String clientBefore(Progress progress, String stepId, String item) {
        Progress.Status s = progress.status(stepId, item);
        String prefix = "client before move: ";
        if (s != null
                && s.last() != null
                && s.last().detail() != null
                && s.last().detail().startsWith(prefix)) {
            return s.last().detail().substring(prefix.length());
        }
        return null;
    }

    /**
     * Settles the attempts in doubt from the deployment, then undoes the steps, latest first;
     * returns the failures (empty when everything went back). A pause or abort requested while it
     * runs stops it between undos, with a line saying so among the failures.
     */
    public List<String> execute(String toStep) {
        Progress progress = Progress.of(journal.entries(run.id()));
        settleInDoubt(progress, toStep);
        List<Step> steps = RollbackPlan.steps(plan, progress, toStep);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency(), Threads.daemon("cutover-undo"));
        try (StopSignal stop = StopSignal.watch(journal, run.id())) {
            Backoff backoff = new Backoff(settings.retry(), sleeper, random, stop::requested);
            for (Step step : steps) {
                if (stop.requested()) {
                    failures.add("rollback stopped by a request to " + stop.request() + " before undoing " + step.id()
                            + ": roll back again to finish");
                    break;
                }
                undo(step, progress, workers, backoff, failures);
                if (!failures.isEmpty()) {
                    break;
                }
            }
        } finally {
            workers.shutdownNow();
        }
        // What a move lost does not come back with the user: put it back, and compare.
        failures.addAll(new UserVerification(deployment, journal.userStates(), run.id(), clock)
                .restoreAndCompare(List.copyOf(undone)));
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        Notices.send(journal, Notices.rollbackDone(run.id(), toStep, sorted, clock.instant()));
        return sorted;
    }

    /** Closes every attempt in doubt with what the deployment says, as resume does, so only what moved goes back. */
    private void settleInDoubt(Progress progress, String toStep) {
        for (RollbackPlan.Item item : RollbackPlan.inDoubt(plan, progress, toStep)) {
            Progress.Status s = progress.status(
                    item.step().id(), item.move() == null ? null : item.move().item());
            Entry end = item.move() == null
                    ? InDoubt.settleStep(deployment, s, item.step(), clock.instant())
                    : InDoubt.settleMove(deployment, s, item.move(), clock.instant());
            journal.append(end);
            progress.apply(end);
        }
    }

    private void undo(Step step, Progress progress, ExecutorService workers, Backoff backoff, List<String> failures) {
        if (!(step instanceof Step.MoveBatch batch)) {
            undoStep(step, progress.status(step.id(), null), failures);
            undoApproval(step, progress.status(step.id(), Decide.APPROVAL));
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        AtomicInteger stopped = new AtomicInteger();
        for (Move m : RollbackPlan.moves(batch, progress, x -> false)) {
            Progress.Status s = progress.status(batch.id(), m.item());
            if (s.state() == State.UNDOING && settledBack(s, m)) {
                continue;
            }
            int attempt = s.last().action() == Action.UNDO ? s.last().attempt() + 1 : 1;
            futures.add(workers.submit(() -> undoMove(batch, m, attempt, backoff, failures, stopped)));
        }
        awaitAll(futures);
        if (stopped.get() > 0) {
            failures.add("rollback stopped by a request to pause or abort before " + stopped.get() + " undos of "
                    + batch.id() + ": roll back again to finish");
        }
    }

    /**
     * An earlier rollback stopped between asking and hearing back: closes that attempt from where
     * the deployment says the subject is; true when it is back already.
     */
    private boolean settledBack(Progress.Status s, Move m) {
        Optional<Fqdn> home = deployment.homeOf(m.subject());
        if (home.isPresent() && home.get().equals(m.from())) {
            journal.append(
                    s.last().end(Outcome.OK, "found back on " + m.from() + " after an interruption", clock.instant()));
            return true;
        }
        journal.append(s.last()
                .end(
                        Outcome.RETRY,
                        "interrupted before it ended; still on "
                                + home.map(Fqdn::text).orElse("an unknown pool"),
                        clock.instant()));
        return false;
    }

    private static void awaitAll(List<Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted during rollback", e);
        } catch (ExecutionException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "rollback worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** Sends one subject back, each attempt journaled and numbered after the last, retried under the policy. */
    private void undoMove(
            Step.MoveBatch batch,
            Move m,
            int firstAttempt,
            Backoff backoff,
            List<String> failures,
            AtomicInteger stopped) {
        for (int made = 1; ; made++) {
            if (backoff.stopRequested()) {
                stopped.incrementAndGet();
                return;
            }
            Entry begin = Entry.begin(
                    run.id(),
                    batch.id(),
                    m.item(),
                    Action.UNDO,
                    firstAttempt + made - 1,
                    m.to(),
                    m.from(),
                    "back to " + m.from(),
                    clock.instant(),
                    settings.actor());
            journal.append(begin);
            try {
                if (m.exportsAndImports()) {
                    deployment.exportImport(m.subject(), m.from());
                } else {
                    deployment.move(m.subject(), m.from());
                }
                journal.append(begin.end(Outcome.OK, "back on " + m.from(), clock.instant()));
                if (m.subject().kind() == HomedKind.User) {
                    undone.add(m.subject().sipAddress());
                }
                return;
            } catch (DeploymentFailure f) {
                boolean retry = f.isTransient() && backoff.policy().mayRetry(made);
                journal.append(begin.end(retry ? Outcome.RETRY : Outcome.FAILED, f.getMessage(), clock.instant()));
                if (!retry) {
                    failures.add(m.subject().id() + ": " + f.getMessage());
                    return;
                }
                if (!backoff.await(made)) {
                    stopped.incrementAndGet();
                    return;
                }
            }
        }
    }

    /** A gate undone must be approved again when the run comes back to it. */
    private void undoApproval(Step step, Progress.Status approval) {
        if (approval == null || approval.state() != State.DONE) {
            return;
        }
        Entry begin = Entry.begin(
                run.id(),
                step.id(),
                Decide.APPROVAL,
                Action.UNDO,
                approval.attempts(),
                null,
                null,
                "approval withdrawn by the rollback",
                clock.instant(),
                settings.actor());
        journal.append(List.of(begin, begin.end(Outcome.OK, "approval withdrawn by the rollback", clock.instant())));
    }

    private void undoStep(Step step, Progress.Status status, List<String> failures) {
        int attempts = status == null ? 0 : status.attempts();
        if (status != null && status.state() == State.UNDOING) {
            // Undoing a route (or a gate) again is harmless; close the interrupted attempt first.
            journal.append(
                    status.last().end(Outcome.RETRY, "interrupted before it ended; undoing again", clock.instant()));
        }
        Fqdn from = null;
        Fqdn to = null;
        if (step instanceof Step.RouteFederation r) {
            from = r.to();
            to = r.from();
        }
        Entry begin = Entry.begin(
                run.id(),
                step.id(),
                null,
                Action.UNDO,
                attempts,
                from,
                to,
                "undo " + step.title(),
                clock.instant(),
                settings.actor());
        journal.append(begin);
        try {
            if (step instanceof Step.RouteFederation r) {
                deployment.setFederationRoute(r.site(), r.from());
            }
            // Gates and target deployments change nothing to undo: undoing them makes them due again.
            journal.append(begin.end(Outcome.OK, to == null ? "undone" : "route back on " + to, clock.instant()));
        } catch (DeploymentFailure f) {
            journal.append(begin.end(Outcome.FAILED, f.getMessage(), clock.instant()));
            failures.add(step.id() + ": " + f.getMessage());
        }
    }
}
