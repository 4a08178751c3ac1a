package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a rollback undoes and in what order: a pure function of the plan and the journal's
 * progress. Attempts in doubt (begun, never ended) cannot be planned for from the journal alone:
 * {@link #inDoubt} names them so that the deployment can be asked first.
 */
public final class RollbackPlan {
    /** A step, or one move of a move step, whose latest attempt began and never ended. */
    public record Item(Step step, Move move) {}

    private RollbackPlan() {}

    /**
     * The index in the plan of the first step to undo: {@code toStep}'s, or 0 for null.
     *
     * @throws CutoverException UNKNOWN_STEP when the plan has no such step
     */
    public static int from(Plan plan, String toStep) {
        if (toStep == null) {
            return 0;
        }
        int from = plan.indexOf(toStep);
        if (from < 0) {
            throw new CutoverException(
                    ErrorCode.UNKNOWN_STEP,
                    "no step '" + toStep + "' in the plan; `cutover status` lists the step ids");
        }
        return from;
    }

    /** The DO attempts in doubt from {@code toStep} on, in plan order: to settle before anything is undone. */
    public static List<Item> inDoubt(Plan plan, Progress progress, String toStep) {
        List<Item> items = new ArrayList<>();
        for (Step step : plan.steps().subList(from(plan, toStep), plan.steps().size())) {
            if (step instanceof Step.MoveBatch batch) {
                batch.moves().stream()
                        .filter(m -> progress.state(step.id(), m.item()) == State.IN_DOUBT)
                        .forEach(m -> items.add(new Item(step, m)));
            } else if (progress.state(step.id(), null) == State.IN_DOUBT) {
                items.add(new Item(step, null));
            }
        }
        return items;
    }

    /**
     * The steps to undo, latest first: every step from {@code toStep} on with an effect that may
     * be in place.
     *
     * @throws CutoverException UNKNOWN_STEP for a step the plan lacks; POINT_OF_NO_RETURN when a
     *     decommission would have to be undone
     */
    public static List<Step> steps(Plan plan, Progress progress, String toStep) {
        int from = from(plan, toStep);
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

    /**
     * The moves of a step to send back, in plan order: those done, those whose undo was
     * interrupted, and those in doubt that {@code landed} says reached their target.
     */
    public static List<Move> moves(Step.MoveBatch batch, Progress progress, Predicate<Move> landed) {
        List<Move> moves = new ArrayList<>();
        for (Move m : batch.moves()) {
            State s = progress.state(batch.id(), m.item());
            if (s == State.DONE || s == State.UNDOING || (s == State.IN_DOUBT && landed.test(m))) {
                moves.add(m);
            }
        }
        return moves;
    }
}
