package io.cutover.deployment;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.time.Duration;

/**
 * When to try a failed operation again and how long to wait first: exponential backoff with
 * jitter, up to a number of attempts. Pure: the random draw is passed in, so the same draws give
 * the same delays. {@link Backoff} does the waiting.
 *
 * @param maxAttempts attempts in all, the first included (at least 1)
 * @param first the delay before the second attempt; it doubles per failed attempt
 * @param cap no delay is longer than this
 * @param jitter the share of a delay that is random, 0 to 1: a delay lies in {@code [d * (1 -
 *     jitter), d]}, so that workers that failed together do not all retry together
 */
public record RetryPolicy(int maxAttempts, Duration first, Duration cap, double jitter) {
    /** A policy's delays are capped at this many times the first one. */
    public static final int MAX_GROWTH = 64;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "attempts must be at least 1, got " + maxAttempts);
        }
        if (first.isNegative() || cap.compareTo(first) < 0) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "retry delays must satisfy 0 <= first <= cap, got " + first + " and " + cap);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "jitter must be between 0 and 1, got " + jitter);
        }
    }

    /** Doubling from {@code first} up to {@link #MAX_GROWTH} times it, with half of each delay random. */
    public static RetryPolicy doubling(int maxAttempts, Duration first) {
        return new RetryPolicy(maxAttempts, first, first.multipliedBy(MAX_GROWTH), 0.5);
    }

    /** Whether another attempt is allowed after {@code attemptsMade} attempts failed transiently. */
    public boolean mayRetry(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /**
     * The delay after {@code failedAttempts} failures (1 for the first retry).
     *
     * @param draw a number in [0, 1): 0 gives the full delay, values near 1 the shortest
     */
    public Duration delay(int failedAttempts, double draw) {
        long full = Math.min(cap.toMillis(), grown(first.toMillis(), Math.max(failedAttempts, 1) - 1));
        return Duration.ofMillis(full - (long) (full * jitter * draw));
    }

    /** {@code millis * 2^doublings}, saturating instead of overflowing. */
    private static long grown(long millis, int doublings) {
        int shift = Math.min(doublings, 62);
        return millis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : millis << shift;
    }
}
