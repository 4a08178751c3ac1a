package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Site;
import io.cutover.plan.Phase;
import io.cutover.schedule.Schedule;
import java.time.Duration;

/**
 * How the executor runs, resolved once at the edge.
 *
 * @param concurrency moves (and probes) in flight at once, {@value #MAX_CONCURRENCY} at most
 * @param maxAttempts attempts per item before a transient failure is reported as a failure, 1 to
 *     {@value #MAX_ATTEMPTS}
 * @param backoff the first retry's delay, 0 to {@value #MAX_BACKOFF_MILLIS} ms; it doubles per
 *     attempt (see {@link #retry()})
 * @param until run only steps of phases up to this one (null: all)
 * @param actor who is running, for the journal
 * @param sites run only steps of these sites (empty: every site), e.g. one site per change window
 * @param schedule the change windows and error budgets the run keeps to ({@link Schedule#NONE}:
 *     always open, no budget)
 * @param follow on a window hold, wait for the site's next window and go on (as {@code run
 *     --follow}), instead of ending the invocation with the hold
 */
public record RunSettings(
        int concurrency,
        int maxAttempts,
        Duration backoff,
        Phase until,
        String actor,
        java.util.List<String> sites,
        Schedule schedule,
        boolean follow) {
    public RunSettings(int concurrency, int maxAttempts, Duration backoff, Phase until, String actor) {
        this(concurrency, maxAttempts, backoff, until, actor, java.util.List.of());
    }

    public RunSettings(
            int concurrency,
            int maxAttempts,
            Duration backoff,
            Phase until,
            String actor,
            java.util.List<String> sites) {
        this(concurrency, maxAttempts, backoff, until, actor, sites, Schedule.NONE, false);
    }

    public static final int MAX_CONCURRENCY = 512;
    public static final int MAX_ATTEMPTS = 100;
    public static final long MAX_BACKOFF_MILLIS = 60_000;

    /** @throws CutoverException BAD_INPUT naming the option of a value out of its range */
    public RunSettings {
        sites = java.util.List.copyOf(sites);
        schedule = schedule == null ? Schedule.NONE : schedule;
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "--attempts must be between 1 and " + MAX_ATTEMPTS + ", got " + maxAttempts);
        }
        if (backoff.isNegative() || backoff.compareTo(java.time.Duration.ofMillis(MAX_BACKOFF_MILLIS)) > 0) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--backoff-ms must be between 0 and " + MAX_BACKOFF_MILLIS + ", got " + backoff);
        }
    }

    /** How items are retried: {@code maxAttempts} in all, delays doubling from {@code backoff}, with jitter. */
    public io.cutover.deployment.RetryPolicy retry() {
        return io.cutover.deployment.RetryPolicy.doubling(maxAttempts, backoff);
    }

    public static RunSettings defaults(String actor) {
        return new RunSettings(24, 5, Duration.ofMillis(100), null, actor);
    }

    public RunSettings withUntil(Phase phase) {
        return new RunSettings(concurrency, maxAttempts, backoff, phase, actor, sites, schedule, follow);
    }

    public RunSettings withSites(java.util.List<String> names) {
        return new RunSettings(concurrency, maxAttempts, backoff, until, actor, names, schedule, follow);
    }

    public RunSettings withSchedule(Schedule windowsAndBudgets) {
        return new RunSettings(concurrency, maxAttempts, backoff, until, actor, sites, windowsAndBudgets, follow);
    }

    /** The same settings, waiting for the next window on a window hold when {@code wait} is true. */
    public RunSettings withFollow(boolean wait) {
        return new RunSettings(concurrency, maxAttempts, backoff, until, actor, sites, schedule, wait);
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
