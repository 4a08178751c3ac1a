package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Hold;
import io.cutover.journal.Instance;
import io.cutover.journal.Journal;
import io.cutover.journal.LeaseTerms;
import io.cutover.run.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run shared by several instances ({@code run --shared}, {@code --parallel-sites}) beside the
 * run held by one process: an instance takes the run's hold only for the moment it starts (or
 * finds) the run, so instances starting together take turns; a process that holds the run for a
 * whole run is not waited for but named; and a whole-run hold is refused while instances share it.
 */
final class Shared {
    /** A unit's claim lapses 30 s after its holder's last heartbeat; one every 5 s. */
    static final LeaseTerms TERMS = LeaseTerms.DEFAULT;

    /** How long an instance waits for others that are starting the run at the same moment. */
    private static final Duration START_TURN = Duration.ofSeconds(10);

    private Shared() {}

    /**
     * The run's hold, for as long as the caller starts or finds the run.
     *
     * @throws CutoverException RUN_IN_PROGRESS naming the holder when a process holds the whole
     *     run (and keeps it longer than instances take to start)
     */
    static Hold holdToStart(Session s, Context c) {
        Instant giveUp = c.clock().instant().plus(START_TURN);
        while (true) {
            try {
                return Hold.acquire(
                        s.journal(), Hold.RUN, Claimant.thisProcess(c.actor()), c.clock(), LeaseTerms.DEFAULT);
            } catch (CutoverException e) {
                if (e.code() != ErrorCode.RUN_IN_PROGRESS || c.clock().instant().isAfter(giveUp)) {
                    throw e;
                }
                pause();
            }
        }
    }

    /**
     * Refuses to hold the whole run while instances share it.
     *
     * @throws CutoverException RUN_IN_PROGRESS naming a live instance
     */
    static void requireNoInstances(Journal journal, String runId, Instant now) {
        List<Instance> live = Claims.instances(journal, runId).stream()
                .filter(i -> i.stoppedAt() == null && !lapsed(i, now))
                .toList();
        if (!live.isEmpty()) {
            Instance i = live.get(0);
            throw new CutoverException(
                    ErrorCode.RUN_IN_PROGRESS,
                    "the run is shared by " + live.size() + " instance(s), for one process " + i.pid() + " on host "
                            + i.host() + " (" + i.actor() + "); join them with `cutover run --shared`, or wait"
                            + " for them to finish");
        }
    }

    /** The instances sharing the run that have not left it, live or lapsed, for status. */
    static List<StatusReport.InstanceLine> instances(Journal journal, String runId, Instant now) {
        return Claims.instances(journal, runId).stream()
                .filter(i -> i.stoppedAt() == null)
                .map(i -> new StatusReport.InstanceLine(
                        i.host(),
                        i.pid(),
                        i.actor(),
                        i.sites(),
                        i.heartbeatAt().toString(),
                        i.units(),
                        lapsed(i, now) ? "lapsed" : "live"))
                .toList();
    }

    private static boolean lapsed(Instance i, Instant now) {
        return i.heartbeatAt().plus(TERMS.term()).isBefore(now);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted while waiting to start the run", e);
        }
    }
}
