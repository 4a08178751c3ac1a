package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.deployment.Sleeper;
import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Progress;
import io.cutover.journal.RunView;
import io.cutover.plan.Step;
import io.cutover.schedule.ChangeWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run as claimed units of work: each claimer takes a ready unit ({@link Units#ready}) that no
 * live instance holds, carries it out as the single-process run would carry out its step, lets go
 * of it, and goes on until nothing it may do is left. Several claimers (one per site with
 * {@code --parallel-sites}, and any number of instances) proceed at once; what each one does
 * next is decided afresh from the journal, which every instance writes, before each claim.
 *
 * <p>The order of work is the order of {@link Units#ready}: plan order within a site, sites
 * independent. A scheduling rule (a change window, an error budget) belongs there or in the
 * choice of {@link #claimable}.
 */
final class ClaimLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimLoop.class);
    /**
     * How long a claimer with nothing to claim waits before it looks again: short, because the
     * unit it waits for (the next step of a site, once another instance's slices are done) is
     * often a fraction of a second away; a look is one small incremental read.
     */
    private static final Duration IDLE = Duration.ofMillis(20);

    private final RunContext base;
    private final Units units;
    private final Claims claims;
    private final Sleeper sleeper;
    /** Holds every claimer once a pool's or a site's error budget ran out, seen here or by another instance. */
    private final BudgetWatch budget;
    /** Carries out one unit's step in a context whose progress was just read. */
    private final BiFunction<RunContext, Step, RunOutcome> work;

    private final AtomicReference<RunOutcome> stopped = new AtomicReference<>();
    /** One view for all of this process's claimers: each row is read and folded in once. */
    private final RunView reader;

    ClaimLoop(
            RunContext base,
            Units units,
            Claims claims,
            Sleeper sleeper,
            BudgetWatch budget,
            BiFunction<RunContext, Step, RunOutcome> work) {
        this.base = base;
        this.units = units;
        this.claims = claims;
        this.sleeper = sleeper;
        this.budget = budget;
        this.work = work;
        this.reader = new RunView(base.journal(), base.run().id());
    }

    /** Runs {@code claimers} claimers at once until the work they may do is done or one of them stops the run. */
    RunOutcome run(int claimers, Function<Runnable, Thread> threads) {
        if (claimers == 1) {
            return claimUntilDone();
        }
        List<CompletableFuture<RunOutcome>> all = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            CompletableFuture<RunOutcome> f = new CompletableFuture<>();
            threads.apply(() -> {
                        try {
                            f.complete(claimUntilDone());
                        } catch (RuntimeException e) {
                            stopped.compareAndSet(null, new RunOutcome.Stopped("error", null));
                            f.completeExceptionally(e);
                        }
                    })
                    .start();
            all.add(f);
        }
        try {
            List<RunOutcome> outcomes =
                    all.stream().map(CompletableFuture::join).toList();
            // A failure or a stop says more than a window hold; of holds, the earliest opening.
            return outcomes.stream()
                    .filter(o -> !(o instanceof RunOutcome.Finished) && !(o instanceof RunOutcome.ReachedUntil))
                    .min(Comparator.comparing((RunOutcome o) -> o instanceof RunOutcome.Held)
                            .thenComparing(
                                    o -> o instanceof RunOutcome.Held h ? h.until() : null,
                                    Comparator.nullsLast(Comparator.naturalOrder())))
                    .orElse(finished(
                            outcomes.stream().mapToInt(ClaimLoop::stepsRun).sum()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private RunOutcome claimUntilDone() {
        int stepsRun = 0;
        while (true) {
            Progress progress = reader.read();
            if (base.stop().requested()) {
                return new RunOutcome.Stopped(base.stop().request(), null);
            }
            if (stopped.get() != null) {
                return finished(stepsRun);
            }
            Optional<Step> next = Decide.next(base.plan(), progress, base.settings());
            if (next.isEmpty()) {
                return finished(stepsRun);
            }
            Optional<RunOutcome.Held> held = budget.check(next.get().id());
            if (held.isPresent()) {
                stopped.compareAndSet(null, held.get());
                return held.get();
            }
            List<Units.Unit> ready = units.ready(progress, base.settings());
            List<String> open = claimable(ready);
            if (open.isEmpty() && !ready.isEmpty()) {
                // Nothing is claimable only because every site with work is outside its window.
                return windowHold(ready);
            }
            Optional<String> claimed = claims.claim(open, stillPending());
            if (claimed.isEmpty()) {
                idle();
                continue;
            }
            tellOfLostInstances();
            RunOutcome outcome = carryOut(claimed.get());
            stepsRun++;
            if (outcome instanceof RunOutcome.Held h && h.why() == RunOutcome.Held.Why.WINDOW) {
                // That site's window closed mid-unit; other sites may still be open: look again.
                continue;
            }
            if (outcome != null) {
                stopped.compareAndSet(null, outcome);
                return outcome;
            }
        }
    }

    /**
     * Whether a unit is still to be done, by the journal as read at the first question (after the
     * claim read the units' leases) and for the rest of the claim: a unit another claimer finished
     * and let go of since this one chose what to claim is passed over.
     */
    private java.util.function.Predicate<String> stillPending() {
        Progress[] fresh = {null};
        return id -> {
            if (fresh[0] == null) {
                fresh[0] = reader.read();
            }
            return units.pending(units.unit(id), fresh[0]);
        };
    }

    /** One notice per instance whose units this claimer took over because it was lost. */
    private void tellOfLostInstances() {
        for (Claims.Takeover t : claims.takeovers()) {
            Claimant me = claims.claimant();
            Notices.send(
                    base.journal(),
                    Notices.instanceLost(
                            base.run().id(),
                            t.from(),
                            t.why(),
                            "process " + me.pid() + " on host " + me.host() + " (" + me.actor() + ")",
                            t.units(),
                            base.clock().instant()));
        }
    }

    /** The units to try to claim, in order: those whose site's change window lets them start now. */
    private List<String> claimable(List<Units.Unit> ready) {
        ChangeWindows w = base.settings().schedule().windows();
        Instant now = base.clock().instant();
        return ready.stream()
                .filter(u -> u.step() instanceof Step.Gate
                        ? w.gateMayRun(u.step().site(), now)
                        : w.isOpen(u.step().site(), now))
                .map(Units.Unit::id)
                .toList();
    }

    /** The hold until the earliest next opening among the sites with work ready. */
    private RunOutcome.Held windowHold(List<Units.Unit> ready) {
        ChangeWindows w = base.settings().schedule().windows();
        Instant now = base.clock().instant();
        return ready.stream()
                .map(u -> WindowHolds.held(w, u.step().site(), u.step().id(), now))
                .min(Comparator.comparing(RunOutcome.Held::until, Comparator.nullsLast(Comparator.naturalOrder())))
                .orElseThrow();
    }

    /** Carries out a claimed unit and lets go of it; an outcome when the run must stop, null to go on. */
    private RunOutcome carryOut(String id) {
        try {
            Units.Unit unit = units.unit(id);
            Progress progress = readAfterClaim(unit);
            if (!units.ready(progress, base.settings()).contains(unit)) {
                // Done since the view was read (by another claimer, most often of this process):
                // the view catches up with the next read. But a view that, caught up, still has
                // it to do missed rows (see RunView): it looks again from the start.
                if (units.ready(reader.read(), base.settings()).contains(unit)) {
                    reader.reset();
                }
                return null;
            }
            return work.apply(base.with(progress), units.work(unit));
        } catch (CutoverException e) {
            if (claims.lost(id)) {
                // Another instance took the unit over while this one stalled; it carries it on.
                LOG.warn("unit {} went to another instance: {}", id, e.getMessage());
                return null;
            }
            throw e;
        } finally {
            claims.release(id);
        }
    }

    /**
     * The progress a claimed unit starts from, read after the claim, when the rows of whoever held
     * the unit before are all in. A slice of a move step needs its own step's rows in full (its
     * items' attempts and states); the rest of the claimer's view serves as it is, the steps before
     * being done in it, or the unit would not have been ready. Other units (gates, site-wide steps,
     * a few in a plan) read the whole run: a gate looks back at the steps before it. Reading the
     * whole run for every slice made the cost of a unit grow with the journal.
     */
    private Progress readAfterClaim(Units.Unit unit) {
        String run = base.run().id();
        if (!(unit.step() instanceof Step.MoveBatch)) {
            return Progress.of(base.journal().entries(run));
        }
        String step = unit.step().id();
        Progress view = reader.read();
        List<String> items = ((Step.MoveBatch) units.work(unit))
                .moves().stream().map(io.cutover.plan.Move::item).toList();
        if (items.size() > ITEMS_READ_ALONE) {
            return view.withStep(step, base.journal().stepEntries(run, step));
        }
        return view.withItems(step, items, base.journal().itemEntries(run, step, items));
    }

    /**
     * The most items of a unit whose rows are read by item; a larger unit reads its whole step. A
     * step's rows are up to twice its items, and every slice of it read them all.
     */
    private static final int ITEMS_READ_ALONE = 1_000;

    private void idle() {
        try {
            sleeper.sleep(IDLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(io.cutover.ErrorCode.INTERNAL, "interrupted while waiting for work", e);
        }
    }

    private RunOutcome finished(int stepsRun) {
        return Executor.finished(base.settings(), stepsRun);
    }

    private static int stepsRun(RunOutcome o) {
        return o instanceof RunOutcome.Finished f
                ? f.stepsRun()
                : o instanceof RunOutcome.ReachedUntil r ? r.stepsRun() : 0;
    }
}
