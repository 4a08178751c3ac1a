package io.cutover.app;

import io.cutover.journal.Control;
import io.cutover.run.Approval;
import io.cutover.run.PoolDecommission;
import io.cutover.run.Requests;
import java.util.Locale;

/**
 * The actions people take on a run besides running and rolling back: {@code pause}, {@code abort}
 * and {@code resume} requests, {@code approve} and {@code decommission}. Each reaches the audit log.
 */
final class Actions {
    private final Context c;

    Actions(Context c) {
        this.c = c;
    }

    Results.ControlResult request(Control.Request request) {
        String name = request.name().toLowerCase(Locale.ROOT);
        return new Audit(c).audited(name, null, s -> {
            CurrentRun current = s.existingRun();
            Requests.request(
                    s.journal(), current.id(), request, c.actor(), c.clock().instant());
            return new Results.ControlResult(current.id(), name);
        });
    }

    /**
     * Records a person's approval of a gate that waits for one: the gate's checks must have passed.
     * A running executor (in this process or another) sees the journal row and goes on.
     */
    Results.ApprovalResult approve(String stepId) {
        return new Audit(c).audited("approve", stepId, s -> {
            CurrentRun current = s.existingRun();
            Approval.Given given = Approval.give(
                    current.plan(),
                    current.run(),
                    s.journal(),
                    stepId,
                    c.actor(),
                    c.channel(),
                    c.clock().instant());
            return new Results.ApprovalResult(given.runId(), given.stepId(), given.by(), given.at(), given.already());
        });
    }

    /**
     * Decommissions one legacy pool of the workspace's lab now: the drain check first, journaled,
     * then the deactivation. Refused, with what is still homed there, when the pool is not empty.
     */
    Results.DecommissionResult decommission(String pool) {
        return new Audit(c).audited("decommission", pool, s -> {
            CurrentRun current = s.existingRun();
            // Refused input leaves no trace, not even a hold taken and let go.
            s.lab().snapshot().pool(pool);
            // A run's own decommission step must not race this one.
            s.hold();
            PoolDecommission.Done done = new PoolDecommission(
                            current.plan(), current.run(), s.journal(), s.lab(), c.clock(), c.actor())
                    .execute(pool);
            return new Results.DecommissionResult(done.fqdn(), done.alreadyDecommissioned());
        });
    }
}
