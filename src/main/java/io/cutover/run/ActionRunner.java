package io.cutover.run;

import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.plan.Step;
import java.util.List;

/**
 * Carries out a step that changes one thing (deploy a target, route federation, decommission),
 * journaled before and after each attempt, retried under the run's policy.
 */
final class ActionRunner {
    private final RunContext ctx;

    ActionRunner(RunContext ctx) {
        this.ctx = ctx;
    }

    /** Returns an outcome when the run must stop, null when the step is done. */
    RunOutcome run(Step step, int firstAttempt) {
        ctx.ticks().accept(new Tick(step, 0, 1));
        Entry begin = begin(step, firstAttempt);
        for (int made = 1; ; made++) {
            try {
                String detail = act(step);
                ctx.append(begin.end(Outcome.OK, detail, ctx.clock().instant()));
                ctx.ticks().accept(new Tick(step, 1, 1));
                return null;
            } catch (DeploymentFailure f) {
                boolean retry = f.isTransient() && ctx.backoff().policy().mayRetry(made);
                ctx.append(begin.end(
                        retry ? Outcome.RETRY : Outcome.FAILED,
                        f.getMessage(),
                        ctx.clock().instant()));
                if (!retry) {
                    return new RunOutcome.StepFailed(step.id(), List.of(step.title() + ": " + f.getMessage()));
                }
                if (!ctx.backoff().await(made)) {
                    return new RunOutcome.Stopped(ctx.stop().request(), step.id());
                }
                begin = begin(step, begin.attempt() + 1);
            }
        }
    }

    private Entry begin(Step step, int attempt) {
        Fqdn from = step instanceof Step.RouteFederation r ? r.from() : null;
        Fqdn to = step instanceof Step.RouteFederation r ? r.to() : null;
        Entry begin = ctx.begin(step.id(), null, attempt, from, to, step.title());
        ctx.append(begin);
        return begin;
    }

    private String act(Step step) {
        if (step instanceof Step.DeployTarget s) {
            PoolState state = ctx.deployment().poolState(s.target());
            if (state == PoolState.NotDeployed) {
                ctx.deployment().deploy(s.target());
                state = ctx.deployment().poolState(s.target());
            }
            if (state != PoolState.Up) {
                throw DeploymentFailure.retryable(s.target() + " is " + state + ", not Up");
            }
            return s.target() + " is deployed and up";
        } else if (step instanceof Step.RouteFederation s) {
            ctx.deployment().setFederationRoute(s.site(), s.to());
            return "site " + s.site() + " federates through " + s.to();
        } else if (step instanceof Step.Decommission s) {
            ctx.deployment().decommission(s.target());
            return s.target() + " decommissioned";
        }
        throw new IllegalArgumentException("not an action step: " + step);
    }
}
