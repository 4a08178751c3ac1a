package io.cutover.journal;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of the lease table: who holds a scope (the run, for now), since when, the last sign of
 * life, and the fencing token of the current holding.
 *
 * @param scope what is held: {@link Hold#RUN} for the journal's run as a whole
 * @param holder the holding's random id, new for every acquisition
 * @param host the holder's host name, as that host reports it
 * @param pid the holder's operating-system process id on {@code host}
 * @param actor who started the holding process (a user name, or the signed-in person for the API)
 * @param releasedAt when the holder let go; null while held
 * @param token the fencing token: 1 for the first holding, one more for each after it
 */
public record Lease(
        String scope,
        String holder,
        String host,
        long pid,
        String actor,
        Instant acquiredAt,
        Instant heartbeatAt,
        Instant releasedAt,
        long token) {

    public boolean released() {
        return releasedAt != null;
    }

    /** Whether the last heartbeat is more than {@code term} before {@code now}. */
    public boolean expired(Instant now, Duration term) {
        return heartbeatAt.plus(term).isBefore(now);
    }

    /** The holder as people know it: "process 4242 on host ws-07 (alice)". */
    public String who() {
        return "process " + pid + " on host " + host + " (" + actor + ")";
    }

    /** The holding of {@code claimant}, begun (and last renewed) at {@code at}. */
    static Lease of(String scope, Claimant claimant, Instant at, long token) {
        return new Lease(scope, claimant.id(), claimant.host(), claimant.pid(), claimant.actor(), at, at, null, token);
    }
}
