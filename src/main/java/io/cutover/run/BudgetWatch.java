package io.cutover.run;

import io.cutover.inventory.Fqdn;
import io.cutover.journal.Action;
import io.cutover.journal.BudgetHold;
import io.cutover.journal.BudgetHolds;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.journal.RunRecord;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.schedule.ErrorBudget;
import io.cutover.schedule.Schedule;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The error budgets of a run's legacy pools and sites, counted from the journal: each move that
 * ended for good (OK, or FAILED; a retried attempt does not count) after the counting period
 * began counts toward its source pool and its step's site. When a budget runs out the hold is
 * written to the journal's store (so every instance, {@code status} and a later process see it),
 * with a {@code budget.exhausted} notice, and every caller of {@link #check} from then on is told
 * to hold: no move starts, those in flight finish.
 *
 * <p>Starting the run again is the operator's resume: the hold is marked resumed and counting
 * starts afresh after the journal's last row, so the failures that caused it count no more.
 * Thread-safe: the claimers and move workers of one process share one watch.
 */
final class BudgetWatch {
    private final Journal journal;
    private final String runId;
    private final Schedule budgets;
    private final Clock clock;
    private final String actor;
    private final Map<String, String> siteOfStep = new HashMap<>();
    private final Map<String, Deque<Ended>> byScope = new HashMap<>();
    private final BudgetHolds holds;
    private long since;
    private long seen;
    private volatile RunOutcome.Held held;

    /** A move that ended for good: its item, whether it failed, and why. */
    private record Ended(String item, boolean failed, String detail) {}

    private BudgetWatch(Journal journal, Plan plan, RunRecord run, RunSettings settings, Clock clock) {
        this.journal = journal;
        this.runId = run.id();
        this.budgets = settings.schedule();
        this.clock = clock;
        this.actor = settings.actor();
        this.holds = BudgetHolds.of(journal);
        for (Step s : plan.steps()) {
            if (s instanceof Step.MoveBatch) {
                siteOfStep.put(s.id(), s.site());
            }
        }
    }

    /**
     * The watch of a run starting now: an active hold is resumed (the run starting again is the
     * operator's answer to it) and the outcomes of the current counting period are read.
     */
    static BudgetWatch start(Journal journal, Plan plan, RunRecord run, RunSettings settings, Clock clock) {
        BudgetWatch w = new BudgetWatch(journal, plan, run, settings, clock);
        // Resumed even when this start counts no budget: the run goes on, so it holds no more.
        w.holds.resume(w.runId, w.actor, clock.instant());
        if (w.watching()) {
            w.since = w.holds.countingSince(w.runId);
            w.seen = w.since;
        }
        return w;
    }

    private boolean watching() {
        return !budgets.poolBudget().equals(ErrorBudget.NONE)
                || !budgets.siteBudget().equals(ErrorBudget.NONE);
    }

    /**
     * Whether the run must hold at {@code stepId}: a budget ran out, here or in another instance.
     * Reads the journal rows written since the last check (by every instance).
     *
     * @return the hold, or empty to go on
     */
    synchronized Optional<RunOutcome.Held> check(String stepId) {
        if (held != null || !watching()) {
            return Optional.ofNullable(held);
        }
        List<String> changed = fold(journal.entriesAfter(runId, seen));
        for (String scope : changed) {
            Optional<String> reason = budgetOf(scope).exhausted(scope, failedFlags(scope));
            if (reason.isPresent()) {
                return Optional.of(hold(stepId, scope, reason.get()));
            }
        }
        holds.active(runId).ifPresent(h -> held = held(h));
        return Optional.ofNullable(held);
    }

    /** Whether a budget ran out, as the last {@link #check} found: no move may start. */
    boolean holding() {
        return held != null;
    }

    /** Folds new rows in; returns the scopes ("pool X", "site Y") that got an outcome. */
    private List<String> fold(List<Entry> rows) {
        List<String> changed = new ArrayList<>();
        for (Entry e : rows) {
            seen = Math.max(seen, e.seq());
            String site = siteOfStep.get(e.stepId());
            if (site == null || !endedForGood(e)) {
                continue;
            }
            Ended ended = new Ended(e.item(), e.outcome() == Outcome.FAILED, e.detail());
            for (String scope : scopes(e.from(), site)) {
                Deque<Ended> d = byScope.computeIfAbsent(scope, k -> new ArrayDeque<>());
                d.addLast(ended);
                while (d.size() > kept(scope)) {
                    d.removeFirst();
                }
                if (!changed.contains(scope)) {
                    changed.add(scope);
                }
            }
        }
        return changed;
    }

    private static boolean endedForGood(Entry e) {
        return e.item() != null && e.action() == Action.DO && e.event() == Event.END && e.outcome() != Outcome.RETRY;
    }

    private static List<String> scopes(Fqdn pool, String site) {
        return pool == null ? List.of("site " + site) : List.of("pool " + pool.text(), "site " + site);
    }

    private ErrorBudget budgetOf(String scope) {
        return scope.startsWith("pool ") ? budgets.poolBudget() : budgets.siteBudget();
    }

    /** The outcomes kept per scope: as many as its budget looks at. */
    private int kept(String scope) {
        ErrorBudget b = budgetOf(scope);
        return Math.max(1, Math.max(b.ofLast(), b.inARow()));
    }

    private List<Boolean> failedFlags(String scope) {
        return byScope.get(scope).stream().map(Ended::failed).toList();
    }

    private RunOutcome.Held hold(String stepId, String scope, String reason) {
        Deque<Ended> window = byScope.get(scope);
        List<String> failures = window.stream()
                .filter(Ended::failed)
                .map(e -> e.item() + ": " + e.detail())
                .toList();
        int split = scope.indexOf(' ');
        BudgetHold written = holds.hold(new BudgetHold(
                runId,
                since,
                stepId,
                scope.substring(0, split),
                scope.substring(split + 1),
                failures.size(),
                window.size(),
                reason,
                failures,
                clock.instant(),
                actor,
                null,
                null));
        Notices.send(journal, Notices.budgetExhausted(written));
        held = held(written);
        return held;
    }

    private static RunOutcome.Held held(BudgetHold h) {
        return new RunOutcome.Held(RunOutcome.Held.Why.BUDGET, h.reason(), h.stepId(), null);
    }
}
