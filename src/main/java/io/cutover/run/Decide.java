package io.cutover.run;

import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.util.Optional;

/** What to do next: a pure function of the plan, the journal's progress and the phase limit. */
public final class Decide {
    /**
     * The journal item under a gate step that records a person's approval: its BEGIN row says since
     * when the gate has waited, its END row who approved and when.
     */
    public static final String APPROVAL = "approval";

    private Decide() {}

    /**
     * The first step in plan order that is not done, skipping steps of phases after {@code until}
     * (null: no limit). Steps of a later phase are skipped rather than stopping the walk because
     * each site and pool walks the phases on its own: {@code --until Pilot} pilots every site.
     */
    public static Optional<Step> next(Plan plan, Progress progress, Phase until) {
        return next(plan, progress, step -> until == null || step.phase().compareTo(until) <= 0);
    }

    /** The first step in plan order that is not done, among the steps a run's settings cover. */
    public static Optional<Step> next(Plan plan, Progress progress, RunSettings settings) {
        return next(plan, progress, settings::covers);
    }

    private static Optional<Step> next(Plan plan, Progress progress, java.util.function.Predicate<Step> covered) {
        for (Step step : plan.steps()) {
            if (covered.test(step) && !done(plan, step, progress)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the step is done and, for a gate the plan marks for approval, also approved: only
     * then may the run go past it.
     */
    public static boolean done(Plan plan, Step step, Progress progress) {
        return done(step, progress) && (!plan.options().needsApproval(step) || approved(step, progress));
    }

    /** Whether a person approved the gate (and no rollback has undone that since). */
    public static boolean approved(Step step, Progress progress) {
        return progress.state(step.id(), APPROVAL) == State.DONE;
    }

    /** Whether the gate's checks passed and it now waits for a person's approval. */
    public static boolean awaitingApproval(Plan plan, Step step, Progress progress) {
        boolean manualWaiting =
                step.phase() == io.cutover.plan.Phase.Manual && progress.state(step.id(), APPROVAL) == State.IN_DOUBT;
        return plan.options().needsApproval(step)
                && (done(step, progress) || manualWaiting)
                && !approved(step, progress);
    }

    /** Whether every effect of the step is in place according to the journal (for a gate: its checks passed). */
    public static boolean done(Step step, Progress progress) {
        if (step instanceof Step.MoveBatch batch) {
            for (Move m : batch.moves()) {
                if (progress.state(step.id(), m.item()) != State.DONE) {
                    return false;
                }
            }
            return true;
        }
        return progress.state(step.id(), null) == State.DONE;
    }

    /** Whether any effect of the step may be in place (done, part done, or in doubt). */
    public static boolean started(Step step, Progress progress) {
        if (step instanceof Step.MoveBatch batch) {
            for (Move m : batch.moves()) {
                State s = progress.state(step.id(), m.item());
                if (s == State.DONE || s == State.IN_DOUBT || s == State.UNDOING) {
                    return true;
                }
            }
            return false;
        }
        State s = progress.state(step.id(), null);
        return s == State.DONE || s == State.IN_DOUBT || s == State.UNDOING;
    }
}
