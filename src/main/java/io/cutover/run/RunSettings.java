package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Site;
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
 * @param sites run only steps of these sites (empty: every site), e.g. one site per change window
 */
public record RunSettings(
        int concurrency, int maxAttempts, Duration backoff, Phase until, String actor, java.util.List<String> sites) {
    public RunSettings(int concurrency, int maxAttempts, Duration backoff, Phase until, String actor) {
        this(concurrency, maxAttempts, backoff, until, actor, java.util.List.of());
    }

    public RunSettings {
        sites = java.util.List.copyOf(sites);
        if (concurrency < 1 || concurrency > 512) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "--concurrency must be between 1 and 512, got " + concurrency);
        }
        if (maxAttempts < 1) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--attempts must be at least 1, got " + maxAttempts);
        }
    }

    public static RunSettings defaults(String actor) {
        return new RunSettings(24, 5, Duration.ofMillis(100), null, actor);
    }

    public RunSettings withUntil(Phase phase) {
        return new RunSettings(concurrency, maxAttempts, backoff, phase, actor, sites);
    }

    public RunSettings withSites(java.util.List<String> names) {
        return new RunSettings(concurrency, maxAttempts, backoff, until, actor, names);
    }

    /** Whether a step is one this run may carry out: of a phase up to {@code until}, of a chosen site. */
    public boolean covers(io.cutover.plan.Step step) {
        return (until == null || step.phase().compareTo(until) <= 0)
                && (sites.isEmpty() || sites.stream().anyMatch(s -> Site.sameName(s, step.site())));
    }

    /** Whether the run is limited to part of the plan. */
    public boolean partial() {
        return until != null || !sites.isEmpty();
    }
}
