package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.journal.RunRecord;
import io.cutover.journal.State;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A person's approval of a gate that waits for one, journaled as the gate's approval item: a
 * running executor (in this process or another) sees the row and goes on.
 */
public final class Approval {
    /** The gate approved (or found approved already) by {@code by} at {@code at}. */
    public record Given(String runId, String stepId, String by, Instant at, boolean already) {}

    private Approval() {}

    /**
     * Approves {@code stepId}, whose checks must have passed.
     *
     * @param channel where the approval came from ("cli", "api"), kept in the journal row
     * @throws CutoverException UNKNOWN_STEP when the plan has no such step, NOT_AWAITING_APPROVAL
     *     when the step needs no approval or its checks have not passed yet
     */
    public static Given give(
            Plan plan, RunRecord run, Journal journal, String stepId, String actor, String channel, Instant at) {
        Step step = approvable(plan, stepId);
        Progress progress = Progress.of(journal.entries(run.id()));
        Progress.Status approval = progress.status(step.id(), Decide.APPROVAL);
        if (approval != null && approval.state() == State.DONE) {
            return new Given(run.id(), step.id(), approval.last().actor(), approval.endedAt(), true);
        }
        if (!Decide.done(step, progress) && step.phase() != io.cutover.plan.Phase.Manual) {
            throw new CutoverException(
                    ErrorCode.NOT_AWAITING_APPROVAL,
                    step.id() + " has not passed its checks yet (it is "
                            + progress.state(step.id(), null)
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', ' ')
                            + "); it can be approved once `cutover status` says it awaits approval");
        }
        journal.append(rows(run.id(), step.id(), approval, actor, channel, at));
        return new Given(run.id(), step.id(), actor, at, false);
    }

    private static Step approvable(Plan plan, String stepId) {
        Step step = plan.findStep(stepId)
                .orElseThrow(() -> new CutoverException(
                        ErrorCode.UNKNOWN_STEP,
                        "no step '" + stepId + "' in the plan; `cutover status` lists the step ids"));
        if (!plan.options().needsApproval(step)) {
            throw new CutoverException(
                    ErrorCode.NOT_AWAITING_APPROVAL,
                    step.id() + " does not need approval: the plan marks the gates of phases "
                            + plan.options().approveGates() + " for approval (`cutover plan --approve-gates`)");
        }
        return step;
    }

    /** An approval left begun (in doubt) is ended in the same attempt; otherwise a new attempt begins and ends. */
    static List<Entry> rows(
            String runId, String stepId, Progress.Status approval, String actor, String channel, Instant at) {
        boolean inDoubt = approval != null && approval.state() == State.IN_DOUBT;
        int attempt = approval == null ? 1 : approval.attempts() + (inDoubt ? 0 : 1);
        List<Entry> rows = new ArrayList<>();
        if (!inDoubt) {
            rows.add(Entry.begin(
                    runId, stepId, Decide.APPROVAL, Action.DO, attempt, null, null, "awaiting approval", at, actor));
        }
        rows.add(new Entry(
                0,
                runId,
                stepId,
                Decide.APPROVAL,
                Action.DO,
                attempt,
                Event.END,
                Outcome.OK,
                null,
                null,
                "approved by " + actor + " (" + channel + ")",
                at,
                actor));
        return rows;
    }
}
