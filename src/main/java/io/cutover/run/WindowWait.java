package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Sleeper;
import io.cutover.journal.Journal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waiting for a site's next change window ({@code run --follow}) on the run's clock and sleeper, a
 * second at a time, so that an operator's pause or abort ends the wait as it would end a run.
 * With a virtual clock (a rehearsal) the sleeper moves the clock on, and the wait takes no time.
 */
final class WindowWait {
    /** The longest single sleep: how soon a pause or abort is noticed while waiting. */
    static final Duration STEP = Duration.ofSeconds(1);

    private WindowWait() {}

    /**
     * Waits until {@code until}.
     *
     * @return the request ("pause", "abort") that ended the wait early, or null once {@code until} came
     * @throws CutoverException INTERNAL when the thread is interrupted
     */
    static String until(Instant until, Clock clock, Sleeper sleeper, Journal journal, String runId) {
        try (StopSignal stop = StopSignal.watch(journal, runId)) {
            for (Instant now = clock.instant(); now.isBefore(until); now = clock.instant()) {
                if (stop.requested()) {
                    return stop.request();
                }
                Duration left = Duration.between(now, until);
                sleeper.sleep(left.compareTo(STEP) < 0 ? left : STEP);
            }
            return stop.request();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted while waiting for the next change window", e);
        }
    }
}
