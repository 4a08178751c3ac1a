package io.cutover.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * What a claimant may do with a lease as it stands: take it (it is free, released, or its holder
 * is dead), renew it (it is already the claimant's), or be refused (a live process holds it).
 * Pure: the clock's reading and whether a process of this host is alive are given.
 */
public sealed interface LeaseVerdict {
    /**
     * @param token the fencing token of the new holding
     * @param from the holding taken over (null when the lease was never held)
     * @param why "free", "released", "heartbeat expired" or "process gone"
     */
    record Take(long token, Lease from, String why) implements LeaseVerdict {}

    record Renew(Lease mine) implements LeaseVerdict {}

    record Refuse(Lease holder) implements LeaseVerdict {}

    /**
     * @param current the lease row, if the scope was ever held
     * @param term how long after its last heartbeat a holding lapses
     * @param aliveHere whether a process id of this host is a live process; asked only when the
     *     holder runs on the claimant's host
     */
    static LeaseVerdict decide(
            Optional<Lease> current, Claimant me, Instant now, Duration term, LongPredicate aliveHere) {
        if (current.isEmpty()) {
            return new Take(1, null, "free");
        }
        Lease l = current.get();
        if (l.released()) {
            return new Take(l.token() + 1, l, "released");
        }
        if (l.holder().equals(me.id())) {
            return new Renew(l);
        }
        // The rule status shows instances by, so that both agree on who is lost.
        Presence p = Presence.of(l.host(), l.pid(), l.heartbeatAt(), null, now, term, me.host(), aliveHere);
        return p == Presence.LIVE ? new Refuse(l) : new Take(l.token() + 1, l, p.why());
    }
}
