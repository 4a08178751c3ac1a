package io.cutover.run;

import io.cutover.deployment.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for a rehearsal in virtual time: it moves only when work is charged to it (see {@link
 * VirtualCosts}) or something sleeps on it, and sleeping moves it on at once instead of waiting.
 * A run that holds at a window's end and follows jumps straight to the next opening. Safe to use
 * from several threads; it never goes back.
 */
public final class VirtualTime extends Clock implements Sleeper {
    private final AtomicReference<Instant> now;
    private final Duration perMove;
    private final Duration perChange;

    /** @param start the virtual instant the rehearsal starts at; changes cost nothing */
    public VirtualTime(Instant start) {
        this(start, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param start the virtual instant the rehearsal starts at
     * @param perMove what each move costs (see {@link VirtualCosts})
     * @param perChange what each other change costs
     */
    public VirtualTime(Instant start, Duration perMove, Duration perChange) {
        this.now = new AtomicReference<>(start);
        this.perMove = perMove;
        this.perChange = perChange;
    }

    /** {@code d} with its changes charged to this clock at this clock's costs. */
    public io.cutover.deployment.Deployment charged(io.cutover.deployment.Deployment d) {
        return new VirtualCosts(d, this, perMove, perChange);
    }

    /** Moves the clock on by {@code d} (not negative). */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("virtual time does not go back: " + d);
        }
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public void sleep(Duration d) {
        advance(d.isNegative() ? Duration.ZERO : d);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
