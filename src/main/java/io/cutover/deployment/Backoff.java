package io.cutover.deployment;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Waits out a {@link RetryPolicy}'s delays, a short slice at a time, asking between slices whether
 * the run was asked to stop: a pause or abort ends the wait at once instead of after it. Safe to
 * share between threads.
 */
public final class Backoff {
    /** The longest single sleep: how late a stop request may be noticed during a wait. */
    public static final Duration SLICE = Duration.ofMillis(50);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final BooleanSupplier stop;

    /**
     * @param random the jitter's draws: a seeded generator makes the delays repeatable
     * @param stop true when the waiting work should give up (a pause or abort was asked for)
     */
    public Backoff(RetryPolicy policy, Sleeper sleeper, RandomGenerator random, BooleanSupplier stop) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.stop = stop;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Whether the work was asked to stop. */
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }

    /**
     * Waits the policy's delay before the attempt after {@code failedAttempts} failures; returns
     * false, without waiting further, when a stop is requested before or during the wait. Whether
     * another attempt is allowed at all is {@link RetryPolicy#mayRetry}.
     *
     * @throws CutoverException INTERNAL when the thread is interrupted
     */
    public boolean await(int failedAttempts) {
        if (stopRequested()) {
            return false;
        }
        Duration left = policy.delay(failedAttempts, draw());
        while (!left.isZero() && !left.isNegative()) {
            Duration slice = left.compareTo(SLICE) < 0 ? left : SLICE;
            sleep(slice);
            left = left.minus(slice);
            if (stopRequested()) {
                return false;
            }
        }
        return true;
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted during retry backoff", e);
        }
    }
}
