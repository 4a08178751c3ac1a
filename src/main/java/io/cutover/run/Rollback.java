package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
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
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    public Rollback(
            Plan plan, RunRecord run, Journal journal, Deployment deployment, Clock clock, RunSettings settings) {
        this.plan = plan;
        this.run = run;
        this.journal = journal;
        this.deployment = deployment;
        this.clock = clock;
        this.settings = settings;
    }

    /** What undoing back to (and including) {@code toStep} will do; null undoes the whole run. */
    public RollbackImpact preview(String toStep) {
        Progress progress = Progress.of(journal.entries(run.id()));
        List<Step> steps = toUndo(progress, toStep);
        Inventory now = deployment.snapshot();
        Map<String, List<Meeting>> meetingsByOrganizer = new HashMap<>();
        for (Meeting m : now.meetings()) {
            meetingsByOrganizer
                    .computeIfAbsent(SipAddress.key(m.organizer()), k -> new ArrayList<>())
                    .add(m);
        }
        Map<String, String> clients = new HashMap<>();
        for (ClientSignIn c : now.clients()) {
            clients.put(SipAddress.key(c.sipAddress()), c.clientVersion());
        }
        int users = 0;
        int objects = 0;
        Map<String, Integer> moveLines = new TreeMap<>();
        List<String> routes = new ArrayList<>();
        List<String> meetings = new ArrayList<>();
        List<String> upgraded = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Step.MoveBatch batch) {
                for (Move m : batch.moves()) {
                    Progress.Status s = progress.status(batch.id(), m.item());
                    if (s == null || !inEffect(s.state())) {
                        continue;
                    }
                    if (m.subject().kind() == HomedKind.User) {
                        users++;
                        // From when the move began: a meeting scheduled while it ran is already on the new pool.
                        Instant movedAt = s.beganAt() == null ? s.endedAt() : s.beganAt();
                        for (Meeting meeting : meetingsByOrganizer.getOrDefault(
                                SipAddress.key(m.subject().id()), List.of())) {
                            if (Fqdn.same(meeting.pool(), m.to())
                                    && meeting.createdUtc() != null
                                    && !meeting.createdUtc().isBefore(movedAt)) {
                                meetings.add(meeting.conferenceId() + " organized by "
                                        + m.subject().id() + " on " + m.to() + " at " + meeting.createdUtc());
                            }
                        }
                        String before = clientBefore(progress, batch.id(), m.item());
                        String nowClient =
                                clients.get(SipAddress.key(m.subject().id()));
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

    private static boolean inEffect(State s) {
        return s == State.DONE || s == State.IN_DOUBT || s == State.UNDOING;
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

    private List<Step> toUndo(Progress progress, String toStep) {
        int from = 0;
        if (toStep != null) {
            from = plan.indexOf(toStep);
            if (from < 0) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_STEP,
                        "no step '" + toStep + "' in the plan; `cutover status` lists the step ids");
            }
        }
        List<Step> undo = new ArrayList<>();
        for (int i = plan.steps().size() - 1; i >= from; i--) {
            Step step = plan.steps().get(i);
            if (Decide.started(step, progress)) {
                if (step instanceof Step.Decommission d) {
                    throw new CutoverException(
                            ErrorCode.POINT_OF_NO_RETURN,
                            "cannot roll back past " + step.id() + ": " + d.target()
                                    + " has been decommissioned and there is no way back to it; roll back to a later step");
                }
                undo.add(step);
            }
        }
        return undo;
    }

    /** Undoes the steps; returns the failures (empty when everything went back). */
    public List<String> execute(String toStep) {
        Progress progress = Progress.of(journal.entries(run.id()));
        List<Step> steps = toUndo(progress, toStep);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency());
        try {
            for (Step step : steps) {
                if (step instanceof Step.MoveBatch batch) {
                    List<Future<?>> futures = new ArrayList<>();
                    for (Move m : batch.moves()) {
                        Progress.Status s = progress.status(batch.id(), m.item());
                        if (s == null || !inEffect(s.state())) {
                            continue;
                        }
                        if (s.state() == State.UNDOING) {
                            // An earlier rollback stopped between asking and hearing back: settle
                            // that attempt from where the deployment says the subject is.
                            java.util.Optional<Fqdn> home = deployment.homeOf(m.subject());
                            if (home.isPresent() && home.get().is(m.from())) {
                                journal.append(s.last()
                                        .end(
                                                Outcome.OK,
                                                "found back on " + m.from() + " after an interruption",
                                                clock.instant()));
                                continue;
                            }
                            journal.append(s.last()
                                    .end(
                                            Outcome.RETRY,
                                            "interrupted before it ended; still on "
                                                    + home.map(Fqdn::text).orElse("an unknown pool"),
                                            clock.instant()));
                        }
                        futures.add(workers.submit(() -> undoMove(batch, m, s.attempts(), failures)));
                    }
                    for (Future<?> f : futures) {
                        f.get();
                    }
                } else {
                    undoStep(step, progress.status(step.id(), null), failures);
                    undoApproval(step, progress.status(step.id(), Decide.APPROVAL));
                }
                if (!failures.isEmpty()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted during rollback", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "rollback worker failed: " + e.getCause(), e.getCause());
        } finally {
            workers.shutdownNow();
        }
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        return sorted;
    }

    private void undoMove(Step.MoveBatch batch, Move m, int attempts, List<String> failures) {
        for (int a = 1; a <= settings.maxAttempts(); a++) {
            Entry begin = Entry.begin(
                    run.id(),
                    batch.id(),
                    m.item(),
                    Action.UNDO,
                    attempts,
                    m.to(),
                    m.from(),
                    "back to " + m.from(),
                    clock.instant(),
                    settings.actor());
            journal.append(begin);
            try {
                deployment.move(m.subject(), m.from());
                journal.append(begin.end(Outcome.OK, "back on " + m.from(), clock.instant()));
                return;
            } catch (DeploymentFailure f) {
                boolean retry = f.isTransient() && a < settings.maxAttempts();
                journal.append(begin.end(retry ? Outcome.RETRY : Outcome.FAILED, f.getMessage(), clock.instant()));
                if (!retry) {
                    failures.add(m.subject().id() + ": " + f.getMessage());
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
        String from = null;
        String to = null;
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
