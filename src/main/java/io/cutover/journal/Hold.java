package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's hold on a scope of the journal (the run): acquired once, renewed by heartbeat on
 * a thread of its own until closed, and checked by the journal's every write (see
 * {@link Journal#fence}). One process drives a run at a time; another that tries is refused with
 * the holder's name, and a holder that died is taken over.
 */
public final class Hold implements AutoCloseable {
    /** The scope of the journal's run as a whole: whoever holds it runs, resumes or rolls back. */
    public static final String RUN = "run";

    private static final Logger LOG = LoggerFactory.getLogger(Hold.class);
    private static final int RACES = 5;

    private final Leases leases;
    private final Lease lease;
    private final Clock clock;
    private final ScheduledExecutorService beat;
    private volatile boolean lost;

    private Hold(Leases leases, Lease lease, Clock clock, Duration every) {
        this.leases = leases;
        this.lease = lease;
        this.clock = clock;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        beat.scheduleWithFixedDelay(this::renew, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes {@code scope} of the journal for {@code me}, and fences the journal's writes with it.
     *
     * @throws CutoverException RUN_IN_PROGRESS naming the holder, when a live process holds it
     */
    public static Hold acquire(Journal journal, String scope, Claimant me, Clock clock, LeaseTerms terms) {
        Leases leases = journal.leases();
        for (int race = 1; ; race++) {
            Optional<Lease> current = leases.find(scope);
            Instant now = clock.instant();
            LeaseVerdict verdict = LeaseVerdict.decide(current, me, now, terms.term(), Presence::alive);
            if (verdict instanceof LeaseVerdict.Refuse refuse) {
                throw refused(refuse.holder(), now, terms);
            }
            Lease mine = verdict instanceof LeaseVerdict.Take take
                    ? Lease.of(scope, me, now, take.token())
                    : ((LeaseVerdict.Renew) verdict).mine();
            if (won(leases, current, mine, verdict)) {
                if (verdict instanceof LeaseVerdict.Take take && take.from() != null) {
                    LOG.info("took over {} from {}: {}", scope, take.from().who(), take.why());
                }
                journal.fence(new Leases.Fence(scope, mine.holder(), mine.token()));
                Hold hold = new Hold(leases, mine, clock, terms.heartbeat());
                // Let go when the journal closes, once its last rows are written, at the latest.
                journal.beforeClose(hold::close);
                return hold;
            }
            if (race == RACES) {
                throw new CutoverException(
                        ErrorCode.RUN_IN_PROGRESS,
                        "other processes keep taking the " + scope + " of " + journal.where() + "; try again");
            }
        }
    }

    private static boolean won(Leases leases, Optional<Lease> current, Lease mine, LeaseVerdict verdict) {
        if (verdict instanceof LeaseVerdict.Renew) {
            return true;
        }
        return current.isEmpty()
                ? leases.insert(mine)
                : leases.replace(current.get().token(), mine);
    }

    private static CutoverException refused(Lease holder, Instant now, LeaseTerms terms) {
        long ago = Math.max(0, Duration.between(holder.heartbeatAt(), now).toSeconds());
        return new CutoverException(
                ErrorCode.RUN_IN_PROGRESS,
                "the run is held by " + holder.who() + " since " + holder.acquiredAt() + " (last heartbeat "
                        + ago + " s ago); one process drives a run at a time. Wait for it to finish, or stop it"
                        + " with `cutover pause` or `cutover abort`; if that process is gone, its hold lapses "
                        + terms.term().toSeconds() + " s after its last heartbeat and `cutover run --resume`"
                        + " takes over");
    }

    /**
     * The holding of {@code scope} by a live process at {@code now}, if any: not let go, its
     * heartbeat within the term, and its process alive when it runs on this host (the rule a
     * take-over follows, see {@link Presence}).
     */
    public static Optional<Lease> live(Journal journal, String scope, Instant now, LeaseTerms terms) {
        return journal.leases().find(scope).filter(l -> Presence.of(l, now, terms.term()) == Presence.LIVE);
    }

    public Lease lease() {
        return lease;
    }

    /** Whether another process has taken the lease over: this process's writes no longer land. */
    public boolean lost() {
        return lost;
    }

    private void renew() {
        try {
            if (!leases.heartbeat(lease.scope(), lease.holder(), lease.token(), clock.instant())) {
                lost = true;
                LOG.warn(
                        "lost the {} lease (token {}) to another process; this process writes no more",
                        lease.scope(),
                        lease.token());
                beat.shutdown();
            }
        } catch (RuntimeException e) {
            // A busy journal misses one heartbeat; the term allows for several.
            LOG.warn("heartbeat of the {} lease failed: {}", lease.scope(), e.toString());
        }
    }

    /** Stops the heartbeat and lets go of the lease; the next process takes it at once. */
    @Override
    public void close() {
        beat.shutdownNow();
        try {
            beat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!lost) {
            leases.release(lease.scope(), lease.holder(), lease.token(), clock.instant());
        }
    }
}
