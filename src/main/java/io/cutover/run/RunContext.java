package io.cutover.run;

import io.cutover.deployment.Backoff;
import io.cutover.deployment.Deployment;
import io.cutover.inventory.Fqdn;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Journal;
import io.cutover.journal.Progress;
import io.cutover.journal.RunRecord;
import io.cutover.plan.Plan;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What the parts of one run (moves, gates, actions) share: where to journal, whom to ask, how to
 * retry and whether to stop. The progress is kept current with every row this run writes.
 */
record RunContext(
        Plan plan,
        RunRecord run,
        Journal journal,
        Deployment deployment,
        Clock clock,
        RunSettings settings,
        Consumer<Tick> ticks,
        Progress progress,
        StopSignal stop,
        Backoff backoff) {

    /** The same run with {@code fresh} progress: a claimed unit starts from what every instance wrote. */
    RunContext with(Progress fresh) {
        return new RunContext(plan, run, journal, deployment, clock, settings, ticks, fresh, stop, backoff);
    }

    /** Journals a row and folds it into the progress. */
    void append(Entry e) {
        journal.append(e);
        progress.apply(e);
    }

    /** The BEGIN row of an attempt at a step ({@code item} null) or at one item of it. */
    Entry begin(String stepId, String item, int attempt, Fqdn from, Fqdn to, String detail) {
        return Entry.begin(
                run.id(), stepId, item, Action.DO, attempt, from, to, detail, clock.instant(), settings.actor());
    }

    /** Users' state recorded before their first move, and compared after it. */
    UserVerification verification() {
        return new UserVerification(deployment, journal.userStates(), run.id(), clock);
    }

    /** The attempt number after the item's latest. */
    int nextAttempt(String stepId, String item) {
        Progress.Status prior = progress.status(stepId, item);
        return prior == null ? 1 : prior.attempts() + 1;
    }
}
