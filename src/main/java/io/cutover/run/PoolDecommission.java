package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.check.Check;
import io.cutover.check.CheckResult;
import io.cutover.check.CheckRunner;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.journal.RunRecord;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Decommissions one legacy pool now, outside the run's order: the drain check first, then the
 * deactivation, each journaled under the plan's step for that pool (or a step id of the same form
 * when the plan has none), so {@code status} shows it as the run would have.
 */
public final class PoolDecommission {
    /** @param alreadyDecommissioned true when the pool was decommissioned before: nothing was done */
    public record Done(Fqdn fqdn, boolean alreadyDecommissioned) {}

    private final Plan plan;
    private final RunRecord run;
    private final Journal journal;
    private final Deployment deployment;
    private final Clock clock;
    private final String actor;

    public PoolDecommission(
            Plan plan, RunRecord run, Journal journal, Deployment deployment, Clock clock, String actor) {
        this.plan = plan;
        this.run = run;
        this.journal = journal;
        this.deployment = deployment;
        this.clock = clock;
        this.actor = actor;
    }

    /**
     * @param pool the pool's FQDN, in any case
     * @throws CutoverException UNKNOWN_POOL, POOL_NOT_EMPTY (naming what is still homed there), or
     *     STEP_FAILED when the deployment refused the deactivation
     */
    public Done execute(String pool) {
        Pool found = deployment.snapshot().pool(pool);
        Fqdn fqdn = found.fqdn();
        if (deployment.poolState(fqdn) == PoolState.Decommissioned) {
            return new Done(fqdn, true);
        }
        Progress progress = Progress.of(journal.entries(run.id()));
        drain(found, progress);
        deactivate(found, progress);
        return new Done(fqdn, false);
    }

    private void drain(Pool pool, Progress progress) {
        Fqdn fqdn = pool.fqdn();
        String stepId = plan.steps().stream()
                .filter(s -> s instanceof Step.Gate g && g.checks().contains(new Check.Drain(fqdn)))
                .map(Step::id)
                .findFirst()
                .orElse(pool.site() + "/" + fqdn + "/drain");
        Entry begin = begin(stepId, progress, "drain check of " + fqdn);
        CheckResult drain = check(fqdn);
        journal.append(begin.end(
                drain.passed() ? Outcome.OK : Outcome.FAILED, Evidence.write(List.of(drain)), clock.instant()));
        if (!drain.passed()) {
            throw new CutoverException(
                    ErrorCode.POOL_NOT_EMPTY,
                    fqdn + " is not empty: " + String.join("; ", drain.failures())
                            + "; run `cutover run --resume` or see `cutover status`");
        }
    }

    private CheckResult check(Fqdn fqdn) {
        ExecutorService probes = Executors.newFixedThreadPool(2);
        try {
            return new CheckRunner(deployment, probes).evaluate(new Check.Drain(fqdn));
        } finally {
            probes.shutdownNow();
        }
    }

    private void deactivate(Pool pool, Progress progress) {
        Fqdn fqdn = pool.fqdn();
        String stepId = plan.steps().stream()
                .filter(s -> s instanceof Step.Decommission d && d.target().equals(fqdn))
                .map(Step::id)
                .findFirst()
                .orElse(pool.site() + "/" + fqdn + "/decommission");
        Entry begin = begin(stepId, progress, "decommission " + fqdn);
        try {
            deployment.decommission(fqdn);
            journal.append(begin.end(Outcome.OK, fqdn + " decommissioned", clock.instant()));
        } catch (DeploymentFailure f) {
            journal.append(begin.end(Outcome.FAILED, f.getMessage(), clock.instant()));
            throw new CutoverException(ErrorCode.STEP_FAILED, "decommission of " + fqdn + " failed: " + f.getMessage());
        }
    }

    private Entry begin(String stepId, Progress progress, String detail) {
        Progress.Status s = progress.status(stepId, null);
        int attempt = (s == null ? 0 : s.attempts()) + 1;
        Entry begin =
                Entry.begin(run.id(), stepId, null, Action.DO, attempt, null, null, detail, clock.instant(), actor);
        journal.append(begin);
        return begin;
    }
}
