package io.cutover.run;

import io.cutover.check.CheckResult;
import io.cutover.journal.BudgetHold;
import io.cutover.journal.Journal;
import io.cutover.journal.Lease;
import io.cutover.journal.Notice;
import io.cutover.journal.NoticeKind;
import io.cutover.plan.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notices a run writes to the journal's outbox, for the courier to deliver. Writing one never
 * holds up or fails the run: the outbox is one insert into the journal's store, and a notice that
 * cannot be written is logged as a warning and the run goes on.
 */
final class Notices {
    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);

    private Notices() {}

    static void send(Journal journal, Notice n) {
        try {
            journal.outbox().enqueue(n);
        } catch (RuntimeException e) {
            // Telling people is not worth stopping a migration for; the journal still has the facts.
            LOG.warn("notice {} could not be written to the outbox: {}", n.key(), e.toString());
        }
    }

    static Notice gateFailed(String runId, Step.Gate gate, int attempt, List<CheckResult> results, Instant at) {
        List<String> lines = new ArrayList<>();
        for (CheckResult r : results) {
            if (!r.passed()) {
                lines.add("failed: " + r.check());
                r.failures().forEach(f -> lines.add("  " + f));
            }
        }
        return new Notice(
                key(NoticeKind.GATE_FAILED, runId, gate.id(), attempt),
                NoticeKind.GATE_FAILED,
                runId,
                at,
                "Gate " + gate.id() + " (" + gate.name() + ") failed; the run stopped there",
                lines);
    }

    static Notice approvalAwaited(String runId, Step.Gate gate, int attempt, Instant at) {
        return new Notice(
                key(NoticeKind.APPROVAL_AWAITED, runId, gate.id(), attempt),
                NoticeKind.APPROVAL_AWAITED,
                runId,
                at,
                "Gate " + gate.id() + " (" + gate.name() + ") passed and awaits approval",
                List.of("approve with `cutover approve " + gate.id() + "` or from the dashboard"));
    }

    static Notice runFinished(String runId, int stepsRun, Instant at) {
        return new Notice(
                key(NoticeKind.RUN_FINISHED, runId),
                NoticeKind.RUN_FINISHED,
                runId,
                at,
                "Run " + runId + " finished: every step of the plan is done",
                List.of(stepsRun + " steps run by the last invocation"));
    }

    static Notice rollbackDone(String runId, String toStep, List<String> failures, Instant at) {
        String to = toStep == null ? "the start of the run" : toStep;
        return new Notice(
                key(NoticeKind.ROLLBACK_DONE, runId, to, at),
                NoticeKind.ROLLBACK_DONE,
                runId,
                at,
                failures.isEmpty()
                        ? "Rollback of run " + runId + " to " + to + " done"
                        : "Rollback of run " + runId + " to " + to + " ended with " + failures.size() + " failures",
                failures);
    }

    /** Failed moves named in a budget notice: enough to start the review, the rest are in the journal. */
    static final int NAMED = 10;

    /** One notice per hold: every instance that saw the budget run out writes the same key. */
    static Notice budgetExhausted(BudgetHold h) {
        List<String> lines = new ArrayList<>();
        lines.add(h.budget() + " " + h.scope() + ": " + h.failed() + " of the last " + h.considered()
                + " moves failed; the run holds at " + h.stepId());
        h.failures().stream().limit(NAMED).forEach(f -> lines.add("failed: " + f));
        if (h.failures().size() > NAMED) {
            lines.add("... and " + (h.failures().size() - NAMED) + " more failed moves (see `cutover status`)");
        }
        lines.add("review, then `cutover run --resume` goes on");
        return new Notice(
                key(NoticeKind.BUDGET_EXHAUSTED, h.runId(), h.sinceSeq()),
                NoticeKind.BUDGET_EXHAUSTED,
                h.runId(),
                h.heldAt(),
                "Run " + h.runId() + " holds for review: " + h.reason(),
                lines);
    }

    /**
     * One notice per lost instance, however many units are taken over from it, and by however
     * many instances.
     *
     * @param units the units it held when the first of them was taken over
     */
    static Notice instanceLost(String runId, Lease lost, String why, String takenBy, List<String> units, Instant at) {
        List<String> lines = new ArrayList<>();
        lines.add("lost: " + lost.who() + " (" + why + ", last heartbeat " + lost.heartbeatAt() + ")");
        lines.add("taken over by " + takenBy);
        units.forEach(u -> lines.add("unit: " + u));
        return new Notice(
                key(NoticeKind.INSTANCE_LOST, runId, lost.holder()),
                NoticeKind.INSTANCE_LOST,
                runId,
                at,
                "Run " + runId + ": instance " + lost.who() + " was lost; its work is taken over",
                lines);
    }

    /**
     * A site's change window closed and the run holds. One per site and window: keyed by the
     * opening the run waits for, so every instance (and every invocation) that holds there writes
     * the same notice.
     */
    static Notice windowClosed(String runId, String site, RunOutcome.Held held, Instant at) {
        return new Notice(
                key(NoticeKind.WINDOW_CLOSED, runId, site, held.until()),
                NoticeKind.WINDOW_CLOSED,
                runId,
                at,
                "Run " + runId + " holds at " + held.atStep() + ": " + held.reason(),
                List.of(
                        held.until() == null
                                ? "no window opens within a year: change the windows file and `cutover run --resume`"
                                : "`cutover run --follow` goes on when it opens"));
    }

    /** The window a following run waited for opened and the run goes on; one per site and window. */
    static Notice windowOpened(String runId, String site, String atStep, Instant opening, Instant at) {
        return new Notice(
                key(NoticeKind.WINDOW_OPENED, runId, site, opening),
                NoticeKind.WINDOW_OPENED,
                runId,
                at,
                "Site " + site + "'s change window opened; run " + runId + " goes on at " + atStep,
                List.of("opened at " + opening));
    }

    private static String key(NoticeKind kind, Object... parts) {
        StringBuilder k = new StringBuilder(kind.code());
        for (Object p : parts) {
            k.append('/').append(p);
        }
        return k.toString();
    }
}
