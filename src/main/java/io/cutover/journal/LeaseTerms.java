package io.cutover.journal;

import java.time.Duration;

/**
 * How long a holding lasts without a sign of life, and how often its holder gives one.
 *
 * @param term a holding whose last heartbeat is older than this is taken over
 * @param heartbeat the holder renews this often; several fit in one term, so a busy journal that
 *     delays one heartbeat does not lose the lease
 */
public record LeaseTerms(Duration term, Duration heartbeat) {
    /** 30 s without a heartbeat, one every 5 s. */
    public static final LeaseTerms DEFAULT = new LeaseTerms(Duration.ofSeconds(30), Duration.ofSeconds(5));

    public LeaseTerms {
        if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(term) >= 0) {
            throw new IllegalArgumentException(
                    "a heartbeat (" + heartbeat + ") must come more often than the term (" + term + ")");
        }
    }
}
