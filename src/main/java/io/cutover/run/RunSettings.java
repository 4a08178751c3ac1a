package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.plan.Phase;
import java.time.Duration;

/**
 * How the executor runs, resolved once at the edge.
 *
 * @param concurrency moves (and probes) in flight at once
 * @param maxAttempts attempts per item before a transient failure is reported as a failure
 * @param backoff the first retry's delay; it doubles per attempt
 * @param until run only steps of phases up to this one (null: all)
 * @param actor who is running, for the journal
 */
public record RunSettings(int concurrency, int maxAttempts, Duration backoff, Phase until, String actor) {
    public RunSettings {
        if (concurrency < 1 || concurrency > 512) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--concurrency must be between 1 and 512, got " + concurrency);
        }
        if (maxAttempts < 1) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--attempts must be at least 1, got " + maxAttempts);
        }
    }

    public static RunSettings defaults(String actor) {
        return new RunSettings(24, 5, Duration.ofMillis(100), null, actor);
    }

    public RunSettings withUntil(Phase phase) {
        return new RunSettings(concurrency, maxAttempts, backoff, phase, actor);
    }

    public RunSettings withConcurrency(int n) {
        return new RunSettings(n, maxAttempts, backoff, until, actor);
    }

    public RunSettings withBackoff(Duration d) {
        return new RunSettings(concurrency, maxAttempts, d, until, actor);
    }
}
