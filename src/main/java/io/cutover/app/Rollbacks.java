package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Deployment;
import io.cutover.run.LivePools;
import io.cutover.run.Rollback;
import io.cutover.run.RollbackImpact;
import io.cutover.run.RollbackPlan;
import io.cutover.run.RunSettings;
import io.cutover.run.StatusReport;
import java.util.List;
import java.util.function.Predicate;

/** {@code rollback}: what going back would undo, and going back once confirmed. */
final class Rollbacks {
    private final Context c;

    Rollbacks(Context c) {
        this.c = c;
    }

    RollbackImpact preview(String toStep, Target target) {
        try (Session s = c.session()) {
            CurrentRun current = s.existingRun();
            return rollback(s, current, target, RunSettings.defaults(c.actor())).preview(toStep);
        }
    }

    /** Rolls back after showing the impact to {@code confirm}; nothing happens unless it answers yes. */
    Results.RollbackResult rollback(
            String toStep, RunSettings settings, Predicate<RollbackImpact> confirm, Target target) {
        String what = toStep == null ? "the whole run" : toStep;
        return new Audit(c).audited("rollback", what, s -> rollback(s, toStep, settings, confirm, target));
    }

    private Results.RollbackResult rollback(
            Session s, String toStep, RunSettings settings, Predicate<RollbackImpact> confirm, Target target) {
        CurrentRun current = s.existingRun();
        // Refused input leaves no trace, not even a hold taken and let go.
        RollbackPlan.from(current.plan(), toStep);
        // A rollback moves users as a run does, so it too waits for no one: it holds the run or is refused.
        s.hold();
        Rollback rollback = rollback(s, current, target, settings);
        RollbackImpact impact = rollback.preview(toStep);
        if (impact.nothingToDo()) {
            return new Results.RollbackResult(false, impact, List.of(), status(s, current, target));
        }
        if (!confirm.test(impact)) {
            throw new CutoverException(
                    ErrorCode.NOT_CONFIRMED,
                    "rollback not confirmed; nothing changed (use --yes to confirm without a prompt)");
        }
        List<String> failures = rollback.execute(toStep);
        return new Results.RollbackResult(true, impact, failures, status(s, current, target));
    }

    private Rollback rollback(Session s, CurrentRun current, Target target, RunSettings settings) {
        Deployment deployment = c.meters().watch(s.deployment(target));
        s.journal().watch(c.meters().journal(current.plan()));
        return new Rollback(current.plan(), current.run(), s.journal(), deployment, c.clock(), settings);
    }

    /** As after a run: the deployment is open, so the result shows the pools as they are now. */
    private static StatusReport status(Session s, CurrentRun current, Target target) {
        return s.status(current).withPools(LivePools.of(s.deployment(target)));
    }
}
