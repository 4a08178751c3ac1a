package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Hold;
import io.cutover.journal.Instance;
import io.cutover.journal.Journal;
import io.cutover.journal.LeaseTerms;
import io.cutover.journal.Presence;
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
                .filter(i -> live(i, now))
                .toList();
        if (!live.isEmpty()) {
            Instance i = live.get(0);
            String who = "process " + i.pid() + " on host " + i.host() + " (" + i.actor() + ")";
            throw new CutoverException(
                    ErrorCode.RUN_IN_PROGRESS,
                    live.size() == 1
                            ? who + " carries out the run in units of work (run --shared or --parallel-sites);"
                                    + " join it with `cutover run --shared`, or wait for it to finish"
                            : live.size() + " processes carry out the run in units of work (run --shared or"
                                    + " --parallel-sites), " + who + " among them; join them with `cutover run"
                                    + " --shared`, or wait for them to finish");
        }
    }

    /**
     * The instances that have not left the run, for status: live or not while the run goes on (one
     * lapsed or gone may still hold units the others have yet to take over); once it is finished
     * only the live, since the others took no part in its end and hold nothing it needs.
     */
    static List<StatusReport.InstanceLine> lines(List<Instance> all, Instant now, boolean finished) {
        return all.stream()
                .filter(i -> i.stoppedAt() == null && (!finished || live(i, now)))
                .map(i -> new StatusReport.InstanceLine(
                        i.host(),
                        i.pid(),
                        i.actor(),
                        i.sites(),
                        i.heartbeatAt().toString(),
                        i.units(),
                        Presence.of(i, now, TERMS.term()).word()))
                .toList();
    }

    /** Whether an instance other than the one of id {@code mine} (null: none) is live: it drives the run. */
    static boolean liveBesides(List<Instance> all, Instant now, String mine) {
        return all.stream().anyMatch(i -> !i.id().equals(mine) && live(i, now));
    }

    /** Live by the rule the instances' take-overs follow: its heartbeat within the term, its process alive here. */
    private static boolean live(Instance i, Instant now) {
        return Presence.of(i, now, TERMS.term()) == Presence.LIVE;
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
