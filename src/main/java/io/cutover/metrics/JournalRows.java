package io.cutover.metrics;

import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Outcome;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.run.Decide;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads committed journal rows as the run's events. Counting what the journal holds, rather than
 * what the executor meant to write, keeps the meters and the journal from ever disagreeing, and
 * needs no hook in the executor or the rollback.
 */
final class JournalRows {
    private final Meters meters;
    private final Set<String> gates;

    JournalRows(Meters meters, Plan plan) {
        this.meters = meters;
        this.gates = plan.steps().stream()
                .filter(s -> s instanceof Step.Gate)
                .map(Step::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    void committed(List<Entry> rows, Duration took) {
        meters.committed(rows.size(), took);
        rows.forEach(this::count);
    }

    private void count(Entry row) {
        if (row.event() != Event.END) {
            return;
        }
        if (row.outcome() == Outcome.RETRY) {
            meters.retried(row.action());
        }
        if (isMove(row)) {
            meters.moved(row.to(), row.action(), row.outcome());
        } else if (isGate(row)) {
            meters.gate(row.outcome() == Outcome.OK);
        }
    }

    /** A gate's own row (not its approval), evaluated forward; a retry is no result. */
    private boolean isGate(Entry row) {
        return row.item() == null
                && row.action() == Action.DO
                && row.outcome() != Outcome.RETRY
                && gates.contains(row.stepId());
    }

    /** A move's rows name the subject as their item; a gate's approval has an item of its own. */
    private static boolean isMove(Entry row) {
        return row.item() != null && !Decide.APPROVAL.equals(row.item());
    }
}
