package io.cutover.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;

/**
 * Whether a holder (of a lease, or an instance sharing a run) still takes part, by the one rule
 * take-overs follow: a holder whose last heartbeat is older than the term is lapsed, one on this
 * host whose process is gone is gone, at once. A lapsed or gone holder can write nothing (its
 * writes are fenced and its holdings are taken over), so nothing waits for it to leave.
 *
 * <p>In JSON and text the lower-case word: {@code live}, {@code lapsed}, {@code gone}, {@code left}.
 */
public enum Presence {
    /** It gives signs of life within the term, and its process is alive when it runs on this host. */
    LIVE("live", null),
    /** Its last heartbeat is older than the term: it died on another host, or stalls. */
    LAPSED("lapsed", "heartbeat expired"),
    /** It ran on this host and its process is gone (a crash, {@code kill -9}). */
    GONE("gone", "process gone"),
    /** It left of its own accord. */
    LEFT("left", null);

    private final String word;
    private final String why;

    Presence(String word, String why) {
        this.word = word;
        this.why = why;
    }

    /** The public word: "live", "lapsed", "gone" or "left". */
    public String word() {
        return word;
    }

    /** Why a take-over may happen, as a take-over says it: "heartbeat expired" or "process gone"; null otherwise. */
    String why() {
        return why;
    }

    /**
     * Pure: the clock's reading and whether a process of this host is alive are given.
     *
     * @param stoppedAt when it left; null while it has not
     * @param here this host's name, as {@link Claimant} gives it
     * @param aliveHere whether a process id of this host is a live process; asked only when the
     *     holder runs on {@code here}
     */
    static Presence of(
            String host,
            long pid,
            Instant heartbeatAt,
            Instant stoppedAt,
            Instant now,
            Duration term,
            String here,
            LongPredicate aliveHere) {
        if (stoppedAt != null) {
            return LEFT;
        }
        // What is known for sure first: a process of this host that is gone stays gone, however
        // long ago its last heartbeat was.
        if (host.equals(here) && !aliveHere.test(pid)) {
            return GONE;
        }
        return heartbeatAt.plus(term).isBefore(now) ? LAPSED : LIVE;
    }

    /** Where {@code i} stands at {@code now}, asking this host whether its process is alive. */
    public static Presence of(Instance i, Instant now, Duration term) {
        return of(i.host(), i.pid(), i.heartbeatAt(), i.stoppedAt(), now, term, Claimant.thisHost(), Presence::alive);
    }

    /** Where the holder of {@code l} stands at {@code now}: {@link #LEFT} once it let go. */
    public static Presence of(Lease l, Instant now, Duration term) {
        return of(l.host(), l.pid(), l.heartbeatAt(), l.releasedAt(), now, term, Claimant.thisHost(), Presence::alive);
    }

    /** Whether {@code pid} is a live process of this host. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
