package io.cutover.app;

import io.cutover.catalog.Catalog;
import io.cutover.deployment.Sleeper;
import io.cutover.lab.Lab;
import io.cutover.metrics.Meters;
import java.time.Clock;

/**
 * What every verb of one facade shares: the workspace, the clock, who acts and from where.
 *
 * @param actor who acts, as the journal and the audit log record it
 * @param channel where the actions come from ("cli", "api"), for the audit log
 * @param meters where runs and rollbacks record what they do, for {@code /metrics}
 */
record Context(Workspace workspace, Clock clock, String actor, String channel, Catalog catalog, Meters meters) {
    /**
     * How the run waits (retries, the next change window): a virtual clock (a rehearsal in
     * virtual time) is its own sleeper, so waiting moves it on; otherwise real sleep.
     */
    Sleeper sleeper() {
        return clock instanceof Sleeper s ? s : Sleeper.system();
    }

    Session session() {
        return new Session(this);
    }

    /** The workspace's lab, for verbs that act on the lab only; the caller closes it. */
    Lab openLab() {
        return Lab.open(workspace.lab(), clock);
    }
}
