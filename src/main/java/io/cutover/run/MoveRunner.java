package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries out a move step: its items concurrently, each attempt journaled before and after,
 * transient failures retried under the run's policy. Items in doubt are settled first, subjects
 * found where the plan does not expect them are refused by name.
 */
final class MoveRunner {
    private final RunContext ctx;
    private final ExecutorService workers;
    private final Queue<CompletableFuture<Void>> pendingEnds = new ConcurrentLinkedQueue<>();
    /** Where each subject was, and each user's client, when this pass of the run started. */
    private final AtStart atStart;
    /** The pools' and sites' error budgets: checked before each slice and after each failure. */
    private final BudgetWatch budget;
    /** Set when the site's change window closed before every item could start. */
    private RunOutcome.Held held;

    MoveRunner(RunContext ctx, ExecutorService workers, AtStart atStart, BudgetWatch budget) {
        this.ctx = ctx;
        this.budget = budget;
        this.workers = workers;
        this.atStart = atStart;
    }

    /** Returns an outcome when the run must stop (some item failed, or the window closed), null otherwise. */
    RunOutcome run(Step.MoveBatch batch) {
        held = null;
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Move> todo = recordBefore(batch, todo(batch, failures), failures);
        int total = batch.moves().size();
        AtomicInteger done = new AtomicInteger(total - todo.size());
        ctx.ticks().accept(new Tick(batch, done.get(), total));
        List<Future<?>> futures = submit(batch, todo, failures, done);
        awaitAll(futures);
        // A step is over only when every outcome is durable: the next step (a gate, say) and
        // status read them.
        try {
            CompletableFuture.allOf(pendingEnds.toArray(CompletableFuture[]::new))
                    .join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof CutoverException ce ? ce : e;
        }
        pendingEnds.clear();
        Optional<RunOutcome.Held> overBudget = budget.check(batch.id());
        if (overBudget.isPresent()) {
            return overBudget.get();
        }
        if (failures.isEmpty()) {
            return held;
        }
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        return new RunOutcome.StepFailed(batch.id(), sorted);
    }

    /** The items still to move; settles those in doubt and refuses (into failures) those that drifted. */
    private List<Move> todo(Step.MoveBatch batch, List<String> failures) {
        List<Move> todo = new ArrayList<>();
        for (Move m : batch.moves()) {
            Progress.Status s = ctx.progress().status(batch.id(), m.item());
            State state = s == null ? State.PENDING : s.state();
            if (state == State.IN_DOUBT) {
                Entry end =
                        InDoubt.settleMove(ctx.deployment(), s, m, ctx.clock().instant());
                ctx.append(end);
                state = end.outcome() == Outcome.OK ? State.DONE : State.RETRYING;
            }
            if (state == State.DONE) {
                continue;
            }
            String drifted = drift(m);
            if (drifted != null) {
                // Moving it from where the plan did not expect it would make rollback send it to
                // the wrong pool: refuse the item and say so.
                Entry begin = beginOf(batch, m, ctx.nextAttempt(batch.id(), m.item()));
                ctx.append(begin);
                ctx.append(begin.end(Outcome.FAILED, drifted, ctx.clock().instant()));
                failures.add(m.subject().id() + ": " + drifted);
                continue;
            }
            todo.add(m);
        }
        return todo;
    }

    /** Records the users' state before their first move; a user whose state cannot be read is not moved. */
    private List<Move> recordBefore(Step.MoveBatch batch, List<Move> todo, List<String> failures) {
        Map<SipAddress, String> unread = ctx.verification().recordBefore(UserVerification.users(todo));
        if (unread.isEmpty()) {
            return todo;
        }
        List<Move> go = new ArrayList<>();
        for (Move m : todo) {
            String why = m.subject().kind() == HomedKind.User
                    ? unread.get(m.subject().sipAddress())
                    : null;
            if (why == null) {
                go.add(m);
                continue;
            }
            Entry begin = beginOf(batch, m, ctx.nextAttempt(batch.id(), m.item()));
            ctx.append(begin);
            ctx.append(begin.end(Outcome.FAILED, why, ctx.clock().instant()));
            failures.add(m.subject().id() + ": " + why);
        }
        return go;
    }

    private List<Future<?>> submit(Step.MoveBatch batch, List<Move> todo, List<String> failures, AtomicInteger done) {
        int total = batch.moves().size();
        List<Future<?>> futures = new ArrayList<>(todo.size());
        // Intents are journaled a slice at a time, one commit per slice, ahead of the workers: a
        // worker never waits for its own BEGIN to commit. The window bounds how many attempts can
        // be in doubt after a crash (each is settled on resume by asking the deployment).
        int slice = ctx.settings().concurrency();
        Semaphore window = new Semaphore(2 * slice);
        for (int i = 0;
                i < todo.size()
                        && !ctx.stop().requested()
                        && budget.check(batch.id()).isEmpty();
                i += slice) {
            List<Move> part = todo.subList(i, Math.min(i + slice, todo.size()));
            acquire(window, part.size());
            List<Entry> begins = new ArrayList<>(part.size());
            for (Move m : part) {
                begins.add(beginOf(batch, m, ctx.nextAttempt(batch.id(), m.item())));
            }
            if (windowClosed(batch, begins)) {
                break;
            }
            ctx.journal().append(begins);
            begins.forEach(ctx.progress()::apply);
            for (int k = 0; k < part.size(); k++) {
                Move m = part.get(k);
                Entry begin = begins.get(k);
                futures.add(workers.submit(() -> {
                    try {
                        String failure = moveOne(batch, m, begin);
                        if (failure != null) {
                            failures.add(failure);
                        } else if (ctx.progress().state(batch.id(), m.item()) == State.DONE) {
                            ctx.ticks().accept(new Tick(batch, done.incrementAndGet(), total));
                        }
                    } finally {
                        window.release();
                    }
                }));
            }
        }
        return futures;
    }

    /** Whether the site's change window closed before this slice could start; the rest stays pending. */
    private boolean windowClosed(Step.MoveBatch batch, List<Entry> begins) {
        held = WindowHolds.beforeMoves(ctx, batch, begins);
        return held != null;
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverException(ErrorCode.INTERNAL, "interrupted while moving", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CutoverException ce) {
                    // A journal that refuses writes (this process lost its hold on the run) says so itself.
                    throw ce;
                }
                throw new CutoverException(ErrorCode.INTERNAL, "move worker failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /**
     * Carries out one journaled attempt, and retries under the policy; returns a failure line, or
     * null when the subject is on its target or the run was asked to stop (the item is then left
     * to retry on resume).
     */
    private String moveOne(Step.MoveBatch batch, Move m, Entry firstBegin) {
        Entry begin = firstBegin;
        for (int made = 1; ; made++) {
            if (ctx.stop().requested() || budget.holding()) {
                ctx.append(begin.end(
                        Outcome.RETRY,
                        budget.holding()
                                ? "not started: an error budget ran out"
                                : "not started: the run was asked to stop",
                        ctx.clock().instant()));
                return null;
            }
            try {
                if (m.exportsAndImports()) {
                    ctx.deployment().exportImport(m.subject(), m.to());
                } else {
                    ctx.deployment().move(m.subject(), m.to());
                }
                // The intent is durable; the outcome need not hold up the next move. Lost in a
                // crash, it leaves the attempt in doubt, and resume asks the deployment.
                Entry end = begin.end(Outcome.OK, begin.detail(), ctx.clock().instant());
                pendingEnds.add(ctx.journal().appendAsync(List.of(end)));
                ctx.progress().apply(end);
                return null;
            } catch (DeploymentFailure f) {
                boolean retry = f.isTransient() && ctx.backoff().policy().mayRetry(made);
                ctx.append(begin.end(
                        retry ? Outcome.RETRY : Outcome.FAILED,
                        f.getMessage(),
                        ctx.clock().instant()));
                if (!retry) {
                    budget.check(batch.id());
                    return m.subject().id() + ": " + f.getMessage();
                }
                if (!awaitRetry(made)) {
                    return ctx.stop().requested() ? null : m.subject().id() + ": interrupted";
                }
                begin = beginOf(batch, m, begin.attempt() + 1);
                ctx.append(begin);
            }
        }
    }

    /** Waits before the next attempt; false when stopped or interrupted. */
    private boolean awaitRetry(int made) {
        try {
            return ctx.backoff().await(made);
        } catch (CutoverException e) {
            return false;
        }
    }

    /** Why a subject is not where the plan expects it (on its source or already on its target), or null. */
    private String drift(Move m) {
        Fqdn home = atStart.homes().get(Homes.key(m.subject()));
        if (home == null) {
            return "not found in the deployment; it was removed or renamed after planning: plan again";
        }
        if (home.equals(m.from()) || home.equals(m.to())) {
            return null;
        }
        return "found on " + home + ", not on " + m.from()
                + " where the plan expects it; it was moved outside this plan: move it back or plan again";
    }

    private Entry beginOf(Step.MoveBatch batch, Move m, int attempt) {
        String detail = m.subject().kind() == HomedKind.User ? clientNote(m.subject()) : null;
        return ctx.begin(batch.id(), m.item(), attempt, m.from(), m.to(), detail);
    }

    /** The client a user signed in with before the move: rollback uses it to spot upgrades. */
    private String clientNote(Subject user) {
        String v = atStart.clients().get(user.sipAddress());
        return v == null ? null : "client before move: " + v;
    }

    private static void acquire(Semaphore window, int permits) {
        try {
            window.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted while moving", e);
        }
    }
}
