package io.cutover.run;

import io.cutover.deployment.Deployment;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Site;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.plan.Move;
import io.cutover.plan.Step;
import java.time.Instant;
import java.util.Optional;

/**
 * Settles attempts that began and never ended (the process stopped between asking the deployment
 * and hearing its answer) by asking the deployment whether the effect is in place. Resume and
 * rollback both settle before they act, so that nothing is moved twice and nothing that never
 * moved is moved back.
 */
final class InDoubt {
    private InDoubt() {}

    /** The END row that closes a move in doubt: OK when the subject is on its target, RETRY otherwise. */
    static Entry settleMove(Deployment deployment, Progress.Status status, Move m, Instant at) {
        Optional<Fqdn> home = deployment.homeOf(m.subject());
        if (home.isPresent() && home.get().equals(m.to())) {
            return status.last().end(Outcome.OK, "found on " + m.to() + " after an interruption", at);
        }
        return status.last()
                .end(
                        Outcome.RETRY,
                        "interrupted before it ended; still on "
                                + home.map(Fqdn::text).orElse("an unknown pool"),
                        at);
    }

    /** The END row that closes a non-move step in doubt: OK when its effect is in place, RETRY otherwise. */
    static Entry settleStep(Deployment deployment, Progress.Status status, Step step, Instant at) {
        return inPlace(deployment, step)
                ? status.last().end(Outcome.OK, "found done after an interruption", at)
                : status.last().end(Outcome.RETRY, "interrupted before it ended; trying again", at);
    }

    /** Whether a non-move step's effect is in place; a gate has none and is evaluated again. */
    static boolean inPlace(Deployment deployment, Step step) {
        if (step instanceof Step.DeployTarget s) {
            return deployment.poolState(s.target()) == PoolState.Up;
        } else if (step instanceof Step.RouteFederation s) {
            return deployment
                    .snapshot()
                    .findSite(s.site())
                    .map(Site::federationRoute)
                    .map(route -> route.equals(s.to()))
                    .orElse(false);
        } else if (step instanceof Step.Decommission s) {
            return deployment.poolState(s.target()) == PoolState.Decommissioned;
        }
        return false;
    }
}
